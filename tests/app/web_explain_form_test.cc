// The overview's report grid against a real `dondoc serve`: a missing cell links to its
// explanation form (GET /giai-trinh) instead of carrying it; the form comes alone for htmx and as
// a page without JavaScript, with the session's CSRF token, and posts as before; an unknown body,
// cycle or period is 404 with why, a report that is not missing 400, a head 403.
#include <catch2/catch.hpp>

#include "tests/app/web_support.h"

namespace t = dondoc::testing;

namespace {

// The first missing cell's link in the overview ("" when none), its &amp; decoded.
std::string first_ask(const std::string& html) {
  std::string key = "<a class=\"ask-explanation\" href=\"";
  auto p = html.find(key);
  if (p == std::string::npos) return {};
  p += key.size();
  std::string url = html.substr(p, html.find('"', p) - p);
  for (std::size_t a; (a = url.find("&amp;")) != std::string::npos;) url.replace(a, 5, "&");
  return url;
}

// The value of `name=` in url's query.
std::string query_value(const std::string& url, const std::string& name) {
  auto p = url.find(name + "=");
  if (p == std::string::npos) return {};
  p += name.size() + 1;
  return url.substr(p, url.find('&', p) - p);
}

std::string form_url(const std::string& body, const std::string& cycle, const std::string& period) {
  return "/giai-trinh?body=" + body + "&cycle=" + cycle + "&period=" + period;
}

}  // namespace

TEST_CASE("web: a missing report's explanation form is fetched from the overview's grid") {
  t::WebServed s;
  s.add_user("truongphong", "head", "vh_xh");
  // A first tick before November: the monthly reports owed since then and not sent are missing.
  REQUIRE(t::run_dondoc({"--db", s.db, "tick", "--now", "2026-09-01T08:00+07:00"}).exit_code == 0);
  std::string cookie = s.sign_in("lanhdao");
  auto overview = s.get("/", cookie);
  REQUIRE(overview.status == 200);
  std::string csrf = t::csrf_of(overview.body);
  REQUIRE(!csrf.empty());
  std::string url = first_ask(overview.body);
  REQUIRE(!url.empty());
  CHECK(overview.body.find("hx-get=\"" + url.substr(0, url.find('&'))) != std::string::npos);
  CHECK(overview.body.find("action=\"/giai-trinh\"") == std::string::npos);  // no form in a cell
  std::string body = query_value(url, "body"), cycle = query_value(url, "cycle"),
              period = query_value(url, "period");
  REQUIRE(!body.empty());
  REQUIRE(!cycle.empty());
  REQUIRE(!period.empty());

  // htmx: the form alone, which takes the link's place in the cell.
  auto fragment =
      t::http_request(s.port, "GET", url, "", {{"Cookie", cookie}, {"HX-Request", "true"}});
  REQUIRE(fragment.status == 200);
  CHECK(fragment.body.rfind("<details class=\"ask-explanation\" open>", 0) == 0);
  CHECK(fragment.body.find("<html") == std::string::npos);
  CHECK(fragment.body.find("<form method=\"post\" action=\"/giai-trinh\">") != std::string::npos);
  CHECK(t::csrf_of(fragment.body).size() == csrf.size());  // the session's token, masked afresh
  CHECK(fragment.body.find("name=\"body\" value=\"" + body + "\"") != std::string::npos);
  CHECK(fragment.body.find("name=\"cycle\" value=\"" + cycle + "\"") != std::string::npos);
  CHECK(fragment.body.find("name=\"period\" value=\"" + period + "\"") != std::string::npos);
  CHECK(fragment.body.find("Gửi yêu cầu") != std::string::npos);

  // Without JavaScript the link opens a page with the same form.
  auto page = s.get(url, cookie);
  REQUIRE(page.status == 200);
  CHECK(page.body.find("<html") != std::string::npos);
  CHECK(page.body.find("Yêu cầu giải trình: ") != std::string::npos);
  CHECK(page.body.find("Chưa nộp") != std::string::npos);
  std::string form = t::without_csrf(fragment.body);
  CHECK(t::without_csrf(page.body).find(form.substr(0, form.find("</form>"))) != std::string::npos);

  // The form posts where it always did.
  auto ask = s.post("/giai-trinh",
                    "csrf=" + csrf + "&body=" + body + "&cycle=" + cycle + "&period=" + period +
                        "&reason=Neu+ro+ly+do",
                    cookie);
  REQUIRE(ask.status == 303);
  CHECK(ask.header("Location") == "/");
  auto list = t::run_dondoc({"--db", s.db, "explain", "list", "--json"});
  REQUIRE(list.exit_code == 0);
  CHECK(list.out.find("Neu ro ly do") != std::string::npos);

  SECTION("an unknown body, cycle or period: 404 with why; htmx is sent to that page") {
    auto no_body = s.get(form_url("khong_co", cycle, period), cookie);
    CHECK(no_body.status == 404);
    CHECK(no_body.body.find("Không có cơ quan") != std::string::npos);
    auto no_cycle = s.get(form_url(body, "hang_tuan", period), cookie);
    CHECK(no_cycle.status == 404);
    CHECK(no_cycle.body.find("Không có chu kỳ báo cáo") != std::string::npos);
    auto no_period = s.get(form_url(body, cycle, "2026-13"), cookie);
    CHECK(no_period.status == 404);
    CHECK(no_period.body.find("không có trong bảng") != std::string::npos);
    auto none = s.get("/giai-trinh", cookie);
    CHECK(none.status == 404);
    auto htmx = t::http_request(s.port, "GET", form_url("khong_co", cycle, period), "",
                                {{"Cookie", cookie}, {"HX-Request", "true"}});
    CHECK(htmx.status == 404);
    CHECK(htmx.header("HX-Redirect") == form_url("khong_co", cycle, period));
  }
  SECTION("a report that is not missing any more: 400 with why, nothing changed") {
    REQUIRE(t::run_dondoc({"--db", s.db, "record", "--body", body, "--cycle", cycle, "--period",
                           period, "--status", "done"})
                .exit_code == 0);
    auto sent = s.get(url, cookie);
    CHECK(sent.status == 400);
    CHECK(sent.body.find("không cần giải trình") != std::string::npos);
  }
  SECTION("a head may not ask: 403") {
    std::string head = s.sign_in("truongphong");
    CHECK(s.get(form_url("vh_xh", cycle, period), head).status == 403);
    CHECK(s.get(url, head).status == 403);
    CHECK(s.get("/", head).body.find("ask-explanation") == std::string::npos);
  }
}
