// Several senders on one database (issue 17 §2), on both stores: a row one sender claimed is not
// taken by another until the claim runs out or is released; marking it sent, retried or postponed
// frees it; renewing keeps only one's own pending rows.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "storage/commune_store.h"
#include "storage/engine_store.h"
#include "storage/scheduler_lock.h"
#include "tests/engine/fixture.h"
#include "tests/support/pg_server.h"
#include "tests/support/process.h"
#include "tests/support/scoped_db.h"

using namespace dondoc;
using namespace dondoc::testing;

namespace {

// Runs body with the database's target (a file path or a URL), in its own section per store.
void on_both_targets(const std::function<void(const std::string&)>& body) {
  SECTION("sqlite") {
    TempDir dir;
    body(dir.file("claims.db"));
  }
  SECTION("postgresql") {
    if (pg_skipped()) {
      WARN("DONDOC_SKIP_PG=1: the PostgreSQL half is left out");
      return;
    }
    body(fresh_pg_database());
  }
}

Message nudge(const std::string& key) {
  Message m;
  m.key = key;
  m.kind = MessageKind::reminder;
  m.recipient = "vh_xh";
  m.task = "2";
  m.text = "Nhắc việc " + key;
  m.not_before = at("2026-01-05T09:00+07:00");
  return m;
}

OutboxClaim claim(const std::string& owner, const char* now, int seconds) {
  return {owner, at(now), at(now) + std::chrono::seconds(seconds)};
}

std::vector<std::int64_t> ids(const std::vector<OutboxRow>& rows) {
  std::vector<std::int64_t> out;
  for (const auto& r : rows) out.push_back(r.id);
  return out;
}

}  // namespace

TEST_CASE("outbox claims: two senders never hold one row at once", "[pg]") {
  on_both_targets([](const std::string& target) {
    Database a(target);
    CommuneScope scope(a, ensure_commune(a));
    Database b(target);  // the second process's connection
    SqliteEngineStore sa(a), sb(b);
    Batch batch;
    for (int i = 1; i <= 4; ++i) batch.messages.push_back(nudge("k" + std::to_string(i)));
    REQUIRE(sa.apply(batch) == 4);
    Instant due = at("2026-01-05T09:00+07:00");
    auto ca = claim("h/1/a", "2026-01-05T09:00+07:00", 60);
    auto cb = claim("h/2/b", "2026-01-05T09:00+07:00", 60);

    auto first = sa.due_rows(due, 2, false, &ca);
    REQUIRE(first.size() == 2);
    auto second = sb.due_rows(due, 10, false, &cb);
    REQUIRE(second.size() == 2);  // only the two nobody holds
    auto held_by_a = ids(first);
    for (auto id : ids(second)) {
      CHECK(std::find(held_by_a.begin(), held_by_a.end(), id) == held_by_a.end());
    }
    CHECK(sb.due_rows(due, 10, false, &cb).size() == 2);  // its own again, nothing of a's
    CHECK(sa.due_rows(due, 10, false, &ca).size() == 2);
    CHECK(sa.due(due, 10).size() == 4);  // unclaimed reading (the CLI) sees every row

    // a's claims ran out (a died): b takes them.
    auto later = claim("h/2/b", "2026-01-05T09:01:01+07:00", 60);
    CHECK(sb.due_rows(due, 10, false, &later).size() == 4);
    // released (a clean stop): free at once for a third sender.
    CHECK(release_outbox_claims(b, "h/2/b") == 4);
    auto cc = claim("h/3/c", "2026-01-05T09:00:30+07:00", 60);
    auto third = sb.due_rows(due, 10, false, &cc);
    REQUIRE(third.size() == 4);
    CHECK(outbox_claim_owners(a) == std::vector<std::string>{"h/3/c"});

    // Sent, retried and postponed rows hold no claim; renewing touches only pending own rows.
    sa.mark_sent(third[0].id, due);
    sa.mark_retry(third[1].id, due + std::chrono::hours(1), false, "HTTP 500");
    sa.postpone(third[2].id, due + std::chrono::hours(2), "chờ giờ làm việc");
    CHECK(renew_outbox_claims(a, "h/3/c", at("2026-01-05T10:00+07:00")) == 1);
    CHECK(
        a.sql().exec_and_get("SELECT COUNT(*) FROM outbox WHERE claimed_by IS NOT NULL").as_int() ==
        1);
    // The renewed claim still holds at 09:30 against another sender.
    auto cd = claim("h/4/d", "2026-01-05T09:30+07:00", 60);
    CHECK(sb.due_rows(due + std::chrono::hours(3), 10, false, &cd).size() ==
          2);  // retried, postponed
  });
}

TEST_CASE("scheduler lock: one holder per database, the next takes it when it ends", "[pg]") {
  on_both_targets([](const std::string& target) {
    { Database migrate(target); }  // the file or schema exists, as serve has it
    auto first = std::make_unique<SchedulerLock>(target);
    SchedulerLock second(target);
    CHECK(first->try_hold());
    CHECK(first->try_hold());  // still held, asked again
    CHECK_FALSE(second.try_hold());
    CHECK(second.error().empty());  // busy is not an error
    first.reset();                  // the holder ends (its connection or descriptor closes)
    // PostgreSQL drops the lock once the server has seen the session end: asked again, as serve
    // asks every few seconds.
    bool taken = false;
    for (int i = 0; i < 100 && !taken; ++i) {
      taken = second.try_hold();
      if (!taken) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(taken);
    SchedulerLock third(target);
    CHECK_FALSE(third.try_hold());
  });
}

TEST_CASE("scheduler lock: a server that cannot be reached is not held, and says why") {
  SchedulerLock lock("postgresql://dondoc@127.0.0.1:1/nothing?connect_timeout=2");
  CHECK_FALSE(lock.try_hold());
  CHECK_FALSE(lock.error().empty());
}
