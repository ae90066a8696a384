// Indicator milestones and values: the written forms of the seeds' tables made comparable, and
// the standing (met, on track, at risk, no data, not measurable) from the trend of the values.
#include "engine/indicator_target.h"

#include <catch2/catch.hpp>

using namespace dondoc;
using Kind = IndicatorTarget::Kind;

namespace {

Instant at(int y, int m, int d) { return local_instant(*make_date(y, m, d), 9 * 60); }

}  // namespace

TEST_CASE("indicator targets: signs, percents, units, plain numbers and text") {
  auto t = parse_indicator_target("≥ 80%");
  CHECK(t.kind == Kind::at_least);
  CHECK(t.value == 80);
  CHECK(t.percent);
  t = parse_indicator_target("≤ 5");
  CHECK(t.kind == Kind::at_most);
  CHECK(t.value == 5);
  CHECK_FALSE(t.percent);
  t = parse_indicator_target("100%");
  CHECK((t.kind == Kind::at_least && t.value == 100 && t.percent));
  t = parse_indicator_target("2 doanh nghiệp");
  CHECK((t.kind == Kind::at_least && t.value == 2));
  t = parse_indicator_target("30");
  CHECK((t.kind == Kind::at_least && t.value == 30));
  t = parse_indicator_target("Dưới 2%");
  CHECK((t.kind == Kind::at_most && t.value == 2 && t.percent));
  t = parse_indicator_target(">= 85,5 %");
  CHECK((t.kind == Kind::at_least && t.value == 85.5));
  CHECK(parse_indicator_target("Hoàn thành").kind == Kind::text);
  CHECK(parse_indicator_target("").kind == Kind::text);
  CHECK(parse_indicator_target("Cơ bản hoàn thành chuyển đổi số").kind == Kind::text);
}

TEST_CASE("indicator values: numbers as Vietnamese writes them") {
  CHECK(parse_indicator_number("85%") == 85);
  CHECK(parse_indicator_number("đạt 85%") == 85);
  CHECK(parse_indicator_number("2 doanh nghiệp") == 2);
  CHECK(parse_indicator_number("85,5") == 85.5);
  CHECK(parse_indicator_number("1.250 hộ") == 1250);
  CHECK(parse_indicator_number("1.250,5") == 1250.5);
  CHECK(parse_indicator_number("2.5") == 2.5);
  CHECK(parse_indicator_number("1.000.000") == 1000000);
  CHECK_FALSE(parse_indicator_number("Đạt").has_value());
  CHECK_FALSE(parse_indicator_number("chưa có").has_value());
}

TEST_CASE("indicator targets: met compares the right way") {
  CHECK(target_met(parse_indicator_target("≥ 80%"), 80));
  CHECK_FALSE(target_met(parse_indicator_target("≥ 80%"), 79.9));
  CHECK(target_met(parse_indicator_target("≤ 5"), 5));
  CHECK_FALSE(target_met(parse_indicator_target("≤ 5"), 6));
  CHECK_FALSE(target_met(parse_indicator_target("Hoàn thành"), 100));
}

TEST_CASE("indicator standing: next milestone and state from the trend") {
  std::map<int, std::string> ms{{2025, "≥ 70"}, {2030, "≥ 85"}, {2035, "100"}};
  const Instant now = at(2026, 11, 30);
  SECTION("no value") {
    auto j = judge_indicator(ms, {}, now);
    CHECK(j.milestone_year == 2030);
    CHECK(j.milestone == "≥ 85");
    CHECK(j.state == "no_data");
  }
  SECTION("text values only") {
    CHECK(judge_indicator(ms, {{at(2026, 1, 1), std::nullopt}}, now).state == "no_data");
  }
  SECTION("met") { CHECK(judge_indicator(ms, {{at(2026, 6, 1), 86.0}}, now).state == "met"); }
  SECTION("on track: rising fast enough") {
    auto j = judge_indicator(ms, {{at(2025, 11, 30), 70.0}, {at(2026, 11, 30), 75.0}}, now);
    CHECK(j.state == "on_track");
  }
  SECTION("at risk: too slow") {
    auto j = judge_indicator(ms, {{at(2025, 11, 30), 70.0}, {at(2026, 11, 30), 71.0}}, now);
    CHECK(j.state == "at_risk");
  }
  SECTION("one value: on track while years are left, at risk in the milestone year") {
    CHECK(judge_indicator(ms, {{at(2026, 6, 1), 50.0}}, now).state == "on_track");
    CHECK(judge_indicator(ms, {{at(2030, 6, 1), 50.0}}, at(2030, 7, 1)).state == "at_risk");
  }
  SECTION("at most: falling toward it") {
    std::map<int, std::string> poor{{2030, "≤ 2%"}};
    auto j = judge_indicator(poor, {{at(2025, 1, 1), 6.0}, {at(2026, 1, 1), 5.0}}, now);
    CHECK(j.state == "on_track");
    j = judge_indicator(poor, {{at(2025, 1, 1), 6.0}, {at(2026, 1, 1), 5.9}}, now);
    CHECK(j.state == "at_risk");
  }
  SECTION("text milestone") {
    std::map<int, std::string> text{{2030, "Hoàn thành"}};
    CHECK(judge_indicator(text, {{at(2026, 1, 1), 5.0}}, now).state == "not_measurable");
  }
  SECTION("no milestone left: judged against the last, none shown") {
    auto j = judge_indicator(ms, {{at(2036, 1, 1), 90.0}}, at(2036, 2, 1));
    CHECK(j.milestone_year == 0);
    CHECK(j.state == "at_risk");
  }
}
