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
