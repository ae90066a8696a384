// Sign-in and sign-out: the name + password form, the chat sign-in link's page (a button whose
// POST signs in, so a link preview cannot use the link up), and sign-out. Public routes, except
// sign-out; the POSTs run on the writer (attempt counters, sessions).
#include <openssl/rand.h>

#include "app/web/guard.h"
#include "app/web/web.h"
#include "service/accounts.h"

namespace dondoc::app::web {
namespace {

using nlohmann::json;

bool random_bytes(std::vector<std::uint8_t>& bytes) {
  return RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) == 1;
}

// Only a path of this site: "/x" but not "//host" (an open redirect).
std::string safe_next(const std::string& next) {
  if (next.size() > 1 && next[0] == '/' && next[1] != '/' && next[1] != '\\') return next;
  return "/";
}

HttpOut signed_in(const Request& r, const service::Session& s, const std::string& next) {
  HttpOut out = redirect(r, safe_next(next));
  out.headers.emplace_back("Set-Cookie", session_cookie(s.token, r.secure_cookies));
  return out;
}

HttpOut sign_in_form(Request& r, Database&) {
  return page(r, "Đăng nhập", "sign_in", {{"next", r.q("next")}, {"name", ""}});
}

HttpOut sign_in_post(Request& r, Database& db) {
  service::SignIn req{r.f("name"), r.f("password"), r.client, r.now};
  auto s = service::sign_in(db, req, &random_bytes);
  if (!s) {
    return page(r, "Đăng nhập", "sign_in",
                {{"next", r.f("next")}, {"name", r.f("name")}, {"error", s.error()}}, 401);
  }
  return signed_in(r, s.value(), r.f("next"));
}

HttpOut chat_link_page(Request& r, Database& db) {
  bool valid = service::chat_sign_in_valid(db, r.param("token"), r.now);
  return page(r, "Đăng nhập từ tin nhắn", "sign_in_link",
              {{"token", r.param("token")}, {"valid", valid}}, valid ? 200 : 410);
}

HttpOut chat_link_post(Request& r, Database& db) {
  auto s = service::use_chat_sign_in(db, r.param("token"), r.now, &random_bytes);
  if (!s) {
    return page(r, "Đăng nhập từ tin nhắn", "sign_in_link",
                {{"token", r.param("token")}, {"valid", false}, {"error", s.error()}}, 410);
  }
  return signed_in(r, s.value(), "/");
}

HttpOut sign_out_post(Request& r, Database& db) {
  service::sign_out(db, r.session, r.now);
  HttpOut out = redirect(r, "/dang-nhap", "Đã đăng xuất.");
  out.headers.emplace_back("Set-Cookie", session_cookie_cleared(r.secure_cookies));
  return out;
}

const Registration kForm{Route::get("/dang-nhap", &sign_in_form).open().unscoped()};
const Registration kPost{Route::post("/dang-nhap", &sign_in_post).open().unscoped()};
const Registration kLink{Route::get("/dang-nhap/{token}", &chat_link_page).open().unscoped()};
const Registration kLinkPost{Route::post("/dang-nhap/{token}", &chat_link_post).open().unscoped()};
const Registration kOut{Route::post("/dang-xuat", &sign_out_post).unscoped()};

}  // namespace
}  // namespace dondoc::app::web
