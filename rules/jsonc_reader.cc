// The JSONC reader's document, positions, whitespace and comments, and containers.
#include <utility>

#include "rules/jsonc_reader.h"

namespace dondoc::jsonc_detail {

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not valid UTF-8.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = b < 0x80           ? 1
                  : (b >> 5) == 0x6  ? 2
                  : (b >> 4) == 0xE  ? 3
                  : (b >> 3) == 0x1E ? 4
                                     : 0;
  if (n == 0 || i + n > s.size()) return 0;
  std::uint32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
  for (std::size_t k = 1; k < n; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  bool overlong = (n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool Reader::parse_document() {
  if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;  // BOM: not a column
  if (!check_utf8() || !skip_space()) return false;
  if (at_end()) return fail("tệp rỗng: cần một đối tượng JSON { ... }");
  if (!parse_value(doc_.value, "", 1) || !skip_space()) return false;
  if (!at_end()) return fail("thừa nội dung sau giá trị JSON (extra content after the value)");
  return true;
}

void Reader::advance() {
  char c = s_[i_++];
  if (c == '\n') {
    ++line_;
    col_ = 1;
  } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
    ++col_;
  }
}

bool Reader::fail(std::string message) { return fail_at(pos(), std::move(message)); }

bool Reader::fail_at(SourcePos p, std::string message) {
  error = {p.line, "lỗi cú pháp JSON: " + std::move(message), p.col};
  return false;
}

std::string Reader::describe_here() const {
  if (at_end()) return "hết tệp (end of file)";
  std::size_t n = utf8_sequence(s_, i_);
  return "\"" + std::string(s_.substr(i_, n == 0 ? 1 : n)) + "\"";
}

bool Reader::check_utf8() {
  std::size_t save = i_;
  int line = line_, col = col_;
  while (!at_end()) {
    std::size_t n = utf8_sequence(s_, i_);
    if (n == 0) return fail("byte không phải UTF-8 hợp lệ (invalid UTF-8)");
    for (std::size_t k = 0; k < n; ++k) advance();
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
