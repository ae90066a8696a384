#include "rules/input_error.h"

#include <catch2/catch.hpp>

#include "rules/jsonc.h"

using dondoc::InputError;

TEST_CASE("input errors print as FILE:LINE:COL: message, dropping what is unknown") {
  CHECK(format(InputError{3, "thiếu \"kind\"", 7, "holidays.json"}) ==
        "holidays.json:3:7: thiếu \"kind\"");
  CHECK(format(InputError{3, "thiếu tên nhiệm vụ", 0, "tasks.csv"}) ==
        "tasks.csv:3: thiếu tên nhiệm vụ");
  CHECK(format(InputError{0, "tệp không có ngày nào", 0, "a.json"}) ==
        "a.json: tệp không có ngày nào");
  CHECK(format(InputError{2, "x", 5}) == "2:5: x");
  CHECK(format(InputError{0, "x"}) == "x");
}

TEST_CASE("input errors sort by line then column, stable, and get their file once") {
  std::vector<InputError> errors{{2, "b", 9}, {1, "a", 4}, {2, "c", 1}, {2, "d", 1}, {0, "e"}};
  dondoc::sort_by_position(errors);
  std::string order;
  for (const auto& e : errors) order += e.message;
  CHECK(order == "eacdb");
  errors[0].file = "other";
  dondoc::name_file(errors, "f.json");
  CHECK(errors[0].file == "other");
  CHECK(errors[1].file == "f.json");
}

TEST_CASE("a JSONC syntax error is an input error with its column") {
  auto r = dondoc::parse_jsonc("{\n  \"tên\": tháng}");
  REQUIRE_FALSE(r.doc);
  CHECK(format(r.error).rfind("2:10: lỗi cú pháp JSON", 0) == 0);
}
