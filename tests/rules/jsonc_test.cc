#include "rules/jsonc.h"
#include "rules/text.h"

#include <string>

#include <catch2/catch.hpp>

using dondoc::parse_jsonc;
using dondoc::SourcePos;

TEST_CASE("jsonc: values, comments and trailing commas") {
  auto r = parse_jsonc(
      "// đầu tệp\n"
      "{\n"
      "  /* khối\n chú thích */ \"a\": 1, // số\n"
      "  \"b\": [true, null, -2.5e1, \"x\\u00e1\\n\",],\n"
      "}\n");
  REQUIRE(r.doc);
  const auto& v = r.doc->value;
  CHECK(v["a"] == 1);
  CHECK(v["b"][0] == true);
  CHECK(v["b"][1].is_null());
  CHECK(v["b"][2] == -25.0);
  CHECK(v["b"][3] == "x\xC3\xA1\n");
}

TEST_CASE("jsonc: records the line and column of every key and value") {
  auto r =
      parse_jsonc("{\n  \"tên\": \"Phòng Văn hóa\", \"n\": 3,\n  \"arr\": [ {\"k/~\": 1} ]\n}");
  REQUIRE(r.doc);
  const auto& d = *r.doc;
  CHECK(d.value_at("") == SourcePos{1, 1});
  CHECK(d.key_at("/tên") == SourcePos{2, 3});
  CHECK(d.value_at("/tên") == SourcePos{2, 10});
  // Columns count code points, not bytes: "Phòng Văn hóa" has 3 two-byte letters.
  CHECK(d.key_at("/n") == SourcePos{2, 27});
  CHECK(d.value_at("/n") == SourcePos{2, 32});
  CHECK(d.value_at("/arr/0") == SourcePos{3, 12});
  CHECK(d.key_at("/arr/0/k~1~0") == SourcePos{3, 13});
  // An unknown pointer falls back to its nearest parent.
  CHECK(d.value_at("/arr/0/missing") == SourcePos{3, 12});
}

TEST_CASE("jsonc: syntax errors carry line and column") {
  auto missing_comma = parse_jsonc("{\n  \"a\": 1\n  \"b\": 2\n}");
  REQUIRE_FALSE(missing_comma.doc);
  CHECK(missing_comma.error.line == 3);
  CHECK(missing_comma.error.col == 3);
  CHECK_THAT(missing_comma.error.message, Catch::Contains("cần dấu phẩy"));

  auto bare_word = parse_jsonc("{\"a\": tháng}");
  REQUIRE_FALSE(bare_word.doc);
  CHECK(bare_word.error.line == 1);
  CHECK(bare_word.error.col == 7);

  auto unterminated = parse_jsonc("{\n\"a\": \"abc\n}");
  REQUIRE_FALSE(unterminated.doc);
  CHECK(unterminated.error.line == 2);
  CHECK(unterminated.error.col == 6);
  CHECK_THAT(unterminated.error.message, Catch::Contains("chuỗi chưa được đóng"));

  auto comment = parse_jsonc("{}\n  /* mở");
  REQUIRE_FALSE(comment.doc);
  CHECK(comment.error.line == 2);
  CHECK(comment.error.col == 3);

  auto duplicate = parse_jsonc("{\"a\": 1,\n \"a\": 2}");
  REQUIRE_FALSE(duplicate.doc);
  CHECK(duplicate.error.line == 2);
  CHECK(duplicate.error.col == 2);
  CHECK_THAT(duplicate.error.message, Catch::Contains("bị lặp lại"));

  auto extra = parse_jsonc("{} {}");
  REQUIRE_FALSE(extra.doc);
  CHECK(extra.error.col == 4);

  auto empty = parse_jsonc("  // chỉ có chú thích\n");
  REQUIRE_FALSE(empty.doc);
  CHECK_THAT(empty.error.message, Catch::Contains("tệp rỗng"));

  auto unclosed = parse_jsonc("{\"a\": [1, 2");
  REQUIRE_FALSE(unclosed.doc);
  CHECK(unclosed.error.col == 12);
}

TEST_CASE("jsonc: refuses invalid UTF-8, deep nesting and oversized input") {
  auto bad = parse_jsonc("{\"a\":\n \"x\xC3\"}");
  REQUIRE_FALSE(bad.doc);
  CHECK(bad.error.line == 2);
  CHECK(bad.error.col == 4);
  CHECK_THAT(bad.error.message, Catch::Contains("UTF-8"));

  std::string deep(64, '[');
  deep += std::string(64, ']');
  CHECK(parse_jsonc(deep).doc);
  std::string deeper(65, '[');
  deeper += std::string(65, ']');
  auto too_deep = parse_jsonc(deeper);
  REQUIRE_FALSE(too_deep.doc);
  CHECK(too_deep.error.col == 65);
  CHECK_THAT(too_deep.error.message, Catch::Contains("lồng quá sâu"));

  std::string big = "\"" + std::string(dondoc::kJsoncMaxBytes, 'a') + "\"";
  auto huge = parse_jsonc(big);
  REQUIRE_FALSE(huge.doc);
  CHECK_THAT(huge.error.message, Catch::Contains("tệp quá lớn"));
}

TEST_CASE("jsonc: a BOM is skipped and surrogate pairs decode") {
  auto r = parse_jsonc("\xEF\xBB\xBF{\"e\": \"\\ud83d\\ude00\"}");
  REQUIRE(r.doc);
  CHECK(r.doc->value["e"] == "\xF0\x9F\x98\x80");
  CHECK(r.doc->value_at("") == SourcePos{1, 1});
}

TEST_CASE("jsonc: columns count code points; a bad escape is quoted whole") {
  auto r = dondoc::parse_jsonc("{\"Đà Nẵng\": \"\\ệ\"}");
  REQUIRE_FALSE(r.doc);
  CHECK(r.error.line == 1);
  CHECK(r.error.col == 16);  // just after "\ệ"
  CHECK(r.error.message == "lỗi cú pháp JSON: chuỗi thoát không hợp lệ \"\\ệ\"");
  CHECK(dondoc::text::valid_utf8(r.error.message));
}
