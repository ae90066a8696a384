// "đăng nhập" in a chat: a linked chat gets one message with a one-time link to the dashboard
// (public_url + "/dang-nhap/" + token) that signs in as its body's head; an unlinked chat gets the
// usual explanation and no link.
#include <catch2/catch.hpp>

#include "service/accounts.h"
#include "service/link.h"
#include "tests/service/chat_fixture.h"

using namespace dondoc;
using namespace dondoc::testing;

namespace {

struct SignInChat : ChatFixture {
  Instant t0 = at("2026-11-02T09:00+07:00");
  service::ChatOptions options{"https://theodoi.example.vn/", {}};

  void say(const std::string& chat, const std::string& text) {
    bot::InboundEvent e;
    e.channel = bot::Channel::generic;
    e.kind = bot::InboundEvent::Kind::message;
    e.event_key = "s" + std::to_string(++next_event);
    e.chat_id = chat;
    e.from_name = "Chị Lan";
    e.text = text;
    WriteTransaction tx(db);
    auto seq = service::store_event(db, e, t0);
    REQUIRE(seq);
    service::handle_events(db, t0, {service::StoredEvent{*seq, e}}, options);
    tx.commit();
  }

  void link(const std::string& chat, const std::string& body) {
    auto code = service::create_link_code(db, body, t0, [](std::vector<std::uint8_t>& b) {
      for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<std::uint8_t>(i * 7);
      return true;
    });
    REQUIRE(code);
    say(chat, "DK " + code->code);
  }
};

}  // namespace

TEST_CASE_METHOD(SignInChat, "chat sign-in: a linked chat's \"dang nhap\" gets one link") {
  link("chat-1", "vh_xh");
  auto before = answers_to("chat-1").size();
  say("chat-1", "dang nhap");
  auto answers = answers_to("chat-1");
  REQUIRE(answers.size() == before + 1);
  const std::string& text = answers.back();
  const std::string prefix = "https://theodoi.example.vn/dang-nhap/";
  auto at = text.find(prefix);
  REQUIRE(at != std::string::npos);
  std::string token = text.substr(at + prefix.size(), 64);
  CHECK(text.find("10 phút") != std::string::npos);
  CHECK(last_outcome() == "sign_in_sent");

  auto fixed = [](std::vector<std::uint8_t>& b) {
    for (auto& x : b) x = 3;
    return true;
  };
  auto session = service::use_chat_sign_in(db, token, t0 + std::chrono::minutes(1), fixed);
  REQUIRE(session);
  CHECK(session->viewer.role == service::Role::head);
  CHECK(session->viewer.body == "vh_xh");

  say("chat-1", "Đăng nhập");  // with diacritics: a second, new link
  CHECK(answers_to("chat-1").size() == before + 2);
  CHECK(count("SELECT COUNT(*) FROM chat_sign_ins") == 2);
}

TEST_CASE_METHOD(SignInChat, "chat sign-in: an unlinked chat is told to link first, no link") {
  say("chat-2", "/login");
  auto answers = answers_to("chat-2");
  REQUIRE(answers.size() == 1);
  CHECK(answers[0].find("/dang-nhap/") == std::string::npos);
  CHECK(last_outcome() == "explained_unlinked");
  CHECK(count("SELECT COUNT(*) FROM chat_sign_ins") == 0);
}
