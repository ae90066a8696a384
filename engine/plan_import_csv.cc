// The CSV halves of engine/plan_import.h: the bodies file and the task table.
#include <algorithm>
#include <array>
#include <optional>

#include "engine/plan_import.h"
#include "engine/plan_json.h"
#include "rules/deadline.h"
#include "rules/text.h"

namespace dondoc {
namespace {

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find_first_of(";\n\r", start);
    if (end == std::string_view::npos) end = s.size();
    std::string part = text::collapse_space(text::nfc(s.substr(start, end - start)));
    if (!part.empty()) out.push_back(std::move(part));
    start = end + 1;
  }
  return out;
}

// A table's columns: for each role, the header spellings (folded) and the column index found.
struct Column {
  const char* label;                    // as shown in messages
  std::vector<std::string_view> names;  // folded spellings
  bool required;
  std::optional<std::size_t> index;
};

// The column each header cell names; returns how many roles were found.
int map_header(const CsvRecord& rec, std::vector<Column>& cols) {
  int found = 0;
  for (auto& c : cols) c.index.reset();
  for (std::size_t i = 0; i < rec.cells.size(); ++i) {
    std::string key = text::fold(rec.cells[i]);
    while (!key.empty() && (key.back() == ':' || key.back() == '*')) key.pop_back();
    for (auto& c : cols) {
      if (c.index || std::find(c.names.begin(), c.names.end(), key) == c.names.end()) continue;
      c.index = i;
      ++found;
      break;
    }
  }
  return found;
}

// Finds the header among the first rows (title rows above the table are skipped). Returns the
// index of the header record, or the records' size with problems when there is none.
std::size_t find_header(const std::vector<CsvRecord>& recs, std::vector<Column>& cols,
                        std::vector<LineProblem>& problems) {
  for (std::size_t r = 0; r < recs.size() && r < 20; ++r) {
    if (map_header(recs[r], cols) < 2) continue;
    for (const auto& c : cols) {
      if (c.required && !c.index) {
        problems.push_back({recs[r].line, "thiếu cột " + in_quotes(c.label)});
      }
    }
    return r;
  }
  std::string need;
  for (const auto& c : cols) {
    if (c.required) need += (need.empty() ? "" : ", ") + in_quotes(c.label);
  }
  problems.push_back({recs.empty() ? 1 : recs[0].line,
                      "không tìm thấy dòng tiêu đề của bảng (cần các cột " + need + ")"});
  return recs.size();
}

std::string cell(const CsvRecord& rec, const Column& col) {
  if (!col.index || *col.index >= rec.cells.size()) return "";
  return rec.cells[*col.index];
}

// --- bodies -------------------------------------------------------------------------------

enum BodyCol { kId, kName, kAliases, kKind, kMembers, kLeader };

std::vector<Column> body_columns() {
  return {{"id", {"id", "ma"}, true, {}},
          {"name", {"name", "ten"}, true, {}},
          {"aliases", {"aliases", "ten khac"}, false, {}},
          {"kind", {"kind", "loai"}, false, {}},
          {"members", {"members", "thanh vien"}, false, {}},
          {"leader", {"leader", "phu trach", "lanh dao"}, false, {}}};
}

Body read_body(const CsvRecord& rec, const std::vector<Column>& cols,
               std::vector<LineProblem>& problems) {
  Body b;
  b.id = text::collapse_space(cell(rec, cols[kId]));
  b.name = text::collapse_space(text::nfc(cell(rec, cols[kName])));
  b.aliases = split_list(cell(rec, cols[kAliases]));
  std::string kind = text::collapse_space(cell(rec, cols[kKind]));
  if (!kind.empty()) {
    if (auto k = parse_body_kind(kind)) {
      b.kind = *k;
    } else {
      problems.push_back(
          {rec.line, "loại " + in_quotes(kind) + " không hợp lệ (unit, group, person, committee)"});
    }
  }
  b.members = split_list(cell(rec, cols[kMembers]));
  if (kind.empty() && !b.members.empty()) b.kind = Body::Kind::group;
  b.leader = text::collapse_space(text::nfc(cell(rec, cols[kLeader])));
  return b;
}

// --- tasks --------------------------------------------------------------------------------

enum TaskCol { kTt, kTitle, kLead, kCoord, kOutput, kDeadline, kDirecting };

std::vector<Column> task_columns() {
  return {{"TT", {"tt", "stt", "so tt", "so thu tu"}, true, {}},
          {"Tên nhiệm vụ", {"ten nhiem vu", "nhiem vu", "noi dung nhiem vu", "noi dung"}, true, {}},
          {"Cơ quan chủ trì", {"co quan chu tri", "chu tri", "don vi chu tri"}, true, {}},
          {"Cơ quan phối hợp", {"co quan phoi hop", "phoi hop", "don vi phoi hop"}, false, {}},
          {"Kết quả",
           {"ket qua", "san pham", "ket qua/san pham", "ket qua, san pham", "san pham/ket qua",
            "ket qua/ san pham", "ket qua dau ra"},
           false,
           {}},
          {"Thời gian hoàn thành",
           {"thoi gian hoan thanh", "thoi han", "thoi han hoan thanh", "thoi gian thuc hien"},
           true,
           {}},
          {"Cơ quan chỉ đạo",
           {"co quan chi dao", "chi dao", "don vi chi dao", "lanh dao chi dao", "nguoi chi dao"},
           false,
           {}}};
}

// "I.", "II", "iv." -> "I", "II", "IV"; "" if not a roman numeral.
std::string roman(std::string_view tt) {
  std::string s = text::collapse_space(tt);
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s.empty()) return "";
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (std::string_view("IVXLC").find(c) == std::string_view::npos) return "";
  }
  return s;
}

// "II. Nhóm các nhiệm vụ …" -> {"II", "Nhóm các nhiệm vụ …"}; nullopt unless it starts with a
// roman numeral, a dot and text.
std::optional<std::pair<std::string, std::string>> numbered_heading(const std::string& s) {
  std::size_t dot = s.find('.');
  if (dot == std::string::npos || dot + 1 >= s.size() || s[dot + 1] != ' ') return std::nullopt;
  std::string numeral = roman(s.substr(0, dot));
  if (numeral.empty()) return std::nullopt;
  return std::make_pair(numeral, text::collapse_space(s.substr(dot + 1)));
}

// A section heading row, as {numeral, title}: a roman TT with no lead or no deadline (its text in
// the first filled cell: a merged heading may spill into the lead column, commas and all), or the
// heading written whole in the TT or title cell with no lead and no deadline.
std::optional<std::pair<std::string, std::string>> heading_row(const CsvRecord& rec,
                                                               const std::vector<Column>& cols) {
  auto at = [&](TaskCol c) { return text::collapse_space(text::nfc(cell(rec, cols[c]))); };
  std::string tt = at(kTt), lead = at(kLead), deadline = at(kDeadline);
  if (std::string numeral = roman(tt); !numeral.empty() && (lead.empty() || deadline.empty())) {
    for (TaskCol c : {kTitle, kLead, kCoord, kOutput}) {
      if (std::string t = at(c); !t.empty()) return std::make_pair(numeral, t);
    }
    return std::make_pair(numeral, std::string());
  }
  if (!lead.empty() || !deadline.empty()) return std::nullopt;
  if (auto h = numbered_heading(tt)) {
    if (std::string title = at(kTitle); !title.empty()) h->second += " " + title;
    return h;
  }
  if (tt.empty()) return numbered_heading(at(kTitle));
  return std::nullopt;
}

struct TaskReader {
  const std::vector<Column>& cols;
  const BodyIndex& index;
  std::vector<LineProblem>& problems;
  std::string section, section_title;
  std::map<std::string, int> seen;

  void bodies(const CsvRecord& rec, TaskCol col, std::string_view text,
              std::vector<std::string>& out) {
    auto r = resolve_body_cell(text, index);
    for (auto& p : r.problems) {
      problems.push_back({rec.line, p + " (cột " + in_quotes(cols[col].label) + ")"});
    }
    for (auto& id : r.ids) {
      if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
    }
  }

  // Lead and directing bodies: the lead cell may say who directs ("… chỉ đạo; … triển khai"),
  // and a "Cơ quan chỉ đạo" column may name more.
  void lead_and_directing(const CsvRecord& rec, Task& t) {
    LeadCell lc = split_lead_cell(cell(rec, cols[kLead]), index);
    for (const auto& l : lc.lead) bodies(rec, kLead, l, t.lead);
    for (const auto& d : lc.directing) bodies(rec, kLead, d, t.directing);
    bodies(rec, kDirecting, cell(rec, cols[kDirecting]), t.directing);
  }

  void deadline(const CsvRecord& rec, Task& t) {
    t.deadline_text = text::collapse_space(text::nfc(cell(rec, cols[kDeadline])));
    if (t.deadline_text.empty()) {
      problems.push_back({rec.line, "thiếu thời gian hoàn thành của nhiệm vụ " + in_quotes(t.id)});
      return;
    }
    auto d = parse_deadline(t.deadline_text);
    if (d) {
      t.deadline = *d;
    } else {
      problems.push_back({rec.line, "không hiểu thời gian hoàn thành " +
                                        in_quotes(t.deadline_text) + ": " + d.error()});
    }
  }

  void check_id(const CsvRecord& rec, const std::string& id) {
    if (id.empty()) {
      problems.push_back({rec.line, "thiếu TT (số thứ tự) của nhiệm vụ"});
      return;
    }
    auto [it, inserted] = seen.emplace(id, rec.line);
    if (!inserted) {
      problems.push_back(
          {rec.line, "TT " + in_quotes(id) + " trùng với dòng " + std::to_string(it->second)});
    }
  }

  // A task, or nullopt for a section heading.
  std::optional<Task> read(const CsvRecord& rec) {
    std::string tt = text::collapse_space(text::nfc(cell(rec, cols[kTt])));
    std::string title = text::collapse_space(text::nfc(cell(rec, cols[kTitle])));
    if (auto h = heading_row(rec, cols)) {
      section = h->first;
      section_title = h->second;
      return std::nullopt;
    }
    Task t;
    t.id = tt;
    t.section = section;
    t.section_title = section_title;
    t.title = title;
    check_id(rec, tt);
    if (title.empty()) problems.push_back({rec.line, "thiếu tên nhiệm vụ"});
    std::size_t before = problems.size();
    lead_and_directing(rec, t);
    if (t.lead.empty() && problems.size() == before) {
      problems.push_back({rec.line, "thiếu cơ quan chủ trì của nhiệm vụ " + in_quotes(tt)});
    }
    bodies(rec, kCoord, cell(rec, cols[kCoord]), t.coordinators);
    t.output = text::collapse_space(text::nfc(cell(rec, cols[kOutput])));
    deadline(rec, t);
    return t;
  }
};

// A header row repeated on a later page.
bool is_repeated_header(const CsvRecord& rec, const std::vector<Column>& cols) {
  std::vector<Column> copy = cols;
  return map_header(rec, copy) >= 3;
}

}  // namespace

BodiesImport import_bodies_csv(std::string_view csv, const std::vector<Body>& existing) {
  BodiesImport out;
  CsvTable table = parse_csv(csv);
  out.problems = table.problems;
  if (!out.problems.empty()) return out;
  auto cols = body_columns();
  std::size_t header = find_header(table.records, cols, out.problems);
  if (!out.problems.empty()) return out;
  std::vector<int> lines;
  for (std::size_t r = header + 1; r < table.records.size(); ++r) {
    out.bodies.push_back(read_body(table.records[r], cols, out.problems));
    lines.push_back(table.records[r].line);
  }
  for (auto& p : check_bodies(out.bodies, lines, existing)) out.problems.push_back(std::move(p));
  std::stable_sort(out.problems.begin(), out.problems.end(),
                   [](const LineProblem& a, const LineProblem& b) { return a.line < b.line; });
  return out;
}

TasksImport import_tasks_csv(std::string_view csv, const std::vector<Body>& bodies) {
  TasksImport out;
  CsvTable table = parse_csv(csv);
  out.problems = table.problems;
  if (!out.problems.empty()) return out;
  auto cols = task_columns();
  std::size_t header = find_header(table.records, cols, out.problems);
  if (!out.problems.empty()) return out;
  BodyIndex index(bodies);
  TaskReader reader{cols, index, out.problems, "", "", {}};
  for (std::size_t r = header + 1; r < table.records.size(); ++r) {
    if (is_repeated_header(table.records[r], cols)) continue;
    if (auto t = reader.read(table.records[r])) out.tasks.push_back(std::move(*t));
  }
  if (out.tasks.empty() && out.problems.empty()) {
    out.problems.push_back({table.records[header].line, "bảng không có nhiệm vụ nào"});
  }
  return out;
}

}  // namespace dondoc
