#include "storage/calendar_store.h"
#include "tests/support/scoped_db.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/both_stores.h"

using dondoc::CalendarOverride;
using dondoc::Database;
using dondoc::testing::on_both_stores;
using dondoc::testing::StoreUnderTest;

namespace {

CalendarOverride make(const char* iso, CalendarOverride::Kind kind, const char* name) {
  return CalendarOverride{*dondoc::parse_date(iso), kind, name};
}

}  // namespace

TEST_CASE("calendar overrides are stored, replaced by date, and audited", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    const std::string path = backend.location;
    {
      dondoc::testing::ScopedDb db(path);
      CHECK(dondoc::load_calendar_overrides(db).empty());
      dondoc::save_calendar_overrides(
          db,
          {make("2026-02-16", CalendarOverride::Kind::off, "Nghỉ Tết Nguyên Đán"),
           make("2026-01-10", CalendarOverride::Kind::work, "Làm bù")},
          "holidays-2026.json", "2026-01-05T09:00+07:00");
      dondoc::save_calendar_overrides(db,
                                      {make("2026-02-16", CalendarOverride::Kind::work, "Đi làm")},
                                      "fix.ics", "2026-01-06T09:00+07:00");
    }
    dondoc::testing::ScopedDb db(path);  // reopened: the data is on disk
    auto all = dondoc::load_calendar_overrides(db);
    REQUIRE(all.size() == 2);
    CHECK(dondoc::format_date(all[0].date) == "2026-01-10");
    CHECK(all[0].kind == CalendarOverride::Kind::work);
    CHECK(all[0].name == "Làm bù");
    CHECK(dondoc::format_date(all[1].date) == "2026-02-16");
    CHECK(all[1].kind == CalendarOverride::Kind::work);
    CHECK(all[1].name == "Đi làm");

    dondoc::sql::Statement st(db.sql(),
                              "SELECT at, kind, source, detail FROM audit WHERE kind = "
                              "'calendar_import' ORDER BY seq");
    REQUIRE(st.step());
    CHECK(st.column(0).text() == "2026-01-05T09:00+07:00");
    CHECK(st.column(2).text() == "holidays-2026.json");
    auto detail = nlohmann::json::parse(st.column(3).text());
    CHECK(detail["count"] == 2);
    CHECK(detail["file"] == "holidays-2026.json");
    REQUIRE(st.step());
    CHECK(nlohmann::json::parse(st.column(3).text())["count"] == 1);
    CHECK_FALSE(st.step());
  });
}

TEST_CASE("a failing batch changes nothing", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    dondoc::save_calendar_overrides(db, {make("2026-01-02", CalendarOverride::Kind::off, "a")},
                                    "a.json", "2026-01-01T00:00+07:00");
    // A trigger that makes the second insert fail stands in for a crash halfway.
    if (db.dialect() == dondoc::sql::Dialect::sqlite) {
      db.sql().exec(
          "CREATE TEMP TRIGGER boom BEFORE INSERT ON calendar_overrides WHEN NEW.date = "
          "'2026-03-02' BEGIN SELECT RAISE(ABORT, 'boom'); END");
    } else {
      db.sql().exec(
          "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
          "RAISE EXCEPTION 'boom'; END $$;"
          "CREATE TRIGGER boom BEFORE INSERT ON calendar_overrides FOR EACH ROW WHEN "
          "(NEW.date = '2026-03-02') EXECUTE FUNCTION boom()");
    }
    CHECK_THROWS(
        dondoc::save_calendar_overrides(db,
                                        {make("2026-03-01", CalendarOverride::Kind::off, "b"),
                                         make("2026-03-02", CalendarOverride::Kind::off, "c")},
                                        "b.json", "2026-01-01T00:00+07:00"));
    auto all = dondoc::load_calendar_overrides(db);
    REQUIRE(all.size() == 1);
    CHECK(dondoc::format_date(all[0].date) == "2026-01-02");
    CHECK(db.sql().exec_and_get("SELECT COUNT(*) FROM audit").as_int() == 1);
  });
}
