// Importing a plan: the bodies CSV, the task table as Excel saves it, and the whole plan as JSON
// (docs/plan-format.md). Pure: text and the bodies already known in, the parsed bodies/tasks or
// EVERY problem found (with its line) out; the caller stores nothing when there is a problem.
// Any thread.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/csv.h"
#include "engine/model.h"

namespace dondoc {

// Finds bodies by id, name or alias, compared after text::fold (case, diacritics, spacing); a
// leading plural word does not matter ("các chi bộ" = "Chi bộ").
class BodyIndex {
 public:
  explicit BodyIndex(const std::vector<Body>& bodies);
  // Ids of the bodies the text names: none, one, or several when the text is ambiguous.
  std::vector<std::string> match(std::string_view name) const;

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> by_key_;
};

// The bodies named by one table cell. The whole cell (spaces collapsed) is matched first, so
// "Phòng, ban ngành, đơn vị" is one group; otherwise it is split on ';' and line breaks, and a
// part that still matches nothing is read as a list "A, B và C": the longest run of neighbouring
// pieces that names a body, piece after piece. A piece that names nothing is reported by itself
// (the whole part when no piece matches). "-" or "" = none.
struct CellBodies {
  std::vector<std::string> ids;       // in cell order, no duplicates
  std::vector<std::string> problems;  // "không tìm thấy cơ quan \"Phòng Y tế\"", ambiguities
};
CellBodies resolve_body_cell(std::string_view cell, const BodyIndex& index);

// A lead cell that says who directs: "Ban Thường vụ Đảng ủy chỉ đạo; UBND xã triển khai". Each
// ';'-clause names bodies before its verb; those before "chỉ đạo" direct, the others lead (what
// follows "chỉ đạo," is a clause of its own). A cell without "chỉ đạo" (or naming a body such as
// "Ban Chỉ đạo") is all lead. The texts are still names, for resolve_body_cell.
struct LeadCell {
  std::vector<std::string> lead;
  std::vector<std::string> directing;
};
LeadCell split_lead_cell(std::string_view cell, const BodyIndex& index);

struct BodiesImport {
  std::vector<Body> bodies;  // the file's bodies, in file order
  std::vector<LineProblem> problems;
};
struct TasksImport {
  std::vector<Task> tasks;  // in file order; assignees not derived
  std::vector<LineProblem> problems;
};
struct PlanImport {
  Plan plan;  // the file's bodies, tasks and indicators; assignees not derived
  std::vector<LineProblem> problems;
};

// Header id,name,aliases,kind,members,leader (aliases, members ';'-separated). Members and leader
// may name bodies of the file (also later rows) or of `existing`.
BodiesImport import_bodies_csv(std::string_view csv, const std::vector<Body>& existing);

// The task table (TT, Tên nhiệm vụ, Cơ quan chủ trì, Cơ quan phối hợp, Kết quả, Thời gian hoàn
// thành, headers matched tolerantly). Roman-numeral rows without a lead are section headings.
TasksImport import_tasks_csv(std::string_view csv, const std::vector<Body>& bodies);

// {"issued":"YYYY-MM-DD","bodies":[...],"tasks":[...],"indicators":[...]}. Bodies are checked
// like the CSV; a task's lead/coordinators/directing are ids or names (a lead may say who directs,
// as in split_lead_cell); its deadline_text is parsed; "issued" sets Plan::issued.
PlanImport import_plan_json(std::string_view text, const std::vector<Body>& existing);

// Checks bodies being imported (each with the line it came from) against themselves and
// `existing`: ids, kinds, members and leaders that exist, names that do not collide. Rewrites
// members and leader from names to ids. Used by both importers.
std::vector<LineProblem> check_bodies(std::vector<Body>& bodies, const std::vector<int>& lines,
                                      const std::vector<Body>& existing);

// Bodies of `existing` replaced or extended by `incoming` (by id), existing order first.
std::vector<Body> merge_bodies(const std::vector<Body>& existing,
                               const std::vector<Body>& incoming);

}  // namespace dondoc
