// One bot per commune, end to end against telegram-test-api (tests/node/start_telegram.js): two
// demo communes in one database; the first is served by the province's bot, the second by its
// own bot (`commune set c2 --telegram-token-env`). The same Telegram user talks to both bots: each
// chat links in its bot's commune (a code of the other commune is refused by the commune's bot),
// each commune's nudge reaches its chat through its own bot, and a reply to each bot is applied in
// that bot's commune only.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/background.h"
#include "tests/support/demo_db.h"
#include "tests/support/process.h"

namespace t = dondoc::testing;
using nlohmann::json;

namespace {

constexpr const char* kProvinceToken = "111111:PROVINCETOKEN";
constexpr const char* kCommuneToken = "222222:COMMUNETOKEN";
constexpr long long kChat = 5151;

struct Fake {
  int port = t::free_port();
  t::Background proc;
  explicit Fake(t::TempDir& d)
      : proc({"node", t::source_path("tests/node/start_telegram.js"), std::to_string(port)},
             d.file("telegram.log")) {
    REQUIRE(t::wait_for_http(port, "/control/calls"));
  }
  std::string api() const { return "http://127.0.0.1:" + std::to_string(port); }
  void user_says(const char* token, const std::string& text) {
    json who{{"id", kChat}, {"first_name", "Lan"}, {"is_bot", false}};
    json chat{{"id", kChat}, {"type", "private"}, {"first_name", "Lan"}};
    json m{{"botToken", token}, {"from", who}, {"chat", chat}, {"date", 1}, {"text", text}};
    REQUIRE(t::http_request(port, "POST", "/sendMessage", m.dump()).status == 200);
  }
  json calls() { return json::parse(t::http_request(port, "GET", "/control/calls").body); }
  // The sendMessage calls of `token` whose text contains `needle`, waiting (bounded) for `n`.
  json sent(const char* token, const std::string& needle, std::size_t n = 1) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(40);
    json out;
    do {
      out = json::array();
      for (const auto& c : calls()) {
        if (c["method"] != "sendMessage" || c["token"] != token) continue;
        if (c["body"]["text"].get<std::string>().find(needle) != std::string::npos)
          out.push_back(c["body"]);
      }
      if (out.size() >= n) return out;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } while (std::chrono::steady_clock::now() < deadline);
    return out;
  }
};

std::string link_code(const std::string& db, const std::string& commune) {
  auto r = t::run_dondoc({"--db", db, "--commune", commune, "link", "--body", "vh_xh", "--json"});
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out)["code"];
}

// The statuses `task` of vh_xh took in `commune`, in order (its audit).
std::vector<std::string> changes(const std::string& db, const std::string& commune,
                                 const std::string& task) {
  auto a = t::run_dondoc({"--db", db, "--commune", commune, "audit", "--json"});
  REQUIRE(a.exit_code == 0);
  std::vector<std::string> out;
  json audit = json::parse(a.out);  // kept: a loop over a temporary's member would dangle
  for (const auto& e : audit["entries"])
    if (e["kind"] == "status_change" && e["subject"] == "task|" + task + "|||vh_xh")
      out.push_back(e["detail"]["to"]);
  return out;
}

}  // namespace

TEST_CASE("One bot per commune: links, nudges and replies go through the commune's own bot") {
  t::TempDir dir;
  std::string db = t::nudge_ready_demo_db(dir);
  auto list = json::parse(t::run_dondoc({"--db", db, "commune", "list", "--json"}).out);
  REQUIRE(list["communes"].size() == 1);
  const std::string c1 = list["communes"][0]["id"];
  // The second commune: the same demo plan, prepared the same way.
  REQUIRE(t::run_dondoc({"--db", db, "--commune", "c2", "init", "--demo"}).exit_code == 0);
  for (const char* task : {"4", "5"}) {
    REQUIRE(t::run_dondoc({"--db", db, "--commune", "c2", "record", "--task", task, "--body",
                           "vh_xh", "--status", "done", "--now", "2025-09-22T08:00+07:00"})
                .exit_code == 0);
  }
  REQUIRE(t::run_dondoc({"--db", db, "tick", "--now", "2025-09-25T08:00+07:00"}).exit_code == 0);

  Fake tg(dir);
  ::setenv("DONDOC_TEST_C2_TOKEN", kCommuneToken, 1);
  auto set = t::run_dondoc({"--db", db, "commune", "set", "c2", "--telegram-token-env",
                            "DONDOC_TEST_C2_TOKEN", "--telegram-api-base", tg.api()});
  REQUIRE(set.exit_code == 0);
  CHECK(set.out.find(kCommuneToken) == std::string::npos);  // never printed
  auto listed = t::run_dondoc({"--db", db, "commune", "list"});
  CHECK(listed.out.find("bot riêng: telegram") != std::string::npos);

  int port = t::free_port();
  t::write_text(
      dir.file("serve.json"),
      json{{"listen", "127.0.0.1:" + std::to_string(port)},
           {"poll_timeout_s", 1},
           {"telegram", {{"token", kProvinceToken}, {"api_base", tg.api()}, {"mode", "polling"}}}}
          .dump());
  t::Background serve({DONDOC_BINARY, "--db", db, "serve", "--config", dir.file("serve.json"),
                       "--no-scheduler", "--now", t::kServeTime},
                      dir.file("serve.log"));
  REQUIRE(t::wait_for_http(port, "/healthz"));

  // c2's bot refuses c1's code; each bot links the chat with its own commune's code.
  tg.user_says(kCommuneToken, "/start " + link_code(db, c1));
  CHECK(tg.sent(kCommuneToken, "thuộc một xã khác").size() == 1);
  tg.user_says(kProvinceToken, "/start " + link_code(db, c1));
  CHECK(tg.sent(kProvinceToken, "Đã liên kết").size() == 1);
  tg.user_says(kCommuneToken, "/start " + link_code(db, "c2"));
  CHECK(tg.sent(kCommuneToken, "Đã liên kết").size() == 1);

  // The tick of every commune: each nudge about NV2 reaches the chat through its commune's bot.
  REQUIRE(t::run_dondoc({"--db", db, "tick", "--now", t::kNudgeTime}).exit_code == 0);
  auto n1 = tg.sent(kProvinceToken, "Nhiệm vụ 2:");
  auto n2 = tg.sent(kCommuneToken, "Nhiệm vụ 2:");
  REQUIRE(n1.size() == 1);
  REQUIRE(n2.size() == 1);
  CHECK(n1[0]["chat_id"] == std::to_string(kChat));
  CHECK(n2[0]["chat_id"] == std::to_string(kChat));

  // A reply to c2's bot is applied in c2 alone; then one to the province's bot in c1.
  tg.user_says(kCommuneToken, "dạ em báo cáo NV2 đang làm 60% ạ");
  CHECK(tg.sent(kCommuneToken, "đang thực hiện 60%").size() == 1);
  CHECK(changes(db, "c2", "2") == std::vector<std::string>{"in_progress"});
  CHECK(changes(db, c1, "2").empty());
  tg.user_says(kProvinceToken, "Dạ em báo cáo: NV2 đã hoàn thành ạ");
  CHECK(tg.sent(kProvinceToken, "hoàn thành (đúng hạn)").size() == 1);
  CHECK(changes(db, c1, "2") == std::vector<std::string>{"done"});
  CHECK(changes(db, "c2", "2") == std::vector<std::string>{"in_progress"});
  INFO(t::read_text(dir.file("serve.log")));
  CHECK(t::read_text(dir.file("serve.log")).find(kCommuneToken) == std::string::npos);
}
