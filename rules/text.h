// Vietnamese text normalisation shared by every layer: NFC, case folding, and a diacritic-free
// "fold" form for matching user input. Pure functions over UTF-8; any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dondoc::text {

// NFC-normalised copy; invalid UTF-8 bytes are replaced by U+FFFD. Whitespace is untouched.
std::string nfc(std::string_view s);

// Whitespace runs (spaces, tabs, line breaks, NBSP) become one ASCII space; trimmed both ends.
std::string collapse_space(std::string_view s);

// NFC + case folded + collapsed spaces: "PHÒNG  Văn hoá" -> "phòng văn hoá".
// Keeps diacritics, so "hóa" and "hoá" still differ; use fold() for matching.
std::string lower(std::string_view s);

// The matching key: lower() with every diacritic stripped and đ/Đ -> d, so "Phòng Văn hoá - Xã
// hội", "PHONG VAN HOA - XA HOI" and NFD input all give "phong van hoa - xa hoi".
std::string fold(std::string_view s);

// True when s is valid UTF-8.
bool valid_utf8(std::string_view s);

// Number of Unicode code points in valid UTF-8 (bytes of invalid input count as one each).
std::size_t length(std::string_view s);

// The longest prefix of s of at most max_bytes that does not cut a UTF-8 sequence in two (for
// bounding user input without making it invalid).
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);

// The number of bytes of the first n code points of s (all of s when it has fewer).
std::size_t code_points_prefix_bytes(std::string_view s, std::size_t n);

// The first `max_chars` code points of s cut after a whole word (never inside one), trailing
// spaces and ",;:-(" dropped, with "…" when anything was cut; s itself when it fits.
std::string cut_at_word(std::string_view s, std::size_t max_chars);

// s with its first code point upper-cased (utf8proc's simple mapping): "đồng chí" -> "Đồng chí".
std::string capitalize_first(std::string_view s);

// NFC copy with every code point upper-cased (utf8proc's simple mapping): "Xã Trường Giang" ->
// "XÃ TRƯỜNG GIANG" (the issuing body of an administrative document).
std::string upper(std::string_view s);

// The longest prefix of s counting at most max_units UTF-16 code units (a code point above U+FFFF
// counts 2, an invalid byte 1) that does not cut a UTF-8 sequence: texts measured as Telegram does.
std::string_view utf16_prefix(std::string_view s, std::size_t max_units);

// ---- Code points, for readers that walk UTF-8 text (jsonc, deadline and reply tokenisers) ----

// One code point of UTF-8 text: its value and its length in bytes. An invalid sequence (a stray
// continuation byte, overlong, surrogate, truncated, past U+10FFFF) is {U+FFFD, 1, false}.
struct CodePoint {
  char32_t value = 0xFFFD;
  std::size_t size = 1;
  bool valid = false;
};

// The code point starting at byte i of s. Requires: i < s.size().
CodePoint code_point_at(std::string_view s, std::size_t i);

// Appends the UTF-8 encoding of cp. Requires: cp is a Unicode scalar value (not a surrogate).
void append_utf8(std::string& out, char32_t cp);

// What a code point is when cutting text into words: letters (with their combining marks), the
// ASCII digits, white space (ASCII and Unicode separators), the line break '\n', or other.
enum class CharClass { space, newline, letter, digit, other };
CharClass char_class(char32_t cp);

}  // namespace dondoc::text
