// The indicator values store (storage/indicator_store.h) on both stores: values read back as
// written (text values without a number, numbers exactly), by indicator then oldest first, each
// with its audit row in the same transaction, communes apart, and a rolled-back transaction
// leaving neither the value nor its audit row.
#include "storage/indicator_store.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "storage/engine_store.h"
#include "tests/support/both_stores.h"
#include "tests/support/store_contract.h"

using namespace dondoc;
using dondoc::testing::count_rows;
using dondoc::testing::on_both_stores;
using dondoc::testing::rows_text;
using dondoc::testing::StoreUnderTest;

namespace {

IndicatorValueRow value(const std::string& indicator, const std::string& text,
                        std::optional<double> number, const std::string& at_iso,
                        const std::string& note = "") {
  IndicatorValueRow r;
  r.indicator = indicator;
  r.value = text;
  r.number = number;
  r.body = "vh_xh";
  r.by = "Chị Lan";
  r.source = "cli";
  r.at_iso = at_iso;
  r.note = note;
  return r;
}

std::vector<std::string> lines(const std::vector<IndicatorValueRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.indicator + " " + r.value + " " + r.at_iso);
  return out;
}

}  // namespace

TEST_CASE("indicator store: values read back as written, by indicator then oldest first",
          "[pg][indicator_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    CHECK(load_indicator_values(db).empty());
    auto t1 = insert_indicator_value(
        db, value("ty_le_bhyt", "85%", 85.0, "2026-02-01T09:00+07:00", "theo danh sách xã"));
    auto h1 =
        insert_indicator_value(db, value("ho_ngheo", "12 hộ", 12.0, "2026-03-01T09:00+07:00"));
    auto h0 = insert_indicator_value(
        db, value("ho_ngheo", "Đạt", std::nullopt, "2026-01-15T09:00+07:00"));
    auto h2 = insert_indicator_value(
        db, value("ho_ngheo", "1234567.8912345", 1234567.8912345, "2026-03-01T09:00+07:00"));
    CHECK(t1 > 0);
    CHECK(h1 > t1);
    CHECK(h0 > h1);
    CHECK(h2 > h0);

    auto all = load_indicator_values(db);
    // The same instant: the value stored first comes first.
    CHECK(lines(all) == std::vector<std::string>{"ho_ngheo Đạt 2026-01-15T09:00+07:00",
                                                 "ho_ngheo 12 hộ 2026-03-01T09:00+07:00",
                                                 "ho_ngheo 1234567.8912345 2026-03-01T09:00+07:00",
                                                 "ty_le_bhyt 85% 2026-02-01T09:00+07:00"});
    REQUIRE(all.size() == 4);
    CHECK(all[0].id == h0);
    CHECK_FALSE(all[0].number);
    CHECK(all[1].id == h1);
    CHECK(all[1].number == 12.0);
    CHECK(all[2].number == 1234567.8912345);  // exactly: no float on either store
    CHECK(all[3].id == t1);
    CHECK(all[3].note == "theo danh sách xã");
    CHECK(all[3].body == "vh_xh");
    CHECK(all[3].by == "Chị Lan");
    CHECK(all[3].source == "cli");
    CHECK(all[0].note.empty());

    auto one = load_indicator_values(db, "ho_ngheo");
    CHECK(lines(one) ==
          std::vector<std::string>{"ho_ngheo Đạt 2026-01-15T09:00+07:00",
                                   "ho_ngheo 12 hộ 2026-03-01T09:00+07:00",
                                   "ho_ngheo 1234567.8912345 2026-03-01T09:00+07:00"});
    CHECK(load_indicator_values(db, "khong_co").empty());

    // Each value has its audit row, the note only when there is one.
    auto audit = list_audit(db, std::nullopt);
    std::vector<nlohmann::json> details;
    for (const auto& a : audit) {
      if (a.kind != "indicator_value") continue;
      details.push_back(nlohmann::json::parse(a.detail));
      details.back()["subject"] = a.subject;
      details.back()["source"] = a.source;
      details.back()["at"] = a.at;
    }
    REQUIRE(details.size() == 4);
    bool seen_note = false, seen_text = false;
    for (const auto& d : details) {
      CHECK(d["by"] == "Chị Lan");
      CHECK(d["body"] == "vh_xh");
      CHECK(d["source"] == "cli");
      if (d["subject"] == "indicator:ty_le_bhyt") {
        seen_note = true;
        CHECK(d["value"] == "85%");
        CHECK(d["note"] == "theo danh sách xã");
        CHECK(d["at"] == "2026-02-01T09:00+07:00");
      }
      if (d["value"] == "Đạt") {
        seen_text = true;
        CHECK(d["subject"] == "indicator:ho_ngheo");
        CHECK_FALSE(d.contains("note"));
      }
    }
    CHECK(seen_note);
    CHECK(seen_text);
  });
}

TEST_CASE("indicator store: two communes' values of the same indicator stay apart",
          "[pg][indicator_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::TwoCommunes c(backend.location);
    {
      CommuneScope scope(c.db, c.a);
      insert_indicator_value(c.db, value("ho_ngheo", "10 hộ", 10.0, "2026-01-01T09:00+07:00"));
      insert_indicator_value(c.db, value("ho_ngheo", "8 hộ", 8.0, "2026-02-01T09:00+07:00"));
    }
    {
      CommuneScope scope(c.db, c.b);
      insert_indicator_value(c.db, value("ho_ngheo", "30 hộ", 30.0, "2026-01-01T09:00+07:00"));
      CHECK(lines(load_indicator_values(c.db)) ==
            std::vector<std::string>{"ho_ngheo 30 hộ 2026-01-01T09:00+07:00"});
      CHECK(load_indicator_values(c.db, "ho_ngheo").size() == 1);
      std::size_t audit_b = 0;
      for (const auto& a : list_audit(c.db, std::nullopt)) audit_b += a.kind == "indicator_value";
      CHECK(audit_b == 1);
    }
    CommuneScope scope(c.db, c.a);
    CHECK(lines(load_indicator_values(c.db, "ho_ngheo")) ==
          std::vector<std::string>{"ho_ngheo 10 hộ 2026-01-01T09:00+07:00",
                                   "ho_ngheo 8 hộ 2026-02-01T09:00+07:00"});
  });
}

TEST_CASE("indicator store: a value in a rolled-back transaction leaves no value and no audit",
          "[pg][indicator_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    insert_indicator_value(db, value("ho_ngheo", "10 hộ", 10.0, "2026-01-01T09:00+07:00"));
    const char* const kValues =
        "SELECT id, commune, indicator, value, number, body, by, source, at, note "
        "FROM indicator_values ORDER BY id";
    const std::string values = rows_text(db, kValues);
    const auto audit = count_rows(db, "SELECT COUNT(*) FROM audit");
    {
      WriteTransaction tx(db);  // the caller's: the store joins it
      insert_indicator_value(db, value("ho_ngheo", "9 hộ", 9.0, "2026-02-01T09:00+07:00"));
      CHECK(load_indicator_values(db).size() == 2);
    }
    CHECK(rows_text(db, kValues) == values);
    CHECK(count_rows(db, "SELECT COUNT(*) FROM audit") == audit);
  });
}
