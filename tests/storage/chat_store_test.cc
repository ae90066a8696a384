#include "storage/chat_store.h"
#include "tests/support/scoped_db.h"

#include <catch2/catch.hpp>

#include "tests/support/both_stores.h"

using dondoc::Database;
using dondoc::testing::on_both_stores;
using dondoc::testing::StoreUnderTest;

TEST_CASE("link codes are stored once and marked used", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    dondoc::StoredLinkCode c{"AB3K9XYZ", "vh_xh", "2026-01-05T09:00+07:00",
                             "2026-01-12T09:00+07:00", false};
    CHECK(dondoc::insert_link_code(db, c));
    CHECK_FALSE(dondoc::insert_link_code(db, c));
    auto found = dondoc::find_link_code(db, "AB3K9XYZ");
    REQUIRE(found);
    CHECK(found->body == "vh_xh");
    CHECK_FALSE(found->used);
    dondoc::mark_link_code_used(db, "AB3K9XYZ", "telegram:5", "2026-01-06T09:00+07:00");
    CHECK(dondoc::find_link_code(db, "AB3K9XYZ")->used);
    CHECK_FALSE(dondoc::find_link_code(db, "NOPE"));
  });
}

TEST_CASE("chats bind to bodies and re-bind", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    dondoc::bind_chat(db, {"zalo", "c1", false}, "vh_xh", "Lan", "2026-01-05T09:00+07:00");
    dondoc::bind_chat(db, {"telegram", "5", true}, "vh_xh", "Tổ", "2026-01-05T09:01+07:00");
    CHECK(dondoc::chat_body(db, "zalo", "c1") == "vh_xh");
    CHECK_FALSE(dondoc::chat_body(db, "telegram", "c1"));
    auto chats = dondoc::chats_of_body(db, "vh_xh");
    REQUIRE(chats.size() == 2);
    CHECK(chats[1].group);
    dondoc::bind_chat(db, {"zalo", "c1", false}, "kinh_te", "Lan", "2026-01-06T09:00+07:00");
    CHECK(dondoc::chat_body(db, "zalo", "c1") == "kinh_te");
    CHECK(dondoc::chats_of_body(db, "vh_xh").size() == 1);
    auto link = dondoc::chat_link(db, "zalo", "c1");  // commune and body in one read
    REQUIRE(link);
    CHECK(link->commune == db.commune());
    CHECK(link->body == "kinh_te");
    CHECK_FALSE(dondoc::chat_link(db, "telegram", "c1"));
  });
}

TEST_CASE("deliveries tell the task a reply answers and the latest nudge", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    dondoc::record_delivery(
        db, {"outbox:1", "telegram", "5", 0, "100", "3", "reminder", "2026-01-05T09:00+07:00", ""});
    dondoc::record_delivery(
        db, {"outbox:2", "telegram", "5", 0, "101", "7", "reminder", "2026-01-06T09:00+07:00", ""});
    dondoc::record_delivery(db, {"outbox:3", "telegram", "5", 0, "102", "7", "confirmation",
                                 "2026-01-07T09:00+07:00", ""});
    CHECK(dondoc::nudge_of_message(db, "telegram", "5", "100")->task == "3");
    CHECK_FALSE(dondoc::nudge_of_message(db, "telegram", "6", "100"));
    CHECK(dondoc::recent_nudge(db, "telegram", "5", "2026-01-04T00:00+07:00")->task == "7");
    CHECK_FALSE(dondoc::recent_nudge(db, "telegram", "5", "2026-01-07T00:00+07:00"));
    // A report nudge is known by its cycle: a bare "xong" in answer to it means the report.
    dondoc::record_delivery(db, {"outbox:4", "telegram", "5", 0, "103", "", "reminder",
                                 "2026-01-08T09:00+07:00", "monthly"});
    auto report = dondoc::recent_nudge(db, "telegram", "5", "2026-01-04T00:00+07:00");
    REQUIRE(report);
    CHECK(report->task.empty());
    CHECK(report->cycle == "monthly");
    CHECK(dondoc::nudge_of_message(db, "telegram", "5", "103")->cycle == "monthly");
    CHECK(dondoc::delivered(db, "outbox:1", "telegram", "5", 0));
    CHECK_FALSE(dondoc::delivered(db, "outbox:1", "telegram", "5", 1));
  });
}

TEST_CASE("the unlinked notice time is kept per chat", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    CHECK_FALSE(dondoc::last_notice(db, "zalo", "c9"));
    dondoc::set_last_notice(db, "zalo", "c9", "2026-01-05T09:00+07:00");
    dondoc::set_last_notice(db, "zalo", "c9", "2026-01-06T09:00+07:00");
    CHECK(dondoc::last_notice(db, "zalo", "c9") == "2026-01-06T09:00+07:00");
  });
}
