// Lịch: the coming deadlines and report dues grouped by week (the next 6) or by month (the next 3)
// on the working calendar (service::coming_dues). A read on the reader thread.
#include "app/web/feed_panel.h"
#include "app/web/view.h"
#include "app/web/web.h"
#include "service/dashboard.h"

namespace dondoc::app::web {
namespace {

using nlohmann::json;

json due_item_json(const Request& r, const service::DueItem& d) {
  json b = badge(d.standing);
  return {{"due", vn_date(d.due)},
          {"label", d.label},
          {"body", d.body},
          {"name", d.name},
          {"href", d.report ? r.url("/co-quan/" + d.body) : r.url("/nhiem-vu/" + d.task)},
          {"report", d.report},
          {"badge", b}};
}

json group_json(const Request& r, const service::DueGroup& g) {
  json items = json::array();
  for (const auto& d : g.items) items.push_back(due_item_json(r, d));
  return {{"title", g.title},    {"from", vn_date(g.from)},
          {"to", vn_date(g.to)}, {"working_days", g.working_days},
          {"items", items},      {"empty", items.empty()}};
}

HttpOut calendar(Request& r, Database& db) {
  bool by_month = r.q("theo") == "thang";
  auto groups = service::coming_dues(db, r.now, *r.viewer, by_month, by_month ? 3 : 6);
  if (!groups) return service_error(r, groups.error());
  json list = json::array();
  for (const auto& g : groups.value()) list.push_back(group_json(r, g));
  return page(r, "Lịch hạn", "calendar",
              {{"groups", list},
               {"by_month", by_month},
               {"week_href", r.url("/lich")},
               {"month_href", r.url("/lich?theo=thang")},
               {"feeds", feed_panel(r, db, "")}});
}

const Registration kCalendar{Route::get("/lich", &calendar).in_nav("calendar")};

}  // namespace
}  // namespace dondoc::app::web
