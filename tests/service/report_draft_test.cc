#include <catch2/catch.hpp>

#include "service/report_draft.h"
#include "service/tick.h"
#include "tests/engine/fixture.h"
#include "tests/support/process.h"
#include "tests/support/scoped_db.h"

using namespace dondoc;
using namespace dondoc::testing;

namespace {

StoreOverrides demo_overrides() {
  EngineState st = demo_state();
  return {st.plan, st.rules};
}

int drafts(Database& db) {
  return db.sql()
      .exec_and_get("SELECT COUNT(*) FROM outbox WHERE key LIKE 'dig|report_draft|%'")
      .as_int();
}

}  // namespace

TEST_CASE("tick: a period past its due date tells the secretariat once that its draft is ready") {
  TempDir dir;
  dondoc::testing::ScopedDb db(dir.file("d.db"));
  // Follow-up starts on 1/12: nothing before it is drafted.
  REQUIRE(service::tick(db, FixedClock(at("2026-12-01T07:00+07:00")), demo_overrides()));
  CHECK(drafts(db) == 0);
  // Before any report of December (the quarter's, the month's) is due: still nothing.
  REQUIRE(service::tick(db, FixedClock(at("2026-12-05T08:00+07:00")), demo_overrides()));
  CHECK(drafts(db) == 0);
  // After they were due: one notice per period, to the secretariat, naming it (the quarter's
  // reports fell due earlier in December too).
  REQUIRE(service::tick(db, FixedClock(at("2026-12-22T08:00+07:00")), demo_overrides()));
  REQUIRE(drafts(db) == 2);
  sql::Statement q(
      db.sql(), "SELECT recipient, text FROM outbox WHERE key LIKE 'dig|report_draft|monthly|%'");
  REQUIRE(q.step());
  CHECK(q.column(0).text() == "vp_dang_uy");
  std::string text = q.column(1).text();
  CHECK(text.rfind("Kính gửi ", 0) == 0);
  CHECK(text.find("Dự thảo báo cáo tháng 12/2026 về kết quả thực hiện kế hoạch") !=
        std::string::npos);
  CHECK(text.find("/bao-cao?cycle=monthly&period=2026-12") != std::string::npos);
  // Later ticks of the same period do not repeat it.
  REQUIRE(service::tick(db, FixedClock(at("2026-12-23T08:00+07:00")), demo_overrides()));
  REQUIRE(service::tick(db, FixedClock(at("2026-12-28T15:00+07:00")), demo_overrides()));
  CHECK(drafts(db) == 2);
}
