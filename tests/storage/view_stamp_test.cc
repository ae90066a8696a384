// The dashboard's view_version (storage/dashboard_store.h, migration 181): every change to a table
// a view reads renews the commune's stamp in the same transaction, and only those: the inbound
// log, the outbox, the chat notices and the scheduler's last_tick leave it, and so does another
// commune's change. On both stores; and every table of the schema is classified, so a table added
// later is either stamped by its own migration or named here as one no view reads.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "storage/dashboard_store.h"
#include "storage/sql.h"
#include "storage/view_stamps.h"
#include "tests/support/both_stores.h"
#include "tests/support/store_contract.h"

using namespace dondoc;
using dondoc::testing::on_both_stores;
using dondoc::testing::StoreUnderTest;
using dondoc::testing::TwoCommunes;

namespace {

// Tables whose changes renew config_stamps (migration 105), which view_version includes.
const std::set<std::string> kConfigStamped = {"bodies",    "tasks",          "indicators",
                                              "plan_meta", "rules_versions", "calendar_overrides"};

// Tables no dashboard view reads (the task page's messages come from the outbox by a query of
// their own, outside the cached snapshot and the memoised pages), written on the hot paths: an
// inbound event, a sent message, a session's last_seen, a sign-in attempt.
const std::set<std::string> kNotRead = {"inbound_events",   "outbox",        "chat_notices",
                                        "chat_deliveries",  "chat_sign_ins", "sessions",
                                        "sign_in_failures", "link_attempts", "schema_version",
                                        "config_stamps",    "view_stamps"};

std::set<std::string> strings(sql::Connection& c, const std::string& select) {
  std::set<std::string> out;
  sql::Statement q(c, select);
  while (q.step()) out.insert(q.column(0).text());
  return out;
}

std::set<std::string> tables_of(Database& db, bool postgresql) {
  return strings(db.sql(), postgresql
                               ? "SELECT table_name FROM information_schema.tables WHERE "
                                 "table_schema = current_schema()"
                               : "SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                                 "NOT LIKE 'sqlite_%'");
}

std::set<std::string> triggers_of(Database& db, bool postgresql) {
  return strings(db.sql(), postgresql ? "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
                                      : "SELECT name FROM sqlite_master WHERE type = 'trigger'");
}

}  // namespace

TEST_CASE("view stamps: every table is stamped, config-stamped or named as read by no view",
          "[pg][view_stamps]") {
  on_both_stores([](const StoreUnderTest& backend) {
    TwoCommunes c(backend.location);
    std::set<std::string> stamped;
    for (const auto& t : view_stamps::kTables181) stamped.insert(t.name);
    auto triggers = triggers_of(c.db, backend.postgresql);
    for (const auto& table : tables_of(c.db, backend.postgresql)) {
      INFO(backend.name() << ": table " << table);
      int kinds = (stamped.count(table) ? 1 : 0) + (kConfigStamped.count(table) ? 1 : 0) +
                  (kNotRead.count(table) ? 1 : 0);
      CHECK(kinds == 1);
      for (const char* op : {"insert", "update", "delete"}) {
        if (stamped.count(table)) CHECK(triggers.count("view_stamp_" + table + "_" + op) == 1);
        if (kConfigStamped.count(table)) {
          CHECK(triggers.count("config_stamp_" + table + "_" + op) == 1);
        }
      }
    }
  });
}

TEST_CASE("view stamps: a change a view reads renews its commune's version, and nothing else does",
          "[pg][view_stamps]") {
  on_both_stores([](const StoreUnderTest& backend) {
    TwoCommunes c(backend.location);
    Database reader(backend.location);
    CommuneScope in_a(reader, c.a);
    auto& w = c.db.sql();
    std::string a = std::to_string(c.a), b = std::to_string(c.b);
    std::string at = "'2026-03-18T08:00+07:00'";
    auto version = [&] { return view_version(reader); };

    std::string v0 = version();
    CHECK_FALSE(v0.empty());
    CHECK(version() == v0);

    SECTION("what no view reads") {
      w.exec(
          "INSERT INTO inbound_events(channel, event_key, chat_id, received_at, payload) "
          "VALUES ('generic', 'e1', 'chat-1', " +
          at + ", '{}')");
      w.exec("UPDATE inbound_events SET handled_at = " + at + ", outcome = 'unlinked'");
      w.exec(
          "INSERT INTO outbox(commune, key, recipient, kind, text, not_before, created_at) "
          "VALUES (" +
          a + ", 'k1', 'generic:chat-1', 'notice', 'Xin chào', " + at + ", " + at + ")");
      w.exec("UPDATE outbox SET status = 'sent', sent_at = " + at);
      w.exec("INSERT INTO chat_notices(channel, chat_id, last_at) VALUES ('generic', 'chat-1', " +
             at + ")");
      // The scheduler's last_tick, written as the engine store writes it, at every tick.
      for (const char* when : {"'2026-03-18T08:00+07:00'", "'2026-03-18T08:01+07:00'"}) {
        w.exec("INSERT INTO engine_meta(commune, key, value) VALUES (" + a + ", 'last_tick', " +
               when + ") ON CONFLICT (commune, key) DO UPDATE SET value = excluded.value");
      }
      CHECK(version() == v0);
    }
    SECTION("another commune's reply") {
      w.exec("INSERT INTO engine_obligations(commune, id, task, body, status) VALUES (" + b +
             ", 'o|2|vh_xh', '2', 'vh_xh', 'done')");
      w.exec("INSERT INTO audit(commune, at, kind, subject) VALUES (" + b + ", " + at +
             ", 'status_change', 'task|2|vh_xh')");
      CHECK(version() == v0);
    }
    SECTION("a status recorded in this commune") {
      w.exec("INSERT INTO engine_obligations(commune, id, task, body, status) VALUES (" + a +
             ", 'o|2|vh_xh', '2', 'vh_xh', 'in_progress')");
      std::string v1 = version();
      CHECK(v1 != v0);
      w.exec("UPDATE engine_obligations SET percent = 60 WHERE commune = " + a);
      CHECK(version() != v1);
    }
    SECTION("the follow-up's start, a chat linked, a report, an audit row, a body renamed") {
      std::string last = v0;
      for (const std::string& change :
           {"INSERT INTO engine_meta(commune, key, value) VALUES (" + a + ", 'history_start', " +
                at + ")",
            "INSERT INTO chat_links(channel, chat_id, body, linked_at, commune) VALUES "
            "('telegram', '44', 'vh_xh', " +
                at + ", " + a + ")",
            "INSERT INTO body_reports(commune, body, cycle, period, due, received_at, updated_at, "
            "on_time, text) VALUES (" +
                a + ", 'vh_xh', 'monthly', '2026-03', '2026-03-19', " + at + ", " + at +
                ", 1, 'Báo cáo')",
            "INSERT INTO audit(commune, at, kind, subject) VALUES (" + a + ", " + at +
                ", 'status_change', 'task|2|vh_xh')",
            "INSERT INTO bodies(commune, id, name, kind) VALUES (" + a +
                ", 'vh_xh', 'Văn hóa', 'unit')"}) {
        INFO(change);
        w.exec(change);
        std::string now = version();
        CHECK(now != last);
        last = now;
      }
    }
    SECTION("a transaction of many changes renews it once, seen at its commit") {
      w.exec("BEGIN");
      for (int i = 0; i < 50; ++i) {
        w.exec("INSERT INTO send_log(commune, key, at) VALUES (" + a + ", 'rem|" +
               std::to_string(i) + "', " + at + ")");
      }
      CHECK(version() == v0);  // not committed yet
      w.exec("COMMIT");
      std::string v1 = version();
      CHECK(v1 != v0);
      w.exec("INSERT INTO send_log(commune, key, at) VALUES (" + a + ", 'rem|x', " + at + ")");
      CHECK(version() != v1);  // the next transaction renews it again
    }
    SECTION("a deployment-wide setting renews every commune's version") {
      w.exec("INSERT INTO province_settings(key, value) VALUES ('name', 'Tỉnh Quảng Nam')");
      CHECK(version() != v0);
    }
    SECTION("a rolled-back change leaves the version") {
      w.exec("BEGIN");
      w.exec("INSERT INTO engine_obligations(commune, id, task, body, status) VALUES (" + a +
             ", 'o|2|vh_xh', '2', 'vh_xh', 'done')");
      w.exec("ROLLBACK");
      CHECK(version() == v0);
    }
  });
}
