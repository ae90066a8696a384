#include <catch2/catch.hpp>

#include "rules/text.h"

using namespace dondoc;

TEST_CASE("fold matches old and new accent placement, NFD, capitals and no diacritics") {
  const std::string key = text::fold("Phòng Văn hóa - Xã hội");
  CHECK(key == "phong van hoa - xa hoi");
  CHECK(text::fold("Phòng Văn hoá - Xã hội") == key);
  CHECK(text::fold("PHÒNG VĂN HÓA - XÃ HỘI") == key);
  CHECK(text::fold("Phong Van Hoa - Xa Hoi") == key);
  // NFD: o + combining grave, a + combining acute ...
  CHECK(text::fold("Pho\xCC\x80ng Va\xCC\x86n ho\xCC\x81"
                   "a - Xa\xCC\x83 ho\xCC\xA3\xCC\x82i")
            .rfind("phong van hoa", 0) == 0);
  CHECK(text::fold("Phòng,\r\n ban   ngành") == "phong, ban nganh");
}

TEST_CASE("đ and Đ fold to d") {
  CHECK(text::fold("Đảng ủy") == "dang uy");
  CHECK(text::fold("đôn đốc") == "don doc");
}

TEST_CASE("lower keeps diacritics, nfc composes") {
  CHECK(text::lower("THƯỜNG  XUYÊN") == "thường xuyên");
  CHECK(text::nfc("Thu\xCC\x9Bo\xCC\x9B\xCC\x80ng") == "Thường");
}

TEST_CASE("invalid UTF-8 is repaired, not passed through") {
  CHECK_FALSE(
      text::valid_utf8("a\xFF"
                       "b"));
  CHECK(
      text::valid_utf8(text::nfc("a\xFF"
                                 "b")));
  CHECK(text::length("Việt") == 4);
}

TEST_CASE("utf8_prefix never cuts a character in two") {
  using dondoc::text::utf8_prefix;
  CHECK(utf8_prefix("abc", 10) == "abc");
  CHECK(utf8_prefix("abc", 2) == "ab");
  CHECK(utf8_prefix("Bì", 2) == "B");  // "ì" is two bytes
  CHECK(utf8_prefix("Bì", 3) == "Bì");
  CHECK(utf8_prefix("\xF0\x9F\x98\x80x", 3).empty());  // an emoji is four
  CHECK(utf8_prefix("", 0).empty());
}

TEST_CASE("code points: value and size, invalid sequences one byte at a time") {
  const std::string s = "aớ\xE2\x80\x94\xF0\x9F\x98\x80";
  CHECK(text::code_point_at(s, 0).value == U'a');
  CHECK(text::code_point_at(s, 1).value == U'\u1edb');
  CHECK(text::code_point_at(s, 1).size == 3);
  CHECK(text::code_point_at(s, 4).value == U'\u2014');
  CHECK(text::code_point_at(s, 7).size == 4);
  for (const char* bad : {"\x80", "\xC0\xAF", "\xED\xA0\x80", "\xE2\x80", "\xF4\x90\x80\x80"}) {
    auto cp = text::code_point_at(bad, 0);
    CHECK_FALSE(cp.valid);
    CHECK(cp.size == 1);
  }
  std::string out;
  for (char32_t c : {U'A', U'đ', U'\u2026', U'\U0001F600'}) text::append_utf8(out, c);
  CHECK(out == "Ađ…\xF0\x9F\x98\x80");
}

TEST_CASE("character classes for cutting words") {
  CHECK(text::char_class(U'ế') == text::CharClass::letter);
  CHECK(text::char_class(U'\u0301') == text::CharClass::letter);  // a combining mark
  CHECK(text::char_class(U'7') == text::CharClass::digit);
  CHECK(text::char_class(U'\u00A0') == text::CharClass::space);
  CHECK(text::char_class(U'\t') == text::CharClass::space);
  CHECK(text::char_class(U'\n') == text::CharClass::newline);
  CHECK(text::char_class(U'%') == text::CharClass::other);
  CHECK(text::char_class(U'\u2026') == text::CharClass::other);
}
