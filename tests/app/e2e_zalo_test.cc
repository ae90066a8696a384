// End to end against tests/support/fake_zalo.js (Node): a chat links through Zalo polling, replies
// in free text and gets exactly one confirmation while the fake answers 429, 500 and hangs.
#include <catch2/catch.hpp>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/background.h"
#include "tests/support/process.h"

namespace t = dondoc::testing;
using nlohmann::json;

namespace {

struct FakeZalo {
  t::TempDir& dir;
  int port = t::free_port();
  t::Background proc;
  explicit FakeZalo(t::TempDir& d)
      : dir(d),
        proc({"node", t::source_path("tests/support/fake_zalo.js"), std::to_string(port), "ZTOKEN"},
             d.file("fake_zalo.log")) {
    REQUIRE(t::wait_for_http(port, "/control/sent"));
  }
  void control(const std::string& what, const json& body) {
    REQUIRE(t::http_request(port, "POST", "/control/" + what, body.dump()).status == 200);
  }
  json sent() { return json::parse(t::http_request(port, "GET", "/control/sent").body); }
  // Waits (bounded) until n messages were delivered.
  json wait_sent(std::size_t n) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(40);
    json s = sent();
    while (s.size() < n && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      s = sent();
    }
    return s;
  }
};

}  // namespace

TEST_CASE("Zalo polling: link, reply, one confirmation despite 429, 500 and a hang") {
  t::TempDir dir;
  std::string db = dir.file("d.db");
  REQUIRE(t::run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  FakeZalo zalo(dir);
  int port = t::free_port();
  t::write_text(
      dir.file("serve.json"),
      json{{"listen", "127.0.0.1:" + std::to_string(port)},
           {"poll_timeout_s", 1},
           {"zalo",
            {{"token", "ZTOKEN"},
             {"api_base", "http://127.0.0.1:" + std::to_string(zalo.port)},
             {"mode", "polling"}}},
           {"sender", {{"timeout_ms", 1000}, {"backoff_base_ms", 200}, {"backoff_max_ms", 1000}}}}
          .dump());
  t::Background serve(
      {DONDOC_BINARY, "--db", db, "serve", "--config", dir.file("serve.json"), "--no-scheduler"},
      dir.file("serve.log"));
  REQUIRE(t::wait_for_http(port, "/healthz"));

  auto code = json::parse(t::run_dondoc({"--db", db, "link", "--body", "vh_xh", "--json"}).out);
  zalo.control("inject", {{"chat_id", "zc1"}, {"text", "DK " + code["code"].get<std::string>()}});
  auto s = zalo.wait_sent(1);
  REQUIRE(s.size() == 1);
  CHECK(s[0]["chat_id"] == "zc1");
  CHECK(s[0]["text"].get<std::string>().find("Đã liên kết") == 0);

  zalo.control("fail", {{"mode", "429"}, {"count", 1}, {"retry_after", 1}});
  zalo.control("fail", {{"mode", "500"}, {"count", 1}});
  zalo.control("fail", {{"mode", "hang"}, {"count", 1}});
  zalo.control("inject", {{"chat_id", "zc1"}, {"text", "NV2 đã hoàn thành"}, {"message_id", "r1"}});
  s = zalo.wait_sent(2);
  REQUIRE(s.size() == 2);
  CHECK(s[1]["text"].get<std::string>().find("Đã ghi nhận") != std::string::npos);
  CHECK(s[1]["at"].get<long long>() - s[0]["at"].get<long long>() >= 900);  // 1 message/s/chat

  // The same message again (a redelivery) changes nothing and is not confirmed twice.
  zalo.control("inject", {{"chat_id", "zc1"}, {"text", "NV2 đã hoàn thành"}, {"message_id", "r1"}});
  zalo.control("inject", {{"chat_id", "zc1"}, {"text", "NV4 đang làm 40%"}, {"message_id", "r2"}});
  s = zalo.wait_sent(3);
  REQUIRE(s.size() == 3);
  CHECK(s[2]["text"].get<std::string>().find("Đã ghi nhận") != std::string::npos);
  auto status = t::run_dondoc({"--db", db, "status", "--body", "vh_xh", "--json"});
  CHECK(status.out.find("done") != std::string::npos);
  CHECK(zalo.sent().size() == 3);
}
