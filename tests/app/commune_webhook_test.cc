// One bot per commune through its webhook (`/webhook/<platform>/<commune id>` with that commune's
// secret), end to end against the real serve: a Telegram bot (telegram-test-api,
// tests/node/start_telegram.js) and a Zalo bot (tests/support/fake_zalo.js) of commune c2, in a
// database whose c1 has the same demo plan (same bodies, same task numbers). A reply through c2's
// webhook is applied in c2 alone and answered by c2's bot alone; a wrong or missing secret is 401
// and changes nothing.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/background.h"
#include "tests/support/demo_db.h"
#include "tests/support/process.h"

namespace t = dondoc::testing;
using nlohmann::json;

namespace {

constexpr const char* kChat = "5151";

// Two communes with the same demo plan.
std::string two_communes(const t::TempDir& dir) {
  std::string db = dir.file("d.db");
  for (const char* c : {"c1", "c2"})
    REQUIRE(t::run_dondoc({"--db", db, "--commune", c, "init", "--demo"}).exit_code == 0);
  return db;
}

std::string link_code(const std::string& db, const std::string& commune) {
  auto r = t::run_dondoc({"--db", db, "--commune", commune, "link", "--body", "vh_xh", "--json"});
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out)["code"];
}

// The statuses task `task` of vh_xh took in `commune`, in order (its audit).
std::vector<std::string> changes(const std::string& db, const std::string& commune,
                                 const std::string& task) {
  auto a = t::run_dondoc({"--db", db, "--commune", commune, "audit", "--json"});
  REQUIRE(a.exit_code == 0);
  std::vector<std::string> out;
  json audit = json::parse(a.out);
  for (const auto& e : audit["entries"])
    if (e["kind"] == "status_change" && e["subject"] == "task|" + task + "|||vh_xh")
      out.push_back(e["detail"]["to"]);
  return out;
}

// What a commune's audit and outbox hold, to compare before and after a refused request.
std::string snapshot(const std::string& db, const std::string& commune) {
  std::string out;
  for (const char* what : {"audit", "outbox"}) {
    auto r = t::run_dondoc({"--db", db, "--commune", commune, what, "--json"});
    REQUIRE(r.exit_code == 0);
    out += r.out;
  }
  return out;
}

// `serve` with the province's config (the generic webhook only) and c2's own bot.
struct Serve {
  int port = t::free_port();
  t::Background proc;
  Serve(const t::TempDir& dir, const std::string& db) : proc(start(dir, db, port)) {
    REQUIRE(t::wait_for_http(port, "/healthz"));
  }
  static t::Background start(const t::TempDir& dir, const std::string& db, int port) {
    t::write_text(dir.file("serve.json"),
                  json{{"listen", "127.0.0.1:" + std::to_string(port)},
                       {"generic", {{"secret", "province-generic-secret-0123"}}}}
                      .dump());
    return t::Background({DONDOC_BINARY, "--db", db, "serve", "--config", dir.file("serve.json"),
                          "--no-scheduler", "--now", t::kServeTime},
                         dir.file("serve.log"));
  }
  int post(const std::string& path, const std::string& header, const std::string& secret,
           const json& body) {
    std::map<std::string, std::string> h{{"Content-Type", "application/json"}};
    if (!secret.empty()) h[header] = secret;
    return t::http_request(port, "POST", path, body.dump(), h).status;
  }
};

// Polls `get` (bounded) until it returns at least n items.
json wait_for(const std::function<json()>& get, std::size_t n = 1) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(40);
  json out = get();
  while (out.size() < n && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    out = get();
  }
  return out;
}

// The texts in `messages` (each with a "text") that contain needle.
json containing(const json& messages, const std::string& needle) {
  json out = json::array();
  for (const auto& m : messages)
    if (m["text"].get<std::string>().find(needle) != std::string::npos) out.push_back(m);
  return out;
}

json telegram_update(int id, const std::string& text) {
  json who{{"id", 5151}, {"first_name", "Lan"}, {"is_bot", false}};
  json chat{{"id", 5151}, {"type", "private"}, {"first_name", "Lan"}};
  return {{"update_id", id},
          {"message",
           {{"message_id", id}, {"from", who}, {"chat", chat}, {"date", 1}, {"text", text}}}};
}

json zalo_event(int id, const std::string& text) {
  return {{"event_name", "message.text.received"},
          {"message",
           {{"message_id", "z" + std::to_string(id)},
            {"from", {{"id", "u-5151"}, {"display_name", "Lan"}}},
            {"chat", {{"id", kChat}, {"chat_type", "PRIVATE"}}},
            {"date", 1},
            {"text", text}}}};
}

}  // namespace

TEST_CASE("a commune's Telegram bot through its webhook: only its commune, only its secret",
          "[commune]") {
  t::TempDir dir;
  std::string db = two_communes(dir);
  int fake = t::free_port();
  t::Background tg({"node", t::source_path("tests/node/start_telegram.js"), std::to_string(fake)},
                   dir.file("telegram.log"));
  REQUIRE(t::wait_for_http(fake, "/control/calls"));
  const char* token = "333333:COMMUNETWO";
  const std::string secret = "c2-telegram-secret-0123456789";
  ::setenv("DONDOC_TEST_C2_TG_TOKEN", token, 1);
  ::setenv("DONDOC_TEST_C2_TG_SECRET", secret.c_str(), 1);
  REQUIRE(t::run_dondoc({"--db", db, "commune", "set", "c2", "--telegram-token-env",
                         "DONDOC_TEST_C2_TG_TOKEN", "--telegram-secret-env",
                         "DONDOC_TEST_C2_TG_SECRET", "--telegram-mode", "webhook",
                         "--telegram-api-base", "http://127.0.0.1:" + std::to_string(fake)})
              .exit_code == 0);
  Serve serve(dir, db);
  const std::string path = "/webhook/telegram/c2";
  const std::string header = "X-Telegram-Bot-Api-Secret-Token";
  auto sent = [&](const std::string& needle) {
    return wait_for([&] {
      json texts = json::array();
      auto calls = json::parse(t::http_request(fake, "GET", "/control/calls").body);
      for (const auto& c : calls)
        if (c["method"] == "sendMessage") {
          CHECK(c["token"] == token);  // nothing goes through another bot
          texts.push_back(c["body"]);
        }
      return containing(texts, needle);
    });
  };

  CHECK(serve.post(path, header, secret, telegram_update(1, "/start " + link_code(db, "c1"))) ==
        200);
  CHECK(sent("thuộc một xã khác").size() == 1);  // c1's code is not c2's bot's
  CHECK(serve.post(path, header, secret, telegram_update(2, "/start " + link_code(db, "c2"))) ==
        200);
  REQUIRE(sent("Đã liên kết").size() == 1);

  // A wrong or missing secret, and c2's secret on another commune's path: refused, nothing kept.
  const std::string before1 = snapshot(db, "c1"), before2 = snapshot(db, "c2");
  CHECK(serve.post(path, header, secret + "x", telegram_update(3, "NV2 đang làm 10%")) == 401);
  CHECK(serve.post(path, header, "", telegram_update(4, "NV2 đang làm 20%")) == 401);
  CHECK(serve.post("/webhook/telegram/c1", header, secret, telegram_update(5, "NV2 30%")) == 404);
  CHECK(snapshot(db, "c1") == before1);
  CHECK(snapshot(db, "c2") == before2);

  // The right secret: applied in c2 alone, answered by c2's bot; the refused ones never were.
  CHECK(serve.post(path, header, secret,
                   telegram_update(6, "Dạ em báo cáo: NV2 đã hoàn thành ạ")) == 200);
  auto done = sent("hoàn thành");
  REQUIRE(done.size() == 1);
  CHECK(done[0]["chat_id"] == kChat);
  CHECK(changes(db, "c2", "2") == std::vector<std::string>{"done"});
  CHECK(changes(db, "c1", "2").empty());
  CHECK(snapshot(db, "c1") == before1);
  CHECK(t::read_text(dir.file("serve.log")).find(secret) == std::string::npos);
}

TEST_CASE("a commune's Zalo bot through its webhook: only its commune, only its secret",
          "[commune]") {
  t::TempDir dir;
  std::string db = two_communes(dir);
  const char* token = "Z2TOKEN";
  int fake = t::free_port();
  t::Background zalo(
      {"node", t::source_path("tests/support/fake_zalo.js"), std::to_string(fake), token},
      dir.file("fake_zalo.log"));
  REQUIRE(t::wait_for_http(fake, "/control/sent"));
  const std::string secret = "c2-zalo-secret-0123456789";
  ::setenv("DONDOC_TEST_C2_ZALO_TOKEN", token, 1);
  ::setenv("DONDOC_TEST_C2_ZALO_SECRET", secret.c_str(), 1);
  REQUIRE(t::run_dondoc({"--db", db, "commune", "set", "c2", "--zalo-token-env",
                         "DONDOC_TEST_C2_ZALO_TOKEN", "--zalo-secret-env",
                         "DONDOC_TEST_C2_ZALO_SECRET", "--zalo-mode", "webhook", "--zalo-api-base",
                         "http://127.0.0.1:" + std::to_string(fake)})
              .exit_code == 0);
  Serve serve(dir, db);
  const std::string path = "/webhook/zalo/c2";
  const std::string header = "X-Bot-Api-Secret-Token";
  auto sent = [&](const std::string& needle) {
    return wait_for([&] {
      return containing(json::parse(t::http_request(fake, "GET", "/control/sent").body), needle);
    });
  };

  CHECK(serve.post(path, header, secret, zalo_event(1, "DK " + link_code(db, "c2"))) == 200);
  REQUIRE(sent("Đã liên kết").size() == 1);

  const std::string before1 = snapshot(db, "c1"), before2 = snapshot(db, "c2");
  CHECK(serve.post(path, header, "wrong-secret-0123456789", zalo_event(2, "NV2 đang làm 10%")) ==
        401);
  CHECK(serve.post(path, header, "", zalo_event(3, "NV2 đang làm 20%")) == 401);
  CHECK(serve.post("/webhook/zalo", header, secret, zalo_event(4, "NV2 30%")) == 404);
  CHECK(snapshot(db, "c1") == before1);
  CHECK(snapshot(db, "c2") == before2);

  CHECK(serve.post(path, header, secret, zalo_event(5, "Dạ em báo cáo: NV2 đã hoàn thành ạ")) ==
        200);
  auto done = sent("hoàn thành");
  REQUIRE(done.size() == 1);
  CHECK(done[0]["chat_id"] == kChat);
  CHECK(changes(db, "c2", "2") == std::vector<std::string>{"done"});
  CHECK(changes(db, "c1", "2").empty());
  CHECK(snapshot(db, "c1") == before1);
  auto all = json::parse(t::http_request(fake, "GET", "/control/sent").body);
  CHECK(all.size() == 2);  // the link and the confirmation: nothing of the refused events
}
