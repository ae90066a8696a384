// `dondoc calendar --year` and `dondoc calendar import`, run as a user would.

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include "storage/sql.h"

#include "tests/support/process.h"

using dondoc::testing::read_text;
using dondoc::testing::run_dondoc;
using dondoc::testing::TempDir;
using dondoc::testing::write_text;
using nlohmann::json;

namespace {

// The days of the year printed as "date kind name".
std::vector<std::string> holiday_lines(const json& year) {
  std::vector<std::string> out;
  for (const auto& h : year["holidays"]) {
    out.push_back(h["date"].get<std::string>() + " " + h["kind"].get<std::string>() + " " +
                  h["name"].get<std::string>());
  }
  return out;
}

int override_rows(const std::string& db) {
  auto conn_owner = dondoc::sql::open_sqlite(db, true);
  dondoc::sql::Connection& conn = *conn_owner;
  return conn.exec_and_get("SELECT COUNT(*) FROM calendar_overrides").as_int();
}

const char* const kGoodIcs =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//dondoc test//VI\r\n"
    "BEGIN:VEVENT\r\nUID:tet-2026@example\r\nDTSTART;VALUE=DATE:20260214\r\n"
    "DTEND;VALUE=DATE:20260223\r\nSUMMARY:Nghỉ Tết Bính Ngọ\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:lam-bu@example\r\nDTSTART;VALUE=DATE:20260307\r\n"
    "SUMMARY:Làm bù ngày 20/02\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:work@example\r\nDTSTART;VALUE=DATE:20260314\r\n"
    "SUMMARY:Ngày làm việc\r\nCATEGORIES:WORK\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";

}  // namespace

TEST_CASE("calendar --year --json prints the documented keys without creating a database") {
  TempDir dir;
  const std::string db = dir.file("none.db");
  auto r = run_dondoc({"--db", db, "calendar", "--year", "2028", "--json"});
  REQUIRE(r.exit_code == 0);
  auto year = json::parse(r.out);
  std::vector<std::string> keys;
  const auto in_order = nlohmann::ordered_json::parse(r.out);
  for (const auto& [key, value] : in_order.items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"year", "lunar_new_year", "hung_kings", "holidays",
                                         "working_saturdays", "working_days"});
  CHECK(year["year"] == 2028);
  CHECK(year["lunar_new_year"] == "2028-01-26");
  CHECK(year["hung_kings"] == "2028-04-04");
  CHECK(year["working_saturdays"] == json::array());
  CHECK(year["working_days"] == 249);
  auto lines = holiday_lines(year);
  CHECK(std::count(lines.begin(), lines.end(), "2028-04-30 holiday Ngày Chiến thắng") == 1);
  CHECK(std::count(lines.begin(), lines.end(),
                   "2028-05-02 compensatory Nghỉ bù Ngày Chiến thắng") == 1);
  CHECK_FALSE(std::filesystem::exists(db));
}

TEST_CASE("calendar --year without --json is a Vietnamese list") {
  auto r = run_dondoc({"calendar", "--year", "2026", "--db", "/nonexistent/dondoc.db"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Tết Nguyên Đán (mùng 1 tháng Giêng âm lịch): Thứ Ba 17/02/2026") !=
        std::string::npos);
  CHECK(r.out.find("Thứ Hai 27/04/2026  Nghỉ bù Giỗ Tổ Hùng Vương") != std::string::npos);
  CHECK(r.out.find("Số ngày làm việc: 250") != std::string::npos);
}

TEST_CASE("calendar --year must be a year in 1900-2100") {
  for (std::vector<std::string> args : {std::vector<std::string>{"calendar"},
                                        {"calendar", "--year", "1899"},
                                        {"calendar", "--year", "2101"},
                                        {"calendar", "--year", "năm"}}) {
    auto r = run_dondoc(args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("--year") != std::string::npos);
  }
}

TEST_CASE("importing the example JSON file makes its overrides win") {
  TempDir dir;
  const std::string db = dir.file("dondoc.db");
  auto r = run_dondoc({"--db", db, "calendar", "import",
                       dondoc::testing::source_path("examples/holidays-2026.json")});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Đã nạp 7 ngày điều chỉnh lịch từ") != std::string::npos);
  CHECK(override_rows(db) == 7);
  auto year = json::parse(run_dondoc({"--db", db, "calendar", "--year", "2026", "--json"}).out);
  CHECK(year["working_saturdays"] == json::array({"2026-01-10"}));
  auto lines = holiday_lines(year);
  CHECK(lines[1] == "2026-01-02 override Nghỉ Tết Dương lịch (hoán đổi ngày làm việc)");
  CHECK(lines[2] == "2026-02-16 override Tết Nguyên Đán (29 tháng Chạp)");
  CHECK(year["working_days"] == 250);  // one weekday off, one Saturday worked
}

TEST_CASE("importing ICS: multi-day events, làm bù and WORK make working days") {
  TempDir dir;
  const std::string db = dir.file("dondoc.db");
  write_text(dir.file("tet.ics"), kGoodIcs);
  auto r = run_dondoc({"--db", db, "calendar", "import", dir.file("tet.ics"), "--json"});
  REQUIRE(r.exit_code == 0);
  CHECK(json::parse(r.out) == json{{"imported", 11}});  // 14..22/2 + two Saturdays
  auto year = json::parse(run_dondoc({"--db", db, "calendar", "--year", "2026", "--json"}).out);
  CHECK(year["working_saturdays"] == json::array({"2026-03-07", "2026-03-14"}));
  auto lines = holiday_lines(year);
  CHECK(std::count(lines.begin(), lines.end(), "2026-02-22 override Nghỉ Tết Bính Ngọ") == 1);
  CHECK(std::count(lines.begin(), lines.end(), "2026-02-23 override Nghỉ Tết Bính Ngọ") == 0);
  CHECK(year["working_days"] == 252);
}

TEST_CASE("a bad JSON file names each bad entry by line and column and changes nothing") {
  TempDir dir;
  const std::string db = dir.file("dondoc.db");
  write_text(dir.file("ok.json"), R"([{"date": "2026-03-02", "kind": "off", "name": "A"}])");
  REQUIRE(run_dondoc({"--db", db, "calendar", "import", dir.file("ok.json")}).exit_code == 0);
  const std::string bad = dir.file("bad.json");
  write_text(bad,
             "[\n"
             "  {\"date\": \"2026-02-30\", \"kind\": \"off\"},\n"
             "  {\"date\": \"2026-03-05\", \"kind\": \"holiday\"},\n"
             "  {\"kind\": \"off\"},\n"
             "  {\"date\": \"2026-03-06\", \"kind\": \"off\",\n"
             "   \"colour\": \"red\"},\n"
             "  {\"date\": \"2026-03-09\", \"kind\": \"work\"}\n"
             "]\n");
  auto r = run_dondoc({"--db", db, "calendar", "import", bad});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find(bad + ":2:12: \"date\"") != std::string::npos);
  CHECK(r.err.find(bad + ":3:34: \"kind\"") != std::string::npos);
  CHECK(r.err.find(bad + ":4:3: thiếu \"date\"") != std::string::npos);
  CHECK(r.err.find(bad + ":6:4: khóa không rõ \"colour\"") != std::string::npos);
  CHECK(r.err.find(":7:") == std::string::npos);
  CHECK(override_rows(db) == 1);

  write_text(bad, "[\n  {\"date\": \"2026-03-09\", \"kind\": \"work\"}\n  {}\n]\n");
  r = run_dondoc({"--db", db, "calendar", "import", bad});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(bad + ":3:3: lỗi cú pháp JSON") != std::string::npos);
  CHECK(override_rows(db) == 1);
}

TEST_CASE("a bad ICS file names each bad event and changes nothing") {
  TempDir dir;
  const std::string db = dir.file("dondoc.db");
  write_text(dir.file("ok.ics"), kGoodIcs);
  REQUIRE(run_dondoc({"--db", db, "calendar", "import", dir.file("ok.ics")}).exit_code == 0);
  const std::string before = read_text(db);
  const std::string bad = dir.file("bad.ics");
  write_text(bad,
             "BEGIN:VCALENDAR\nVERSION:2.0\n"
             "BEGIN:VEVENT\nUID:good@x\nDTSTART;VALUE=DATE:20260401\nSUMMARY:Nghỉ\nEND:VEVENT\n"
             "BEGIN:VEVENT\nSUMMARY:Họp có giờ\nDTSTART:20260402T090000\nEND:VEVENT\n"
             "BEGIN:VEVENT\nUID:backwards@x\nDTSTART;VALUE=DATE:20260405\n"
             "DTEND;VALUE=DATE:20260403\nEND:VEVENT\n"
             "END:VCALENDAR\n");
  auto r = run_dondoc({"--db", db, "calendar", "import", bad});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("sự kiện #1") == std::string::npos);
  CHECK(r.err.find(bad + ": sự kiện #2 (\"Họp có giờ\"): thiếu DTSTART") != std::string::npos);
  CHECK(r.err.find(bad + ": sự kiện #3 (UID backwards@x): DTEND") != std::string::npos);
  CHECK(override_rows(db) == 11);
  CHECK(read_text(db) == before);

  write_text(dir.file("x.ics"), "not a calendar");
  r = run_dondoc({"--db", db, "calendar", "import", dir.file("x.ics")});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("không phải tệp iCalendar") != std::string::npos);
}
