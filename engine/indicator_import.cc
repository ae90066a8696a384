#include "engine/indicator_import.h"

#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "engine/indicator_target.h"
#include "engine/plan_import.h"
#include "rules/text.h"

namespace dondoc {
namespace {

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

struct Columns {
  std::optional<std::size_t> number, name, unit, body;
  std::map<int, std::size_t> years;  // milestone year -> column
  std::vector<std::string> labels;   // header cells as written (one line), for messages
};

// The year 2000–2100 a header names ("Đến hết năm 2025" -> 2025), else 0.
int header_year(std::string_view key) {
  for (std::size_t i = 0; i + 4 <= key.size(); ++i) {
    bool digits = true;
    for (std::size_t k = 0; k < 4; ++k) digits &= std::isdigit((unsigned char)key[i + k]) != 0;
    bool alone = (i == 0 || !std::isdigit((unsigned char)key[i - 1])) &&
                 (i + 4 == key.size() || !std::isdigit((unsigned char)key[i + 4]));
    if (!digits || !alone) continue;
    int y = std::stoi(std::string(key.substr(i, 4)));
    if (y >= 2000 && y <= 2100) return y;
  }
  return 0;
}

bool starts(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

Columns map_header(const CsvRecord& rec) {
  Columns c;
  for (std::size_t i = 0; i < rec.cells.size(); ++i) {
    std::string key = text::fold(rec.cells[i]);
    while (!key.empty() && (key.back() == ':' || key.back() == '*')) key.pop_back();
    c.labels.push_back(text::collapse_space(rec.cells[i]));
    if (!c.number && (key == "stt" || key == "tt" || key == "so tt" || key == "id" ||
                      key == "number" || key == "so thu tu")) {
      c.number = i;
    } else if (!c.name && (key == "ten chi tieu" || key == "chi tieu" || key == "name" ||
                           key == "noi dung chi tieu")) {
      c.name = i;
    } else if (!c.unit &&
               (key == "don vi" || key == "don vi tinh" || key == "dvt" || key == "unit")) {
      c.unit = i;
    } else if (!c.body && (starts(key, "co quan") || starts(key, "don vi chu tri") ||
                           key == "monitoring_body" || key == "monitoring body")) {
      c.body = i;
    } else if (int y = header_year(key); y != 0 && !c.years.count(y)) {
      c.years[y] = i;
    }
  }
  return c;
}

std::string cell(const CsvRecord& rec, std::optional<std::size_t> col) {
  if (!col || *col >= rec.cells.size()) return "";
  return text::collapse_space(text::nfc(rec.cells[*col]));
}

std::string column_label(const Columns& c, std::size_t col) {
  return col < c.labels.size() ? in_quotes(c.labels[col]) : "";
}

// The header row among the first 20 and its columns; problems when none or one is missing.
std::optional<std::size_t> find_header(const std::vector<CsvRecord>& recs, Columns& cols,
                                       std::vector<LineProblem>& problems) {
  for (std::size_t r = 0; r < recs.size() && r < 20; ++r) {
    Columns c = map_header(recs[r]);
    if (!c.number || !c.name) continue;
    cols = std::move(c);
    if (cols.years.empty() && r + 1 < recs.size()) {  // years on a second header row
      Columns below = map_header(recs[r + 1]);
      if (!below.years.empty()) {
        cols.years = below.years;
        for (const auto& [year, col] : below.years) {
          if (col >= cols.labels.size()) cols.labels.resize(col + 1);
          cols.labels[col] = below.labels[col];
        }
        ++r;
      }
    }
    if (!cols.body) {
      problems.push_back({recs[r].line, "thiếu cột \"Cơ quan chủ trì theo dõi, đánh giá\""});
    }
    if (cols.years.empty()) {
      problems.push_back(
          {recs[r].line, "thiếu cột mốc năm (ví dụ \"Đến hết năm 2025\", \"2030\")"});
    }
    return r;
  }
  problems.push_back({recs.empty() ? 1 : recs[0].line,
                      "không tìm thấy dòng tiêu đề của bảng chỉ tiêu (cần các cột \"STT\", "
                      "\"Tên chỉ tiêu\", các mốc năm và \"Cơ quan chủ trì theo dõi, đánh giá\")"});
  return std::nullopt;
}

// A milestone cell that starts with a comparison but holds no number ("≥", "≤ năm") is a mistake.
bool malformed_milestone(const std::string& m) {
  auto t = parse_indicator_target(m);
  if (t.kind != IndicatorTarget::Kind::text) return false;
  std::string f = text::fold(m);
  return starts(f, "≥") || starts(f, "≤") || starts(f, ">") || starts(f, "<");
}

struct RowReader {
  const Columns& cols;
  const BodyIndex& index;
  std::string last_body;  // the body of the row above, for merged cells
  std::set<std::string> seen;
  IndicatorsImport& out;

  void problem(int line, std::optional<std::size_t> col, const std::string& what) {
    out.problems.push_back({line, "cột " + column_label(cols, col.value_or(0)) + ": " + what});
  }

  void milestones(const CsvRecord& rec, Indicator& ind) {
    for (const auto& [year, col] : cols.years) {
      std::string m = cell(rec, col);
      if (m.empty() || m == "-") continue;
      if (malformed_milestone(m)) problem(rec.line, col, "mốc " + in_quotes(m) + " thiếu con số");
      ind.milestones[year] = m;
    }
  }

  void body(const CsvRecord& rec, Indicator& ind) {
    std::string written = cell(rec, cols.body);
    if (written.empty()) {
      if (last_body.empty()) problem(rec.line, cols.body, "thiếu cơ quan theo dõi");
      ind.monitoring_body = last_body;
      return;
    }
    auto ids = index.match(written);
    if (ids.size() == 1) {
      ind.monitoring_body = last_body = ids.front();
    } else if (ids.empty()) {
      problem(rec.line, cols.body, "không tìm thấy cơ quan " + in_quotes(written));
    } else {
      problem(rec.line, cols.body, "tên cơ quan " + in_quotes(written) + " chưa rõ là cơ quan nào");
    }
  }

  void read(const CsvRecord& rec) {
    Indicator ind;
    ind.id = cell(rec, cols.number);
    ind.name = cell(rec, cols.name);
    ind.unit = cell(rec, cols.unit);
    while (!ind.id.empty() && ind.id.back() == '.') ind.id.pop_back();
    milestones(rec, ind);
    bool heading = ind.unit.empty() && ind.milestones.empty() && cell(rec, cols.body).empty();
    if (heading && !ind.id.empty()) return;  // a group heading ("1 Trình độ …")
    if (ind.id.empty()) problem(rec.line, cols.number, "thiếu số thứ tự của chỉ tiêu");
    if (ind.name.empty()) problem(rec.line, cols.name, "thiếu tên chỉ tiêu");
    if (!ind.id.empty() && !seen.insert(ind.id).second) {
      problem(rec.line, cols.number, "chỉ tiêu " + in_quotes(ind.id) + " đã có ở dòng trên");
    }
    body(rec, ind);
    out.indicators.push_back(std::move(ind));
  }
};

}  // namespace

IndicatorsImport import_indicators_csv(std::string_view csv, const std::vector<Body>& bodies) {
  IndicatorsImport out;
  CsvTable table = parse_csv(csv);
  if (!table.problems.empty()) {
    out.problems = std::move(table.problems);
    return out;
  }
  Columns cols;
  auto header = find_header(table.records, cols, out.problems);
  if (!header || !out.problems.empty()) return out;
  BodyIndex index(bodies);
  RowReader reader{cols, index, "", {}, out};
  for (std::size_t r = *header + 1; r < table.records.size(); ++r) reader.read(table.records[r]);
  if (out.indicators.empty() && out.problems.empty()) {
    out.problems.push_back({table.records[*header].line, "bảng không có chỉ tiêu nào"});
  }
  if (!out.problems.empty()) out.indicators.clear();
  return out;
}

}  // namespace dondoc
