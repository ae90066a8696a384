// Issue 15 §3, the web's sign-in against the real `dondoc serve` on loopback and a real SQLite
// file: sign-in ok / wrong / locked, the session cookie's flags, the security headers, a POST
// without the CSRF token or from another origin refused, not signed in sent to /dang-nhap (401
// for the API).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/app/web_support.h"

namespace t = dondoc::testing;
using nlohmann::json;

TEST_CASE("web: sign-in sets an HttpOnly SameSite=Lax session cookie and the pages' headers") {
  t::WebServed s;
  auto form = s.get("/dang-nhap");
  CHECK(form.status == 200);
  CHECK(form.body.find("Tên đăng nhập") != std::string::npos);
  CHECK(form.header("Content-Security-Policy").find("frame-ancestors 'none'") != std::string::npos);
  CHECK(form.header("X-Content-Type-Options") == "nosniff");
  CHECK(form.header("Referrer-Policy") == "same-origin");

  auto r = s.sign_in_reply("admin1", t::kWebPassword);
  REQUIRE(r.status == 303);
  std::string cookie = r.header("Set-Cookie");
  CHECK(cookie.starts_with("dondoc_session="));
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Lax") != std::string::npos);
  CHECK(cookie.find("Path=/") != std::string::npos);
  CHECK(cookie.find("Secure") == std::string::npos);  // public_url is not https here
}

TEST_CASE("web: a wrong password is refused in Vietnamese; five lock the account") {
  t::WebServed s;
  auto r = s.sign_in_reply("admin1", "sai-mat-khau-123");
  CHECK(r.status == 401);
  CHECK(r.header("Set-Cookie").empty());
  CHECK(r.body.find("Tên đăng nhập hoặc mật khẩu không đúng") != std::string::npos);
  for (int i = 0; i < 5; ++i) r = s.sign_in_reply("admin1", "sai-mat-khau-123");
  CHECK(r.body.find("tạm khóa") != std::string::npos);
  // Even the right password waits for the lock to end.
  r = s.sign_in_reply("admin1", t::kWebPassword);
  CHECK(r.status == 401);
}

TEST_CASE("web: a POST without the CSRF token or from another origin is refused with 403") {
  t::WebServed s;
  std::string cookie = s.sign_in("admin1");
  auto no_csrf = s.post("/dang-xuat", "", cookie);
  CHECK(no_csrf.status == 403);
  CHECK(no_csrf.body.find("CSRF") != std::string::npos);
  auto foreign = t::http_request(
      s.port, "POST", "/dang-nhap", "name=admin1&password=x",
      {{"Content-Type", "application/x-www-form-urlencoded"}, {"Origin", "http://evil.example"}});
  CHECK(foreign.status == 403);
  auto none = t::http_request(s.port, "POST", "/dang-nhap", "name=admin1&password=x",
                              {{"Content-Type", "application/x-www-form-urlencoded"}});
  CHECK(none.status == 403);
}

TEST_CASE("web: not signed in goes to /dang-nhap; the API answers 401; sign-out ends the session") {
  t::WebServed s;
  auto page = s.get("/nhiem-vu");
  CHECK(page.status == 303);
  CHECK(page.header("Location").starts_with("/dang-nhap"));
  CHECK(s.get("/api/v1/summary").status == 401);
  CHECK(s.get("/api/v1/summary", "", "Bearer nope").status == 401);

  std::string cookie = s.sign_in("admin1");
  auto home = s.get("/nhiem-vu", cookie);
  CHECK(home.status == 200);
  CHECK(home.header("Cache-Control") == "no-store");
  std::string csrf = t::csrf_of(home.body);
  REQUIRE(!csrf.empty());
  auto out = s.post("/dang-xuat", "csrf=" + csrf, cookie);
  CHECK(out.status == 303);
  CHECK(s.get("/nhiem-vu", cookie).status == 303);
}

TEST_CASE("web: each answer carries the CSRF token masked afresh, and every mask is accepted") {
  t::WebServed s;
  std::string mine = s.sign_in("admin1");
  std::string other = s.sign_in("lanhdao");
  std::string first = t::csrf_of(s.get("/", mine).body);
  std::string second = t::csrf_of(s.get("/", mine).body);
  REQUIRE(first.size() == 128);
  REQUIRE(second.size() == 128);
  CHECK(first != second);  // a compressed page's size says nothing of the token
  CHECK(first.find_first_not_of("0123456789abcdef") == std::string::npos);

  // Another session's token, or one digit changed: refused, and the session stays.
  CHECK(s.post("/dang-xuat", "csrf=" + t::csrf_of(s.get("/", other).body), mine).status == 403);
  std::string altered = first;
  altered[100] = altered[100] == '0' ? '1' : '0';
  CHECK(s.post("/dang-xuat", "csrf=" + altered, mine).status == 403);
  CHECK(s.post("/dang-xuat", "csrf=" + first.substr(0, 64), mine).status == 403);
  CHECK(s.get("/", mine).status == 200);
  // An older mask of the same session's token signs out as well as the newest.
  CHECK(s.post("/dang-xuat", "csrf=" + first, mine).status == 303);
  CHECK(s.get("/", mine).status == 303);
}
