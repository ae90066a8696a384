// A small reader for JSON with comments (JSONC: `//` and `/* */` comments, trailing commas) that
// builds nlohmann::json values and remembers the line:column of every value and key, so that a
// validator can say where a bad value is. Pure; any thread.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "rules/input_error.h"

namespace dondoc {

// A position in a text file: 1-based line, 1-based column counted in Unicode code points.
struct SourcePos {
  int line = 1;
  int col = 1;
  friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

// A message about a place in a file (syntax or validation error): the one input error type.
using Diagnostic = InputError;

inline constexpr std::size_t kJsoncMaxBytes = 1 << 20;  // 1 MiB
inline constexpr int kJsoncMaxDepth = 64;

struct JsoncDoc {
  nlohmann::json value;
  // JSON pointer ("" for the root, "/report_cycles/0/due") -> where the value starts.
  std::map<std::string, SourcePos, std::less<>> value_pos;
  // JSON pointer of an object member -> where its key (the opening quote) starts.
  std::map<std::string, SourcePos, std::less<>> key_pos;

  // Position of the value at pointer, else of the nearest enclosing value, else 1:1.
  SourcePos value_at(std::string_view pointer) const;
  // Position of the member's key at pointer, else value_at(pointer).
  SourcePos key_at(std::string_view pointer) const;
};

struct JsoncParse {
  std::optional<JsoncDoc> doc;  // set on success
  InputError error;             // the syntax error when !doc
};

// Parses text (UTF-8, optional BOM). Refuses input over max_bytes, nesting deeper than
// kJsoncMaxDepth, duplicate keys, invalid UTF-8 in strings, and anything after the root value.
// Syntax error messages are Vietnamese and name what was expected; the error has no file name.
JsoncParse parse_jsonc(std::string_view text, std::size_t max_bytes = kJsoncMaxBytes);

// Appends one reference token to a JSON pointer, escaping '~' and '/' (RFC 6901).
std::string pointer_append(std::string_view pointer, std::string_view token);
std::string pointer_append(std::string_view pointer, std::size_t index);

}  // namespace dondoc
