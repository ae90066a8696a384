#include <catch2/catch.hpp>

#include "engine/commands.h"
#include "service/tick.h"
#include "storage/engine_store.h"
#include "storage/plan_store.h"
#include "tests/engine/fixture.h"
#include "tests/support/process.h"
#include "tests/support/scoped_db.h"

using namespace dondoc;
using namespace dondoc::testing;

namespace {

StoreOverrides demo_overrides() {
  EngineState st = demo_state();
  return {st.plan, st.rules};
}

int count(Database& db, const char* sql) { return db.sql().exec_and_get(sql).as_int(); }

}  // namespace

TEST_CASE("tick: ticks are durable and never queue a key twice") {
  TempDir dir;
  int ticks_that_queued = 0;
  {
    dondoc::testing::ScopedDb db(dir.file("d.db"));
    auto first = service::tick(db, FixedClock(at("2026-12-01T07:00+07:00")), demo_overrides());
    REQUIRE(first);
    ticks_that_queued += first->queued > 0 ? 1 : 0;
    auto r = service::tick(db, FixedClock(at("2026-12-15T08:00+07:00")), demo_overrides());
    REQUIRE(r);
    CHECK(r->queued > 0);
    ++ticks_that_queued;
  }
  dondoc::testing::ScopedDb db(dir.file("d.db"));  // reopened: as after a restart
  int rows = count(db, "SELECT COUNT(*) FROM outbox");
  auto again = service::tick(db, FixedClock(at("2026-12-15T08:00+07:00")), demo_overrides());
  REQUIRE(again);
  CHECK(again->queued == 0);
  CHECK(count(db, "SELECT COUNT(*) FROM outbox") == rows);
  auto rows_out = list_outbox(db, "pending");
  REQUIRE_FALSE(rows_out.empty());
  CHECK(rows_out[0].message.text.rfind("Kính gửi ", 0) == 0);
  // One audit row per tick that queued: the count and the outbox id range it queued; the tick
  // that queued nothing wrote none.
  CHECK(count(db, "SELECT COUNT(*) FROM audit WHERE kind = 'message_queued'") == 0);
  CHECK(count(db, "SELECT COUNT(*) FROM audit WHERE kind = 'messages_queued'") ==
        ticks_that_queued);
  CHECK(count(db,
              "SELECT SUM(json_extract(detail, '$.queued')) FROM audit "
              "WHERE kind = 'messages_queued'") == rows);
  CHECK(count(db,
              "SELECT COUNT(*) FROM audit a WHERE kind = 'messages_queued' AND subject = "
              "'outbox:' || json_extract(detail, '$.first_id') || '-' || "
              "json_extract(detail, '$.last_id') AND json_extract(detail, '$.queued') = "
              "(SELECT COUNT(*) FROM outbox o WHERE o.id BETWEEN json_extract(a.detail, "
              "'$.first_id') AND json_extract(a.detail, '$.last_id'))") == ticks_that_queued);
  CHECK(count(db, "SELECT COUNT(*) FROM engine_meta WHERE key = 'history_start'") == 1);
}

TEST_CASE("engine store: a command's state, audit and confirmation commit together") {
  TempDir dir;
  dondoc::testing::ScopedDb db(dir.file("d.db"));
  SqliteEngineStore store(db, demo_overrides());
  auto st = store.load();
  REQUIRE(st);
  Command c;
  c.task = "3";
  c.body = "kinh_te";
  c.status = Status::done;
  c.at = at("2026-12-30T10:00+07:00");
  c.source = "cli:test";
  auto b = apply_command(*st, c);
  REQUIRE(b);
  CHECK(store.apply(*b) == 1);
  auto again = store.load();
  REQUIRE(again);
  auto& s = again->obligations.at("task|3|||kinh_te");
  CHECK(s.status == Status::done);
  CHECK(s.done_at == at("2026-12-30T10:00+07:00"));
  auto out = list_outbox(db, "");
  REQUIRE(out.size() == 1);
  CHECK(out[0].message.text == "Đã ghi nhận: Nhiệm vụ 3 — hoàn thành (đúng hạn)");
  CHECK(count(db,
              "SELECT COUNT(*) FROM audit WHERE kind = 'status_change' AND "
              "subject = 'task|3|||kinh_te'") == 1);
  // A task reply is not a report (issue 12): kinh_te's reports are untouched.
  CHECK(again->obligations.count("report||monthly|2026-12|kinh_te") == 0);
}

TEST_CASE("engine store: failed messages load until reported, failure notices never") {
  TempDir dir;
  dondoc::testing::ScopedDb db(dir.file("d.db"));
  REQUIRE(service::tick(db, FixedClock(at("2026-12-01T07:00+07:00")), demo_overrides()));
  REQUIRE(service::tick(db, FixedClock(at("2026-12-15T08:00+07:00")), demo_overrides()));
  SqliteEngineStore store(db, demo_overrides());
  auto rows = list_outbox(db, "pending");
  REQUIRE(rows.size() >= 2);
  store.mark_retry(rows[0].id, at("2026-12-15T09:00+07:00"), true, "no linked chat");
  store.mark_retry(rows[1].id, at("2026-12-15T09:00+07:00"), false, "HTTP 500");  // retried
  auto st = store.load();
  REQUIRE(st);
  REQUIRE(st->failed.size() == 1);
  CHECK(st->failed[0].id == rows[0].id);
  CHECK(st->failed[0].recipient == rows[0].message.recipient);
  CHECK(st->failed[0].text == rows[0].message.text);
  CHECK(st->failed[0].error == "no linked chat");

  auto r = service::tick(db, FixedClock(at("2026-12-15T10:00+07:00")), demo_overrides());
  REQUIRE(r);
  REQUIRE(r->messages.size() == 1);
  CHECK(r->messages[0].recipient == "vp_dang_uy");
  CHECK(r->messages[0].send_keys ==
        std::vector<std::string>{"failed|" + std::to_string(rows[0].id)});
  CHECK(store.load()->failed.empty());  // reported

  // The notice itself fails: it is not reported in turn.
  auto notice = list_outbox(db, "pending").back();
  REQUIRE(notice.message.recipient == "vp_dang_uy");
  store.mark_retry(notice.id, at("2026-12-15T11:00+07:00"), true, "HTTP 500");
  CHECK(store.load()->failed.empty());
  CHECK(service::tick(db, FixedClock(at("2026-12-15T12:00+07:00")), demo_overrides())->queued == 0);
}
