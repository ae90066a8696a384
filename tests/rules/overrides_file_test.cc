// The holiday-override JSON as the secretariat writes it, and what a person reads when it is wrong.
#include "rules/overrides_file.h"

#include <catch2/catch.hpp>

using namespace dondoc;

namespace {

std::vector<std::string> printed(const OverridesRead& r) {
  std::vector<std::string> out;
  for (const auto& e : r.errors) out.push_back(format(e));
  return out;
}

}  // namespace

TEST_CASE("override JSON: days with kind and NFC name, comments and trailing commas allowed") {
  auto r = parse_overrides_json(
      "// Quyết định 2026\n[\n  {\"date\": \"2026-02-16\", \"kind\": \"off\", \"name\": "
      "\"Te\xCC\x82\xCC\x81t\"},\n  {\"date\": \"2026-02-21\", \"kind\": \"work\"},\n]\n");
  REQUIRE(r.errors.empty());
  REQUIRE(r.days.size() == 2);
  CHECK(format_date(r.days[0].value.date) == "2026-02-16");
  CHECK(r.days[0].value.name == "Tết");
  CHECK(r.days[0].where == "dòng 3");
  CHECK(r.days[1].value.kind == CalendarOverride::Kind::work);
}

TEST_CASE("override JSON: every bad entry at the line:column of its value, key or brace") {
  auto r = parse_overrides_json(
      "[\n"
      "  {\"date\": \"2026-02-30\", \"kind\": \"off\"},\n"
      "  {\"date\": \"2026-03-05\", \"kind\": \"holiday\"},\n"
      "  {\"kind\": \"off\"},\n"
      "  {\"date\": \"2026-03-06\", \"kind\": \"off\", \"colour\": \"red\"},\n"
      "  {\"date\": \"2026-03-09\", \"kind\": \"work\", \"name\": [\"x\"]},\n"
      "  7,\n"
      "  {\"date\": \"2026-03-10\", \"kind\": \"off\"},\n"
      "  {\"date\": \"2026-03-10\", \"kind\": \"work\"}\n"
      "]\n");
  CHECK(printed(r) == std::vector<std::string>{
                          "2:12: \"date\" phải là một ngày YYYY-MM-DD, không phải \"2026-02-30\"",
                          "3:34: \"kind\" phải là \"off\" hoặc \"work\", không phải \"holiday\"",
                          "4:3: thiếu \"date\"",
                          "5:41: khóa không rõ \"colour\" (chỉ có \"date\", \"kind\", \"name\")",
                          "6:50: \"name\" phải là một giá trị đơn (chuỗi)",
                          "7:3: phần tử #6 phải là một đối tượng {...}",
                          "9:3: ngày 2026-03-10 đã có ở dòng 8",
                      });
}

TEST_CASE("override JSON: syntax, shape, range, names and an empty file") {
  auto syntax =
      parse_overrides_json("[\n  {\"date\": \"2026-03-09\", \"kind\": \"work\"}\n  {}\n]");
  CHECK(printed(syntax) == std::vector<std::string>{
                               "3:3: lỗi cú pháp JSON: cần dấu phẩy \",\" hoặc \"]\", gặp \"{\""});
  auto object = parse_overrides_json(" {\"date\": \"2026-03-09\"}");
  CHECK(printed(object) ==
        std::vector<std::string>{
            "1:2: tệp phải là một mảng JSON [{\"date\", \"kind\", \"name\"}, ...]"});
  auto old = parse_overrides_json("[{\"date\": \"1899-12-31\", \"kind\": \"off\"}]");
  CHECK(printed(old) ==
        std::vector<std::string>{"1:2: ngày 1899-12-31 nằm ngoài các năm 1900–2100"});
  std::string long_name(201, 'a');
  auto named = parse_overrides_json("[{\"date\": \"2026-01-01\", \"kind\": \"off\", \"name\": \"" +
                                    long_name + "\"}]");
  CHECK(printed(named) == std::vector<std::string>{"1:48: tên dài quá 200 ký tự"});
  CHECK(printed(parse_overrides_json("[]")) == std::vector<std::string>{"tệp không có ngày nào"});
}
