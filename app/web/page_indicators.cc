// Chỉ tiêu: the plan's indicators with their latest value, next milestone and standing, each
// one's history, and a form for recording a value (record_status: the secretariat and the other
// commune roles allowed it, a head only for the indicators its body monitors); and
// GET /api/v1/indicators (docs/api.md "Chỉ tiêu"). A head sees its body's indicators only.
#include "app/web/view.h"
#include "app/web/web.h"
#include "service/indicators.h"
#include "service/indicators_json.h"

namespace dondoc::app::web {
namespace {

using nlohmann::json;
using service::Permission;

std::string tone(const std::string& state) {
  if (state == "met") return "tone-green";
  if (state == "on_track") return "tone-blue";
  if (state == "at_risk") return "tone-red";
  return "tone-grey";
}

bool may_record(const Request& r, const service::IndicatorStanding& s) {
  return service::allowed(*r.viewer, Permission::record_status) &&
         r.viewer->sees_body(s.monitoring_body);
}

json value_json(const service::IndicatorValue& v, const std::string& unit) {
  return {{"value", service::with_unit(v.value, unit)},
          {"at", vn_time(v.at)},
          {"by", v.by},
          {"source", v.source},
          {"note", v.note}};
}

json row_json(const Request& r, const service::IndicatorStanding& s) {
  json history = json::array();
  for (auto it = s.history.rbegin(); it != s.history.rend(); ++it) {
    history.push_back(value_json(*it, s.unit));
  }
  json j = {{"id", s.id},
            {"name", s.name},
            {"unit", s.unit},
            {"body", s.monitoring_body_name},
            {"latest", s.latest ? service::with_unit(s.latest->value, s.unit) : ""},
            {"latest_at", s.latest ? vn_date(local_date(s.latest->at)) : ""},
            {"has_latest", s.latest.has_value()},
            {"milestone_year", s.next_milestone_year},
            {"milestone", service::with_unit(s.next_milestone, s.unit)},
            {"has_milestone", s.next_milestone_year > 0},
            {"state", s.state},
            {"state_vi", s.state_vi},
            {"tone", tone(s.state)},
            {"history", history},
            {"has_history", !history.empty()},
            {"can_record", may_record(r, s)},
            {"action", r.url("/chi-tieu/" + s.id + "/ghi")},
            {"csrf", r.csrf}};
  return j;
}

std::vector<service::IndicatorStanding> visible(const Request& r,
                                                std::vector<service::IndicatorStanding> all) {
  std::erase_if(all, [&](const auto& s) { return !r.viewer->sees_body(s.monitoring_body); });
  return all;
}

HttpOut indicators_page(Request& r, Database& db) {
  auto all = service::indicator_standings(db, r.now);
  if (!all) return service_error(r, all.error());
  json rows = json::array();
  for (const auto& s : visible(r, std::move(all).value())) rows.push_back(row_json(r, s));
  return page(r, "Chỉ tiêu", "indicators",
              {{"rows", rows}, {"empty", rows.empty()}, {"count", rows.size()}});
}

HttpOut record_value(Request& r, Database& db) {
  auto s = service::indicator_standing(db, r.param("id"), r.now);
  if (!s) return service_error(r, "not_found");
  if (!r.viewer->sees_body(s->monitoring_body)) {
    return error(r, 403, "Bạn chỉ ghi được chỉ tiêu do cơ quan mình theo dõi.");
  }
  service::RecordIndicator rec;
  rec.indicator = s->id;
  rec.value = r.f("value");
  rec.note = r.f("note");
  rec.body = r.viewer->role == service::Role::head ? r.viewer->body : "";
  rec.by = r.actor();
  rec.source = "web";
  rec.at = r.now;
  auto v = service::record_indicator(db, rec);
  std::string back = r.url("/chi-tieu#ct-" + s->id);
  if (!v) return redirect(r, back, v.error());
  return redirect(r, back, service::indicator_confirmation(db, *v, r.now));
}

HttpOut api_indicators(Request& r, Database& db) {
  auto all = service::indicator_standings(db, r.now);
  if (!all) return service_error(r, all.error());
  return json_out(200, service::indicators_json(visible(r, std::move(all).value())));
}

const Registration kPage{Route::get("/chi-tieu", &indicators_page).in_nav("indicators")};
const Registration kRecord{
    Route::post("/chi-tieu/{id}/ghi", &record_value).need(Permission::record_status)};
const Registration kApi{Route::get("/api/v1/indicators", &api_indicators)};

}  // namespace
}  // namespace dondoc::app::web
