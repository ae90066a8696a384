// Indicators on a real SQLite file with the time passed in: values recorded with their history,
// each indicator's standing (met, on track, at risk, no data, not measurable), and bad input
// changing nothing.
#include "service/indicators.h"

#include <catch2/catch.hpp>

#include "storage/indicator_store.h"
#include "storage/plan_store.h"
#include "tests/support/process.h"
#include "tests/support/scoped_db.h"

using namespace dondoc;
using dondoc::testing::TempDir;

namespace {

Instant at(int y, int m, int d) { return local_instant(*make_date(y, m, d), 9 * 60); }

Plan indicator_plan() {
  Plan p;
  p.bodies = {{"kt", "Phòng Kinh tế", {}, Body::Kind::unit, {}, ""},
              {"vh_xh", "Phòng Văn hóa - Xã hội", {}, Body::Kind::unit, {}, ""}};
  p.indicators = {
      {"1.1", "Số doanh nghiệp công nghệ số", "doanh nghiệp", "kt", {{2025, "1"}, {2030, "5"}}},
      {"3.2", "Tỷ lệ hồ sơ trực tuyến", "%", "vh_xh", {{2025, "≥ 70"}, {2030, "≥ 80%"}}},
      {"4", "Tỷ lệ hộ nghèo", "%", "vh_xh", {{2030, "≤ 2"}}},
      {"5", "Xây dựng xã thông minh", "", "kt", {{2030, "Hoàn thành"}}}};
  return p;
}

service::RecordIndicator rec(std::string id, std::string value, Instant when,
                             std::string body = "") {
  service::RecordIndicator r;
  r.indicator = std::move(id);
  r.value = std::move(value);
  r.body = std::move(body);
  r.by = "test";
  r.source = "cli";
  r.at = when;
  return r;
}

const service::IndicatorStanding& find(const std::vector<service::IndicatorStanding>& all,
                                       const std::string& id) {
  for (const auto& s : all) {
    if (s.id == id) return s;
  }
  FAIL("no standing " << id);
  return all.front();
}

}  // namespace

TEST_CASE("indicators: record values, history and standings") {
  TempDir dir;
  dondoc::testing::ScopedDb db(dir.file("i.db"));
  replace_plan(db, indicator_plan(), {"plan", "t", "2026-01-01T00:00+07:00"});
  const Instant now = at(2026, 11, 30);

  auto all = service::indicator_standings(db, now);
  REQUIRE(all.ok());
  REQUIRE(all->size() == 4);
  CHECK(find(*all, "3.2").state == "no_data");
  CHECK(find(*all, "3.2").state_vi == "Chưa có số liệu");
  CHECK(find(*all, "3.2").next_milestone_year == 2030);
  CHECK(find(*all, "3.2").next_milestone == "≥ 80%");
  CHECK(find(*all, "3.2").monitoring_body_name == "Phòng Văn hóa - Xã hội");
  CHECK(find(*all, "5").state == "not_measurable");

  REQUIRE(service::record_indicator(db, rec("3.2", "85%", at(2026, 6, 1), "vh_xh")).ok());
  REQUIRE(service::record_indicator(db, rec("1.1", "1 doanh nghiệp", at(2025, 11, 1))).ok());
  REQUIRE(service::record_indicator(db, rec("1.1", "2", at(2026, 11, 1))).ok());
  REQUIRE(service::record_indicator(db, rec("4", "6%", at(2025, 11, 1))).ok());
  REQUIRE(service::record_indicator(db, rec("4", "5,9%", at(2026, 11, 1))).ok());
  REQUIRE(service::record_indicator(db, rec("5", "Đang triển khai", at(2026, 11, 1))).ok());

  all = service::indicator_standings(db, now);
  REQUIRE(all.ok());
  CHECK(find(*all, "3.2").state == "met");
  CHECK(find(*all, "3.2").latest->number == 85);
  CHECK(find(*all, "1.1").state == "on_track");  // +1 a year reaches 5 by 2030
  REQUIRE(find(*all, "1.1").history.size() == 2);
  CHECK(find(*all, "1.1").history.front().value == "1 doanh nghiệp");
  CHECK(find(*all, "4").state == "at_risk");  // -0.1 a year does not reach ≤ 2 by 2030
  CHECK(find(*all, "4").latest->number == Approx(5.9));
  CHECK(find(*all, "5").state == "not_measurable");
  CHECK(find(*all, "5").latest->value == "Đang triển khai");

  auto v = service::record_indicator(db, rec("3.2", "85", now, "vh_xh"));
  REQUIRE(v.ok());
  CHECK(service::indicator_confirmation(db, *v, now) ==
        "Đã ghi chỉ tiêu 3.2 (Tỷ lệ hồ sơ trực tuyến): 85% (mốc 2030: ≥ 80%, đạt).");
}

TEST_CASE("indicators: bad input changes nothing") {
  TempDir dir;
  dondoc::testing::ScopedDb db(dir.file("i.db"));
  replace_plan(db, indicator_plan(), {"plan", "t", "2026-01-01T00:00+07:00"});
  const Instant now = at(2026, 11, 30);
  auto r = service::record_indicator(db, rec("9.9", "5", now));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().find("Không có chỉ tiêu \"9.9\"") != std::string::npos);
  r = service::record_indicator(db, rec("3.2", "85%", now, "kt"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error() == "Chỉ tiêu 3.2 do Phòng Văn hóa - Xã hội theo dõi, không phải Phòng Kinh tế.");
  r = service::record_indicator(db, rec("3.2", "chưa rõ", now));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().find("Không đọc được số") != std::string::npos);
  CHECK_FALSE(service::record_indicator(db, rec("3.2", "  ", now)).ok());
  CHECK(load_indicator_values(db).empty());
}

TEST_CASE("indicators: values stay in their commune") {
  TempDir dir;
  {
    dondoc::testing::ScopedDb a(dir.file("i.db"), "a");
    replace_plan(a, indicator_plan(), {"plan", "t", "2026-01-01T00:00+07:00"});
    REQUIRE(service::record_indicator(a, rec("3.2", "85%", at(2026, 6, 1))).ok());
  }
  dondoc::testing::ScopedDb b(dir.file("i.db"), "b");
  replace_plan(b, indicator_plan(), {"plan", "t", "2026-01-01T00:00+07:00"});
  auto all = service::indicator_standings(b, at(2026, 11, 30));
  REQUIRE(all.ok());
  CHECK(find(*all, "3.2").state == "no_data");
}
