// The explanation requests on the API (docs/api.md "Giải trình"): GET /api/v1/explanations
// (?state=, ?body=, ?task=), GET /api/v1/explanations/{id}, POST /api/v1/explanations (a leader
// asks a body to explain an overdue task or a missing report), in the JSON of
// app/explanation_json.h. A head sees its body's requests only.
#include "app/explanation_json.h"
#include "app/web/web.h"
#include "service/bodies.h"
#include "service/explanations.h"

namespace dondoc::app::web {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
using service::AskRefusal;

// {"ok":false,"error":…,"field":…}: an API error naming the field at fault.
HttpOut refused(int status, const std::string& field, const std::string& message) {
  json j{{"ok", false}, {"error", message}};
  if (!field.empty()) j["field"] = field;
  return json_out(status, j);
}

Result<std::vector<service::ExplanationRequest>> all(Request& r, Database& db) {
  return service::list_explanations(db, "", Date{}, *parse_date("2999-12-31"), r.now);
}

HttpOut list(Request& r, Database& db) {
  const auto& v = *r.viewer;
  std::string state = r.q("state");
  if (!state.empty() && state != "open" && state != "answered" && state != "overdue")
    return refused(400, "state", "state: một trong open, answered, overdue.");
  std::string body = r.q("body");
  if (!body.empty()) {
    auto id = service::body_id(db, body);
    if (!id) return refused(404, "body", id.error());
    body = *id;
  }
  if (v.role == service::Role::head) {
    if (!body.empty() && !v.sees_body(body))
      return refused(403, "body", "Bạn không có quyền xem hoặc làm việc này.");
    body = v.body;
  }
  auto rows = all(r, db);
  if (!rows) return service_error(r, rows.error());
  ordered_json out = ordered_json::array();
  for (const auto& e : *rows) {
    if ((!body.empty() && e.body != body) || (!state.empty() && e.state != state)) continue;
    if (!r.q("task").empty() && e.task != r.q("task")) continue;
    out.push_back(explanation_json(e));
  }
  return HttpOut{200, "application/json", out.dump()};
}

HttpOut one(Request& r, Database& db) {
  auto id = service::parse_explanation_ref(r.param("id"));
  if (!id) return refused(400, "id", "id: \"" + r.param("id") + "\" không hợp lệ (ví dụ GT12).");
  auto rows = all(r, db);
  if (!rows) return service_error(r, rows.error());
  for (const auto& e : *rows) {
    if (e.id != *id) continue;
    if (!r.viewer->sees_body(e.body)) return service_error(r, "forbidden");
    return HttpOut{200, "application/json", explanation_json(e).dump()};
  }
  return refused(404, "id", "Không có yêu cầu giải trình " + explanation_ref(*id) + ".");
}

// A JSON string field, or a number written as one ("task": 3); nullopt for anything else.
std::optional<std::string> text_of(const json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::string();
  if (j[key].is_string()) return j[key].get<std::string>();
  if (j[key].is_number_integer()) return std::to_string(j[key].get<long long>());
  return std::nullopt;
}

// The request's fields into `a`; an answer when the JSON is not what docs/api.md says.
std::optional<HttpOut> read_ask(const Request& r, Database& db, service::AskExplanation& a) {
  json j = json::parse(r.json, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return refused(400, "", "Cần một đối tượng JSON (Content-Type: application/json).");
  auto body = text_of(j, "body"), task = text_of(j, "task"), note = text_of(j, "note");
  if (!body || body->empty()) return refused(400, "body", "body: cần mã hoặc tên cơ quan.");
  if (!task) return refused(400, "task", "task: cần số nhiệm vụ.");
  if (!note) return refused(400, "note", "note: cần một chuỗi.");
  if (j.contains("report")) {
    const json& rep = j["report"];
    auto cycle = rep.is_object() ? text_of(rep, "cycle") : std::nullopt;
    auto period = rep.is_object() ? text_of(rep, "period") : std::nullopt;
    if (!cycle || cycle->empty())
      return refused(400, "report.cycle", "report.cycle: cần kỳ báo cáo.");
    if (!period || period->empty())
      return refused(400, "report.period", "report.period: cần kỳ (ví dụ 2026-10).");
    a.cycle = *cycle;
    a.period = *period;
  }
  auto id = service::body_id(db, *body);
  if (!id) return refused(404, "body", "body: " + id.error());
  a.body = *id;
  a.task = *task;
  a.reason = *note;
  return std::nullopt;
}

std::string api_field(const std::string& field) {
  if (field == "reason") return "note";
  if (field == "cycle" || field == "period") return "report." + field;
  return field;
}

HttpOut ask(Request& r, Database& db) {
  service::AskExplanation a;
  if (auto bad = read_ask(r, db, a)) return *bad;
  a.asked_by = r.actor();
  a.at = r.now;
  AskRefusal why;
  auto out = service::ask_explanation(db, a, &why);
  if (!out) {
    int status = why.kind == AskRefusal::Kind::unknown    ? 404
                 : why.kind == AskRefusal::Kind::conflict ? 409
                                                          : 400;
    return refused(status, api_field(why.field), out.error());
  }
  return HttpOut{201, "application/json", explanation_json(*out).dump()};
}

const Registration kList{Route::get("/api/v1/explanations", &list)};
const Registration kOne{Route::get("/api/v1/explanations/{id}", &one)};
const Registration kAsk{
    Route::post("/api/v1/explanations", &ask).need(service::Permission::request_explanation)};

}  // namespace
}  // namespace dondoc::app::web
