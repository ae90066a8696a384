#include "rules/text.h"

#include <utf8proc.h>

#include <vector>

namespace dondoc::text {
namespace {

// Calls fn(code_point, bytes) for each code point of s; an invalid byte comes as (-1, 1 byte).
template <class Fn>
void for_each_code_point(std::string_view s, Fn&& fn) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  auto left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n < 0) {
      n = 1;
      cp = -1;
    }
    fn(cp, std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)));
    p += n;
    left -= n;
  }
}

// Runs utf8proc_map with the given options; invalid input is first repaired to U+FFFD.
std::string map(std::string_view s, int options) {
  std::string clean;
  std::string_view in = s;
  if (!valid_utf8(s)) {
    clean.reserve(s.size());
    for_each_code_point(s, [&](utf8proc_int32_t cp, std::string_view bytes) {
      clean += cp < 0 ? std::string_view("\xEF\xBF\xBD") : bytes;
    });
    in = clean;
  }
  // What utf8proc_map does, but decomposing once into a buffer sized from the input (it decomposes
  // twice: once to measure); texts are normalised on every webhook event and every parse.
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(in.data());
  auto len = static_cast<utf8proc_ssize_t>(in.size());
  auto opts = static_cast<utf8proc_option_t>(options);
  thread_local std::vector<utf8proc_int32_t> buffer;
  auto capacity = static_cast<utf8proc_ssize_t>(in.size()) * 2 + 16;
  utf8proc_ssize_t n = 0;
  for (;;) {
    buffer.resize(static_cast<std::size_t>(capacity) + 1);  // + 1: utf8proc_reencode's terminator
    n = utf8proc_decompose(bytes, len, buffer.data(), capacity, opts);
    if (n < 0) return std::string(in);
    if (n <= capacity) break;
    capacity = n;  // a rare text whose decomposition is longer: the exact size is known now
  }
  n = utf8proc_reencode(buffer.data(), n, opts);
  if (n < 0) return std::string(in);
  return std::string(reinterpret_cast<const char*>(buffer.data()), static_cast<std::size_t>(n));
}

bool is_space(utf8proc_int32_t cp) {
  if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f') return true;
  auto cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
}

}  // namespace

bool valid_utf8(std::string_view s) {
  bool valid = true;
  for_each_code_point(s, [&](utf8proc_int32_t cp, std::string_view) { valid = valid && cp >= 0; });
  return valid;
}

std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t end = max_bytes;
  // Back up over continuation bytes (10xxxxxx) to the start of the sequence that was cut.
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

std::string_view utf16_prefix(std::string_view s, std::size_t max_units) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  std::size_t end = 0, units = 0;
  while (end < s.size()) {
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t n =
        utf8proc_iterate(p + end, static_cast<utf8proc_ssize_t>(s.size() - end), &cp);
    std::size_t u = cp > 0xFFFF ? 2 : 1;
    if (units + u > max_units) break;
    units += u;
    end += n > 0 ? static_cast<std::size_t>(n) : 1;
  }
  return s.substr(0, end);
}

std::size_t length(std::string_view s) {
  std::size_t count = 0;
  for_each_code_point(s, [&](utf8proc_int32_t, std::string_view) { ++count; });
  return count;
}

std::string nfc(std::string_view s) { return map(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE); }

std::string collapse_space(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for_each_code_point(s, [&](utf8proc_int32_t cp, std::string_view bytes) {
    if (cp >= 0 && is_space(cp)) {
      pending_space = !out.empty();
      return;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += bytes;
  });
  return out;
}

std::string lower(std::string_view s) {
  return collapse_space(map(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
}

std::string fold(std::string_view s) {
  // Drop combining marks (the diacritics) and case fold; đ has no decomposition, so map it here.
  std::string stripped =
      map(s, UTF8PROC_STABLE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE);
  std::string out;
  out.reserve(stripped.size());
  for (std::size_t i = 0; i < stripped.size(); ++i) {
    // U+0111 đ = C4 91 (Đ U+0110 = C4 90 is already case folded to đ).
    if (static_cast<unsigned char>(stripped[i]) == 0xC4 && i + 1 < stripped.size() &&
        (static_cast<unsigned char>(stripped[i + 1]) == 0x91 ||
         static_cast<unsigned char>(stripped[i + 1]) == 0x90)) {
      out += 'd';
      ++i;
    } else {
      out += stripped[i];
    }
  }
  return collapse_space(out);
}

std::size_t code_points_prefix_bytes(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t count = 0; i < s.size() && count < n; ++count) i += code_point_at(s, i).size;
  return i;
}

std::string cut_at_word(std::string_view s, std::size_t max_chars) {
  if (length(s) <= max_chars) return std::string(s);
  std::size_t i = 0, space = std::string_view::npos;
  for (std::size_t count = 0; i < s.size() && count < max_chars; ++count) {
    if (s[i] == ' ') space = i;
    i += code_point_at(s, i).size;
  }
  if (i < s.size() && s[i] == ' ') space = i;  // the cut falls just before a space
  std::string out(s.substr(0, space == std::string_view::npos || space == 0 ? i : space));
  while (!out.empty() && std::string_view(" ,;:-(").find(out.back()) != std::string_view::npos) {
    out.pop_back();
  }
  return out + "…";
}

std::string capitalize_first(std::string_view s) {
  utf8proc_int32_t cp = 0;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                            static_cast<utf8proc_ssize_t>(s.size()), &cp);
  if (n <= 0) return std::string(s);
  utf8proc_uint8_t buf[4];
  auto m = utf8proc_encode_char(utf8proc_toupper(cp), buf);
  return std::string(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(m)) +
         std::string(s.substr(static_cast<std::size_t>(n)));
}

std::string upper(std::string_view s) {
  std::string in = nfc(s), out;
  out.reserve(in.size());
  for_each_code_point(in, [&](utf8proc_int32_t cp, std::string_view bytes) {
    if (cp < 0) {
      out += bytes;
      return;
    }
    utf8proc_uint8_t buf[4];
    auto m = utf8proc_encode_char(utf8proc_toupper(cp), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(m));
  });
  return nfc(out);
}

CodePoint code_point_at(std::string_view s, std::size_t i) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i);
  utf8proc_int32_t cp = -1;
  utf8proc_ssize_t n = utf8proc_iterate(p, static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  if (n <= 0 || cp < 0) return {};
  return {static_cast<char32_t>(cp), static_cast<std::size_t>(n), true};
}

void append_utf8(std::string& out, char32_t cp) {
  utf8proc_uint8_t buf[4];
  utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

CharClass char_class(char32_t cp) {
  if (cp == '\n') return CharClass::newline;
  if (cp >= '0' && cp <= '9') return CharClass::digit;
  auto c = static_cast<utf8proc_int32_t>(cp);
  if (is_space(c)) return CharClass::space;
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return CharClass::letter;
    default:
      return CharClass::other;
  }
}

}  // namespace dondoc::text
