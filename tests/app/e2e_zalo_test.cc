// End to end against tests/support/fake_zalo.js (Node): a chat links through Zalo polling, replies
// in free text and gets exactly one confirmation while the fake answers 429, 500 and hangs.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/background.h"
#include "tests/support/demo_db.h"
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
  // Waits (bounded) until a delivered message contains needle; returns those that do.
  json wait_until(const std::string& needle) {
    auto with = [&needle](const json& all) {
      json out = json::array();
      for (const auto& m : all)
        if (m["text"].get<std::string>().find(needle) != std::string::npos) out.push_back(m);
      return out;
    };
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(40);
    json s = with(sent());
    while (s.empty() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      s = with(sent());
    }
    return s;
  }
};

// `dondoc serve` polling the fake, its clock started at t::kServeTime (office hours).
struct ZaloServe {
  int port = t::free_port();
  t::Background proc;
  ZaloServe(t::TempDir& dir, const std::string& db, const FakeZalo& zalo, const json& extra = {})
      : proc(start(dir, db, zalo, port, extra)) {
    REQUIRE(t::wait_for_http(port, "/healthz"));
  }
  static t::Background start(t::TempDir& dir, const std::string& db, const FakeZalo& zalo, int port,
                             const json& extra) {
    json config{{"listen", "127.0.0.1:" + std::to_string(port)},
                {"poll_timeout_s", 1},
                {"zalo",
                 {{"token", "ZTOKEN"},
                  {"api_base", "http://127.0.0.1:" + std::to_string(zalo.port)},
                  {"mode", "polling"}}}};
    if (extra.is_object()) config.update(extra);
    t::write_text(dir.file("serve.json"), config.dump());
    return t::Background({DONDOC_BINARY, "--db", db, "serve", "--config", dir.file("serve.json"),
                          "--no-scheduler", "--now", t::kServeTime},
                         dir.file("serve.log"));
  }
};

}  // namespace

TEST_CASE("Zalo polling: link, reply, one confirmation despite 429, 500 and a hang") {
  t::TempDir dir;
  std::string db = dir.file("d.db");
  REQUIRE(t::run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  FakeZalo zalo(dir);
  ZaloServe serve(
      dir, db, zalo,
      json{{"sender", {{"timeout_ms", 1000}, {"backoff_base_ms", 200}, {"backoff_max_ms", 1000}}}});

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
  // `dondoc outbox` lists the bot's answers: the confirmation of the reply delivered twice is
  // there once, with its task and chat.
  auto ob = t::run_dondoc({"--db", db, "outbox", "--json"});
  REQUIRE(ob.exit_code == 0);
  INFO(ob.out);
  const json listed = json::parse(ob.out);
  json about_2 = json::array();
  std::size_t answers = 0;
  for (const auto& m : listed["messages"]) {
    if (m["chat"].is_null()) continue;
    ++answers;
    CHECK(m["chat"] == json{{"channel", "zalo"}, {"chat_id", "zc1"}});
    CHECK(m["status"] == "sent");
    if (m["kind"] == "confirmation" && m["task"] == "2") about_2.push_back(m);
  }
  CHECK(answers == 3);  // the link, two confirmations
  REQUIRE(about_2.size() == 1);
  CHECK(about_2[0]["recipient"] == "vh_xh");
  CHECK(about_2[0]["text"].get<std::string>().find("Đã ghi nhận") != std::string::npos);
}

TEST_CASE("Zalo polling: a tick nudges with a reply hint, a free-text reply binds to its task") {
  t::TempDir dir;
  std::string db = t::nudge_ready_demo_db(dir);
  FakeZalo zalo(dir);
  ZaloServe serve(dir, db, zalo);
  auto code = json::parse(t::run_dondoc({"--db", db, "link", "--body", "vh_xh", "--json"}).out);
  zalo.control("inject", {{"chat_id", "zc2"}, {"text", "dk " + code["code"].get<std::string>()}});
  REQUIRE(zalo.wait_until("Đã liên kết").size() == 1);

  REQUIRE(t::run_dondoc({"--db", db, "tick", "--now", t::kNudgeTime}).exit_code == 0);
  auto nudge = zalo.wait_until("Nhiệm vụ 2:");
  REQUIRE(nudge.size() == 1);
  std::string text = nudge[0]["text"];
  auto last_line = text.substr(text.rfind('\n') + 1);
  CHECK(last_line.find("Trả lời") != std::string::npos);  // the one-line hint of what to reply

  zalo.control("inject", {{"chat_id", "zc2"}, {"text", "dạ em báo cáo đang làm 60% ạ"}});
  auto confirmations = zalo.wait_until("đang thực hiện 60%");
  REQUIRE(confirmations.size() == 1);
  CHECK(confirmations[0]["text"].get<std::string>().find("Đã ghi nhận") == 0);
  auto st = json::parse(t::run_dondoc({"--db", db, "status", "--body", "vh_xh", "--json"}).out);
  bool found = false;
  for (const auto& o : st["obligations"]) {
    if (o["task"] != "2") continue;
    found = true;
    CHECK(o["status"] == "in_progress");
    CHECK(o["percent"] == 60);
  }
  CHECK(found);
}

TEST_CASE("webhook set and delete call the platform with the secret") {
  t::TempDir dir;
  FakeZalo zalo(dir);
  std::string api = "http://127.0.0.1:" + std::to_string(zalo.port);
  t::write_text(dir.file("serve.json"), json{{"zalo",
                                              {{"token", "ZTOKEN"},
                                               {"api_base", api},
                                               {"mode", "webhook"},
                                               {"webhook_secret", "s3cret-s3cret-s3cret"}}}}
                                            .dump());
  auto info = [&] {
    return json::parse(t::http_request(zalo.port, "POST", "/botZTOKEN/getWebhookInfo", "{}").body);
  };
  auto set = t::run_dondoc({"webhook", "set", "--config", dir.file("serve.json"), "--url",
                            "https://xa.example.vn/webhook/zalo"});
  INFO(set.err);
  REQUIRE(set.exit_code == 0);
  CHECK(set.out.find("Đã đặt webhook zalo") == 0);
  CHECK(set.out.find("s3cret") == std::string::npos);  // secrets are never printed
  CHECK(info()["result"]["url"] == "https://xa.example.vn/webhook/zalo");

  auto del = t::run_dondoc({"webhook", "delete", "--config", dir.file("serve.json"), "--json"});
  REQUIRE(del.exit_code == 0);
  CHECK(json::parse(del.out)["ok"] == true);
  CHECK(info()["result"]["url"] == "");

  // Bad input: no URL, unknown channel, a channel the file does not configure.
  CHECK(t::run_dondoc({"webhook", "set", "--config", dir.file("serve.json")}).exit_code == 2);
  CHECK(t::run_dondoc({"webhook", "set", "--config", dir.file("serve.json"), "--channel", "sms",
                       "--url", "https://x.vn/"})
            .exit_code == 2);
  CHECK(t::run_dondoc(
            {"webhook", "delete", "--config", dir.file("serve.json"), "--channel", "telegram"})
            .exit_code == 2);
  // A secret shorter than 16 characters is refused before any call.
  t::write_text(
      dir.file("short.json"),
      json{{"zalo", {{"token", "ZTOKEN"}, {"api_base", api}, {"webhook_secret", "x"}}}}.dump());
  auto s = t::run_dondoc(
      {"webhook", "set", "--config", dir.file("short.json"), "--url", "https://x.vn/w"});
  CHECK(s.exit_code == 2);
  CHECK(info()["result"]["url"] == "");
}

TEST_CASE("Sender pacing: a group chat 1 per 60/group_per_minute s, others not held up by it") {
  t::TempDir dir;
  std::string db = dir.file("d.db");
  REQUIRE(t::run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  FakeZalo zalo(dir);
  ZaloServe serve(dir, db, zalo,
                  json{{"sender",
                        {{"per_chat_interval_ms", 1000},
                         {"group_per_minute", 30},  // one message per 2 s in a group
                         {"global_per_second", 4}}}});
  const std::vector<std::pair<std::string, std::string>> chats = {
      {"g1", "vh_xh"}, {"p1", "kinh_te"}, {"p2", "vp_ubnd"}};
  for (const auto& [chat, body] : chats) {
    auto code = json::parse(t::run_dondoc({"--db", db, "link", "--body", body, "--json"}).out);
    zalo.control("inject", {{"chat_id", chat},
                            {"chat_type", chat == "g1" ? "GROUP" : "PRIVATE"},
                            {"text", "DK " + code["code"].get<std::string>()}});
  }
  for (int round = 0; round < 2; ++round)
    for (const auto& [chat, body] : chats)
      zalo.control("inject", {{"chat_id", chat},
                              {"chat_type", chat == "g1" ? "GROUP" : "PRIVATE"},
                              {"text", "xin chào"}});
  auto s = zalo.wait_sent(9);
  REQUIRE(s.size() == 9);
  std::map<std::string, std::vector<long long>> at;
  long long previous = 0;
  for (const auto& m : s) {
    long long when = m["at"];
    if (previous > 0) CHECK(when - previous >= 150);  // overall: 4/s (less transport jitter)
    previous = when;
    at[m["chat_id"]].push_back(when);
  }
  for (const auto& [chat, times] : at) {
    REQUIRE(times.size() == 3);
    long long gap = chat == "g1" ? 1900 : 900;
    for (std::size_t i = 1; i < times.size(); ++i) CHECK(times[i] - times[i - 1] >= gap);
  }
  // While the group waits its 2 s, the private chats are served.
  int between = 0;
  for (const auto& m : s) {
    long long when = m["at"];
    if (m["chat_id"] != "g1" && when > at["g1"][0] && when < at["g1"][1]) ++between;
  }
  CHECK(between >= 2);
}

TEST_CASE("Zalo: a head asks the bot how to reply and what they owe, thanks it, sends a report") {
  t::TempDir dir;
  std::string db = t::nudge_ready_demo_db(dir);
  FakeZalo zalo(dir);
  ZaloServe serve(dir, db, zalo);
  auto code = json::parse(t::run_dondoc({"--db", db, "link", "--body", "kinh_te", "--json"}).out);
  zalo.control("inject", {{"chat_id", "zk"}, {"text", "DK " + code["code"].get<std::string>()}});
  REQUIRE(zalo.wait_until("Đã liên kết").size() == 1);

  auto ask = [&](const std::string& text, const std::string& needle, std::size_t n) {
    zalo.control("inject", {{"chat_id", "zk"}, {"text", text}});
    auto s = zalo.wait_sent(n);
    INFO(s.dump(2));
    REQUIRE(s.size() == n);
    std::string answer = s[n - 1]["text"];
    CHECK(answer.find(needle) != std::string::npos);
    CHECK(answer.find("Chưa rõ nội dung") == std::string::npos);
    return answer;
  };
  auto help = ask("huong dan", "Hướng dẫn trả lời nhắc việc", 2);
  CHECK(help.find("«NV3 xong»") != std::string::npos);
  CHECK(ask("/help", "Hướng dẫn", 3).find("Đồng chí") != std::string::npos);
  auto owed = ask("NHIỆM VỤ CỦA TÔI LÀ GÌ?", "Việc của Phòng Kinh tế đến ngày 29/09/2025:", 4);
  CHECK(owed.find("kinh_te") == std::string::npos);  // names, never ids
  CHECK(owed.find("- Nhiệm vụ ") != std::string::npos);
  CHECK(owed.find("- Báo cáo tháng 10/2025 (hạn 17/10/2025): chưa gửi") != std::string::npos);
  CHECK(ask("cảm ơn", "Cảm ơn đồng chí.", 5) == "Cảm ơn đồng chí.");
  CHECK(ask("ok", "Cảm ơn", 6).size() < 40);
  // Nothing was recorded by the questions and the thanks.
  auto audit = json::parse(t::run_dondoc({"--db", db, "audit", "--json"}).out);
  for (const auto& e : audit["entries"]) {
    if (e["source"].get<std::string>().rfind("chat:", 0) == 0) CHECK(e["kind"] != "status_change");
  }

  CHECK(ask("Báo cáo tháng 10/2025 đã gửi", "Đã ghi nhận", 7) ==
        "Đã ghi nhận: Báo cáo tháng 10/2025 — đã gửi (đúng hạn)");
  auto st = json::parse(
      t::run_dondoc({"--db", db, "status", "--body", "kinh_te", "--json", "--now", t::kServeTime})
          .out);
  bool sent = false;
  for (const auto& o : st["obligations"]) {
    if (o["cycle"] == "monthly" && o["period"] == "2025-10") sent = o["status"] == "done";
  }
  CHECK(sent);
}
