// The JSONC reader's scalars: strings with their escapes, numbers and literals.
#include <charconv>
#include <utility>

#include "rules/jsonc_reader.h"
#include "rules/text.h"

namespace dondoc::jsonc_detail {

bool Reader::parse_hex4(std::uint32_t& v) {
  v = 0;
  for (int k = 0; k < 4; ++k) {
    char h = peek();
    int d = (h >= '0' && h <= '9')   ? h - '0'
            : (h >= 'a' && h <= 'f') ? h - 'a' + 10
            : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                     : -1;
    if (d < 0) return fail("cần 4 chữ số hex sau \\u");
    v = v * 16 + static_cast<std::uint32_t>(d);
    advance();
  }
  return true;
}

bool Reader::parse_unicode_escape(std::string& out) {
  std::uint32_t cp = 0;
  if (!parse_hex4(cp)) return false;
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    std::uint32_t low = 0;
    if (peek() != '\\' || i_ + 1 >= s_.size() || s_[i_ + 1] != 'u') {
      return fail("thiếu nửa sau của cặp \\u (surrogate pair)");
    }
    advance();
    advance();
    if (!parse_hex4(low)) return false;
    if (low < 0xDC00 || low > 0xDFFF) return fail("cặp \\u không hợp lệ (surrogate pair)");
    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
  } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
    return fail("cặp \\u không hợp lệ (surrogate pair)");
  }
  text::append_utf8(out, cp);
  return true;
}

bool Reader::parse_escape(std::string& out) {
  advance();  // '\'
  char e = peek();
  if (at_end()) return fail("chuỗi chưa được đóng bằng dấu ngoặc kép");
  std::size_t begin = i_;
  advance();
  switch (e) {
    case '"':
      out += '"';
      return true;
    case '\\':
      out += '\\';
      return true;
    case '/':
      out += '/';
      return true;
    case 'b':
      out += '\b';
      return true;
    case 'f':
      out += '\f';
      return true;
    case 'n':
      out += '\n';
      return true;
    case 'r':
      out += '\r';
      return true;
    case 't':
      out += '\t';
      return true;
    case 'u':
      return parse_unicode_escape(out);
    default:
      return fail("chuỗi thoát không hợp lệ \"\\" + std::string(s_.substr(begin, i_ - begin)) +
                  "\"");
  }
}

bool Reader::parse_string(std::string& out) {
  SourcePos start = pos();
  advance();  // '"'
  for (;;) {
    if (at_end() || peek() == '\n') {
      return fail_at(start, "chuỗi chưa được đóng bằng dấu ngoặc kép");
    }
    char c = peek();
    if (c == '"') break;
    if (c == '\\') {
      if (!parse_escape(out)) return false;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      return fail("ký tự điều khiển trong chuỗi (control character in string)");
    } else {
      std::size_t begin = i_;
      advance();  // one whole code point
      out.append(s_.substr(begin, i_ - begin));
    }
  }
  advance();  // '"'
  return true;
}

bool Reader::parse_number(nlohmann::json& out) {
  SourcePos start = pos();
  std::size_t begin = i_;
  bool integral = true;
  if (peek() == '-') advance();
  if (peek() == '0') {
    advance();
  } else if (peek() >= '1' && peek() <= '9') {
    while (peek() >= '0' && peek() <= '9') advance();
  } else {
    return fail_at(start, "số không hợp lệ");
  }
  if (peek() == '.') {
    integral = false;
    advance();
    if (!(peek() >= '0' && peek() <= '9')) return fail("cần chữ số sau dấu \".\"");
    while (peek() >= '0' && peek() <= '9') advance();
  }
  if (peek() == 'e' || peek() == 'E') {
    integral = false;
    advance();
    if (peek() == '+' || peek() == '-') advance();
    if (!(peek() >= '0' && peek() <= '9')) return fail("cần chữ số trong phần mũ");
    while (peek() >= '0' && peek() <= '9') advance();
  }
  const char* first = s_.data() + begin;
  const char* last = s_.data() + i_;
  if (integral) {
    std::int64_t v = 0;
    if (std::from_chars(first, last, v).ec == std::errc()) {
      out = v;
      return true;
    }
  }
  double d = 0;
  if (std::from_chars(first, last, d).ec != std::errc()) return fail_at(start, "số quá lớn");
  out = d;
  return true;
}

bool Reader::parse_literal(nlohmann::json& out) {
  std::size_t begin = i_;
  while (!at_end() && ((peek() >= 'a' && peek() <= 'z') || (peek() >= 'A' && peek() <= 'Z') ||
                       (peek() >= '0' && peek() <= '9') || peek() == '_')) {
    ++i_;  // ASCII only: the column is restored below on error
  }
  std::string_view word = s_.substr(begin, i_ - begin);
  i_ = begin;
  if (word.empty()) return fail("cần một giá trị JSON, gặp " + describe_here());
  if (word != "true" && word != "false" && word != "null") {
    return fail("giá trị không hợp lệ " + in_quotes(word) +
                " (chuỗi phải nằm trong dấu ngoặc kép \"...\")");
  }
  out = word == "null" ? nlohmann::json(nullptr) : nlohmann::json(word == "true");
  for (std::size_t k = 0; k < word.size(); ++k) advance();
  return true;
}

}  // namespace dondoc::jsonc_detail
