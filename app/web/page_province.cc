// The province page (/tinh, issue 14 §2): every commune ranked by on-time rate, with what is
// overdue or blocked, report submission per cycle and whether its chats are linked; each commune
// links to its own overview. Province roles only; unscoped (it reads each commune in its scope).
#include "app/web/view.h"
#include "app/web/web.h"
#include "service/province.h"

namespace dondoc::app::web {
namespace {

using nlohmann::json;

std::string report_rate(const service::ReportRate& r) {
  if (r.due == 0) return "—";
  return std::to_string(r.submitted) + "/" + std::to_string(r.due) + " (" +
         percent(static_cast<double>(r.submitted) / r.due) + ")";
}

json commune_json(const service::CommuneSummary& c) {
  json reports = json::array();
  for (const auto& [cycle, rate] : c.reports) {
    reports.push_back({{"cycle", cycle}, {"rate", report_rate(rate)}});
  }
  return {{"rank", c.rank},
          {"id", c.commune.id},
          {"name", c.commune.name},
          {"href", "/xa/" + c.commune.id + "/"},
          {"problem", c.problem},
          {"due", c.due},
          {"on_time", c.on_time},
          {"rate", percent(c.on_time_rate)},
          {"overdue", c.overdue},
          {"blocked", c.blocked},
          {"reports", reports},
          {"linked_chats", c.linked_chats},
          {"unlinked", c.linked_chats == 0}};
}

HttpOut province(Request& r, Database& db) {
  json list = json::array();
  for (const auto& c : service::province_summary(db, r.now)) list.push_back(commune_json(c));
  return page(r, "Toàn tỉnh", "province", {{"communes", list}, {"empty", list.empty()}});
}

const Registration kProvince{Route::get("/tinh", &province)
                                 .need(service::Permission::view_province)
                                 .unscoped()
                                 .in_nav("province")};

}  // namespace
}  // namespace dondoc::app::web
