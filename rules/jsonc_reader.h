// Internal to the JSONC reader (jsonc.cc, jsonc_reader.cc, jsonc_scalars.cc): the
// recursive-descent Reader that builds the value and records positions. Not for other callers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "rules/jsonc.h"

namespace dondoc::jsonc_detail {

inline std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Recursive-descent reader. Every fail() records the message at the current position and returns
// false, which unwinds the whole parse.
class Reader {
 public:
  Reader(std::string_view text, JsoncDoc& doc) : s_(text), doc_(doc) {}

  // The whole text: one value, nothing but spaces and comments around it.
  bool parse_document();

  InputError error;

 private:
  bool at_end() const { return i_ >= s_.size(); }
  char peek() const { return at_end() ? '\0' : s_[i_]; }
  SourcePos pos() const { return {line_, col_}; }

  // Position and text (jsonc_reader.cc). advance() steps over one code point (a line break
  // starts a new line); the text is valid UTF-8 once check_utf8() passed.
  void advance();
  bool fail(std::string message);
  bool fail_at(SourcePos p, std::string message);
  std::string describe_here() const;
  bool check_utf8();
  bool skip_space();  // whitespace and comments

  // Containers (jsonc_reader.cc).
  bool parse_value(nlohmann::json& out, const std::string& ptr, int depth);
  bool parse_object(nlohmann::json& out, const std::string& ptr, int depth);
  bool parse_array(nlohmann::json& out, const std::string& ptr, int depth);

  // Scalars (jsonc_scalars.cc).
  bool parse_hex4(std::uint32_t& v);
  bool parse_unicode_escape(std::string& out);
  bool parse_escape(std::string& out);
  bool parse_string(std::string& out);
  bool parse_number(nlohmann::json& out);
  bool parse_literal(nlohmann::json& out);

  std::string_view s_;
  JsoncDoc& doc_;
  std::size_t i_ = 0;
  int line_ = 1;
  int col_ = 1;
};

}  // namespace dondoc::jsonc_detail
