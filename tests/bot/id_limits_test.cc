// Ids in platform envelopes are kept whole up to bot::kMaxIdBytes and refused (never cut) beyond
// it, with the field named, so two ids sharing a long prefix never become one (issue 13 item 4).
#include <catch2/catch.hpp>

#include <string>

#include "bot/payloads.h"

namespace bot = dondoc::bot;
using nlohmann::json;

namespace {

// 200 shared bytes, then a distinct tail: the two ids are equal on any prefix cut at 128.
const std::string kPrefix(200, 'p');

json generic(const std::string& event_id, const std::string& chat_id) {
  return json{{"event_id", event_id}, {"chat_id", chat_id}, {"text", "xong"}};
}

}  // namespace

TEST_CASE("generic: ids sharing a 200-byte prefix stay whole and distinct") {
  auto a = bot::parse_generic_event(generic(kPrefix + "-a", kPrefix + "-chat-a"));
  auto b = bot::parse_generic_event(generic(kPrefix + "-b", kPrefix + "-chat-b"));
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->event_key == kPrefix + "-a");
  CHECK(b->event_key == kPrefix + "-b");
  CHECK(a->chat_id == kPrefix + "-chat-a");
  CHECK(a->chat_id != b->chat_id);
  // Exactly at the limit is accepted whole.
  std::string at_limit(bot::kMaxIdBytes, 'x');
  auto c = bot::parse_generic_event(generic(at_limit, at_limit));
  REQUIRE(c.ok());
  CHECK(c->event_key.size() == bot::kMaxIdBytes);
  // The stored form reads back whole.
  auto back = bot::event_from_json(json::parse(bot::to_log_json(*a)));
  REQUIRE(back.ok());
  CHECK(back->event_key == a->event_key);
  CHECK(back->chat_id == a->chat_id);
}

TEST_CASE("generic: an id over the limit is refused naming its field") {
  std::string over(bot::kMaxIdBytes + 1, 'x');
  auto e = bot::parse_generic_event(generic(over, "c1"));
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().rfind("event_id too long (257 bytes, at most 256)", 0) == 0);
  auto c = bot::parse_generic_event(generic("e1", over + "yy"));
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().rfind("chat_id too long (259 bytes", 0) == 0);
  json r = generic("e1", "c1");
  r["reply_to"] = over;
  auto rt = bot::parse_generic_event(r);
  REQUIRE_FALSE(rt.ok());
  CHECK(rt.error().rfind("reply_to too long", 0) == 0);
}

TEST_CASE("Telegram and Zalo: an over-long chat or message id is refused, not cut") {
  std::string over(300, '7');
  json tg{{"update_id", 1},
          {"message", {{"message_id", 2}, {"chat", {{"id", over}}}, {"text", "xong"}}}};
  auto t = bot::parse_telegram_update(tg);
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().rfind("chat.id too long (300 bytes", 0) == 0);
  json cb{{"update_id", 2},
          {"callback_query",
           {{"id", over}, {"data", "x"}, {"message", {{"message_id", 3}, {"chat", {{"id", 5}}}}}}}};
  auto c = bot::parse_telegram_update(cb);
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().rfind("callback_query.id too long", 0) == 0);

  json zalo{{"ok", true},
            {"result", {{"message", {{"message_id", over}, {"chat", {{"id", "zc"}}}}}}}};
  auto z = bot::parse_zalo_event(zalo);
  REQUIRE_FALSE(z.ok());
  CHECK(z.error().rfind("message.message_id too long", 0) == 0);
  zalo["result"]["message"]["message_id"] = "m1";
  zalo["result"]["message"]["chat"]["id"] = kPrefix + "-zalo";
  auto ok = bot::parse_zalo_event(zalo);
  REQUIRE(ok.ok());
  CHECK(ok->chat_id == kPrefix + "-zalo");
  CHECK(ok->event_key == kPrefix + "-zalo:m1");
}

TEST_CASE("a numeric id above the signed range is kept as the platform wrote it") {
  json g{{"event_id", "e"}, {"chat_id", 18446744073709551615ULL}, {"text", "x"}};
  auto e = bot::parse_generic_event(g);
  REQUIRE(e.ok());
  CHECK(e->chat_id == "18446744073709551615");
}
