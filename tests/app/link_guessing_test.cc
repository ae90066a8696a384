// Abuse of the chat webhook against the real `dondoc serve` (issue 13 items 5 and 7): a flood of
// wrong link codes from one chat queues 5 refusals and one explanation, then silence, and /metrics
// counts the failed and throttled attempts; a reply the engine refuses is counted as refused.
#include <catch2/catch.hpp>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "storage/engine_store.h"
#include "storage/inbound_log.h"
#include "tests/support/background.h"
#include "tests/support/process.h"

namespace t = dondoc::testing;
using nlohmann::json;

namespace {

const std::string kSecret = "s3cret-for-tests";

// Waits (bounded) until /metrics shows every line of `want`; the last /metrics text.
std::string wait_metrics(int port, const std::vector<std::string>& want) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::string body;
  while (std::chrono::steady_clock::now() < deadline) {
    body = t::http_request(port, "GET", "/metrics").body;
    bool all = true;
    for (const auto& w : want) all = all && body.find("\n" + w + "\n") != std::string::npos;
    if (all) return body;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return body;
}

}  // namespace

TEST_CASE("serve: 40 wrong link codes from one chat queue 6 messages; metrics count them") {
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
  auto post = [&](const std::string& id, const std::string& chat, const std::string& text) {
    json body{{"event_id", id}, {"chat_id", chat}, {"text", text}};
    return t::http_request(port, "POST", "/webhook/generic", body.dump(),
                           {{"X-Dondoc-Secret", kSecret}})
        .status;
  };
  for (int i = 0; i < 40; ++i) {
    REQUIRE(post("g" + std::to_string(i), "guesser", "DK ZZZZ" + std::to_string(1000 + i)) == 200);
  }
  std::string m = wait_metrics(
      port, {"dondoc_link_attempts_failed_total 5", "dondoc_link_attempts_throttled_total 35"});
  CHECK(m.find("\ndondoc_link_attempts_failed_total 5\n") != std::string::npos);
  CHECK(m.find("\ndondoc_link_attempts_throttled_total 35\n") != std::string::npos);
  {
    dondoc::Database d(db);
    dondoc::CommuneScope scope(d, dondoc::kNoCommune);  // the guesser's chat is in no commune
    int to_guesser = 0;
    for (const auto& r : dondoc::list_outbox(d, "")) {
      to_guesser += r.message.chat && r.message.chat->chat_id == "guesser";
    }
    CHECK(to_guesser == 6);
  }

  // A linked chat's reply about a task the plan does not have: refused, not applied.
  auto code = json::parse(t::run_dondoc({"--db", db, "link", "--body", "vh_xh", "--json"}).out);
  REQUIRE(post("l1", "c1", "DK " + code["code"].get<std::string>()) == 200);
  REQUIRE(post("r1", "c1", "NV9 xong") == 200);
  m = wait_metrics(port, {"dondoc_links_total 1", "dondoc_replies_refused_total 1"});
  CHECK(m.find("\ndondoc_replies_refused_total 1\n") != std::string::npos);
  CHECK(m.find("\ndondoc_replies_applied_total 0\n") != std::string::npos);
}
