// The delivery use case on a real database file: what the engine queues for a body waits for office
// hours on a working day, retries included; the bot's answers to a chat go at once.
#include "service/delivery.h"

#include <catch2/catch.hpp>

#include "service/import_plan.h"
#include "service/import_rules.h"
#include "storage/chat_store.h"
#include "storage/engine_store.h"
#include "tests/support/process.h"
#include "tests/support/scoped_db.h"

using namespace dondoc;
using dondoc::testing::read_text;
using dondoc::testing::source_path;
using dondoc::testing::TempDir;

namespace {

Instant at(int y, int m, int d, int hh, int mm) {
  return local_instant(*make_date(y, m, d), hh * 60 + mm);
}

void demo(Database& db) {
  Instant t = at(2026, 11, 2, 9, 0);
  std::string plan = read_text(source_path("examples/plan.json"));
  REQUIRE(
      service::import_plan_file(db, {service::PlanFile::plan, "plan.json", plan, {}, {}}, t).ok());
  REQUIRE(
      service::import_rules(db, read_text(source_path("examples/rules.jsonc")), "rules.jsonc", t)
          .version);
  bind_chat(db, {"zalo", "z1", false}, "kinh_te", "Lan", format_instant(t));
}

Message reminder(Instant nb) {
  Message m;
  m.key = "rem|test";
  m.recipient = "kinh_te";
  m.kind = MessageKind::reminder;
  m.task = "8";
  m.text = "Nhắc việc";
  m.not_before = nb;
  return m;
}

Message answer(Instant nb) {
  Message m;
  m.key = "zalo|ev1|reply";
  m.recipient = "kinh_te";
  m.kind = MessageKind::confirmation;
  m.text = "Đã ghi nhận";
  m.not_before = nb;
  m.chat = ChatAddress{"zalo", "z1", false};
  return m;
}

auto can_send = [](std::string_view) { return true; };

}  // namespace

TEST_CASE("delivery: nudges wait for office hours on a working day, answers go at once") {
  TempDir dir;
  dondoc::testing::ScopedDb db(dir.file("d.db"));
  demo(db);
  Batch b;
  b.messages = {reminder(at(2026, 11, 27, 16, 0)), answer(at(2026, 11, 27, 21, 0))};
  REQUIRE(SqliteEngineStore(db).apply(b) == 2);
  service::Deliveries d;
  // Friday 27/11/2026 at 21:30: the evening. Only the answer to the chat that wrote.
  auto night = d.due(db, at(2026, 11, 27, 21, 30), 10, can_send, 8);
  REQUIRE(night.size() == 1);
  CHECK(night[0].answer());
  CHECK(night[0].chats.size() == 1);
  // Saturday morning: still not a working day.
  CHECK(d.due(db, at(2026, 11, 28, 9, 0), 10, can_send, 8).size() == 1);
  // Monday 30/11 at 07:30: both, the reminder to the body's linked chat.
  auto monday = d.due(db, at(2026, 11, 30, 7, 30), 10, can_send, 8);
  REQUIRE(monday.size() == 2);
  for (const auto& m : monday) CHECK(m.chats.front().chat_id == "z1");
}

TEST_CASE("delivery: a nudge's retry moves into office hours, an answer's does not") {
  TempDir dir;
  dondoc::testing::ScopedDb db(dir.file("d.db"));
  demo(db);
  service::Deliveries d;
  // A one-hour retry from Friday 16:30 would land at 17:30: Monday 07:30 instead.
  CHECK(d.deliverable_at(db, at(2026, 11, 27, 17, 30), false) == at(2026, 11, 30, 7, 30));
  CHECK(d.deliverable_at(db, at(2026, 11, 27, 17, 30), true) == at(2026, 11, 27, 17, 30));
  CHECK(d.deliverable_at(db, at(2026, 11, 27, 10, 0), false) == at(2026, 11, 27, 10, 0));
  Batch b;
  b.messages = {reminder(at(2026, 11, 27, 16, 0))};
  REQUIRE(SqliteEngineStore(db).apply(b) == 1);
  auto due = d.due(db, at(2026, 11, 27, 16, 30), 10, can_send, 8);
  REQUIRE(due.size() == 1);
  d.retry(db, due[0].id, false, at(2026, 11, 27, 17, 30), false, "HTTP 500");
  CHECK(d.due(db, at(2026, 11, 27, 18, 0), 10, can_send, 8).empty());
  CHECK(d.due(db, at(2026, 11, 30, 7, 29), 10, can_send, 8).empty());
  CHECK(d.due(db, at(2026, 11, 30, 7, 30), 10, can_send, 8).size() == 1);
}
