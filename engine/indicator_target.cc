#include "engine/indicator_target.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "rules/text.h"

namespace dondoc {
namespace {

using Kind = IndicatorTarget::Kind;

constexpr std::string_view kAtMost[] = {
    "≤", "<=", "<", "duoi", "khong vuot qua", "khong qua", "toi da", "nho hon", "thap hon"};
constexpr std::string_view kAtLeast[] = {
    "≥", ">=", ">", "=", "tren", "it nhat", "toi thieu", "lon hon", "cao hon", "dat", "tu"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == ':')) s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// Strips one comparison sign or word from the front of folded text; the kind it says.
std::optional<Kind> strip_comparison(std::string_view& s) {
  for (auto p : kAtMost) {
    if (s.substr(0, p.size()) == p) {
      s = trim(s.substr(p.size()));
      return Kind::at_most;
    }
  }
  for (auto p : kAtLeast) {
    if (s.substr(0, p.size()) == p) {
      s = trim(s.substr(p.size()));
      return Kind::at_least;
    }
  }
  return std::nullopt;
}

// Vietnamese writes a decimal comma and a thousands dot: "1.250,5" -> "1250.5"; "85,5" ->
// "85.5"; "1.000.000" -> "1000000"; "1.250" -> "1250" (a dot before exactly three digits);
// "2.5" -> "2.5".
std::string normalise_digits(std::string_view run) {
  auto count = [&](char c) { return std::count(run.begin(), run.end(), c); };
  std::string out;
  const auto dots = count('.'), commas = count(',');
  const auto dot = run.find('.');
  const bool thousands_dot = dots == 1 && run.size() - dot == 4;
  for (char c : run) {
    if (c == '.' && (commas > 0 || dots > 1 || thousands_dot)) continue;
    if (c == ',' && commas > 1) continue;
    out += c == ',' ? '.' : c;
  }
  return out;
}

// The leading number of s (folded, comparison stripped) and what follows it.
std::optional<double> leading_number(std::string_view s, std::string_view& rest) {
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && s[i] == '-') negative = true, ++i;
  std::size_t start = i;
  while (i < s.size() &&
         (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == ',')) {
    ++i;
  }
  while (i > start && (s[i - 1] == '.' || s[i - 1] == ',')) --i;  // "5." ends a sentence
  if (i == start || !std::isdigit(static_cast<unsigned char>(s[start]))) return std::nullopt;
  std::string digits = normalise_digits(s.substr(start, i - start));
  double v = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || p != digits.data() + digits.size()) return std::nullopt;
  rest = trim(s.substr(i));
  return negative ? -v : v;
}

}  // namespace

std::optional<double> parse_indicator_number(std::string_view written) {
  std::string folded = text::fold(written);
  std::string_view s = trim(folded);
  strip_comparison(s);
  std::string_view rest;
  return leading_number(s, rest);
}

IndicatorTarget parse_indicator_target(std::string_view written) {
  IndicatorTarget t;
  t.written = text::collapse_space(written);
  std::string folded = text::fold(written);
  std::string_view s = trim(folded);
  auto kind = strip_comparison(s);
  std::string_view rest;
  auto v = leading_number(s, rest);
  if (!v) return t;  // text
  t.kind = kind.value_or(Kind::at_least);
  t.value = *v;
  t.percent = rest.substr(0, 1) == "%" || rest.substr(0, 9) == "phan tram";
  return t;
}

bool target_met(const IndicatorTarget& target, double value) {
  constexpr double kEps = 1e-9;
  switch (target.kind) {
    case Kind::at_least:
      return value + kEps >= target.value;
    case Kind::at_most:
      return value - kEps <= target.value;
    case Kind::text:
      break;
  }
  return false;
}

namespace {

// The least-squares line through the points (x in days), followed from the last point to x_end.
double projected(const std::vector<std::pair<double, double>>& pts, double x_end) {
  double n = static_cast<double>(pts.size()), sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (auto [x, y] : pts) sx += x, sy += y, sxx += x * x, sxy += x * y;
  double den = n * sxx - sx * sx;
  double slope = std::abs(den) < 1e-12 ? 0 : (n * sxy - sx * sy) / den;
  return pts.back().second + slope * (x_end - pts.back().first);
}

std::string trend_state(const IndicatorTarget& target, const std::vector<IndicatorPoint>& history,
                        int milestone_year, int now_year) {
  std::vector<std::pair<double, double>> pts;
  for (const auto& p : history) {
    if (!p.number) continue;
    double days = static_cast<double>(p.at.time_since_epoch().count()) / 86400.0;
    pts.emplace_back(days, *p.number);
  }
  if (pts.empty()) return "no_data";
  if (target_met(target, pts.back().second)) return "met";
  if (milestone_year < now_year) return "at_risk";
  bool one_moment = pts.front().first == pts.back().first;
  if (pts.size() < 2 || one_moment) return milestone_year > now_year ? "on_track" : "at_risk";
  Date end = last_day_of_month(milestone_year, 12);
  double x_end =
      static_cast<double>(local_instant(end, 24 * 60 - 1).time_since_epoch().count()) / 86400.0;
  return target_met(target, projected(pts, x_end)) ? "on_track" : "at_risk";
}

}  // namespace

IndicatorJudgement judge_indicator(const std::map<int, std::string>& milestones,
                                   const std::vector<IndicatorPoint>& history, Instant now) {
  IndicatorJudgement j;
  if (milestones.empty()) {
    j.state = "not_measurable";
    return j;
  }
  const int year = year_of(local_date(now));
  auto it = milestones.lower_bound(year);
  int judged_year = 0;
  std::string judged;
  if (it != milestones.end()) {
    j.milestone_year = judged_year = it->first;
    j.milestone = judged = it->second;
  } else {
    judged_year = milestones.rbegin()->first;
    judged = milestones.rbegin()->second;
  }
  IndicatorTarget target = parse_indicator_target(judged);
  if (target.kind == IndicatorTarget::Kind::text) {
    j.state = "not_measurable";
    return j;
  }
  j.state = trend_state(target, history, judged_year, year);
  return j;
}

std::string indicator_state_vi(std::string_view state) {
  if (state == "met") return "Đạt";
  if (state == "on_track") return "Đúng tiến độ";
  if (state == "at_risk") return "Có nguy cơ không đạt";
  if (state == "no_data") return "Chưa có số liệu";
  if (state == "not_measurable") return "Không đo được bằng số";
  return std::string(state);
}

}  // namespace dondoc
