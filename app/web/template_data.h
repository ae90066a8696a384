// Template data built directly for kainjow mustache, for a page whose data is large (the overview:
// thousands of rows and cells), instead of nlohmann JSON turned into mustache data afterwards
// (app/web/render.cc), which allocates every value twice. Values read as render.cc reads JSON: ""
// is false (so {{#x}} hides an empty text), numbers as written. Pure; any thread.
#pragma once

#include <cstddef>
#include <kainjow/mustache.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/web/web.h"

namespace dondoc::app::web {

using TemplateData = kainjow::mustache::data;

namespace tdata {

// An object and a list to fill with set() and push().
inline TemplateData object() { return TemplateData{TemplateData::type::object}; }
inline TemplateData list(std::size_t reserve = 0) {
  TemplateData d{TemplateData::type::list};
  // kainjow's list accessor is const; its storage is not (the value is ours).
  const_cast<kainjow::mustache::list&>(d.list_value()).reserve(reserve);
  return d;
}

// A text ("" reads as false), a count, a flag.
inline TemplateData text(std::string s) {
  if (s.empty()) return TemplateData{false};
  TemplateData d{TemplateData::type::string};
  const_cast<std::string&>(d.string_value()) = std::move(s);
  return d;
}
inline TemplateData text(std::string_view s) { return text(std::string(s)); }
inline TemplateData text(const char* s) { return text(std::string(s)); }
inline TemplateData number(long long n) { return text(std::to_string(n)); }
inline TemplateData flag(bool b) { return TemplateData{b}; }

// Moved in place: kainjow's own set() and push_back() copy their argument deeply.
inline void set(TemplateData& object, const std::string& key, TemplateData&& value) {
  object[key] = std::move(value);
}
inline void push(TemplateData& list, TemplateData&& value) {
  const_cast<kainjow::mustache::list&>(list.list_value()).push_back(std::move(value));
}

}  // namespace tdata

// JSON as template data, its strings moved out (data is left with empty strings): for the small
// parts of a page built with view.h's JSON helpers.
TemplateData template_data(nlohmann::json&& data);

// Stands for raw[i] of render_content in a value shown raw ({{{x}}}): the piece is put in its
// place after rendering, in one pass, so kainjow (which copies its output through a line buffer)
// never carries it; for the megabytes of rows of a large plan's overview. It starts with '<',
// which no escaped value ({{x}}) can hold: only the page's own code writes one.
std::string raw_slot(std::size_t i);

// render_content (app/web/page_memo.h) from data built here: the template `name` with `base`,
// each raw_slot(i) in its output replaced by raw[i].
std::string render_content(const Request& r, std::string_view name, TemplateData&& data,
                           const std::vector<std::string>& raw = {});

}  // namespace dondoc::app::web
