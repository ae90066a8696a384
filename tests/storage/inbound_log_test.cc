#include "storage/inbound_log.h"
#include "tests/support/scoped_db.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "storage/group_commit.h"
#include "tests/support/both_stores.h"

using dondoc::Database;
using dondoc::GroupCommit;
using dondoc::InboundRow;
using dondoc::testing::on_both_stores;
using dondoc::testing::StoreUnderTest;

namespace {
InboundRow row(std::string key) {
  return InboundRow{0, "telegram", std::move(key), "c1", "2026-01-05T09:00+07:00", "{}"};
}
}  // namespace

// Runs on both stores: a redelivered event changes nothing on either.
TEST_CASE("an event is stored once under its channel and key", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    CHECK(dondoc::insert_inbound(db, row("1")).has_value());
    CHECK_FALSE(dondoc::insert_inbound(db, row("1")).has_value());
    auto zalo = row("1");
    zalo.channel = "zalo";
    CHECK(dondoc::insert_inbound(db, zalo).has_value());
    CHECK(dondoc::inbound_count(db) == 2);
    auto pending = dondoc::unhandled_inbound(db, 10);
    REQUIRE(pending.size() == 2);
    CHECK(dondoc::inbound_unhandled(db, pending[0].seq));
    dondoc::mark_inbound_handled(db, pending[0].seq, "linked", "2026-01-05T09:00+07:00");
    CHECK_FALSE(dondoc::inbound_unhandled(db, pending[0].seq));
    CHECK_FALSE(dondoc::inbound_unhandled(db, 999));
    REQUIRE(dondoc::unhandled_inbound(db, 10).size() == 1);
    CHECK(dondoc::unhandled_inbound(db, 10)[0].channel == "zalo");
  });
}

TEST_CASE("the unhandled events of a batch, in one query or one by one", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    std::vector<std::int64_t> seqs;
    for (int i = 0; i < 6; ++i) seqs.push_back(*dondoc::insert_inbound(db, row(std::to_string(i))));
    dondoc::mark_inbound_handled(db, seqs[1], "ignored", "2026-01-05T09:00+07:00");
    dondoc::mark_inbound_handled(db, seqs[4], "ignored", "2026-01-05T09:00+07:00");
    using V = std::vector<std::int64_t>;
    CHECK(dondoc::inbound_unhandled_among(db, {}).empty());
    // Out of order, listed twice, one not stored: the stored unhandled ones, sorted, once each.
    CHECK(dondoc::inbound_unhandled_among(db, {seqs[5], seqs[1], seqs[0], seqs[5], seqs[4]}) ==
          V{seqs[0], seqs[5]});
    CHECK(dondoc::inbound_unhandled_among(db, {seqs[3], seqs[2]}) == V{seqs[2], seqs[3]});
    // seqs[0] and seqs[3] are not asked about, though in the range.
    CHECK(dondoc::inbound_unhandled_among(db, {seqs[1], seqs[2], seqs[5]}) == V{seqs[2], seqs[5]});
    // A range far wider than the batch: looked up one by one, the same answer.
    CHECK(dondoc::inbound_unhandled_among(db, {seqs[2], seqs[4], 1000000}) == V{seqs[2]});
  });
}

TEST_CASE("a batch of events is marked handled with each its outcome", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    std::vector<std::int64_t> seqs;
    for (int i = 0; i < 4; ++i) seqs.push_back(*dondoc::insert_inbound(db, row(std::to_string(i))));
    auto outcome = [&](std::int64_t seq) {
      return db.sql()
          .exec_and_get("SELECT outcome FROM inbound_events WHERE seq = " + std::to_string(seq))
          .text();
    };
    dondoc::mark_inbound_handled_all(db, {}, "2026-01-05T09:00+07:00");  // nothing to mark
    CHECK(dondoc::unhandled_inbound(db, 10).size() == 4);
    // Listed twice: the last outcome; quotes and backslashes kept as they are.
    dondoc::mark_inbound_handled_all(db,
                                     {{seqs[2], "error"},
                                      {seqs[0], "ignored"},
                                      {seqs[2], "a \"quoted\" \\ outcome, {x}"},
                                      {999999, "applied"}},
                                     "2026-01-05T09:00+07:00");
    auto left = dondoc::unhandled_inbound(db, 10);
    REQUIRE(left.size() == 2);
    CHECK(left[0].seq == seqs[1]);
    CHECK(left[1].seq == seqs[3]);
    CHECK(outcome(seqs[0]) == "ignored");
    CHECK(outcome(seqs[2]) == "a \"quoted\" \\ outcome, {x}");
    CHECK(db.sql()
              .exec_and_get("SELECT handled_at FROM inbound_events WHERE seq = " +
                            std::to_string(seqs[0]))
              .text() == "2026-01-05T09:00+07:00");
  });
}

TEST_CASE("group commit: many concurrent events, fewer transactions, every ack after commit",
          "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    const int kThreads = 8, kPerThread = 50;
    std::atomic<int> acked{0};
    std::atomic<int> duplicates{0};
    std::size_t batches = 0;
    {
      GroupCommit writer(backend.location);
      std::vector<std::thread> threads;
      for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
          for (int i = 0; i < kPerThread; ++i) {
            auto r = row(std::to_string(t * 1000 + i % 25));  // every key twice
            auto fresh = std::make_shared<bool>(false);
            writer.submit(
                [r, fresh](Database& db) { *fresh = dondoc::insert_inbound(db, r).has_value(); },
                [&, fresh](bool ok, const std::string&) {
                  if (ok) ++acked;
                  if (!*fresh) ++duplicates;
                });
          }
        });
      }
      for (auto& th : threads) th.join();
      writer.run([](Database&) {});
      batches = writer.batches();
    }
    CHECK(acked == kThreads * kPerThread);
    CHECK(duplicates == kThreads * kPerThread / 2);
    CHECK(batches < static_cast<std::size_t>(kThreads * kPerThread));
    dondoc::testing::ScopedDb db(backend.location);
    CHECK(dondoc::inbound_count(db) == kThreads * kPerThread / 2);
  });
}

TEST_CASE("a failing job is undone alone; the others in its batch commit", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    std::string error;
    {
      GroupCommit writer(backend.location);
      writer.submit([](Database& db) { dondoc::insert_inbound(db, row("a")); });
      writer.submit(
          [](Database& db) {
            dondoc::insert_inbound(db, row("b"));
            throw std::runtime_error("boom");
          },
          [&](bool ok, const std::string& e) {
            if (!ok) error = e;
          });
      writer.submit([](Database& db) { dondoc::insert_inbound(db, row("c")); });
      CHECK_THROWS_WITH(writer.run([](Database&) { throw std::runtime_error("bad job"); }),
                        "bad job");
    }
    CHECK(error == "boom");
    dondoc::testing::ScopedDb db(backend.location);
    CHECK(dondoc::inbound_exists(db, "telegram", "a"));
    CHECK_FALSE(dondoc::inbound_exists(db, "telegram", "b"));
    CHECK(dondoc::inbound_exists(db, "telegram", "c"));
  });
}

TEST_CASE("background jobs commit whole, one per transaction; the writer drains them at the end",
          "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    std::vector<std::string> order;  // written on the writer thread only
    std::string background_error;
    {
      GroupCommit writer(backend.location);
      writer.submit_background([&](Database& db) {
        dondoc::insert_inbound(db, row("bg1"));
        order.push_back("bg1");
      });
      writer.submit_background(
          [&](Database& db) {
            dondoc::insert_inbound(db, row("bg2"));
            throw std::runtime_error("handling failed");
          },
          [&](bool ok, const std::string& e) {
            if (!ok) background_error = e;
          });
      for (int i = 0; i < 20; ++i) {
        writer.submit([&, i](Database& db) {
          dondoc::insert_inbound(db, row("ack" + std::to_string(i)));
          order.push_back("ack");
        });
      }
      writer.run([](Database&) {});
    }  // the destructor drains the background lane too
    CHECK(background_error == "handling failed");
    CHECK(std::count(order.begin(), order.end(), "ack") == 20);
    CHECK(std::count(order.begin(), order.end(), "bg1") == 1);
    dondoc::testing::ScopedDb db(backend.location);
    CHECK(dondoc::inbound_exists(db, "telegram", "bg1"));
    CHECK_FALSE(dondoc::inbound_exists(db, "telegram", "bg2"));  // rolled back whole
    CHECK(dondoc::inbound_count(db) == 21);
  });
}
