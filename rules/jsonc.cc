#include "rules/jsonc.h"

#include <charconv>
#include <cstdint>
#include <utility>

namespace dondoc {
namespace {

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

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Recursive-descent reader. Every fail() records the message at the current position and returns
// false, which unwinds the whole parse.
class Reader {
 public:
  Reader(std::string_view text, JsoncDoc& doc) : s_(text), doc_(doc) {}

  bool parse_document() {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;  // BOM: not a column
    if (!check_utf8() || !skip_space()) return false;
    if (at_end()) return fail("tệp rỗng: cần một đối tượng JSON { ... }");
    if (!parse_value(doc_.value, "", 1) || !skip_space()) return false;
    if (!at_end()) return fail("thừa nội dung sau giá trị JSON (extra content after the value)");
    return true;
  }

  InputError error;

 private:
  bool at_end() const { return i_ >= s_.size(); }
  char peek() const { return at_end() ? '\0' : s_[i_]; }
  SourcePos pos() const { return {line_, col_}; }

  void advance() {
    char c = s_[i_++];
    if (c == '\n') {
      ++line_;
      col_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++col_;
    }
  }

  bool fail(std::string message) { return fail_at(pos(), std::move(message)); }
  bool fail_at(SourcePos p, std::string message) {
    error = {p.line, "lỗi cú pháp JSON: " + std::move(message), p.col};
    return false;
  }

  std::string describe_here() const {
    if (at_end()) return "hết tệp (end of file)";
    std::size_t n = utf8_sequence(s_, i_);
    return "\"" + std::string(s_.substr(i_, n == 0 ? 1 : n)) + "\"";
  }

  bool check_utf8() {
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

  // Skips whitespace and comments.
  bool skip_space() {
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

  bool parse_value(nlohmann::json& out, const std::string& ptr, int depth) {
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

  bool parse_object(nlohmann::json& out, const std::string& ptr, int depth) {
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

  bool parse_array(nlohmann::json& out, const std::string& ptr, int depth) {
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

  bool parse_hex4(std::uint32_t& v) {
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

  bool parse_unicode_escape(std::string& out) {
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
    append_utf8(out, cp);
    return true;
  }

  bool parse_escape(std::string& out) {
    advance();  // '\'
    char e = peek();
    if (at_end()) return fail("chuỗi chưa được đóng bằng dấu ngoặc kép");
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
        return fail("chuỗi thoát không hợp lệ \"\\" + std::string(1, e) + "\"");
    }
  }

  bool parse_string(std::string& out) {
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
        out += c;
        advance();
      }
    }
    advance();  // '"'
    return true;
  }

  bool parse_number(nlohmann::json& out) {
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

  bool parse_literal(nlohmann::json& out) {
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

  std::string_view s_;
  JsoncDoc& doc_;
  std::size_t i_ = 0;
  int line_ = 1;
  int col_ = 1;
};

}  // namespace

std::string pointer_append(std::string_view pointer, std::string_view token) {
  std::string out(pointer);
  out += '/';
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string pointer_append(std::string_view pointer, std::size_t index) {
  return std::string(pointer) + "/" + std::to_string(index);
}

SourcePos JsoncDoc::value_at(std::string_view pointer) const {
  for (;;) {
    if (auto it = value_pos.find(pointer); it != value_pos.end()) return it->second;
    if (pointer.empty()) return {};
    pointer = pointer.substr(0, pointer.rfind('/'));
  }
}

SourcePos JsoncDoc::key_at(std::string_view pointer) const {
  if (auto it = key_pos.find(pointer); it != key_pos.end()) return it->second;
  return value_at(pointer);
}

JsoncParse parse_jsonc(std::string_view text, std::size_t max_bytes) {
  JsoncParse result;
  if (text.size() > max_bytes) {
    result.error = {1,
                    "tệp quá lớn (" + std::to_string(text.size()) + " byte, tối đa " +
                        std::to_string(max_bytes) + ")",
                    1};
    return result;
  }
  JsoncDoc doc;
  Reader reader(text, doc);
  if (!reader.parse_document()) {
    result.error = std::move(reader.error);
    return result;
  }
  result.doc = std::move(doc);
  return result;
}

}  // namespace dondoc
