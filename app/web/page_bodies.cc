// Cơ quan: the list of bodies with their counts and chart, a body's page (what it owes, its reply
// history, its linked chats) and "Tạo mã liên kết", which shows the new code once with its QR code.
// GETs on the reader; the link code's POST on the writer (it stores the code's hash and an audit).
#include <openssl/rand.h>

#include "app/web/explanations_view.h"
#include "app/web/feed_panel.h"
#include "app/web/qr.h"
#include "app/web/svg.h"
#include "app/web/view.h"
#include "app/web/web.h"
#include "service/dashboard.h"
#include "service/link.h"

namespace dondoc::app::web {
namespace {

using nlohmann::json;

std::string body_href(const Request& r, const std::string& body) {
  return r.url("/co-quan/" + body);
}

json body_line_json(const Request& r, const service::BodyLine& b) {
  return {{"body", b.body},
          {"name", b.name},
          {"href", body_href(r, b.body)},
          {"counts", counts_json(b.counts)},
          {"rate", percent(b.counts.on_time_rate)},
          {"last_reply", b.last_reply ? vn_time(*b.last_reply) : ""},
          {"linked", b.linked_chats > 0},
          {"linked_chats", b.linked_chats},
          {"chart", stacked_bar(b.name, segments_of(b.counts), 360)}};
}

HttpOut bodies(Request& r, Database& db) {
  json list = json::array();
  std::vector<RateBar> rates;
  for (const service::BodyLine& b : service::body_list(db, r.now, *r.viewer)) {
    list.push_back(body_line_json(r, b));
    rates.push_back({b.name, b.counts.on_time_rate});
  }
  return page(r, "Cơ quan, đơn vị", "bodies",
              {{"bodies", list}, {"any", !list.empty()}, {"rate_chart", rate_chart(rates)}});
}

json body_page_json(const Request& r, const service::BodyPage& p) {
  json owes = json::array(), replies = json::array(), chats = json::array();
  for (const auto& row : p.owes) {
    json j = status_row_json(row);
    j["href"] = row.obligation.cycle.empty() ? r.url("/nhiem-vu/" + row.obligation.task) : "";
    j["badge"] = badge(service::standing_of(row));
    owes.push_back(j);
  }
  for (const auto& h : p.replies) {
    replies.push_back({{"at", vn_time_text(h.at)},
                       {"at_iso", h.at},
                       {"kind", h.kind_vi},
                       {"actor", h.actor},
                       {"text", h.text}});
  }
  for (const auto& c : p.chats) {
    chats.push_back({{"channel", c.channel},
                     {"chat_id", c.chat_id},
                     {"name", c.name},
                     {"at", vn_time_text(c.linked_at)},
                     {"at_iso", c.linked_at}});
  }
  json j = body_line_json(r, p.line);
  j.update({{"owes", owes},
            {"replies", replies},
            {"chats", chats},
            {"has_owes", !owes.empty()},
            {"has_replies", !replies.empty()},
            {"has_chats", !chats.empty()},
            {"can_link", service::allowed(*r.viewer, service::Permission::create_link)},
            {"link_action", body_href(r, p.line.body) + "/ma-lien-ket"},
            {"reports_href", r.url("/bao-cao-co-quan?co-quan=" + p.line.body)},
            {"csrf", r.csrf}});
  return j;
}

HttpOut body(Request& r, Database& db) {
  auto p = service::body_page(db, r.now, *r.viewer, r.param("id"));
  if (!p) return service_error(r, p.error());
  json j = body_page_json(r, p.value());
  j["feeds"] = feed_panel(r, db, p->line.body);
  j["explanations"] = body_explanations_html(r, db, p->line.body);
  return page(r, p->line.name, "body", j);
}

bool random_bytes(std::vector<std::uint8_t>& bytes) {
  return RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) == 1;
}

// The code is shown once, in the answer to the POST (never stored in clear, never in a URL).
HttpOut create_link(Request& r, Database& db) {
  std::string id = r.param("id");
  if (!r.viewer->sees_body(id)) return service_error(r, "forbidden");
  auto code = service::create_link_code(db, id, r.now, &random_bytes);
  if (!code) return service_error(r, code.error());
  std::string text = link_qr_text(r.f("bot"), code->code);
  return page(r, "Mã liên kết: " + code->body_name, "link_code",
              {{"code", code->code},
               {"body_name", code->body_name},
               {"expires", vn_time(code->expires)},
               {"qr_text", text},
               {"qr", qr_svg(text).value_or("")},
               {"back", body_href(r, code->body)}});
}

const Registration kList{Route::get("/co-quan", &bodies).in_nav("bodies")};
const Registration kBody{Route::get("/co-quan/{id}", &body).in_nav("bodies")};
const Registration kLink{Route::post("/co-quan/{id}/ma-lien-ket", &create_link)
                             .need(service::Permission::create_link)
                             .in_nav("bodies")};

}  // namespace
}  // namespace dondoc::app::web
