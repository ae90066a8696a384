#include "rules/overrides_file.h"

#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "rules/jsonc.h"
#include "rules/text.h"

namespace dondoc {
namespace {

using nlohmann::json;

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

InputError at(SourcePos p) { return {p.line, "", p.col}; }

void fail(OverridesRead& r, SourcePos p, std::string message) {
  r.errors.push_back({p.line, std::move(message), p.col});
}

// One element of the array: its members by key, where they are, and the errors it adds.
struct Entry {
  const JsoncDoc& doc;
  const json& value;
  std::string ptr;  // "/3"
  OverridesRead& r;

  SourcePos value_at(std::string_view key) const { return doc.value_at(pointer_append(ptr, key)); }
  // The member's value when it is present and a single value; a nested one is reported here.
  const json* scalar(const char* key) const {
    auto it = value.find(key);
    if (it == value.end()) return nullptr;
    if (it->is_structured()) {
      fail(r, value_at(key), in_quotes(key) + " phải là một giá trị đơn (chuỗi)");
      return nullptr;
    }
    return &*it;
  }
};

void check_keys(const Entry& e) {
  for (const auto& [key, unused] : e.value.items()) {
    if (key != "date" && key != "kind" && key != "name") {
      fail(e.r, e.doc.key_at(pointer_append(e.ptr, key)),
           "khóa không rõ " + in_quotes(key) + " (chỉ có \"date\", \"kind\", \"name\")");
    }
  }
}

void read_date(const Entry& e, SourcePos start, CalendarOverride& o) {
  if (!e.value.contains("date")) return fail(e.r, start, "thiếu \"date\"");
  const json* v = e.scalar("date");
  if (v == nullptr) return;
  auto d = v->is_string() ? parse_date(v->get<std::string>()) : std::nullopt;
  if (d) {
    o.date = *d;
  } else {
    fail(e.r, e.value_at("date"), "\"date\" phải là một ngày YYYY-MM-DD, không phải " + v->dump());
  }
}

void read_kind(const Entry& e, SourcePos start, CalendarOverride& o) {
  if (!e.value.contains("kind")) return fail(e.r, start, "thiếu \"kind\"");
  const json* v = e.scalar("kind");
  if (v == nullptr) return;
  if (*v == "off" || *v == "work") {
    o.kind = *v == "work" ? CalendarOverride::Kind::work : CalendarOverride::Kind::off;
  } else {
    fail(e.r, e.value_at("kind"),
         "\"kind\" phải là \"off\" hoặc \"work\", không phải " + v->dump());
  }
}

void read_name(const Entry& e, CalendarOverride& o) {
  const json* v = e.scalar("name");
  if (v == nullptr) return;
  if (!v->is_string()) return fail(e.r, e.value_at("name"), "\"name\" phải là một chuỗi");
  o.name = text::nfc(v->get<std::string>());
  check_override_name(e.r, o.name, at(e.value_at("name")));
}

// Checks element i of the array; on success adds its day.
void read_entry(const JsoncDoc& doc, std::size_t i, OverridesRead& r) {
  std::string ptr = pointer_append("", i);
  SourcePos start = doc.value_at(ptr);
  const json& value = doc.value[i];
  if (!value.is_object()) {
    return fail(r, start, "phần tử #" + std::to_string(i + 1) + " phải là một đối tượng {...}");
  }
  Entry e{doc, value, ptr, r};
  std::size_t before = r.errors.size();
  check_keys(e);
  CalendarOverride o;
  read_date(e, start, o);
  read_kind(e, start, o);
  read_name(e, o);
  if (r.errors.size() != before) return;
  add_override(r, ImportedOverride{o, "dòng " + std::to_string(start.line)}, at(start));
}

}  // namespace

void add_override(OverridesRead& r, ImportedOverride day, const InputError& at) {
  auto fail_here = [&](const std::string& reason) {
    r.errors.push_back({at.line, at.message + reason, at.col});
  };
  const std::string date = format_date(day.value.date);
  int y = year_of(day.value.date);
  if (y < kCalendarFirstYear || y > kCalendarLastYear) {
    return fail_here("ngày " + date + " nằm ngoài các năm 1900–2100");
  }
  for (const auto& d : r.days) {
    if (d.value.date == day.value.date) return fail_here("ngày " + date + " đã có ở " + d.where);
  }
  if (r.days.size() >= kMaxOverrideDays) {
    return fail_here("quá " + std::to_string(kMaxOverrideDays) + " ngày trong một tệp");
  }
  r.days.push_back(std::move(day));
}

bool check_override_name(OverridesRead& r, const std::string& name, const InputError& at) {
  std::string reason;
  if (!text::valid_utf8(name)) {
    reason = "tên không phải UTF-8 hợp lệ";
  } else if (text::length(name) > kMaxOverrideNameChars) {
    reason = "tên dài quá " + std::to_string(kMaxOverrideNameChars) + " ký tự";
  } else {
    return true;
  }
  r.errors.push_back({at.line, at.message + reason, at.col});
  return false;
}

OverridesRead parse_overrides_json(std::string_view text) {
  OverridesRead r;
  JsoncParse parsed = parse_jsonc(text, kMaxOverrideFileBytes);
  if (!parsed.doc) {
    r.errors.push_back(std::move(parsed.error));
    return r;
  }
  const JsoncDoc& doc = *parsed.doc;
  if (!doc.value.is_array()) {
    fail(r, doc.value_at(""), "tệp phải là một mảng JSON [{\"date\", \"kind\", \"name\"}, ...]");
    return r;
  }
  for (std::size_t i = 0; i < doc.value.size(); ++i) read_entry(doc, i, r);
  if (r.errors.empty() && r.days.empty()) r.errors.push_back({0, "tệp không có ngày nào"});
  sort_by_position(r.errors);
  return r;
}

}  // namespace dondoc
