// The indicator table from CSV as Excel saves it: BOM, ';', CRLF, two header rows, group
// headings, merged body cells; and every problem at FILE:LINE naming its column, nothing kept.
#include "engine/indicator_import.h"

#include <catch2/catch.hpp>

#include "tests/support/process.h"

using namespace dondoc;

namespace {

std::vector<Body> bodies() {
  return {{"vh_xh", "Phòng Văn hóa - Xã hội", {}, Body::Kind::unit, {}, ""},
          {"kinh_te", "Phòng Kinh tế", {}, Body::Kind::unit, {}, ""},
          {"tt_hcc", "Trung tâm Phục vụ hành chính công", {}, Body::Kind::unit, {}, ""}};
}

std::string messages(const std::vector<LineProblem>& ps) {
  std::string out;
  for (const auto& p : ps) out += format(p) + "\n";
  return out;
}

}  // namespace

TEST_CASE("indicator CSV: the demo table as Excel saves it") {
  auto text = dondoc::testing::read_text(dondoc::testing::source_path("examples/indicators.csv"));
  auto r = import_indicators_csv(text, bodies());
  INFO(messages(r.problems));
  REQUIRE(r.problems.empty());
  REQUIRE(r.indicators.size() == 14);
  const Indicator& first = r.indicators.front();
  CHECK(first.id == "1.1");
  CHECK(first.unit == "Doanh nghiệp");
  CHECK(first.monitoring_body == "vh_xh");
  CHECK(first.milestones.count(2025) == 0);
  CHECK(first.milestones.at(2030) == "≥ 01");
  CHECK(r.indicators[1].monitoring_body == "vh_xh");  // merged cell: the row above's body
  CHECK(r.indicators[6].id == "2.4");
  CHECK(r.indicators[6].monitoring_body == "kinh_te");
  CHECK(r.indicators[6].milestones.size() == 2);  // "-" is no milestone
  CHECK(r.indicators[7].milestones.at(2045) == "Hoàn thành");
  CHECK(r.indicators.back().monitoring_body == "vh_xh");
}

TEST_CASE("indicator CSV: one header row, ',' and quoted cells") {
  std::string csv =
      "STT,Tên chỉ tiêu,Đơn vị tính,2025,2030,Cơ quan theo dõi\n"
      "1.1,\"Tỷ lệ A, B\",%,≥ 80,100,Phòng Kinh tế\n"
      "1.2,Hộ nghèo,%,,≤ 2,phong kinh te\n";
  auto r = import_indicators_csv(csv, bodies());
  REQUIRE(r.problems.empty());
  REQUIRE(r.indicators.size() == 2);
  CHECK(r.indicators[0].name == "Tỷ lệ A, B");
  CHECK(r.indicators[1].milestones.size() == 1);
  CHECK(r.indicators[1].monitoring_body == "kinh_te");
}

TEST_CASE("indicator CSV: every problem at its line, naming the column, nothing kept") {
  std::string csv =
      "STT;Tên chỉ tiêu;Đơn vị;Đến hết năm 2025;2030;Cơ quan chủ trì theo dõi, đánh giá\r\n"
      "1.1;Tỷ lệ A;%;≥ 80;100;Phòng Y tế\r\n"
      "1.2;;%;≥;100;Phòng Kinh tế\r\n"
      "1.1;Tỷ lệ C;%;50;100;\r\n";
  auto r = import_indicators_csv(csv, bodies());
  name_file(r.problems, "ct.csv");
  CHECK(r.indicators.empty());
  CHECK(messages(r.problems) ==
        "ct.csv:2: cột \"Cơ quan chủ trì theo dõi, đánh giá\": không tìm thấy cơ quan \"Phòng Y "
        "tế\"\n"
        "ct.csv:3: cột \"Đến hết năm 2025\": mốc \"≥\" thiếu con số\n"
        "ct.csv:3: cột \"Tên chỉ tiêu\": thiếu tên chỉ tiêu\n"
        "ct.csv:4: cột \"STT\": chỉ tiêu \"1.1\" đã có ở dòng trên\n");
}

TEST_CASE("indicator CSV: a table without its columns") {
  auto r = import_indicators_csv("STT;Tên chỉ tiêu;Đơn vị\n1;A;%\n", bodies());
  REQUIRE(r.problems.size() == 2);
  CHECK(format(r.problems[0]) == "1: thiếu cột \"Cơ quan chủ trì theo dõi, đánh giá\"");
  r = import_indicators_csv("a;b\n1;2\n", bodies());
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].message.find("không tìm thấy dòng tiêu đề") != std::string::npos);
}
