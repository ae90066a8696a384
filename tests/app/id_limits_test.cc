// Ids are never cut into collisions (issue 13 item 4), against the real `dondoc serve`: events
// and chats whose ids share a prefix longer than 128 bytes stay distinct; an id over the 256-byte
// limit is refused with 400 naming the field (webhook) or skipped and logged (polling), and
// nothing of it is stored.
#include <catch2/catch.hpp>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "storage/chat_store.h"
#include "storage/inbound_log.h"
#include "tests/support/background.h"
#include "tests/support/process.h"
#include "tests/support/scoped_db.h"

namespace t = dondoc::testing;
using nlohmann::json;

namespace {

const std::string kSecret = "s3cret-for-tests";
const std::string kPrefix(200, 'p');  // shared by ids that differ only after 128 bytes

// Polls (bounded) until no stored event is left unhandled.
void wait_all_handled(const std::string& db) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    dondoc::Database d(db);
    if (dondoc::unhandled_inbound(d, 1).empty()) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  FAIL("events not handled in time");
}

json event(const std::string& id, const std::string& chat, const std::string& text) {
  return json{{"event_id", id}, {"chat_id", chat}, {"text", text}};
}

}  // namespace

TEST_CASE("webhook: ids sharing a long prefix stay distinct; an over-limit id is 400") {
  t::TempDir dir;
  std::string db = dir.file("d.db");
  REQUIRE(t::run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  int port = t::free_port();
  t::write_text(dir.file("serve.json"), json{{"listen", "127.0.0.1:" + std::to_string(port)},
                                             {"generic", {{"secret", kSecret}}}}
                                            .dump());
  t::Background proc(
      {DONDOC_BINARY, "--db", db, "serve", "--config", dir.file("serve.json"), "--no-scheduler"},
      dir.file("serve.log"));
  REQUIRE(t::wait_for_http(port, "/healthz"));
  auto post = [&](const json& body) {
    return t::http_request(port, "POST", "/webhook/generic", body.dump(),
                           {{"X-Dondoc-Secret", kSecret}});
  };
  auto code = json::parse(t::run_dondoc({"--db", db, "link", "--body", "vh_xh", "--json"}).out);

  // Two events, two chats, equal on their first 200 bytes: both stored and handled, one linked.
  auto a =
      post(event(kPrefix + "-a", kPrefix + "-chat-a", "DK " + code["code"].get<std::string>()));
  auto b = post(event(kPrefix + "-b", kPrefix + "-chat-b", "NV2 xong"));
  REQUIRE(a.status == 200);
  REQUIRE(b.status == 200);
  CHECK(json::parse(a.body)["duplicate"] == false);
  CHECK(json::parse(b.body)["duplicate"] == false);
  wait_all_handled(db);
  {
    dondoc::testing::ScopedDb d(db, "truong_giang");
    CHECK(dondoc::inbound_count(d) == 2);
    CHECK(dondoc::inbound_exists(d, "generic", kPrefix + "-a"));
    CHECK(dondoc::inbound_exists(d, "generic", kPrefix + "-b"));
    CHECK(dondoc::chat_body(d, "generic", kPrefix + "-chat-a") == "vh_xh");
    CHECK_FALSE(dondoc::chat_body(d, "generic", kPrefix + "-chat-b"));  // no shared link
  }

  // Over the limit: 400 naming the field, nothing stored.
  std::string over(257, 'x');
  auto e = post(event(over, "c1", "xong"));
  CHECK(e.status == 400);
  CHECK(json::parse(e.body)["error"].get<std::string>().rfind("event_id too long (257 bytes", 0) ==
        0);
  auto c = post(event("e-ok", over, "xong"));
  CHECK(c.status == 400);
  CHECK(json::parse(c.body)["error"].get<std::string>().rfind("chat_id too long", 0) == 0);
  dondoc::Database d(db);
  CHECK(dondoc::inbound_count(d) == 2);
  CHECK_FALSE(dondoc::inbound_exists(d, "generic", "e-ok"));
}

TEST_CASE("Zalo polling: an event with an over-limit chat id is skipped and logged, not cut") {
  t::TempDir dir;
  std::string db = dir.file("d.db");
  REQUIRE(t::run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  int zport = t::free_port();
  t::Background zalo(
      {"node", t::source_path("tests/support/fake_zalo.js"), std::to_string(zport), "ZTOKEN"},
      dir.file("fake_zalo.log"));
  REQUIRE(t::wait_for_http(zport, "/control/sent"));
  int port = t::free_port();
  t::write_text(dir.file("serve.json"),
                json{{"listen", "127.0.0.1:" + std::to_string(port)},
                     {"poll_timeout_s", 1},
                     {"zalo",
                      {{"token", "ZTOKEN"},
                       {"api_base", "http://127.0.0.1:" + std::to_string(zport)},
                       {"mode", "polling"}}}}
                    .dump());
  t::Background proc(
      {DONDOC_BINARY, "--db", db, "serve", "--config", dir.file("serve.json"), "--no-scheduler"},
      dir.file("serve.log"));
  REQUIRE(t::wait_for_http(port, "/healthz"));
  auto inject = [&](const json& body) {
    REQUIRE(t::http_request(zport, "POST", "/control/inject", body.dump()).status == 200);
  };
  inject({{"chat_id", std::string(300, 'z')}, {"text", "xong"}, {"message_id", "m-long"}});
  inject({{"chat_id", kPrefix + "-z"}, {"text", "xong"}, {"message_id", "m-ok"}});

  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  bool stored = false;
  while (!stored && std::chrono::steady_clock::now() < deadline) {
    dondoc::Database d(db);
    stored = dondoc::inbound_exists(d, "zalo", kPrefix + "-z:m-ok");
    if (!stored) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  REQUIRE(stored);
  dondoc::Database d(db);
  CHECK(dondoc::inbound_count(d) == 1);  // the long one is not there, cut or whole
  std::string log = t::read_text(dir.file("serve.log"));
  CHECK(log.find("zalo getUpdates: event skipped: message.chat.id too long (300 bytes") !=
        std::string::npos);
}
