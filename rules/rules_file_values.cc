// The rules file's typed field readers: each reports a bad value at its line:column.
#include <algorithm>
#include <cstdint>

#include "rules/rules_file_internal.h"

namespace dondoc::rules_file_detail {
namespace {

constexpr std::size_t kMaxText = 200;

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string unknown_key_message(std::string_view key, Keys allowed) {
  std::string msg = "khóa không hợp lệ " + q(key) + " (unknown key)";
  for (auto k : allowed) {
    if (edit_distance(key, k) <= std::max<std::size_t>(1, k.size() / 4)) {
      return msg + ", có phải " + q(k) + "?";
    }
  }
  msg += "; các khóa được phép:";
  for (auto k : allowed) msg += " " + std::string(k);
  return msg;
}

}  // namespace

bool check_object(Ctx& c, const json& v, std::string_view ptr, std::string_view label,
                  Keys allowed) {
  if (!v.is_object()) {
    c.at_value(ptr, q(label) + " phải là một đối tượng { ... }");
    return false;
  }
  for (const auto& [key, unused] : v.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      c.at_key(pointer_append(ptr, key), unknown_key_message(key, allowed));
    }
  }
  return true;
}

bool require(Ctx& c, const json& obj, std::string_view ptr, Keys keys) {
  bool ok = true;
  for (auto k : keys) {
    if (!obj.contains(std::string(k))) {
      c.at_value(ptr, "thiếu khóa " + q(k) + " (missing key)");
      ok = false;
    }
  }
  return ok;
}

std::optional<int> get_int(Ctx& c, const json& v, std::string_view ptr, std::string_view label,
                           int min, int max) {
  std::string kind = min > 0 ? "số nguyên dương" : "số nguyên không âm";
  if (!v.is_number_integer()) {
    c.at_value(ptr, q(label) + " phải là " + kind + ", gặp " + v.dump());
    return std::nullopt;
  }
  auto n = v.get<std::int64_t>();
  if (n < min) {
    c.at_value(ptr, q(label) + " phải là " + kind + ", gặp " + std::to_string(n));
    return std::nullopt;
  }
  if (n > max) {
    c.at_value(
        ptr, q(label) + " quá lớn: " + std::to_string(n) + " (tối đa " + std::to_string(max) + ")");
    return std::nullopt;
  }
  return static_cast<int>(n);
}

std::optional<bool> get_bool(Ctx& c, const json& v, std::string_view ptr, std::string_view label) {
  if (v.is_boolean()) return v.get<bool>();
  c.at_value(ptr, q(label) + " phải là true hoặc false, gặp " + v.dump());
  return std::nullopt;
}

std::optional<std::string> get_string(Ctx& c, const json& v, std::string_view ptr,
                                      std::string_view label) {
  if (!v.is_string()) {
    c.at_value(ptr, q(label) + " phải là một chuỗi \"...\", gặp " + v.dump());
    return std::nullopt;
  }
  auto s = v.get<std::string>();
  if (s.find_first_not_of(" \t") == std::string::npos) {
    c.at_value(ptr, q(label) + " không được để trống");
    return std::nullopt;
  }
  if (s.size() > kMaxText) {
    c.at_value(ptr, q(label) + " quá dài (tối đa " + std::to_string(kMaxText) + " byte)");
    return std::nullopt;
  }
  return s;
}

// "HH:MM" (00:00-23:59) -> minute of the day.
std::optional<int> get_clock(Ctx& c, const json& v, std::string_view ptr, std::string_view label) {
  auto bad = [&] {
    c.at_value(ptr, q(label) + " phải là giờ dạng HH:MM (ví dụ \"07:30\"), gặp " + v.dump());
    return std::nullopt;
  };
  if (!v.is_string()) return bad();
  auto s = v.get<std::string>();
  auto digit = [&](std::size_t i) { return s[i] >= '0' && s[i] <= '9'; };
  if (s.size() != 5 || s[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    return bad();
  }
  int h = (s[0] - '0') * 10 + (s[1] - '0');
  int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 23 || m > 59) return bad();
  return h * 60 + m;
}

std::optional<std::string> get_body(Ctx& c, const json& v, std::string_view ptr,
                                    std::string_view label) {
  auto id = get_string(c, v, ptr, label);
  if (id && c.body_known != nullptr && !(*c.body_known)(*id)) {
    c.at_value(ptr, "cơ quan không tồn tại: " + q(*id));
    return std::nullopt;
  }
  return id;
}

}  // namespace dondoc::rules_file_detail
