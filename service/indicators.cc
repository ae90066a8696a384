#include "service/indicators.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "engine/indicator_target.h"
#include "engine/model.h"
#include "rules/text.h"
#include "storage/indicator_store.h"
#include "storage/plan_store.h"

namespace dondoc::service {
namespace {

constexpr std::size_t kMaxValue = 200;
constexpr std::size_t kMaxNote = 1000;

IndicatorValue from_row(const IndicatorValueRow& r) {
  IndicatorValue v;
  v.indicator = r.indicator;
  v.value = r.value;
  v.number = r.number;
  v.by = r.by;
  v.source = r.source;
  v.at = parse_instant(r.at_iso).value_or(Instant{});
  v.note = r.note;
  return v;
}

// "CT 1.1", "chỉ tiêu 1.1", "1.1." -> "1.1"; the plan's indicator with that number.
const Indicator* find_indicator(const std::vector<Indicator>& all, std::string_view id) {
  std::string key = text::collapse_space(id);
  while (!key.empty() && (key.back() == '.' || key.back() == ':')) key.pop_back();
  for (const auto& i : all) {
    if (i.id == key) return &i;
  }
  return nullptr;
}

std::string body_name(const std::vector<Body>& bodies, const std::string& id) {
  for (const auto& b : bodies) {
    if (b.id == id) return b.name;
  }
  return id;
}

IndicatorStanding standing_of(const Indicator& ind, const std::vector<Body>& bodies,
                              std::vector<IndicatorValue> history, Instant now) {
  IndicatorStanding s;
  s.id = ind.id;
  s.name = ind.name;
  s.unit = ind.unit;
  s.monitoring_body = ind.monitoring_body;
  s.monitoring_body_name = body_name(bodies, ind.monitoring_body);
  std::vector<IndicatorPoint> points;
  for (const auto& v : history) points.push_back({v.at, v.number});
  auto j = judge_indicator(ind.milestones, points, now);
  s.next_milestone_year = j.milestone_year;
  s.next_milestone = j.milestone;
  s.state = j.state;
  s.state_vi = indicator_state_vi(j.state);
  if (!history.empty()) s.latest = history.back();
  s.history = std::move(history);
  return s;
}

std::optional<std::string> check_value(const Indicator& ind, const RecordIndicator& r,
                                       std::optional<double>& number) {
  std::string value = text::collapse_space(r.value);
  if (value.empty()) return "Thiếu giá trị của chỉ tiêu " + ind.id + ".";
  if (value.size() > kMaxValue) return "Giá trị quá dài (tối đa 200 byte).";
  if (r.note.size() > kMaxNote) return "Ghi chú quá dài (tối đa 1000 byte).";
  if (!text::valid_utf8(r.value) || !text::valid_utf8(r.note)) return "Văn bản không hợp lệ.";
  number = parse_indicator_number(value);
  bool measurable = std::any_of(ind.milestones.begin(), ind.milestones.end(), [](const auto& m) {
    return parse_indicator_target(m.second).kind != IndicatorTarget::Kind::text;
  });
  if (measurable && !number) {
    std::string example = ind.unit == "%" || ind.unit.empty() ? "85%" : "2 " + ind.unit;
    return "Không đọc được số trong \"" + value + "\": chỉ tiêu " + ind.id +
           " cần một số (ví dụ: " + example + ").";
  }
  return std::nullopt;
}

}  // namespace

std::string with_unit(std::string_view written, std::string_view unit) {
  std::string w = text::collapse_space(written);
  if (unit.empty() || w.empty()) return w;
  if (!std::isdigit(static_cast<unsigned char>(w.back()))) return w;
  if (unit == "%") return w + "%";
  return w + " " + std::string(unit);
}

Result<IndicatorValue> record_indicator(Database& db, const RecordIndicator& r) {
  auto all = load_indicators(db);
  const Indicator* ind = find_indicator(all, r.indicator);
  if (!ind) {
    return Error{"Không có chỉ tiêu \"" + text::collapse_space(r.indicator) +
                 "\" trong kế hoạch (xem `dondoc indicators`)."};
  }
  auto bodies = load_bodies(db);
  if (!r.body.empty() && r.body != ind->monitoring_body) {
    return Error{"Chỉ tiêu " + ind->id + " do " + body_name(bodies, ind->monitoring_body) +
                 " theo dõi, không phải " + body_name(bodies, r.body) + "."};
  }
  std::optional<double> number;
  if (auto e = check_value(*ind, r, number)) return Error{*e};
  IndicatorValueRow row;
  row.indicator = ind->id;
  row.value = text::collapse_space(r.value);
  row.number = number;
  row.body = r.body.empty() ? ind->monitoring_body : r.body;
  row.by = r.by;
  row.source = r.source;
  row.at_iso = format_instant(r.at);
  row.note = text::collapse_space(r.note);
  insert_indicator_value(db, row);
  return from_row(row);
}

Result<std::vector<IndicatorStanding>> indicator_standings(Database& db, Instant now) {
  auto all = load_indicators(db);
  auto bodies = load_bodies(db);
  std::map<std::string, std::vector<IndicatorValue>> values;
  for (const auto& row : load_indicator_values(db)) {
    values[row.indicator].push_back(from_row(row));
  }
  std::vector<IndicatorStanding> out;
  out.reserve(all.size());
  for (const auto& ind : all) {
    auto it = values.find(ind.id);
    out.push_back(standing_of(
        ind, bodies, it == values.end() ? std::vector<IndicatorValue>{} : it->second, now));
  }
  return out;
}

Result<IndicatorStanding> indicator_standing(Database& db, std::string_view id, Instant now) {
  auto all = load_indicators(db);
  const Indicator* ind = find_indicator(all, id);
  if (!ind) return Error{"Không có chỉ tiêu \"" + std::string(id) + "\" trong kế hoạch."};
  std::vector<IndicatorValue> history;
  for (const auto& row : load_indicator_values(db, ind->id)) history.push_back(from_row(row));
  return standing_of(*ind, load_bodies(db), std::move(history), now);
}

std::string indicator_confirmation(Database& db, const IndicatorValue& v, Instant now) {
  auto s = indicator_standing(db, v.indicator, now);
  if (!s) return "Đã ghi chỉ tiêu " + v.indicator + ": " + v.value + ".";
  std::string out = "Đã ghi chỉ tiêu " + s->id + " (" + text::cut_at_word(s->name, 60) +
                    "): " + with_unit(v.value, s->unit);
  std::string state = text::lower(s->state_vi);
  if (s->next_milestone_year > 0) {
    out += " (mốc " + std::to_string(s->next_milestone_year) + ": " +
           with_unit(s->next_milestone, s->unit) + ", " + state + ").";
  } else {
    out += " (" + state + ").";
  }
  return out;
}

}  // namespace dondoc::service
