// The one outbox: the bot's answers to one chat are outbox rows beside the engine's messages to
// bodies, queued once by key, read back with their chat, never reported as failures to the
// secretariat; and a database of the previous schema moves its chat_outbox rows in.
#include <catch2/catch.hpp>

#include "storage/chat_store.h"
#include "storage/engine_store.h"
#include "storage/sql.h"
#include "tests/engine/fixture.h"
#include "tests/support/both_stores.h"
#include "tests/support/process.h"
#include "tests/support/scoped_db.h"

using namespace dondoc;
using namespace dondoc::testing;

namespace {

Message answer(const std::string& key, MessageKind kind, const std::string& task = "") {
  Message m;
  m.key = key;
  m.kind = kind;
  m.task = task;
  m.text = "Đã ghi nhận: " + key;
  m.not_before = at("2026-01-05T09:00+07:00");
  m.chat = ChatAddress{"telegram", "42", false};
  m.callback_id = "cb-1";
  return m;
}

int count(Database& db, const char* sql) { return db.sql().exec_and_get(sql).as_int(); }

// A database at schema 60 (before the one outbox) with one chat_outbox row per key, half-sent
// message 2 (its first part delivered) and a linked chat 42.
void make_old_database(const std::string& path) {
  auto raw_owner = sql::open_sqlite(path, false);
  sql::Connection& raw = *raw_owner;
  raw.exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)");
  for (const auto& m : migrations()) {
    if (m.version > 60) break;
    raw.exec(m.sql);
    raw.exec("INSERT INTO schema_version(version) VALUES (" + std::to_string(m.version) + ")");
  }
  raw.exec(
      "INSERT INTO chat_links(channel, chat_id, body, linked_at) VALUES "
      "('telegram', '42', 'vh_xh', '2026-01-05T08:00+07:00')");
  const char* rows[][3] = {{"telegram|7|link", "sent", "0"},
                           {"telegram|8|reply", "pending", "2"},
                           {"zalo|c1:m1|unlinked", "failed", "8"},
                           {"telegram|9|ask", "pending", "0"}};
  for (const auto& r : rows) {
    sql::Statement st(raw,
                      "INSERT INTO chat_outbox(key, channel, chat_id, text, task, status, "
                      "attempts, not_before, created_at, last_error) VALUES "
                      "(?, substr(?, 1, instr(?, '|') - 1), "
                      "CASE WHEN ? LIKE 'zalo%' THEN 'c1' ELSE '42' END, 'Văn bản', "
                      "CASE WHEN ? LIKE '%reply' THEN '2' ELSE '' END, ?, ?, "
                      "'2026-01-05T09:00+07:00', '2026-01-05T08:59+07:00', 'e')");
    for (int i = 1; i <= 5; ++i) st.bind(i, r[0]);
    st.bind(6, r[1]);
    st.bind(7, std::stoi(r[2]));
    st.exec();
  }
  raw.exec(
      "INSERT INTO chat_deliveries(source, channel, chat_id, part, platform_message_id, task, "
      "kind, sent_at) VALUES ('chat:2', 'telegram', '42', 0, '555', '2', 'reply', "
      "'2026-01-05T09:00+07:00')");
}

}  // namespace

TEST_CASE("outbox: a bot's answer is queued once by key and read back with its chat", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    SqliteEngineStore store(db);
    Batch b;
    b.messages.push_back(answer("telegram|u1|reply", MessageKind::confirmation, "2"));
    CHECK(store.apply(b) == 1);
    CHECK(store.apply(b) == 0);  // the event handled again: nothing twice
    auto due = store.due(at("2026-01-05T09:00+07:00"), 10);
    REQUIRE(due.size() == 1);
    const Message& m = due[0].message;
    REQUIRE(m.chat);
    CHECK(m.chat->channel == "telegram");
    CHECK(m.chat->chat_id == "42");
    CHECK_FALSE(m.chat->group);
    CHECK(m.callback_id == "cb-1");
    CHECK(m.kind == MessageKind::confirmation);
    CHECK(m.task == "2");
    CHECK(m.recipient.empty());
    store.mark_retry(due[0].id, at("2026-01-05T09:01+07:00"), false, "HTTP 500");
    CHECK(store.due(at("2026-01-05T09:00+07:00"), 10).empty());
    store.mark_sent(due[0].id, at("2026-01-05T09:01+07:00"));
    auto all = list_outbox(db, "");
    REQUIRE(all.size() == 1);
    CHECK(all[0].status == "sent");
    CHECK(all[0].attempts == 2);
    CHECK(count(db, "SELECT COUNT(*) FROM outbox WHERE created_at = '2026-01-05T09:00+07:00'") ==
          1);
  });
}

TEST_CASE("outbox: a postponed answer keeps its attempts and is due later", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    SqliteEngineStore store(db);
    Batch b;
    b.messages.push_back(answer("generic|e1|link", MessageKind::link));
    REQUIRE(store.apply(b) == 1);
    auto id = store.due(at("2026-01-05T09:00+07:00"), 10).at(0).id;
    store.postpone(id, at("2026-01-05T10:00+07:00"), "channel not configured");
    CHECK(store.due(at("2026-01-05T09:30+07:00"), 10).empty());
    auto later = store.due(at("2026-01-05T10:00+07:00"), 10);
    REQUIRE(later.size() == 1);
    CHECK(later[0].attempts == 0);
  });
}

TEST_CASE("outbox: a failed answer to a chat is not reported to the secretariat", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    EngineState demo = demo_state();
    SqliteEngineStore store(db, {demo.plan, demo.rules});
    Batch b;
    b.messages.push_back(answer("telegram|u1|hint", MessageKind::hint));
    Message to_body = answer("rem|x", MessageKind::reminder);
    to_body.chat.reset();
    to_body.recipient = "vh_xh";
    b.messages.push_back(to_body);
    REQUIRE(store.apply(b) == 2);
    for (const auto& r : store.due(at("2026-01-05T09:00+07:00"), 10)) {
      store.mark_retry(r.id, at("2026-01-05T09:01+07:00"), true, "HTTP 400");
    }
    auto st = store.load();
    REQUIRE(st);
    REQUIRE(st->failed.size() == 1);
    CHECK(st->failed[0].recipient == "vh_xh");
  });
}

TEST_CASE("send-log: a key is written once; a message whose keys are all logged is not queued",
          "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    SqliteEngineStore store(db);
    auto reminder = [](const std::string& key) {
      Message m = answer(key, MessageKind::reminder, "2");
      m.chat.reset();
      m.recipient = "vh_xh";
      m.send_keys = {"rem|2|vh_xh|2026-01-05"};
      return m;
    };
    Batch first;
    first.messages.push_back(reminder("rem|a"));
    first.silent_keys = {"esc|2|1"};
    CHECK(store.apply(first) == 1);
    // Another message under a logged key, and the silent key again: nothing new.
    Batch second;
    second.messages.push_back(reminder("rem|b"));
    second.silent_keys = {"esc|2|1"};
    CHECK(store.apply(second) == 0);
    CHECK(store.apply(first) == 0);
    CHECK(count(db, "SELECT COUNT(*) FROM send_log") == 2);
    CHECK(count(db, "SELECT COUNT(*) FROM outbox") == 1);
    CHECK(count(db,
                "SELECT COUNT(*) FROM send_log WHERE key = 'rem|2|vh_xh|2026-01-05' AND "
                "message_id IS NOT NULL") == 1);
    CHECK(count(db, "SELECT COUNT(*) FROM send_log WHERE key = 'esc|2|1' AND message_id IS NULL") ==
          1);
    // The database itself refuses a second row under one key.
    CHECK_THROWS_AS(db.sql().exec("INSERT INTO send_log(key, message_id, at, commune) VALUES "
                                  "('esc|2|1', NULL, 't', " +
                                  std::to_string(db.commune()) + ")"),
                    sql::Error);
    CHECK(count(db, "SELECT COUNT(*) FROM send_log") == 2);
  });
}

// SQLite only: the previous schema is SQLite's (PostgreSQL's schema begins at 130).
TEST_CASE(
    "outbox (sqlite only): a database of the previous schema moves its chat replies into the "
    "outbox") {
  TempDir dir;
  make_old_database(dir.file("old.db"));
  dondoc::testing::ScopedDb db(dir.file("old.db"));  // migrates
  CHECK(db.schema_version() >= 61);
  CHECK_FALSE(db.sql().table_exists("chat_outbox"));
  auto rows = list_outbox(db, "");
  REQUIRE(rows.size() == 4);
  std::map<std::string, OutboxRow> by_key;
  for (const auto& r : rows) by_key[r.message.key] = r;
  const auto& link = by_key.at("telegram|7|link");
  CHECK(link.message.kind == MessageKind::link);
  CHECK(link.status == "sent");
  CHECK(link.message.recipient == "vh_xh");  // the chat is linked
  REQUIRE(link.message.chat);
  CHECK(link.message.chat->chat_id == "42");
  const auto& reply = by_key.at("telegram|8|reply");
  CHECK(reply.message.kind == MessageKind::confirmation);
  CHECK(reply.message.task == "2");
  CHECK(reply.status == "pending");
  CHECK(reply.attempts == 2);
  CHECK(reply.message.not_before == at("2026-01-05T09:00+07:00"));
  const auto& unlinked = by_key.at("zalo|c1:m1|unlinked");
  CHECK(unlinked.message.kind == MessageKind::explanation);
  CHECK(unlinked.status == "failed");
  CHECK(unlinked.message.recipient.empty());  // not linked
  CHECK(unlinked.message.chat->channel == "zalo");
  CHECK(by_key.at("telegram|9|ask").message.kind == MessageKind::question);
  // The delivered first part of the half-sent reply follows it under its new id.
  std::string source = "outbox:" + std::to_string(reply.id);
  CHECK(delivered(db, source, "telegram", "42", 0));
  CHECK(nudge_of_message(db, "telegram", "42", "555")->task == "2");
  CHECK(count(db,
              "SELECT COUNT(*) FROM outbox WHERE created_at = '2026-01-05T08:59+07:00' AND "
              "last_error = 'e'") == 4);
}
