// Starting over (storage/tracking_reset.h) on both stores: the current commune's tracking state
// goes (statuses, send-log, outbox, engine meta, link codes, chat links, and the inbound events,
// notices and deliveries of its chats or its messages), counted exactly; another commune's, an
// unlinked chat's, the calendar, the rules, the plan and the audit stay; a rolled-back reset
// leaves everything.
#include "storage/tracking_reset.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "storage/calendar_store.h"
#include "storage/chat_store.h"
#include "storage/engine_store.h"
#include "storage/inbound_log.h"
#include "storage/rules_store.h"
#include "tests/engine/fixture.h"
#include "tests/support/both_stores.h"
#include "tests/support/store_contract.h"

using namespace dondoc;
using dondoc::testing::at;
using dondoc::testing::count_rows;
using dondoc::testing::day;
using dondoc::testing::on_both_stores;
using dondoc::testing::rows_text;
using dondoc::testing::save_bodies_in_order;
using dondoc::testing::StoreUnderTest;

namespace {

const std::vector<std::string> kTrackingTables = {
    "inbound_events", "chat_notices", "chat_deliveries", "engine_obligations", "outbox",
    "send_log",       "engine_meta",  "link_codes",      "chat_links"};
// What stays whatever happens: the plan, calendar, rules and audit.
const std::vector<std::string> kKeptTables = {"bodies", "calendar_overrides", "rules_versions",
                                              "audit"};

std::string dump(Database& db, const std::string& table, const std::string& where = "") {
  return rows_text(db, "SELECT * FROM " + table + " " + where + " ORDER BY 1, 2, 3");
}

std::int64_t total_rows(Database& db) {
  std::int64_t n = 0;
  for (const auto& t : kTrackingTables) n += count_rows(db, "SELECT COUNT(*) FROM " + t);
  return n;
}

// One commune's tracking state, its chat `chat` linked to vh_xh: two inbound events and a notice
// of that chat, a delivery of a chat answer to it, an obligation, a queued message with its
// send-log key (delivered to `elsewhere`), engine meta, a link code; plus the calendar, rules,
// plan and audit that a reset keeps. Returns the message's outbox id.
std::int64_t fill(Database& db, const std::string& chat, const std::string& elsewhere) {
  save_bodies_in_order(db, {"vh_xh"});
  store_rules(db, "{}", "rules.jsonc", "2026-01-05T08:00+07:00");
  save_calendar_overrides(db, {{day("2026-01-02"), CalendarOverride::Kind::off, "Nghỉ bù"}},
                          "holidays.json", "2026-01-05T08:00+07:00");
  bind_chat(db, {"telegram", chat, false}, "vh_xh", "Chị Lan", "2026-01-05T08:00+07:00");
  for (const char* e : {"e1", "e2"}) {
    insert_inbound(db, {0, "telegram", chat + "-" + e, chat, "2026-01-05T08:00+07:00", "{}"});
  }
  set_last_notice(db, "telegram", chat, "2026-01-05T08:00+07:00");
  record_delivery(db, {"chat:" + chat, "telegram", chat, 0, "m1", "2", "confirmation",
                       "2026-01-05T08:00+07:00", ""});
  insert_link_code(
      db, {"MA" + chat, "vh_xh", "2026-01-05T08:00+07:00", "2026-01-06T08:00+07:00", false, 0});

  Batch batch;
  ObligationState s;
  s.id = "task|2|vh_xh";
  s.task = "2";
  s.body = "vh_xh";
  s.status = Status::in_progress;
  s.percent = 60;
  batch.states.push_back(s);
  Message m;
  m.key = "rem|2|vh_xh|2026-01-05";
  m.recipient = "vh_xh";
  m.task = "2";
  m.text = "Nhắc việc";
  m.not_before = at("2026-01-05T09:00+07:00");
  m.send_keys = {m.key};
  batch.messages.push_back(m);
  batch.history_start = at("2026-01-05T08:00+07:00");
  batch.last_tick = at("2026-01-05T09:00+07:00");
  SqliteEngineStore(db).apply(batch);
  auto queued = list_outbox(db, "");
  REQUIRE(queued.size() == 1);
  record_delivery(db, {"outbox:" + std::to_string(queued[0].id), "telegram", elsewhere, 0, "m2",
                       "2", "reminder", "2026-01-05T09:00+07:00", ""});
  return queued[0].id;
}

}  // namespace

TEST_CASE("tracking reset: the commune's tracking state goes, counted; everything else stays",
          "[pg][tracking_reset]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::TwoCommunes c(backend.location);
    std::int64_t a_message = 0;
    {
      CommuneScope scope(c.db, c.a);
      a_message = fill(c.db, "100", "300");  // A's message went to a chat since unlinked
    }
    {
      CommuneScope scope(c.db, c.b);
      fill(c.db, "200", "200");
    }
    // A chat linked nowhere: its event and notice belong to no commune.
    insert_inbound(c.db, {0, "telegram", "300-e1", "300", "2026-01-05T08:00+07:00", "{}"});
    set_last_notice(c.db, "telegram", "300", "2026-01-05T08:00+07:00");

    const std::string a = std::to_string(c.a);
    const std::string a_source = "'outbox:" + std::to_string(a_message) + "'";
    std::vector<std::string> expected;  // every tracking row that is not A's
    for (const auto& t : kTrackingTables) {
      std::string where = "WHERE commune <> " + a;
      if (t == "inbound_events" || t == "chat_notices") where = "WHERE chat_id <> '100'";
      if (t == "chat_deliveries") where = "WHERE chat_id <> '100' AND source <> " + a_source;
      expected.push_back(dump(c.db, t, where));
    }
    std::vector<std::string> kept;
    for (const auto& t : kKeptTables) kept.push_back(dump(c.db, t));
    const std::int64_t before = total_rows(c.db);

    std::int64_t deleted = 0;
    {
      CommuneScope scope(c.db, c.a);
      deleted = reset_tracking(c.db);
      CHECK(list_outbox(c.db, "").empty());
      CHECK(linked_chat_count(c.db) == 0);
      CHECK_FALSE(find_link_code(c.db, "MA100"));
      CHECK(load_calendar_overrides(c.db).size() == 1);
      CHECK(active_rules_version(c.db) > 0);
    }
    // 2 events + 1 notice + 2 deliveries + 1 obligation + 1 message + 1 send-log key + 2 meta
    // + 1 link code + 1 chat link.
    CHECK(deleted == 12);
    CHECK(total_rows(c.db) == before - deleted);
    for (std::size_t i = 0; i < kTrackingTables.size(); ++i) {
      INFO(kTrackingTables[i]);
      CHECK(dump(c.db, kTrackingTables[i]) == expected[i]);
    }
    for (std::size_t i = 0; i < kKeptTables.size(); ++i) {
      INFO(kKeptTables[i]);
      CHECK(dump(c.db, kKeptTables[i]) == kept[i]);
    }
    CHECK(chat_link(c.db, "telegram", "200").value().commune == c.b);
    CHECK(find_link_code(c.db, "MA200"));

    // Nothing left to reset: a second reset deletes nothing.
    CommuneScope scope(c.db, c.a);
    CHECK(reset_tracking(c.db) == 0);
  });
}

TEST_CASE("tracking reset: a reset in a rolled-back transaction leaves everything",
          "[pg][tracking_reset]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    fill(db, "100", "300");
    std::vector<std::string> before;
    for (const auto& t : kTrackingTables) before.push_back(dump(db, t));
    {
      WriteTransaction tx(db);
      CHECK(reset_tracking(db) == 12);
      CHECK(list_outbox(db, "").empty());
    }
    for (std::size_t i = 0; i < kTrackingTables.size(); ++i) {
      INFO(kTrackingTables[i]);
      CHECK(dump(db, kTrackingTables[i]) == before[i]);
    }
    CHECK(list_outbox(db, "").size() == 1);
  });
}
