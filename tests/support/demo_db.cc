#include "tests/support/demo_db.h"

#include <catch2/catch.hpp>

namespace dondoc::testing {

std::string nudge_ready_demo_db(const TempDir& dir) {
  std::string db = dir.file("d.db");
  REQUIRE(run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  // NV4 and NV5 done, so the tick of 29/09/2025 nudges vh_xh about NV2 alone (not a digest).
  for (const char* task : {"4", "5"}) {
    REQUIRE(run_dondoc({"--db", db, "record", "--task", task, "--body", "vh_xh", "--status", "done",
                        "--now", "2025-09-22T08:00+07:00"})
                .exit_code == 0);
  }
  // The first tick only starts the follow-up (nothing linked yet: its messages wait an hour).
  REQUIRE(run_dondoc({"--db", db, "tick", "--now", "2025-09-25T08:00+07:00"}).exit_code == 0);
  return db;
}

}  // namespace dondoc::testing
