// Indicator values reported in chat: the forms issue 16 names, with and without diacritics, and
// messages that are not indicator reports.
#include "bot/indicator_intent.h"

#include <catch2/catch.hpp>

using dondoc::bot::IndicatorReport;
using dondoc::bot::parse_indicator_report;

TEST_CASE("indicator reports in chat") {
  CHECK(parse_indicator_report("CT 1.1: 2 doanh nghiệp") ==
        IndicatorReport{"1.1", "2 doanh nghiệp"});
  CHECK(parse_indicator_report("chỉ tiêu 3.2 đạt 85%") == IndicatorReport{"3.2", "85%"});
  CHECK(parse_indicator_report("chi tieu 3.2 dat 85%") == IndicatorReport{"3.2", "85%"});
  CHECK(parse_indicator_report("  Chỉ Tiêu 13: 90 %") == IndicatorReport{"13", "90 %"});
  CHECK(parse_indicator_report("ct3.4 = 72%") == IndicatorReport{"3.4", "72%"});
  CHECK(parse_indicator_report("CHỈ TIÊU 2.5 đạt") == IndicatorReport{"2.5", "Đạt"});
  CHECK(parse_indicator_report("ct 1.1. là 3 doanh nghiệp") ==
        IndicatorReport{"1.1", "3 doanh nghiệp"});
  // NFD input (decomposed diacritics)
  CHECK(parse_indicator_report("chi\xcc\x89 tie\xcc\x82u 3.2: 85%") ==
        IndicatorReport{"3.2", "85%"});
  auto r = parse_indicator_report("CT 3.2: 85%\nSố liệu đến 30/11");
  REQUIRE(r);
  CHECK(r->value == "85%");
  CHECK(r->note == "Số liệu đến 30/11");
}

TEST_CASE("not indicator reports") {
  CHECK_FALSE(parse_indicator_report("xong"));
  CHECK_FALSE(parse_indicator_report("CT 1.1"));       // no value
  CHECK_FALSE(parse_indicator_report("CT: 85%"));      // no number
  CHECK_FALSE(parse_indicator_report("ctxh 1.1: 5"));  // another word
  CHECK_FALSE(parse_indicator_report("chỉ tiêu nào còn thiếu?"));
  CHECK_FALSE(parse_indicator_report("Báo cáo tháng 11 đã gửi"));
  CHECK_FALSE(parse_indicator_report("1.1 xong"));
}
