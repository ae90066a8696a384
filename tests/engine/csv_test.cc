#include "engine/csv.h"

#include <catch2/catch.hpp>

using dondoc::CsvLimits;
using dondoc::LineProblem;
using dondoc::parse_csv;

TEST_CASE("csv: Excel's CSV UTF-8 with BOM, CRLF, quotes, commas and line breaks") {
  std::string text =
      "\xEF\xBB\xBFTT,Tên nhiệm vụ,Cơ quan chủ trì\r\n"
      "1,\"Lập kế hoạch, triển khai\",\"Phòng Văn hoá -\nXã hội\"\r\n"
      "2,\"Nói \"\"có\"\" là làm\",Phòng Kinh tế\r\n"
      "\"3\",\"a\r\nb\r\nc\",\r\n"
      "4,cuối,không xuống dòng";
  auto t = parse_csv(text);
  REQUIRE(t.problems.empty());
  REQUIRE(t.records.size() == 5);
  CHECK(t.records[0].cells == std::vector<std::string>{"TT", "Tên nhiệm vụ", "Cơ quan chủ trì"});
  CHECK(t.records[0].line == 1);
  CHECK(t.records[1].cells[1] == "Lập kế hoạch, triển khai");
  CHECK(t.records[1].cells[2] == "Phòng Văn hoá -\nXã hội");
  CHECK(t.records[2].line == 4);  // the record before spans lines 2-3
  CHECK(t.records[2].cells[1] == "Nói \"có\" là làm");
  CHECK(t.records[3].line == 5);
  CHECK(t.records[3].cells == std::vector<std::string>{"3", "a\nb\nc", ""});
  CHECK(t.records[4].line == 8);
  CHECK(t.records[4].cells[2] == "không xuống dòng");
}

TEST_CASE("csv: LF line ends, blank rows skipped, line numbers kept") {
  auto t = parse_csv("a,b\n\n,,\n \t, \nc,d\n");
  REQUIRE(t.problems.empty());
  REQUIRE(t.records.size() == 2);
  CHECK(t.records[1].line == 5);
  CHECK(t.records[1].cells == std::vector<std::string>{"c", "d"});
}

TEST_CASE("csv: ';' delimiter when the first line has more ';' than ','") {
  auto t = parse_csv("TT;Tên nhiệm vụ;Hạn\r\n1;\"Việc a; b, c\";Tháng 9/2025\r\n");
  REQUIRE(t.problems.empty());
  REQUIRE(t.records.size() == 2);
  CHECK(t.records[1].cells == std::vector<std::string>{"1", "Việc a; b, c", "Tháng 9/2025"});
}

TEST_CASE("csv: an unclosed quote is reported at the line where it opens") {
  auto t = parse_csv("a,b\r\n1,\"never closed\r\n2,x\r\n");
  REQUIRE(t.problems.size() == 1);
  CHECK(t.problems[0].line == 2);
  CHECK(t.problems[0].message.find("không được đóng") != std::string::npos);
}

TEST_CASE("csv: limits on file size, cell length (in characters) and row count") {
  CsvLimits limits;
  limits.max_bytes = 20;
  auto big = parse_csv(std::string(21, 'x'), limits);
  REQUIRE(big.problems.size() == 1);
  CHECK(big.problems[0].line == 0);
  CHECK(big.problems[0].message.find("tệp quá lớn") != std::string::npos);

  limits = CsvLimits{};
  limits.max_cell_chars = 5;
  // "ệệệệệ" is 5 characters (15 bytes): allowed; 6 characters is not.
  auto cells = parse_csv("a,ệệệệệ\nb,ệệệệệệ\nc,toolong\n", limits);
  REQUIRE(cells.problems.size() == 2);
  CHECK(cells.problems[0] == LineProblem{2, "ô ở cột 2 dài 6 ký tự, vượt giới hạn 5 ký tự"});
  CHECK(cells.problems[1].line == 3);

  limits = CsvLimits{};
  limits.max_records = 2;
  auto rows = parse_csv("a\nb\nc\n", limits);
  REQUIRE(rows.problems.size() == 1);
  CHECK(rows.problems[0].line == 3);
  CHECK(rows.problems[0].message.find("quá nhiều dòng") != std::string::npos);
}

TEST_CASE("csv: a file that is not UTF-8 asks for CSV UTF-8") {
  auto t = parse_csv("TT,Tên\r\n1,Ph\xF2ng\r\n");  // Windows-1258 "ò"
  REQUIRE(t.problems.size() == 1);
  CHECK(t.problems[0].line == 2);
  CHECK(t.problems[0].message.find("CSV UTF-8") != std::string::npos);
}
