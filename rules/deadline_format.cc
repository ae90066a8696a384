// The outward forms of a DeadlineSpec declared in rules/deadline.h: JSON both ways and the
// readable Vietnamese line. The phrase parser is in deadline.cc.
#include <nlohmann/json.hpp>

#include "rules/deadline.h"

namespace dondoc {
namespace {

using S = Result<DeadlineSpec>;
using Kind = DeadlineSpec::Kind;

template <class Json>
Json make_json(const DeadlineSpec& s) {
  Json j = Json::object();
  j["kind"] = std::string(to_string(s.kind));
  if (s.due) j["due"] = format_date(*s.due);
  if (s.from) j["from"] = *s.from;
  if (s.month_of_quarter) j["month_of_quarter"] = *s.month_of_quarter;
  if (s.month) j["month"] = *s.month;
  if (s.day) j["day"] = *s.day;
  return j;
}

std::optional<Kind> kind_from_string(std::string_view k) {
  for (Kind kind : {Kind::once, Kind::continuous, Kind::yearly, Kind::monthly, Kind::quarterly,
                    Kind::on_request}) {
    if (to_string(kind) == k) return kind;
  }
  return std::nullopt;
}

bool allowed(Kind kind, std::string_view key) {
  switch (kind) {
    case Kind::once:
      return key == "due";
    case Kind::continuous:
    case Kind::on_request:
      return false;
    case Kind::yearly:
      return key == "from" || key == "month" || key == "day";
    case Kind::monthly:
      return key == "day";
    case Kind::quarterly:
      return key == "month_of_quarter" || key == "day";
  }
  return false;
}

// An integer field in [lo, hi], or -1 when minus_one is allowed.
std::optional<int> int_field(const nlohmann::json& v, int lo, int hi, bool minus_one) {
  if (!v.is_number_integer()) return std::nullopt;
  auto n = v.get<long long>();
  if ((n >= lo && n <= hi) || (minus_one && n == -1)) return static_cast<int>(n);
  return std::nullopt;
}

// Reads one key into s; an error message when the value is out of range.
std::optional<std::string> read_field(DeadlineSpec& s, const std::string& key,
                                      const nlohmann::json& v) {
  const std::string bad = "thời hạn: giá trị \"" + key + "\" không hợp lệ: " + v.dump();
  if (key == "due") {
    if (v.is_string()) s.due = parse_date(v.get<std::string>());
    if (!s.due) return bad + " (cần ngày YYYY-MM-DD)";
  } else if (key == "from") {
    s.from = int_field(v, 1900, 2999, false);
    if (!s.from) return bad;
  } else if (key == "month") {
    s.month = int_field(v, 1, 12, false);
    if (!s.month) return bad;
  } else if (key == "day") {
    s.day = int_field(v, 1, 31, true);
    if (!s.day) return bad + " (cần 1..31 hoặc -1)";
  } else {
    s.month_of_quarter = int_field(v, 1, 3, false);
    if (!s.month_of_quarter) return bad + " (cần 1..3)";
  }
  return std::nullopt;
}

// Checks across fields: once needs a due date; a yearly day needs its month and must exist.
std::optional<std::string> cross_check(const DeadlineSpec& s) {
  if (s.kind == Kind::once && !s.due) return "thời hạn: loại \"once\" cần \"due\"";
  if (s.kind != Kind::yearly) return std::nullopt;
  if (s.month.has_value() != s.day.has_value()) {
    return "thời hạn: \"month\" và \"day\" phải có cùng nhau";
  }
  if (s.day && *s.day > day_of(last_day_of_month(2000, *s.month))) {
    return "thời hạn: ngày " + std::to_string(*s.day) + "/" + std::to_string(*s.month) +
           " không tồn tại";
  }
  return std::nullopt;
}

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// ", trước ngày 20 (hạn ngày 19)" for a day of any month; -1 is the month's last day.
std::string month_day_phrase(int day) {
  if (day == -1) return ", hạn ngày cuối tháng";
  if (day < 28) {
    return ", trước ngày " + std::to_string(day + 1) + " (hạn ngày " + std::to_string(day) + ")";
  }
  return ", hạn ngày " + std::to_string(day);
}

// ", trước ngày 10/06 (hạn ngày 09/06)" for a day of a given month every year.
std::string year_day_phrase(int month, int day) {
  if (day == -1) return ", hạn ngày cuối tháng " + std::to_string(month);
  std::string mm = "/" + two_digits(month);
  if (day < day_of(last_day_of_month(2001, month))) {
    return ", trước ngày " + two_digits(day + 1) + mm + " (hạn ngày " + two_digits(day) + mm + ")";
  }
  return ", hạn ngày " + two_digits(day) + mm;
}

}  // namespace

nlohmann::json to_json(const DeadlineSpec& spec) { return make_json<nlohmann::json>(spec); }

std::string to_json_text(const DeadlineSpec& spec) {
  return make_json<nlohmann::ordered_json>(spec).dump();
}

Result<DeadlineSpec> deadline_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return S::fail("thời hạn: cần một đối tượng JSON, gặp " + j.dump());
  auto k = j.find("kind");
  if (k == j.end() || !k->is_string()) return S::fail("thời hạn: thiếu \"kind\"");
  auto kind = kind_from_string(k->get<std::string>());
  if (!kind) return S::fail("thời hạn: \"kind\" không hợp lệ: " + k->dump());
  DeadlineSpec s;
  s.kind = *kind;
  for (const auto& item : j.items()) {
    if (item.key() == "kind") continue;
    if (!allowed(*kind, item.key())) {
      return S::fail("thời hạn: khóa \"" + item.key() + "\" không dùng cho loại \"" +
                     k->get<std::string>() + "\"");
    }
    if (auto e = read_field(s, item.key(), item.value())) return S::fail(*e);
  }
  if (auto e = cross_check(s)) return S::fail(*e);
  return s;
}

std::string describe(const DeadlineSpec& s) {
  static constexpr std::string_view kPosition[] = {"", "đầu", "giữa", "cuối"};
  switch (s.kind) {
    case Kind::once:
      return "Một lần, hạn " + (s.due ? format_date_vn(*s.due) : std::string("?"));
    case Kind::continuous:
      return "Thường xuyên";
    case Kind::on_request:
      return "Khi có yêu cầu (không có hạn định kỳ)";
    case Kind::yearly: {
      std::string out = "Hằng năm";
      if (s.from) out += " từ năm " + std::to_string(*s.from);
      if (s.month && s.day) out += year_day_phrase(*s.month, *s.day);
      return out;
    }
    case Kind::monthly:
      return "Hằng tháng" + (s.day ? month_day_phrase(*s.day) : std::string());
    case Kind::quarterly: {
      std::string out = "Hằng quý";
      if (s.month_of_quarter && *s.month_of_quarter >= 1 && *s.month_of_quarter <= 3) {
        out += ", tháng " + std::string(kPosition[*s.month_of_quarter]) + " quý";
      }
      return out + (s.day ? month_day_phrase(*s.day) : std::string());
    }
  }
  return "";
}

}  // namespace dondoc
