#include "engine/plan_import.h"

#include <algorithm>
#include <set>

#include "engine/plan_json.h"
#include "rules/deadline.h"
#include "rules/text.h"

namespace dondoc {
namespace {

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

void add_unique(std::vector<std::string>& ids, const std::string& id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
  });
}

}  // namespace

std::vector<Body> merge_bodies(const std::vector<Body>& existing,
                               const std::vector<Body>& incoming) {
  std::vector<Body> out = existing;
  for (const auto& b : incoming) {
    auto it = std::find_if(out.begin(), out.end(), [&](const Body& e) { return e.id == b.id; });
    if (it != out.end()) {
      *it = b;
    } else {
      out.push_back(b);
    }
  }
  return out;
}

namespace {

// Resolves a member or leader reference (id, name or alias) to an id; "" and a problem if not.
std::string resolve_ref(const std::string& ref, const BodyIndex& index, const char* what,
                        std::vector<std::string>& problems) {
  auto ids = index.match(ref);
  if (ids.size() == 1) return ids[0];
  problems.push_back(
      std::string(what) + " " + in_quotes(ref) +
      (ids.empty() ? " không phải là cơ quan nào đã biết" : " ứng với nhiều cơ quan"));
  return ref;
}

// Names and aliases of `b` that also name a different body of `all`.
void check_names(const Body& b, const BodyIndex& index, std::vector<std::string>& problems) {
  std::vector<std::string> names = b.aliases;
  names.insert(names.begin(), b.name);
  for (const auto& n : names) {
    for (const auto& id : index.match(n)) {
      if (id != b.id)
        problems.push_back("tên " + in_quotes(n) + " trùng với cơ quan " + in_quotes(id));
    }
  }
}

std::vector<std::string> check_body(Body& b, const BodyIndex& index) {
  std::vector<std::string> problems;
  if (!valid_id(b.id)) {
    problems.push_back(
        "mã " + in_quotes(b.id) +
        " không hợp lệ: chỉ dùng chữ không dấu, số, \"_\", \"-\", \".\" (tối đa 64)");
  }
  if (b.name.empty()) problems.push_back("thiếu tên cơ quan (name)");
  if (b.kind == Body::Kind::group && b.members.empty()) {
    problems.push_back("nhóm " + in_quotes(b.id) + " chưa có thành viên (members)");
  }
  if (b.kind != Body::Kind::group && !b.members.empty()) {
    problems.push_back("chỉ nhóm (kind group) mới có thành viên (members)");
  }
  for (auto& m : b.members) {
    m = resolve_ref(m, index, "thành viên", problems);
    if (m == b.id)
      problems.push_back("nhóm " + in_quotes(b.id) + " không thể là thành viên của chính nó");
  }
  if (!b.leader.empty()) b.leader = resolve_ref(b.leader, index, "người phụ trách", problems);
  check_names(b, index, problems);
  return problems;
}

}  // namespace

namespace {

// check_bodies with the line and column (0 for CSV rows) each body starts at.
std::vector<LineProblem> check_bodies_at(std::vector<Body>& bodies,
                                         const std::vector<SourcePos>& at,
                                         const std::vector<Body>& existing) {
  std::vector<LineProblem> problems;
  std::map<std::string, int> first_line;
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    auto [it, inserted] = first_line.emplace(bodies[i].id, at[i].line);
    if (!inserted) {
      problems.push_back(
          {at[i].line,
           "mã " + in_quotes(bodies[i].id) + " trùng với dòng " + std::to_string(it->second),
           at[i].col});
    }
  }
  // Stored bodies not re-imported, and every row of the file (duplicates too, so that a name
  // collision is reported on both rows).
  std::vector<Body> all;
  for (const auto& b : existing) {
    if (!first_line.count(b.id)) all.push_back(b);
  }
  all.insert(all.end(), bodies.begin(), bodies.end());
  BodyIndex index(all);
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    for (auto& m : check_body(bodies[i], index)) {
      problems.push_back({at[i].line, std::move(m), at[i].col});
    }
  }
  return problems;
}

}  // namespace

std::vector<LineProblem> check_bodies(std::vector<Body>& bodies, const std::vector<int>& lines,
                                      const std::vector<Body>& existing) {
  std::vector<SourcePos> at;
  for (int line : lines) at.push_back({line, 0});
  return check_bodies_at(bodies, at, existing);
}

}  // namespace dondoc

// --- the whole plan as JSON -------------------------------------------------------------------

namespace dondoc {
namespace {

// The array under `key` with where each element starts.
struct Elements {
  std::vector<const nlohmann::json*> items;
  std::vector<SourcePos> at;
};

Elements elements(const JsoncDoc& doc, const char* key, std::vector<LineProblem>& problems) {
  Elements out;
  auto it = doc.value.find(key);
  if (it == doc.value.end() || it->is_null()) return out;
  if (!it->is_array()) {
    SourcePos at = doc.value_at(pointer_append("", key));
    problems.push_back({at.line, std::string("\"") + key + "\" phải là danh sách [...]", at.col});
    return out;
  }
  for (std::size_t i = 0; i < it->size(); ++i) {
    out.items.push_back(&(*it)[i]);
    out.at.push_back(element_pos(doc, key, i));
  }
  return out;
}

void add_all(std::vector<LineProblem>& out, SourcePos at, std::vector<std::string>& messages) {
  for (auto& m : messages) out.push_back({at.line, std::move(m), at.col});
  messages.clear();
}

void resolve_list(std::vector<std::string>& refs, const BodyIndex& index, const char* what,
                  std::vector<std::string>& problems) {
  std::vector<std::string> ids;
  for (const auto& r : refs) {
    auto cell = resolve_body_cell(r, index);
    for (auto& p : cell.problems) problems.push_back(p + " (" + what + ")");
    for (auto& id : cell.ids) add_unique(ids, id);
  }
  refs = std::move(ids);
}

// A lead written as a cell that says who directs ("… chỉ đạo; … triển khai") adds to directing.
void split_directing(Task& t, const BodyIndex& index) {
  std::vector<std::string> lead;
  for (const auto& l : t.lead) {
    LeadCell lc = split_lead_cell(l, index);
    lead.insert(lead.end(), lc.lead.begin(), lc.lead.end());
    t.directing.insert(t.directing.end(), lc.directing.begin(), lc.directing.end());
  }
  t.lead = std::move(lead);
}

// The plan's date: "issued": "YYYY-MM-DD".
void read_issued(const JsoncDoc& doc, PlanImport& out) {
  auto it = doc.value.find("issued");
  if (it == doc.value.end() || it->is_null()) return;
  std::optional<Date> d;
  if (it->is_string()) d = parse_date(it->get<std::string>());
  if (d) {
    out.plan.issued = d;
    return;
  }
  SourcePos at = doc.value_at("/issued");
  out.problems.push_back(
      {at.line, "\"issued\" phải là ngày dạng \"YYYY-MM-DD\" (ngày ban hành)", at.col});
}

void read_tasks(const Elements& els, const BodyIndex& index, PlanImport& out) {
  std::map<std::string, int> seen;
  std::vector<std::string> msgs;
  for (std::size_t i = 0; i < els.items.size(); ++i) {
    Task t = task_from_json(*els.items[i], msgs);
    if (!t.id.empty() && !seen.emplace(t.id, els.at[i].line).second) {
      msgs.push_back("TT " + in_quotes(t.id) + " trùng với dòng " + std::to_string(seen[t.id]));
    }
    std::size_t before = msgs.size();
    split_directing(t, index);
    resolve_list(t.lead, index, "lead", msgs);
    if (t.lead.empty() && msgs.size() == before)
      msgs.push_back("nhiệm vụ " + in_quotes(t.id) + " thiếu cơ quan chủ trì (lead)");
    resolve_list(t.coordinators, index, "coordinators", msgs);
    resolve_list(t.directing, index, "directing", msgs);
    if (t.deadline_text.empty()) {
      msgs.push_back("nhiệm vụ " + in_quotes(t.id) + " thiếu thời hạn (deadline_text)");
    } else if (auto d = parse_deadline(t.deadline_text)) {
      t.deadline = *d;
    } else {
      msgs.push_back("không hiểu thời hạn " + in_quotes(t.deadline_text) + ": " + d.error());
    }
    add_all(out.problems, els.at[i], msgs);
    out.plan.tasks.push_back(std::move(t));
  }
}

void read_indicators(const Elements& els, const BodyIndex& index, PlanImport& out) {
  std::map<std::string, int> seen;
  std::vector<std::string> msgs;
  for (std::size_t i = 0; i < els.items.size(); ++i) {
    Indicator ind = indicator_from_json(*els.items[i], msgs);
    if (!ind.id.empty() && !seen.emplace(ind.id, els.at[i].line).second) {
      msgs.push_back("chỉ tiêu " + in_quotes(ind.id) + " trùng với dòng " +
                     std::to_string(seen[ind.id]));
    }
    if (!ind.monitoring_body.empty()) {
      std::vector<std::string> refs{ind.monitoring_body};
      resolve_list(refs, index, "monitoring_body", msgs);
      if (refs.size() == 1) ind.monitoring_body = refs[0];
    }
    add_all(out.problems, els.at[i], msgs);
    out.plan.indicators.push_back(std::move(ind));
  }
}

}  // namespace

PlanImport import_plan_json(std::string_view text, const std::vector<Body>& existing) {
  PlanImport out;
  if (text.size() > CsvLimits{}.max_bytes) {
    out.problems.push_back({0, "tệp quá lớn (" + std::to_string(text.size()) + " byte, tối đa " +
                                   std::to_string(CsvLimits{}.max_bytes) + " byte)"});
    return out;
  }
  auto doc = read_plan_json(text, CsvLimits{}.max_bytes, out.problems);
  if (!doc) return out;
  for (const auto& [key, value] : doc->value.items()) {
    if (key != "issued" && key != "bodies" && key != "tasks" && key != "indicators") {
      SourcePos at = doc->key_at(pointer_append("", key));
      out.problems.push_back(
          {at.line,
           "khóa không rõ " + in_quotes(key) + " (chỉ có issued, bodies, tasks, indicators)",
           at.col});
    }
  }
  read_issued(*doc, out);
  Elements bodies = elements(*doc, "bodies", out.problems);
  std::vector<std::string> msgs;
  for (std::size_t i = 0; i < bodies.items.size(); ++i) {
    out.plan.bodies.push_back(body_from_json(*bodies.items[i], msgs));
    add_all(out.problems, bodies.at[i], msgs);
  }
  for (auto& p : check_bodies_at(out.plan.bodies, bodies.at, existing)) {
    out.problems.push_back(std::move(p));
  }
  BodyIndex index(merge_bodies(existing, out.plan.bodies));
  read_tasks(elements(*doc, "tasks", out.problems), index, out);
  read_indicators(elements(*doc, "indicators", out.problems), index, out);
  sort_by_position(out.problems);
  return out;
}

}  // namespace dondoc
