// The calendar import use case on a real database file, with the time passed in.
#include "service/import_calendar.h"

#include <catch2/catch.hpp>

#include "storage/calendar_store.h"
#include "tests/support/process.h"
#include "tests/support/scoped_db.h"

using namespace dondoc;
using dondoc::testing::TempDir;

namespace {

const Instant kNow = local_instant(*make_date(2026, 1, 5), 9 * 60);

constexpr const char* kIcs =
    "BEGIN:VCALENDAR\nVERSION:2.0\n"
    "BEGIN:VEVENT\nUID:tet@x\nDTSTART;VALUE=DATE:20260216\nDTEND;VALUE=DATE:20260219\n"
    "SUMMARY:Nghỉ Tết\nEND:VEVENT\n"
    "BEGIN:VEVENT\nUID:bu@x\nDTSTART;VALUE=DATE:20260221\nSUMMARY:Làm bù\nEND:VEVENT\n"
    "END:VCALENDAR\n";

}  // namespace

TEST_CASE("calendar import: the format from the name or the text") {
  using service::CalendarFormat;
  CHECK(service::calendar_format("tet.ICS", "") == CalendarFormat::ics);
  CHECK(service::calendar_format("tet.txt", "BEGIN:VCALENDAR") == CalendarFormat::ics);
  CHECK(service::calendar_format("holidays.json", "[]") == CalendarFormat::json);
  CHECK(service::calendar_format("ics", "[]") == CalendarFormat::json);
}

TEST_CASE("calendar import: JSON and ICS days are stored") {
  TempDir dir;
  dondoc::testing::ScopedDb db(dir.file("d.db"));
  auto json = service::import_calendar(
      db, "h.json", R"([{"date": "2026-03-02", "kind": "off", "name": "A"}])", kNow);
  REQUIRE(json.ok());
  CHECK(json.imported == 1);
  auto ics = service::import_calendar(db, "tet.ics", kIcs, kNow);
  REQUIRE(ics.ok());
  CHECK(ics.imported == 4);  // 16..18/2 and the làm bù Saturday
  auto stored = load_calendar_overrides(db);
  REQUIRE(stored.size() == 5);
  CHECK(stored[3].kind == CalendarOverride::Kind::work);
  CHECK(stored[3].name == "Làm bù");
}

TEST_CASE("calendar import: a bad file stores nothing; errors name the file") {
  TempDir dir;
  dondoc::testing::ScopedDb db(dir.file("d.db"));
  auto json = service::import_calendar(db, "h.json",
                                       "[\n {\"date\": \"2026-03-02\", \"kind\": \"nghỉ\"}]", kNow);
  REQUIRE(json.errors.size() == 1);
  CHECK(format(json.errors[0]) ==
        "h.json:2:33: \"kind\" phải là \"off\" hoặc \"work\", không phải \"nghỉ\"");
  auto ics = service::import_calendar(db, "x.ics", "không phải lịch", kNow);
  REQUIRE(ics.errors.size() == 1);
  CHECK(format(ics.errors[0]).rfind("x.ics: không phải tệp iCalendar", 0) == 0);
  CHECK(load_calendar_overrides(db).empty());
}
