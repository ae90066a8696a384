// The bodies' reports store (storage/report_store.h) on both stores: a version and its files read
// back as written, later versions keep the first's due date, receipt and timeliness, periods in
// the bodies' plan order, a body's newest first, communes apart, and a refused or rolled-back
// write leaving nothing.
#include "storage/report_store.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "tests/engine/fixture.h"
#include "tests/support/both_stores.h"
#include "tests/support/store_contract.h"

using namespace dondoc;
using dondoc::testing::at;
using dondoc::testing::day;
using dondoc::testing::on_both_stores;
using dondoc::testing::rows_text;
using dondoc::testing::save_bodies_in_order;
using dondoc::testing::StoreUnderTest;

namespace {

StoredReport report(const std::string& body, const std::string& cycle, const std::string& period,
                    const char* due, const std::string& text) {
  StoredReport r;
  r.body = body;
  r.cycle = cycle;
  r.period = period;
  r.due = day(due);
  r.received_at = at("2026-01-10T09:00+07:00");
  r.updated_at = r.received_at;
  r.text = text;
  r.results = "Kết quả: " + text;
  r.obstacles = "Khó khăn: chưa có kinh phí";
  r.proposals = "Đề xuất: bổ sung";
  r.source = "chat";
  r.by = "Chị Lan";
  return r;
}

StoredReportFile file(const std::string& ref, const std::string& name) {
  return {0, "telegram", ref, name, "application/pdf", 0};
}

std::vector<std::string> bodies_of(const std::vector<StoredReport>& rs) {
  std::vector<std::string> out;
  for (const auto& r : rs) out.push_back(r.body + " " + r.period);
  return out;
}

// Every row of the three report tables, to compare before and after.
std::string all_rows(Database& db) {
  return rows_text(db,
                   "SELECT commune, body, cycle, period, due, received_at, updated_at, versions, "
                   "on_time, text FROM body_reports ORDER BY commune, body, cycle, period") +
         rows_text(db,
                   "SELECT commune, body, cycle, period, version, at, late, text, source, by_whom "
                   "FROM body_report_versions ORDER BY commune, body, cycle, period, version") +
         rows_text(db,
                   "SELECT id, commune, body, cycle, period, version, seq, channel, ref, name, "
                   "mime FROM body_report_attachments ORDER BY id");
}

}  // namespace

TEST_CASE("report store: a version reads back with its files; later ones keep the first's due",
          "[pg][report_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    save_bodies_in_order(db, {"kinh_te", "vh_xh"});
    CHECK_FALSE(find_report(db, "vh_xh", "monthly", "2026-01"));

    StoredReport first = report("vh_xh", "monthly", "2026-01", "2026-01-19", "Đã tổ chức 3 lớp");
    save_report_version(db, first, false,
                        {file("f-1", "Báo cáo tháng 1.pdf"), file("f-2", "Ảnh hội nghị.jpg")});
    auto back = find_report(db, "vh_xh", "monthly", "2026-01");
    REQUIRE(back);
    CHECK(back->body == "vh_xh");
    CHECK(back->body_name == "Cơ quan vh_xh");
    CHECK(back->cycle == "monthly");
    CHECK(back->period == "2026-01");
    CHECK(back->due == day("2026-01-19"));
    CHECK(back->received_at == at("2026-01-10T09:00+07:00"));
    CHECK(back->updated_at == at("2026-01-10T09:00+07:00"));
    CHECK(back->versions == 1);
    CHECK(back->on_time);
    CHECK(back->text == "Đã tổ chức 3 lớp");
    CHECK(back->results == "Kết quả: Đã tổ chức 3 lớp");
    CHECK(back->obstacles == "Khó khăn: chưa có kinh phí");
    CHECK(back->proposals == "Đề xuất: bổ sung");
    CHECK(back->source == "chat");
    CHECK(back->by == "Chị Lan");
    REQUIRE(back->files.size() == 2);
    CHECK(back->files[0].version == 1);
    CHECK(back->files[0].ref == "f-1");
    CHECK(back->files[0].name == "Báo cáo tháng 1.pdf");
    CHECK(back->files[0].mime == "application/pdf");
    CHECK(back->files[0].channel == "telegram");
    CHECK(back->files[1].name == "Ảnh hội nghị.jpg");
    CHECK(back->files[0].id > 0);
    CHECK(back->files[1].id > back->files[0].id);

    // A second version: text, updater and count change; the due date, the first receipt and its
    // timeliness stay those of the first version, whatever the caller passes.
    StoredReport second = report("vh_xh", "monthly", "2026-01", "2026-02-28", "Bổ sung số liệu");
    second.versions = 2;
    second.received_at = at("2026-01-25T10:00+07:00");
    second.updated_at = at("2026-01-25T10:00+07:00");
    second.on_time = false;
    second.source = "web";
    second.by = "Anh Minh";
    save_report_version(db, second, true, {file("f-3", "Bảng số liệu.xlsx")});
    back = find_report(db, "vh_xh", "monthly", "2026-01");
    REQUIRE(back);
    CHECK(back->versions == 2);
    CHECK(back->text == "Bổ sung số liệu");
    CHECK(back->source == "web");
    CHECK(back->by == "Anh Minh");
    CHECK(back->updated_at == at("2026-01-25T10:00+07:00"));
    CHECK(back->received_at == at("2026-01-10T09:00+07:00"));
    CHECK(back->due == day("2026-01-19"));
    CHECK(back->on_time);
    REQUIRE(back->files.size() == 3);
    CHECK(back->files[0].ref == "f-1");
    CHECK(back->files[1].ref == "f-2");
    CHECK(back->files[2].ref == "f-3");
    CHECK(back->files[2].version == 2);
    CHECK(rows_text(db,
                    "SELECT version, at, late, text, source, by_whom FROM "
                    "body_report_versions ORDER BY version") ==
          "1|2026-01-10T09:00+07:00|0|Đã tổ chức 3 lớp|chat|Chị Lan\n"
          "2|2026-01-25T10:00+07:00|1|Bổ sung số liệu|web|Anh Minh\n");

    // A file is found by its id with the report it belongs to; an unknown id finds nothing.
    ReportFileOwner owner;
    auto f = find_report_file(db, back->files[2].id, owner);
    REQUIRE(f);
    CHECK(f->ref == "f-3");
    CHECK(f->name == "Bảng số liệu.xlsx");
    CHECK(f->version == 2);
    CHECK(owner.body == "vh_xh");
    CHECK(owner.cycle == "monthly");
    CHECK(owner.period == "2026-01");
    CHECK_FALSE(find_report_file(db, back->files[2].id + 100, owner));
    CHECK_FALSE(find_report(db, "vh_xh", "monthly", "2026-02"));
    CHECK_FALSE(find_report(db, "vh_xh", "quarterly", "2026-01"));
  });
}

TEST_CASE("report store: a period's reports in plan order, a body's newest period first",
          "[pg][report_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    save_bodies_in_order(db, {"vh_xh", "kinh_te", "cong_an"});
    for (const char* body : {"zz_cu", "cong_an", "vh_xh", "aa_cu", "kinh_te"}) {
      StoredReport r = report(body, "monthly", "2026-01", "2026-01-19", "Tháng 1");
      r.on_time = std::string(body) != "kinh_te";
      save_report_version(db, r, !r.on_time, {});
    }
    save_report_version(db, report("vh_xh", "monthly", "2026-02", "2026-02-19", "Tháng 2"), false,
                        {});
    save_report_version(db, report("vh_xh", "quarterly", "2026-Q1", "2026-03-10", "Quý I"), false,
                        {});

    // Bodies in the plan's order, then reports of bodies no longer in the plan (no name), by id.
    auto period = load_period_reports(db, "monthly", "2026-01");
    CHECK(bodies_of(period) == std::vector<std::string>{"vh_xh 2026-01", "kinh_te 2026-01",
                                                        "cong_an 2026-01", "aa_cu 2026-01",
                                                        "zz_cu 2026-01"});
    REQUIRE(period.size() == 5);
    CHECK(period[1].body_name == "Cơ quan kinh_te");
    CHECK(period[3].body_name.empty());
    CHECK(load_period_reports(db, "monthly", "2026-03").empty());
    CHECK(bodies_of(load_period_reports(db, "quarterly", "2026-Q1")) ==
          std::vector<std::string>{"vh_xh 2026-Q1"});

    // One body's: the latest due date first; a limit keeps the newest; <= 0 keeps all.
    CHECK(bodies_of(load_body_reports(db, "vh_xh", 0)) ==
          std::vector<std::string>{"vh_xh 2026-Q1", "vh_xh 2026-02", "vh_xh 2026-01"});
    CHECK(bodies_of(load_body_reports(db, "vh_xh", 2)) ==
          std::vector<std::string>{"vh_xh 2026-Q1", "vh_xh 2026-02"});
    CHECK(bodies_of(load_body_reports(db, "vh_xh", -1)).size() == 3);
    CHECK(load_body_reports(db, "khong_co", 0).empty());

    // Timeliness of every received report of a cycle (no order promised).
    auto grid = load_report_timeliness(db, "monthly");
    std::vector<std::tuple<std::string, std::string, bool>> seen;
    for (const auto& t : grid) seen.emplace_back(t.body, t.period, t.on_time);
    std::sort(seen.begin(), seen.end());
    CHECK(seen ==
          std::vector<std::tuple<std::string, std::string, bool>>{{"aa_cu", "2026-01", true},
                                                                  {"cong_an", "2026-01", true},
                                                                  {"kinh_te", "2026-01", false},
                                                                  {"vh_xh", "2026-01", true},
                                                                  {"vh_xh", "2026-02", true},
                                                                  {"zz_cu", "2026-01", true}});
    CHECK(load_report_timeliness(db, "annual").empty());
  });
}

TEST_CASE("report store: two communes' reports under the same keys stay apart",
          "[pg][report_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::TwoCommunes c(backend.location);
    std::int64_t a_file = 0;
    for (auto [key, name] : {std::pair{c.a, "xã A"}, std::pair{c.b, "xã B"}}) {
      CommuneScope scope(c.db, key);
      save_bodies_in_order(c.db, {"vh_xh"});
      save_report_version(
          c.db,
          report("vh_xh", "monthly", "2026-01", "2026-01-19", std::string("Báo cáo của ") + name),
          false, {file(std::string("tep-") + name, "Tệp.pdf")});
      if (key == c.a) a_file = find_report(c.db, "vh_xh", "monthly", "2026-01")->files[0].id;
    }
    CommuneScope scope(c.db, c.b);
    auto b = find_report(c.db, "vh_xh", "monthly", "2026-01");
    REQUIRE(b);
    CHECK(b->text == "Báo cáo của xã B");
    REQUIRE(b->files.size() == 1);
    CHECK(b->files[0].ref == "tep-xã B");
    CHECK(b->files[0].id != a_file);
    ReportFileOwner owner;
    CHECK_FALSE(find_report_file(c.db, a_file, owner));  // A's file is not B's to serve
    REQUIRE(load_period_reports(c.db, "monthly", "2026-01").size() == 1);
    CHECK(load_body_reports(c.db, "vh_xh", 0).size() == 1);
    CHECK(load_report_timeliness(c.db, "monthly").size() == 1);
    {
      CommuneScope in_a(c.db, c.a);
      CHECK(find_report(c.db, "vh_xh", "monthly", "2026-01")->text == "Báo cáo của xã A");
      REQUIRE(find_report_file(c.db, a_file, owner));
      CHECK(owner.body == "vh_xh");
    }
  });
}

TEST_CASE("report store: a version saved twice is refused and its transaction leaves nothing",
          "[pg][report_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    save_bodies_in_order(db, {"vh_xh"});
    save_report_version(db, report("vh_xh", "monthly", "2026-01", "2026-01-19", "Bản đầu"), false,
                        {file("f-1", "a.pdf")});
    const std::string before = all_rows(db);

    // Version 1 again (a caller that lost count): the versions table refuses it.
    {
      WriteTransaction tx(db);
      StoredReport again = report("vh_xh", "monthly", "2026-01", "2026-01-19", "Bản trùng");
      bool refused = false;
      try {
        save_report_version(db, again, false, {file("f-9", "b.pdf")});
      } catch (const sql::Error& e) {
        refused = e.kind() == sql::ErrorKind::constraint;
      }
      CHECK(refused);
    }
    CHECK(all_rows(db) == before);

    // A new report in a transaction rolled back: nothing of it stays.
    {
      WriteTransaction tx(db);
      save_report_version(db, report("vh_xh", "monthly", "2026-02", "2026-02-19", "Bỏ"), false,
                          {file("f-5", "c.pdf")});
      CHECK(find_report(db, "vh_xh", "monthly", "2026-02"));
    }
    CHECK_FALSE(find_report(db, "vh_xh", "monthly", "2026-02"));
    CHECK(all_rows(db) == before);
    CHECK(find_report(db, "vh_xh", "monthly", "2026-01")->text == "Bản đầu");
  });
}
