// A database with the example plan and rules, and chat events stored and handled as serve does
// (store_event, then handle_events, one transaction each), for the chat use case tests. Test
// threads only.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "service/chat_event.h"
#include "service/import_plan.h"
#include "service/import_rules.h"
#include "storage/database.h"
#include "storage/engine_store.h"
#include "tests/support/process.h"
#include "tests/support/scoped_db.h"

namespace dondoc::testing {

struct ChatFixture {
  TempDir dir;
  ScopedDb db{dir.file("d.db")};
  int next_event = 0;

  ChatFixture() {
    Instant t = at("2026-11-02T09:00+07:00");
    std::string plan = read_text(source_path("examples/plan.json"));
    REQUIRE(service::import_plan_file(db, {service::PlanFile::plan, "plan.json", plan, {}, {}}, t)
                .ok());
    REQUIRE(
        service::import_rules(db, read_text(source_path("examples/rules.jsonc")), "rules.jsonc", t)
            .version);
  }

  static Instant at(const std::string& iso) { return *parse_instant(iso); }

  // Stores and handles one generic text event from `chat`; the pass's counts.
  service::HandledBatch send(const std::string& chat, const std::string& text, Instant now) {
    bot::InboundEvent e;
    e.channel = bot::Channel::generic;
    e.kind = bot::InboundEvent::Kind::message;
    e.event_key = "e" + std::to_string(++next_event);
    e.chat_id = chat;
    e.from_name = "Chị Lan";
    e.text = text;
    WriteTransaction tx(db);
    auto seq = service::store_event(db, e, now);
    REQUIRE(seq);
    auto out = service::handle_events(db, now, {service::StoredEvent{*seq, e}});
    tx.commit();
    return out;
  }

  // The outcome the last event was marked handled with.
  std::string last_outcome() {
    return db.sql()
        .exec_and_get("SELECT outcome FROM inbound_events ORDER BY seq DESC LIMIT 1")
        .text();
  }

  // The texts queued to `chat`, oldest first.
  std::vector<std::string> answers_to(const std::string& chat) {
    dondoc::sql::Statement st(db.sql(), "SELECT text FROM outbox WHERE chat_id = ? ORDER BY id");
    st.bind(1, chat);
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.column(0).text());
    return out;
  }

  int count(const std::string& sql) { return db.sql().exec_and_get(sql).as_int(); }
};

}  // namespace dondoc::testing
