// Kế hoạch: importing a plan from the page (a CSV or JSON upload, all or nothing, each problem
// shown as FILE:LINE: message). On the writer, audited with the user. (A body's link code is
// created from the Cơ quan page: page_bodies.cc.)
#include "app/demo_data.h"
#include "app/web/parse.h"
#include "app/web/web.h"
#include "rules/input_error.h"
#include "service/import_plan.h"

namespace dondoc::app::web {
namespace {

using nlohmann::json;
using service::Permission;

json kinds(const std::string& selected) {
  json out = json::array();
  for (auto [value, label] :
       {std::pair{"plan", "Cả kế hoạch (JSON)"}, std::pair{"tasks", "Bảng nhiệm vụ (CSV)"},
        std::pair{"bodies", "Danh sách cơ quan (CSV)"}}) {
    out.push_back({{"value", value}, {"label", label}, {"selected", selected == value}});
  }
  return out;
}

HttpOut plan_form(Request& r, Database&) {
  return page(r, "Nhập kế hoạch", "plan_import",
              {{"kinds", kinds("plan")}, {"action", r.url("/ke-hoach")}});
}

HttpOut plan_import(Request& r, Database& db) {
  const Upload* file = r.file("file");
  std::string kind = r.f("kind");
  json data{{"kinds", kinds(kind)}, {"action", r.url("/ke-hoach")}};
  if (!file || file->data.empty()) {
    data["problems"] = json::array({"Hãy chọn tệp kế hoạch (CSV hoặc JSON)."});
    return page(r, "Nhập kế hoạch", "plan_import", std::move(data), 400);
  }
  service::PlanImportRequest req;
  req.kind = kind == "bodies"  ? service::PlanFile::bodies
             : kind == "tasks" ? service::PlanFile::tasks
                               : service::PlanFile::plan;
  req.file = file->filename.empty() ? "tệp" : file->filename;
  req.text = file->data;
  req.default_rules = embedded_file("rules.jsonc");
  auto result = service::import_plan_file(db, req, r.now);
  if (!result.ok()) {
    json problems = json::array();
    for (const auto& p : result.problems) problems.push_back(format(p));
    if (result.no_bodies_yet)
      problems.push_back("Chưa có cơ quan nào: hãy nhập danh sách cơ quan trước.");
    data["problems"] = problems;
    data["count"] = result.problems.size();
    throw Rollback(page(r, "Nhập kế hoạch", "plan_import", std::move(data), 400));
  }
  const auto& c = result.counts;
  return redirect(r, r.url("/nhiem-vu"),
                  "Đã nhập " + req.file + ": " + std::to_string(c.bodies.total()) + " cơ quan, " +
                      std::to_string(c.tasks.total()) + " nhiệm vụ.");
}

const Registration kForm{Route::get("/ke-hoach", &plan_form).need(Permission::import_plan)};
const Registration kImport{Route::post("/ke-hoach", &plan_import).need(Permission::import_plan)};

}  // namespace
}  // namespace dondoc::app::web
