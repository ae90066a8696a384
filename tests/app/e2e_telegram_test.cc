// End to end against telegram-test-api (npm, pinned in tests/node, started through
// tests/node/start_telegram.js): a chat links with /start CODE through polling, a tick sends a
// nudge with inline buttons, a free-text reply and a button press are recorded and confirmed. Node
// and the npm package are required: without them the test fails (scripts/setup.sh --test installs
// them).
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/background.h"
#include "tests/support/demo_db.h"
#include "tests/support/process.h"

namespace t = dondoc::testing;
using nlohmann::json;

namespace {

constexpr const char* kToken = "123456:TESTTOKEN";
constexpr long long kChat = 4242;

struct FakeTelegram {
  int port = t::free_port();
  t::Background proc;
  explicit FakeTelegram(t::TempDir& d)
      : proc({"node", t::source_path("tests/node/start_telegram.js"), std::to_string(port)},
             d.file("telegram.log")) {
    INFO("telegram-test-api missing: run scripts/setup.sh --test (npm ci in tests/node)");
    REQUIRE(std::filesystem::exists(t::source_path("tests/node/node_modules/telegram-test-api")));
    INFO(t::read_text(d.file("telegram.log")));
    REQUIRE(t::wait_for_http(port, "/control/calls"));
  }
  std::string api() const { return "http://127.0.0.1:" + std::to_string(port); }
  static json from() { return {{"id", kChat}, {"first_name", "Lan"}, {"is_bot", false}}; }
  static json chat() { return {{"id", kChat}, {"type", "private"}, {"first_name", "Lan"}}; }
  // The user writes to the bot (the client API of telegram-test-api).
  void user_says(const std::string& text) {
    json m{{"botToken", kToken}, {"from", from()}, {"chat", chat()}, {"date", 1}, {"text", text}};
    REQUIRE(t::http_request(port, "POST", "/sendMessage", m.dump()).status == 200);
  }
  void user_presses(const std::string& data, long long message_id) {
    json q{{"botToken", kToken},
           {"from", from()},
           {"message", {{"message_id", message_id}, {"chat", chat()}, {"date", 1}}},
           {"data", data}};
    REQUIRE(t::http_request(port, "POST", "/sendCallback", q.dump()).status == 200);
  }
  json calls() { return json::parse(t::http_request(port, "GET", "/control/calls").body); }
  // Everything stored by the fake, bot messages with their "messageId".
  json history() {
    json q{{"token", kToken}};
    return json::parse(
        t::http_request(port, "POST", "/getUpdatesHistory", q.dump()).body)["result"];
  }
  // Waits (bounded) until the calls satisfy `done`; returns them.
  json wait_calls(const std::function<bool(const json&)>& done) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(40);
    json c = calls();
    while (!done(c) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      c = calls();
    }
    return c;
  }
};

std::size_t count(const json& calls, const std::string& method) {
  std::size_t n = 0;
  for (const auto& c : calls) n += c["method"] == method ? 1 : 0;
  return n;
}

// The sendMessage bodies whose text contains `needle`.
json sent_with(const json& calls, const std::string& needle) {
  json out = json::array();
  for (const auto& c : calls) {
    if (c["method"] != "sendMessage") continue;
    if (c["body"]["text"].get<std::string>().find(needle) != std::string::npos)
      out.push_back(c["body"]);
  }
  return out;
}

json obligation(const std::string& db, const std::string& task) {
  auto st = t::run_dondoc({"--db", db, "status", "--body", "vh_xh", "--json"});
  REQUIRE(st.exit_code == 0);
  json all = json::parse(st.out);
  for (const auto& o : all["obligations"])
    if (o["task"] == task) return o;
  FAIL("no obligation for task " << task << " in " << st.out);
  return {};
}

}  // namespace

TEST_CASE("Telegram polling: /start links, tick nudges with buttons, text and button replies") {
  t::TempDir dir;
  std::string db = t::nudge_ready_demo_db(dir);
  FakeTelegram tg(dir);
  int port = t::free_port();
  t::write_text(dir.file("serve.json"),
                json{{"listen", "127.0.0.1:" + std::to_string(port)},
                     {"poll_timeout_s", 1},
                     {"telegram", {{"token", kToken}, {"api_base", tg.api()}, {"mode", "polling"}}}}
                    .dump());
  t::Background serve({DONDOC_BINARY, "--db", db, "serve", "--config", dir.file("serve.json"),
                       "--no-scheduler", "--now", t::kServeTime},
                      dir.file("serve.log"));
  REQUIRE(t::wait_for_http(port, "/healthz"));

  auto link = t::run_dondoc({"--db", db, "link", "--body", "vh_xh", "--json"});
  REQUIRE(link.exit_code == 0);
  tg.user_says("/start " + json::parse(link.out)["code"].get<std::string>());
  auto calls = tg.wait_calls([](const json& c) { return !sent_with(c, "Đã liên kết").empty(); });
  auto linked = sent_with(calls, "Đã liên kết");
  REQUIRE(linked.size() == 1);
  CHECK(linked[0]["chat_id"] == std::to_string(kChat));
  CHECK(linked[0]["text"].get<std::string>().find("Đã liên kết") == 0);

  // A tick while serve runs: the nudge about NV2 arrives with the four inline buttons.
  REQUIRE(t::run_dondoc({"--db", db, "tick", "--now", t::kNudgeTime}).exit_code == 0);
  calls = tg.wait_calls([](const json& c) { return !sent_with(c, "Nhiệm vụ 2:").empty(); });
  auto nudges = sent_with(calls, "Nhiệm vụ 2:");
  REQUIRE(nudges.size() == 1);
  const json& keyboard = nudges[0]["reply_markup"]["inline_keyboard"];
  std::vector<std::string> labels, data;
  for (const auto& row : keyboard)
    for (const auto& b : row) {
      labels.push_back(b["text"]);
      data.push_back(b["callback_data"]);
    }
  CHECK(labels == std::vector<std::string>{"Hoàn thành", "Đang làm", "Vướng mắc", "Xin gia hạn"});
  for (const auto& d : data) CHECK(d.size() <= 64);

  // A free-text reply: recorded and confirmed once.
  tg.user_says("dạ em báo cáo NV2 đang làm 60% ạ");
  calls = tg.wait_calls([](const json& c) { return !sent_with(c, "đang thực hiện 60%").empty(); });
  auto confirmed = sent_with(calls, "đang thực hiện 60%");
  REQUIRE(confirmed.size() == 1);
  CHECK(confirmed[0]["text"].get<std::string>().find("Đã ghi nhận") == 0);
  INFO(confirmed[0]["text"].get<std::string>());
  auto o = obligation(db, "2");
  CHECK(o["status"] == "in_progress");
  CHECK(o["percent"] == 60);

  // The "Hoàn thành" button: answerCallbackQuery, then the status is done and confirmed.
  REQUIRE(data.size() == 4);
  long long nudge_id = 0;
  for (const auto& h : tg.history())
    if (h["message"].value("text", "") == nudges[0]["text"]) nudge_id = h["messageId"];
  CHECK(nudge_id > 0);
  tg.user_presses(data[0], nudge_id);
  calls = tg.wait_calls([](const json& c) {
    return count(c, "answerCallbackQuery") >= 1 && !sent_with(c, "hoàn thành (đúng hạn)").empty();
  });
  REQUIRE(count(calls, "answerCallbackQuery") == 1);
  REQUIRE(sent_with(calls, "hoàn thành (đúng hạn)").size() == 1);
  // Done obligations leave `status`; the audit log shows the change the button made.
  auto audit = json::parse(t::run_dondoc({"--db", db, "audit", "--json"}).out);
  std::vector<std::string> changes;
  for (const auto& e : audit["entries"])
    if (e["kind"] == "status_change" && e["subject"] == "task|2|||vh_xh")
      changes.push_back(e["detail"]["to"]);
  CHECK(changes == std::vector<std::string>{"in_progress", "done"});

  // The head asks: /help and /tasks (Telegram's commands), and thanks: answers, nothing recorded.
  tg.user_says("/help");
  calls = tg.wait_calls([](const json& c) { return !sent_with(c, "Hướng dẫn trả lời").empty(); });
  REQUIRE(sent_with(calls, "Hướng dẫn trả lời").size() == 1);
  tg.user_says("/tasks");
  calls = tg.wait_calls(
      [](const json& c) { return !sent_with(c, "Việc của Phòng Văn hóa - Xã hội").empty(); });
  auto owed = sent_with(calls, "Việc của Phòng Văn hóa - Xã hội");
  REQUIRE(owed.size() == 1);
  CHECK(owed[0]["text"].get<std::string>().find("Nhiệm vụ 2:") == std::string::npos);  // done
  tg.user_says("cam on");
  calls = tg.wait_calls([](const json& c) { return !sent_with(c, "Cảm ơn đồng chí.").empty(); });
  REQUIRE(sent_with(calls, "Cảm ơn đồng chí.").size() == 1);
  CHECK(sent_with(calls, "Chưa rõ nội dung").empty());
}
