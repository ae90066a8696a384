// Calendar feeds over HTTP: GET /lich/ics/{token}.ics (no session: the secret token is the
// credential and names the commune; unknown or revoked: 404), and the panel's POSTs that create a
// subscription URL (shown once) and revoke one (secretariat, admin: Permission::create_link).
#include <charconv>

#include "app/web/feed_panel.h"
#include "app/web/view.h"
#include "app/web/web.h"
#include "service/calendar_feed.h"
#include "storage/plan_store.h"

namespace dondoc::app::web {
namespace {

using nlohmann::json;

constexpr std::string_view kSuffix = ".ics";

HttpOut not_found() {
  return HttpOut(404, "text/plain; charset=utf-8", "Không tìm thấy lịch này.\n");
}

// Unscoped, on the reader: the token's own commune is entered here.
HttpOut feed(Request& r, Database& db) {
  std::string file = r.param("file");
  if (file.size() <= kSuffix.size() || !file.ends_with(kSuffix)) return not_found();
  auto token = service::feed_token_lookup(db, file.substr(0, file.size() - kSuffix.size()));
  if (!token) return not_found();
  CommuneScope scope(db, token->commune);
  auto text = service::calendar_feed(db, token->body, r.now);
  if (!text) return not_found();  // the body left the plan, or no rules any more
  HttpOut out(200, "text/calendar; charset=utf-8", std::move(*text));
  out.headers.push_back({"Content-Disposition", "inline; filename=\"lich.ics\""});
  out.headers.push_back({"Cache-Control", "no-cache"});
  return out;
}

std::string body_name(Database& db, const std::string& body) {
  if (body.empty()) return "";
  for (const Body& b : load_bodies(db))
    if (b.id == body) return b.name;
  return body;
}

std::string scope_words(Database& db, const std::string& body) {
  return body.empty() ? "của toàn kế hoạch" : "của " + body_name(db, body);
}

std::string back_to(const Request& r, const std::string& body) {
  return r.url(body.empty() ? "/lich" : "/co-quan/" + body);
}

HttpOut create(Request& r, Database& db) {
  std::string body = r.f("body");
  if (!body.empty() && !r.viewer->sees_body(body)) return service_error(r, "forbidden");
  auto t = service::create_feed_token(db, body, r.actor(), r.now);
  if (!t) return service_error(r, t.error());
  auto host = r.headers.find("host");
  std::string path = "/lich/ics/" + t->token + ".ics";
  std::string url = host == r.headers.end()
                        ? path
                        : (r.secure_cookies ? "https://" : "http://") + host->second + path;
  std::string webcal = host == r.headers.end() ? "" : "webcal://" + host->second + path;
  return page(r, "Địa chỉ đăng ký lịch", "feed_token",
              {{"url", url},
               {"webcal", webcal},
               {"scope", scope_words(db, t->body)},
               {"back", back_to(r, t->body)}});
}

HttpOut revoke(Request& r, Database& db) {
  std::int64_t id = 0;
  std::string text = r.param("id");
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size()) return service_error(r, "not_found");
  auto t = service::revoke_feed_token(db, id, r.actor(), r.now);
  if (!t) return service_error(r, t.error());
  return redirect(r, back_to(r, t->body), "Đã thu hồi địa chỉ lịch số " + text + ".");
}

const Registration kFeed{Route::get("/lich/ics/{file}", &feed).open().unscoped()};
const Registration kCreate{Route::post("/lich/dia-chi", &create)
                               .need(service::Permission::create_link)
                               .in_nav("calendar")};
const Registration kRevoke{Route::post("/lich/dia-chi/{id}/thu-hoi", &revoke)
                               .need(service::Permission::create_link)
                               .in_nav("calendar")};

}  // namespace

std::string feed_panel(const Request& r, Database& db, const std::string& body) {
  if (!r.viewer || !service::allowed(*r.viewer, service::Permission::create_link)) return "";
  auto tokens = service::list_feed_tokens(db);
  if (!tokens) return "";
  json list = json::array();
  for (const auto& t : *tokens) {
    if (t.body != body) continue;
    std::string at = format_instant(t.created);
    list.push_back({{"id", t.id},
                    {"at", vn_time(t.created)},
                    {"at_iso", at},
                    {"revoked", t.revoked},
                    {"revoke_action", r.url("/lich/dia-chi/" + std::to_string(t.id) + "/thu-hoi")},
                    {"csrf", r.csrf}});
  }
  return render("feed_tokens", {{"tokens", list},
                                {"has_tokens", !list.empty()},
                                {"scope", scope_words(db, body)},
                                {"body", body},
                                {"create_action", r.url("/lich/dia-chi")},
                                {"csrf", r.csrf}});
}

}  // namespace dondoc::app::web
