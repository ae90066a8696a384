#include "bot/payloads.h"

#include <catch2/catch.hpp>

#include "rules/text.h"

using dondoc::bot::Channel;
using dondoc::bot::InboundEvent;
using nlohmann::json;
namespace bot = dondoc::bot;

TEST_CASE("a Telegram text message becomes a message event keyed by update_id") {
  json u = json::parse(R"({"update_id": 42, "message": {"message_id": 7, "from": {"id": 5,
      "first_name": "Lan", "last_name": "Nguyễn"}, "chat": {"id": -100123, "type": "supergroup"},
      "date": 1, "text": "NV3 xong", "reply_to_message": {"message_id": 6}}})");
  auto e = bot::parse_telegram_update(u);
  REQUIRE(e.ok());
  CHECK(e->kind == InboundEvent::Kind::message);
  CHECK(e->event_key == "42");
  CHECK(e->update_id == 42);
  CHECK(e->chat_id == "-100123");
  CHECK(e->group);
  CHECK(e->from_name == "Lan Nguyễn");
  CHECK(e->text == "NV3 xong");
  CHECK(e->reply_to == "6");
}

TEST_CASE("a Telegram callback query becomes a button event") {
  json u = json::parse(R"({"update_id": 43, "callback_query": {"id": "cb1", "from": {"id": 5,
      "first_name": "Lan"}, "message": {"message_id": 9, "chat": {"id": 5, "type": "private"}},
      "data": "s|3|d"}})");
  auto e = bot::parse_telegram_update(u);
  REQUIRE(e.ok());
  CHECK(e->kind == InboundEvent::Kind::button);
  CHECK(e->callback_id == "cb1");
  CHECK(e->callback_data == "s|3|d");
  CHECK(e->chat_id == "5");
  CHECK(e->reply_to == "9");
}

TEST_CASE("Telegram updates of the wrong shape are refused with a reason") {
  CHECK_FALSE(bot::parse_telegram_update(json::array()).ok());
  auto e = bot::parse_telegram_update(json::parse(R"({"message": {}})"));
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().find("update_id") != std::string::npos);
  auto other = bot::parse_telegram_update(json::parse(R"({"update_id": 1, "edited_message": {}})"));
  REQUIRE(other.ok());
  CHECK(other->kind == InboundEvent::Kind::other);
}

TEST_CASE("a Zalo webhook body becomes a message keyed by chat and message id") {
  json b = json::parse(R"({"ok": true, "result": {"event_name": "message.text.received",
      "message": {"message_id": "m1", "from": {"id": "u1", "display_name": "Anh Tuấn"},
      "chat": {"id": "c1", "chat_type": "PRIVATE"}, "date": 1750316131602, "text": "đang làm 60%"}}})");
  auto e = bot::parse_zalo_event(b);
  REQUIRE(e.ok());
  CHECK(e->channel == Channel::zalo);
  CHECK(e->event_key == "c1:m1");
  CHECK(e->from_name == "Anh Tuấn");
  CHECK(e->text == "đang làm 60%");
  CHECK_FALSE(e->group);
  CHECK_FALSE(bot::parse_zalo_event(json::parse(R"({"ok": true, "result": {}})")).ok());
}

TEST_CASE("a generic event needs event_id, chat_id and text") {
  auto e = bot::parse_generic_event(json::parse(
      R"({"event_id": "e1", "chat_id": "c", "from_name": "A", "text": "xong", "reply_to": 12})"));
  REQUIRE(e.ok());
  CHECK(e->event_key == "e1");
  CHECK(e->reply_to == "12");
  auto bad = bot::parse_generic_event(json::parse(R"({"event_id": "e1", "chat_id": "c"})"));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().find("text") != std::string::npos);
}

TEST_CASE("events survive the JSON round trip of the inbound log") {
  InboundEvent e;
  e.channel = Channel::telegram;
  e.kind = InboundEvent::Kind::button;
  e.event_key = "9";
  e.chat_id = "c";
  e.callback_data = "s|1|p";
  e.update_id = 9;
  auto back = bot::event_from_json(bot::to_json(e));
  REQUIRE(back.ok());
  CHECK(back->channel == Channel::telegram);
  CHECK(back->kind == InboundEvent::Kind::button);
  CHECK(back->callback_data == "s|1|p");
  CHECK(back->update_id == 9);

  // What the log stores is written directly; it reads back to the same event, escapes included.
  e.group = true;
  e.from_name = "Trưởng phòng \"Kinh tế\"";
  e.text = "NV3 xong\nvướng: chưa có kinh phí\t\\ \x01";
  e.reply_to = "77";
  auto line = bot::to_log_json(e);
  CHECK(json::parse(line) == bot::to_json(e));
  auto again = bot::event_from_json(json::parse(line));
  REQUIRE(again.ok());
  CHECK(again->text == e.text);
  CHECK(again->from_name == e.from_name);
  CHECK(again->group);
  CHECK(again->reply_to == "77");
  CHECK(again->update_id == 9);
}

TEST_CASE("long texts are split on UTF-8 boundaries within the platform limit") {
  std::string line = "Nhiệm vụ số 3: đã hoàn thành đúng hạn.\n";
  std::string text;
  while (dondoc::text::length(text) < 5000) text += line;
  auto parts = bot::split_text(text, 2000);
  REQUIRE(parts.size() == 3);
  std::string joined;
  for (const auto& p : parts) {
    CHECK(dondoc::text::length(p) <= 2000);
    CHECK(dondoc::text::valid_utf8(p));
    joined += p;
  }
  CHECK(joined == text);
  CHECK(parts[0].back() == '\n');  // cut at a line break
  std::string no_spaces(3000, 'x');
  auto hard = bot::split_text("đ" + no_spaces, 4096);
  CHECK(hard.size() == 1);
  auto two = bot::split_text(std::string(10, 'a'), 4);
  CHECK(two == std::vector<std::string>{"aaaa", "aaaa", "aa"});
  CHECK(bot::split_text("", 10) == std::vector<std::string>{""});
  // Telegram counts UTF-16 units: an emoji is two, so 2,100 of them (4,200 units) take two parts.
  std::string emoji;
  for (int i = 0; i < 2100; ++i) emoji += "\xF0\x9F\x98\x80";  // U+1F600
  auto faces = bot::split_text(emoji, bot::kTelegramMaxChars);
  REQUIRE(faces.size() == 2);
  CHECK(faces[0].size() == 2048 * 4);
  CHECK(faces[0] + faces[1] == emoji);
  CHECK(bot::split_text("a\xF0\x9F\x98\x80", 2) ==
        std::vector<std::string>{"a", "\xF0\x9F\x98\x80"});
  // A limit under one code point's width still moves on, one code point per part.
  CHECK(bot::split_text("\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 1) ==
        std::vector<std::string>{"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"});
  CHECK(bot::split_text("ab cd\nef gh", 7) == std::vector<std::string>{"ab cd\n", "ef gh"});
  CHECK(dondoc::text::utf16_prefix("hóa\xF0\x9F\x98\x80", 3) == "hóa");
  CHECK(dondoc::text::utf16_prefix("hóa\xF0\x9F\x98\x80", 5).size() == 8);
}

TEST_CASE("sendMessage payloads carry the inline keyboard and the answers are read") {
  auto j = bot::telegram_send_message("5", "Nhắc việc", {{"Hoàn thành", "s|3|d"}});
  CHECK(j["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "s|3|d");
  CHECK(bot::zalo_send_message("c1", "x") == json{{"chat_id", "c1"}, {"text", "x"}});
  auto g = bot::generic_outbound("17", "c", "t", {});
  CHECK(g == json{{"message_id", "17"}, {"chat_id", "c"}, {"text", "t"}});
  auto a = bot::parse_send_answer(
      R"({"ok": false, "error_code": 429, "parameters": {"retry_after": 7}})");
  CHECK_FALSE(a.ok);
  CHECK(a.retry_after == 7);
  auto ok = bot::parse_send_answer(R"({"ok": true, "result": {"message_id": 99}})");
  CHECK(ok.ok);
  CHECK(ok.message_id == "99");
}

TEST_CASE("send answer: fields of the wrong type are not ok, not a crash (fuzz regressions)") {
  // fuzz/regressions/payloads/*
  auto a = bot::parse_send_answer(R"({"ok":"yes","parameters":{"rrtey_after":3}})");
  CHECK_FALSE(a.ok);
  CHECK(a.retry_after == 0);
  auto b = bot::parse_send_answer(R"({"ok":false,"parameters":{"retry_after":"3"}})");
  CHECK_FALSE(b.ok);
  CHECK(b.retry_after == 0);
}

TEST_CASE("a long id is kept whole, so the event stays valid UTF-8 (fuzz)") {
  std::string id = std::string(127, 'e') + "ì";  // a 128-byte cut (as once done) fell inside "ì"
  auto e = bot::parse_generic_event(json{{"event_id", id}, {"chat_id", "c"}, {"text", "xong"}});
  REQUIRE(e.ok());
  CHECK(e->event_key == id);
  CHECK(dondoc::text::valid_utf8(e->event_key));
  CHECK(json::parse(bot::to_log_json(*e)) == bot::to_json(*e));
}
