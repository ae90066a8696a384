// The JSONC reader's document, positions, whitespace and comments, and containers.
#include <utility>

#include "rules/jsonc_reader.h"
#include "rules/text.h"

namespace dondoc::jsonc_detail {

bool Reader::parse_document() {
  if (!s_.empty() && text::code_point_at(s_, 0).value == 0xFEFF) i_ = 3;  // BOM: not a column
  if (!check_utf8() || !skip_space()) return false;
  if (at_end()) return fail("tệp rỗng: cần một đối tượng JSON { ... }");
  if (!parse_value(doc_.value, "", 1) || !skip_space()) return false;
  if (!at_end()) return fail("thừa nội dung sau giá trị JSON (extra content after the value)");
  return true;
}

void Reader::advance() {
  if (s_[i_] == '\n') {
    ++line_;
    col_ = 1;
  } else {
    ++col_;
  }
  i_ += text::code_point_at(s_, i_).size;
}

bool Reader::fail(std::string message) { return fail_at(pos(), std::move(message)); }

bool Reader::fail_at(SourcePos p, std::string message) {
  error = {p.line, "lỗi cú pháp JSON: " + std::move(message), p.col};
  return false;
}

std::string Reader::describe_here() const {
  if (at_end()) return "hết tệp (end of file)";
  return "\"" + std::string(s_.substr(i_, text::code_point_at(s_, i_).size)) + "\"";
}

bool Reader::check_utf8() {
  std::size_t save = i_;
  int line = line_, col = col_;
  while (!at_end()) {
    if (!text::code_point_at(s_, i_).valid) {
      return fail("byte không phải UTF-8 hợp lệ (invalid UTF-8)");
    }
    advance();
  }
  i_ = save;
  line_ = line;
  col_ = col;
  return true;
}

bool Reader::skip_space() {
  while (!at_end()) {
    char c = peek();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      advance();
    } else if (c == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '/') {
      while (!at_end() && peek() != '\n') advance();
    } else if (c == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '*') {
      SourcePos start = pos();
      advance();
      advance();
      while (!at_end() && !(peek() == '*' && i_ + 1 < s_.size() && s_[i_ + 1] == '/')) advance();
      if (at_end()) return fail_at(start, "chú thích /* chưa được đóng bằng */");
      advance();
      advance();
    } else {
      return true;
    }
  }
  return true;
}

bool Reader::parse_value(nlohmann::json& out, const std::string& ptr, int depth) {
  if (depth > kJsoncMaxDepth) {
    return fail("lồng quá sâu (tối đa " + std::to_string(kJsoncMaxDepth) + " cấp)");
  }
  doc_.value_pos[ptr] = pos();
  char c = peek();
  if (c == '{') return parse_object(out, ptr, depth);
  if (c == '[') return parse_array(out, ptr, depth);
  if (c == '"') {
    std::string str;
    if (!parse_string(str)) return false;
    out = std::move(str);
    return true;
  }
  if (c == '-' || (c >= '0' && c <= '9')) return parse_number(out);
  return parse_literal(out);
}

bool Reader::parse_object(nlohmann::json& out, const std::string& ptr, int depth) {
  out = nlohmann::json::object();
  advance();  // '{'
  if (!skip_space()) return false;
  while (peek() != '}') {
    if (at_end()) return fail("đối tượng chưa được đóng bằng \"}\"");
    if (peek() != '"') return fail("cần tên khóa trong dấu ngoặc kép, gặp " + describe_here());
    SourcePos key_pos = pos();
    std::string key;
    if (!parse_string(key)) return false;
    if (out.contains(key)) return fail_at(key_pos, "khóa " + in_quotes(key) + " bị lặp lại");
    std::string child = pointer_append(ptr, key);
    doc_.key_pos[child] = key_pos;
    if (!skip_space()) return false;
    if (peek() != ':') return fail("cần dấu \":\" sau tên khóa, gặp " + describe_here());
    advance();
    if (!skip_space()) return false;
    if (!parse_value(out[key], child, depth + 1) || !skip_space()) return false;
    if (peek() == ',') {
      advance();
      if (!skip_space()) return false;
    } else if (peek() != '}') {
      return fail("cần dấu phẩy \",\" hoặc \"}\", gặp " + describe_here());
    }
  }
  advance();  // '}'
  return true;
}

bool Reader::parse_array(nlohmann::json& out, const std::string& ptr, int depth) {
  out = nlohmann::json::array();
  advance();  // '['
  if (!skip_space()) return false;
  while (peek() != ']') {
    if (at_end()) return fail("mảng chưa được đóng bằng \"]\"");
    nlohmann::json item;
    if (!parse_value(item, pointer_append(ptr, out.size()), depth + 1) || !skip_space()) {
      return false;
    }
    out.push_back(std::move(item));
    if (peek() == ',') {
      advance();
      if (!skip_space()) return false;
    } else if (peek() != ']') {
      return fail("cần dấu phẩy \",\" hoặc \"]\", gặp " + describe_here());
    }
  }
  advance();  // ']'
  return true;
}

}  // namespace dondoc::jsonc_detail
