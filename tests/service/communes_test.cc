// Two communes in one database whose bodies and task numbers collide (both have "vh_xh" and task
// 2): whatever one does through the service layer is never read, changed, counted or sent for the
// other.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "service/chat_event.h"
#include "service/communes.h"
#include "service/delivery.h"
#include "service/import_plan.h"
#include "service/import_rules.h"
#include "service/link.h"
#include "service/record.h"
#include "service/status.h"
#include "service/tick.h"
#include "storage/chat_store.h"
#include "storage/engine_store.h"
#include "storage/plan_store.h"
#include "tests/engine/fixture.h"
#include "tests/support/process.h"

using namespace dondoc;
using namespace dondoc::testing;

namespace {

std::string read(const std::string& relative) {
  std::ifstream in(source_path(relative));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A commune filled with the demo plan and rules.
Commune demo_commune(Database& db, const std::string& id, const std::string& name, Instant now) {
  auto c = service::add_commune(db, id, name, now, "test");
  REQUIRE(c);
  CommuneScope scope(db, c->key);
  std::string plan = read("examples/plan.json");
  auto r = service::import_plan_file(db, {service::PlanFile::plan, "plan.json", plan, {}, {}}, now);
  REQUIRE(r.ok());
  REQUIRE(service::import_rules(db, read("examples/rules.jsonc"), "rules.jsonc", now).version);
  return *c;
}

bot::InboundEvent message(const std::string& key, const std::string& chat,
                          const std::string& text) {
  bot::InboundEvent e;
  e.channel = bot::Channel::generic;
  e.kind = bot::InboundEvent::Kind::message;
  e.event_key = key;
  e.chat_id = chat;
  e.from_name = "Lan";
  e.text = text;
  return e;
}

void chat(Database& db, const bot::InboundEvent& e, Instant now) {
  auto seq = service::store_event(db, e, now);
  REQUIRE(seq);
  auto handled = service::handle_events(db, now, {{*seq, e}});
  REQUIRE(handled.handled == 1);
}

std::string link_code(Database& db, const Commune& c, Instant now) {
  CommuneScope scope(db, c.key);
  auto code = service::create_link_code(db, "vh_xh", now, [](std::vector<std::uint8_t>& b) {
    static std::uint8_t n = 0;
    for (auto& x : b) x = ++n;
    return true;
  });
  REQUIRE(code);
  return code->code;
}

ObligationState task2(Database& db, const Commune& c, Instant now) {
  CommuneScope scope(db, c.key);
  auto view = service::plan_status(db, now, {"vh_xh", false, false});
  REQUIRE(view);
  for (const auto& r : view->rows) {
    if (r.obligation.task == "2") return r.state;
  }
  FAIL("no task 2 for vh_xh");
  return {};
}

int count(Database& db, const std::string& sql, std::int64_t commune) {
  sql::Statement q(db.sql(), sql);
  q.bind(1, commune);
  REQUIRE(q.step());
  return q.column(0).as_int();
}

}  // namespace

TEST_CASE("communes: nothing of one commune is read, changed, counted or sent for another") {
  TempDir dir;
  Database db(dir.file("p.db"));
  Instant t0 = at("2025-09-29T08:30+07:00");
  Commune a = demo_commune(db, "xa_a", "Xã A", t0);
  Commune b = demo_commune(db, "xa_b", "Xã B", t0);

  // Each commune's chat is linked by its own code to its own vh_xh.
  chat(db, message("a1", "chat-a", "DK " + link_code(db, a, t0)), t0);
  chat(db, message("b1", "chat-b", "DK " + link_code(db, b, t0)), t0);
  CHECK(chat_link(db, "generic", "chat-a").value().commune == a.key);
  CHECK(chat_link(db, "generic", "chat-b").value().commune == b.key);

  // A reports task 2 done by chat; B says it is blocked. Each reply touches its commune alone.
  chat(db, message("a2", "chat-a", "NV2 xong"), t0);
  chat(db, message("b2", "chat-b", "NV2 vướng: chưa có kinh phí"), t0);
  CHECK(task2(db, a, t0).status == Status::done);
  CHECK(task2(db, b, t0).status == Status::blocked);
  CHECK(task2(db, b, t0).reason == "chưa có kinh phí");

  // A record on A's behalf through the service changes A alone.
  {
    CommuneScope scope(db, a.key);
    Command cmd;
    cmd.kind = Command::Kind::set_status;
    cmd.task = "2";
    cmd.body = "vh_xh";
    cmd.status = Status::in_progress;
    cmd.percent = 40;
    cmd.at = t0;
    cmd.source = "cli:test";
    REQUIRE(service::record(db, cmd));
  }
  CHECK(task2(db, a, t0).percent == 40);
  CHECK(task2(db, b, t0).status == Status::blocked);

  // Every commune ticks; each one's nudges and answers go to its own chat alone.
  auto ticks = service::tick_all(db, FixedClock(at("2025-10-06T08:30+07:00")));
  REQUIRE(ticks.size() == 2);
  for (const auto& t : ticks) REQUIRE(t.outcome);
  service::Deliveries deliveries;
  auto due = deliveries.due(
      db, at("2025-10-06T08:30+07:00"), 1000, [](std::string_view) { return true; }, 8);
  REQUIRE_FALSE(due.empty());
  int to_a = 0, to_b = 0;
  for (const auto& m : due) {
    for (const auto& c : m.chats) {
      std::int64_t commune = outbox_commune(db, m.id);
      if (c.chat_id == "chat-a") CHECK(commune == a.key);
      if (c.chat_id == "chat-b") CHECK(commune == b.key);
      to_a += c.chat_id == "chat-a";
      to_b += c.chat_id == "chat-b";
    }
  }
  CHECK(to_a > 0);
  CHECK(to_b > 0);

  // Counted apart: each commune's obligations, outbox and audit are its own.
  const std::string obligations = "SELECT COUNT(*) FROM engine_obligations WHERE commune = ?";
  CHECK(count(db, obligations, a.key) >= 1);
  CHECK(count(db, obligations, b.key) >= 1);
  {
    CommuneScope scope(db, a.key);
    for (const auto& r : list_audit(db, std::nullopt)) {
      CHECK(r.source.find("chat-b") == std::string::npos);
      CHECK(r.source.find(":b") == std::string::npos);
    }
    for (const auto& r : list_outbox(db, "")) {
      if (r.message.chat) CHECK(r.message.chat->chat_id == "chat-a");
    }
  }
  {
    CommuneScope scope(db, b.key);
    for (const auto& r : list_outbox(db, "")) {
      if (r.message.chat) CHECK(r.message.chat->chat_id == "chat-b");
    }
    CHECK(chat_body(db, "generic", "chat-a") == std::nullopt);  // A's chat is not B's
    CHECK(chats_of_body(db, "vh_xh").size() == 1);
  }
}

TEST_CASE("communes: a code names its commune; a chat relinked moves with it") {
  TempDir dir;
  Database db(dir.file("p.db"));
  Instant t0 = at("2025-09-29T08:30+07:00");
  Commune a = demo_commune(db, "xa_a", "Xã A", t0);
  Commune b = demo_commune(db, "xa_b", "Xã B", t0);
  chat(db, message("x1", "chat-x", "DK " + link_code(db, a, t0)), t0);
  CHECK(chat_link(db, "generic", "chat-x").value().commune == a.key);
  chat(db, message("x2", "chat-x", "DK " + link_code(db, b, t0)), t0);
  CHECK(chat_link(db, "generic", "chat-x").value().commune == b.key);
  chat(db, message("x3", "chat-x", "NV2 xong"), t0);
  CHECK(task2(db, b, t0).status == Status::done);
  CHECK(task2(db, a, t0).status == Status::not_started);
  CommuneScope scope(db, a.key);
  CHECK(chats_of_body(db, "vh_xh").empty());
}

TEST_CASE("communes: picking one names the communes there are") {
  TempDir dir;
  Database db(dir.file("p.db"));
  Instant t0 = at("2025-09-29T08:30+07:00");
  auto none = service::pick_commune(db, std::nullopt);
  REQUIRE_FALSE(none);
  CHECK(none.error().find("chưa có xã nào") != std::string::npos);
  REQUIRE(service::add_commune(db, "truong_giang", "Xã Trường Giang", t0, "test"));
  CHECK(service::pick_commune(db, std::nullopt)->id == "truong_giang");
  REQUIRE(service::add_commune(db, "dak_ha", "Xã Đăk Hà", t0, "test"));
  auto several = service::pick_commune(db, std::nullopt);
  REQUIRE_FALSE(several);
  CHECK(several.error().find("dak_ha (Xã Đăk Hà), truong_giang (Xã Trường Giang)") !=
        std::string::npos);
  CHECK(service::pick_commune(db, std::string("dak_ha"))->name == "Xã Đăk Hà");
  CHECK_FALSE(service::pick_commune(db, std::string("nowhere")));
  CHECK_FALSE(service::add_commune(db, "dak_ha", "Xã khác", t0, "test"));    // id in use
  CHECK_FALSE(service::add_commune(db, "Đăk Hà", "Xã Đăk Hà", t0, "test"));  // not an id
  CHECK_FALSE(service::add_commune(db, "x", "", t0, "test"));                // no name
  auto renamed = service::rename_commune(db, "dak_ha", "dak_ha_kt", "", t0);
  REQUIRE(renamed);
  CHECK(renamed->name == "Xã Đăk Hà");
  CHECK(find_commune(db, "dak_ha_kt"));
  CHECK_FALSE(find_commune(db, "dak_ha"));
}
