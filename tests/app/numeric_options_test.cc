// Numbers on the command line are read whole and range-checked (issue 13 item 7): a value out of
// range, with trailing text, a space or a plus sign exits 2 naming the option and changes nothing.
// `record --percent 4294967346` once stored 50 (a strtol result narrowed to int).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/process.h"

using namespace dondoc::testing;

namespace {

// `dondoc --db db status --json` for vh_xh and `audit --json`, the record of everything changed.
std::string state_of(const std::string& db) {
  return run_dondoc(
             {"--db", db, "status", "--json", "--body", "vh_xh", "--now", "2026-11-20T10:00+07:00"})
             .out +
         run_dondoc({"--db", db, "audit", "--json"}).out;
}

}  // namespace

TEST_CASE("record --percent out of range or malformed: exit 2 naming --percent, nothing changed") {
  TempDir dir;
  std::string db = dir.file("d.db");
  REQUIRE(run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  REQUIRE(run_dondoc({"--db", db, "tick", "--now", "2026-11-02T07:00+07:00"}).exit_code == 0);
  const std::string before = state_of(db);
  for (const std::string bad :
       {"4294967346", "-1", "101", "60abc", " 60", "+60", "", "9e9", "99999999999999999999999"}) {
    auto r = run_dondoc({"--db", db, "record", "--task", "2", "--body", "vh_xh", "--status",
                         "in_progress", "--percent", bad, "--now", "2026-11-20T09:00+07:00"});
    INFO("--percent \"" << bad << "\": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--percent: cần một số nguyên từ 0 đến 100") != std::string::npos);
    CHECK(r.out.empty());
  }
  CHECK(state_of(db) == before);
  auto ok = run_dondoc({"--db", db, "record", "--task", "2", "--body", "vh_xh", "--status",
                        "in_progress", "--percent", "50", "--now", "2026-11-20T09:00+07:00"});
  CHECK(ok.exit_code == 0);
  CHECK(ok.out == "Đã ghi nhận: Nhiệm vụ 2 — đang thực hiện 50%\n");
}

TEST_CASE("calendar --year and preview --days: out of the int range is bad input, not wrapped") {
  TempDir dir;
  std::string db = dir.file("d.db");
  REQUIRE(run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  // 4294969322 narrowed to a 32-bit int is 2026.
  auto y = run_dondoc({"--db", db, "calendar", "--year", "4294969322"});
  CHECK(y.exit_code == 2);
  CHECK(y.err.find("--year: cần một số nguyên từ 1900 đến 2100") != std::string::npos);
  // 4294967388 narrowed is 92.
  auto d = run_dondoc({"--db", db, "preview", "--from", "2026-10-01", "--days", "4294967388"});
  CHECK(d.exit_code == 2);
  CHECK(d.err.find("--days: cần một số nguyên từ 1 đến 366") != std::string::npos);
  CHECK(run_dondoc({"--db", db, "calendar", "--year", "2026", "--json"}).exit_code == 0);
}

TEST_CASE("an option the command does not take: exit 2 naming it and the usage, nothing changed") {
  TempDir dir;
  std::string db = dir.file("d.db");
  REQUIRE(run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  REQUIRE(run_dondoc({"--db", db, "tick", "--now", "2026-11-02T07:00+07:00"}).exit_code == 0);
  const std::string before = state_of(db);
  struct Case {
    std::vector<std::string> args;
    std::string option, command;
  };
  for (const auto& c : std::vector<Case>{
           {{"status", "--bogus", "1"}, "--bogus", "status"},
           {{"record", "--task", "2", "--body", "vh_xh", "--status", "in_progress", "--percnt",
             "60", "--now", "2026-11-20T09:00+07:00"},
            "--percnt",
            "record"},
           {{"tick", "--now", "2026-11-20T09:00+07:00", "--force"}, "--force", "tick"},
           {{"commune", "set", "xa", "--telegram-token", "T"},
            "--telegram-token",
            "commune set"}}) {
    std::vector<std::string> args{"--db", db};
    args.insert(args.end(), c.args.begin(), c.args.end());
    auto r = run_dondoc(args);
    INFO(c.option << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("tùy chọn " + c.option + " không dùng với lệnh \"" + c.command + "\"") !=
          std::string::npos);
    CHECK(r.err.find("cách dùng: dondoc " + c.command) != std::string::npos);
    CHECK(r.out.empty());
  }
  CHECK(state_of(db) == before);

  // Refused before the command opens anything: no database is created.
  auto fresh = run_dondoc({"--db", dir.file("new.db"), "init", "--demo", "--nam", "Xã B"});
  CHECK(fresh.exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(dir.file("new.db")));

  // Options a usage names, -o's long form, --db/--commune anywhere and a command's extra
  // options (commune set's zalo- twins) still pass the check.
  CHECK(run_dondoc({"--db", db, "record", "--task", "2", "--body", "vh_xh", "--status",
                    "in_progress", "--percent", "60", "--json", "--now", "2026-11-20T09:00+07:00"})
            .exit_code == 0);
  auto report =
      run_dondoc({"--db", db, "report", "--cycle", "monthly", "--period", "2026-10", "--format",
                  "md", "--output", dir.file("r.md"), "--now", "2026-11-20T10:00+07:00"});
  INFO(report.err);
  CHECK(report.exit_code == 0);
  auto zalo = run_dondoc({"--db", db, "commune", "set", "nope", "--zalo-token-env", "X"});
  CHECK(zalo.err.find("không dùng với lệnh") == std::string::npos);
}
