// One bot per commune (service/commune_bots.h): what `commune set` stores (where the secrets are,
// never a secret), what it refuses, and the "@<commune>:<chat>" ids of a commune bot's chats.
#include <catch2/catch.hpp>

#include "service/commune_bots.h"
#include "tests/engine/fixture.h"
#include "tests/support/process.h"
#include "tests/support/scoped_db.h"

using namespace dondoc;
using namespace dondoc::testing;

TEST_CASE("commune bots: set, list, refuse, clear") {
  TempDir dir;
  Database db(dir.file("b.db"));
  ensure_commune(db, "a");
  std::int64_t b = ensure_commune(db, "b");
  Instant now = at("2026-01-05T08:00+07:00");
  service::CommuneBot bot;
  bot.channel = "telegram";
  bot.token_env = "TG_B";
  auto r = service::set_commune_bot(db, "b", bot, now);
  REQUIRE(r.ok());
  auto all = service::commune_bots(db);
  REQUIRE(all.size() == 1);
  CHECK(all[0].commune == b);
  CHECK(all[0].commune_id == "b");
  CHECK(all[0].token_env == "TG_B");
  CHECK(all[0].mode == "polling");

  service::CommuneBot bad = bot;
  bad.mode = "webhook";  // without a secret
  CHECK_FALSE(service::set_commune_bot(db, "b", bad, now).ok());
  bad = bot;
  bad.token_file = "/etc/x";  // two sources for the token
  CHECK_FALSE(service::set_commune_bot(db, "b", bad, now).ok());
  bad = bot;
  bad.channel = "generic";
  CHECK_FALSE(service::set_commune_bot(db, "b", bad, now).ok());
  CHECK_FALSE(service::set_commune_bot(db, "nowhere", bot, now).ok());

  auto cleared = service::clear_commune_bot(db, "b", "telegram", now);
  REQUIRE(cleared.ok());
  CHECK(*cleared);
  CHECK(service::commune_bots(db).empty());
  CHECK_FALSE(*service::clear_commune_bot(db, "b", "telegram", now));
}

TEST_CASE("commune bots: a commune bot's chat ids") {
  CHECK(service::commune_chat_id(12, "4711") == "@12:4711");
  auto s = service::split_commune_chat("@12:-100200");
  CHECK(s.commune == 12);
  CHECK(s.chat_id == "-100200");
  for (const char* plain : {"4711", "@x:1", "@:1", "@0:1", "chat-1-0", "@12"}) {
    auto p = service::split_commune_chat(plain);
    CHECK(p.commune == kNoCommune);
    CHECK(p.chat_id == plain);
  }
}
