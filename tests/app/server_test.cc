// The real `dondoc serve` as a child process on a free loopback port: secrets, size and shape
// checks, linking and a reply through the generic webhook, redelivery, and SIGKILL during a burst.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "storage/chat_store.h"
#include "storage/engine_store.h"
#include "storage/inbound_log.h"
#include "tests/support/background.h"
#include "tests/support/process.h"
#include "tests/support/scoped_db.h"

namespace t = dondoc::testing;
using nlohmann::json;

namespace {

const std::string kSecret = "s3cret-for-tests";

struct Served {
  t::TempDir dir;
  std::string db = dir.file("d.db");
  int port = t::free_port();
  std::unique_ptr<t::Background> proc;

  explicit Served(const json& extra = json::object()) {
    REQUIRE(t::run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
    json config{{"listen", "127.0.0.1:" + std::to_string(port)},
                {"generic", {{"secret", kSecret}}}};
    config.update(extra);
    t::write_text(dir.file("serve.json"), config.dump());
    start();
  }
  void start() {
    proc = std::make_unique<t::Background>(
        std::vector<std::string>{DONDOC_BINARY, "--db", db, "serve", "--config",
                                 dir.file("serve.json"), "--no-scheduler"},
        dir.file("serve.log"));
    REQUIRE(t::wait_for_http(port, "/healthz"));
  }
  t::HttpReply post(const json& body, const std::string& secret = kSecret) {
    std::map<std::string, std::string> h;
    if (!secret.empty()) h["X-Dondoc-Secret"] = secret;
    return t::http_request(port, "POST", "/webhook/generic", body.dump(), h);
  }
  // Waits (bounded) until the event is handled, then returns the bot's replies to chat.
  std::vector<dondoc::Message> replies_after(const std::string& event_key,
                                             const std::string& chat) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      dondoc::Database d(db);
      bool handled = true;
      for (const auto& r : dondoc::unhandled_inbound(d, 1000)) {
        handled = handled && r.event_key != event_key;
      }
      if (handled && dondoc::inbound_exists(d, "generic", event_key)) {
        // The chat's answers: in no commune before it is linked, in its commune after.
        std::vector<dondoc::OutboxRow> rows;
        for (auto commune : {dondoc::kNoCommune, t::ensure_commune(d, "truong_giang")}) {
          dondoc::CommuneScope scope(d, commune);
          for (auto& r : dondoc::list_outbox(d, "")) rows.push_back(std::move(r));
        }
        std::sort(rows.begin(), rows.end(),
                  [](const auto& a, const auto& b) { return a.id < b.id; });
        std::vector<dondoc::Message> out;
        for (auto& r : rows) {
          if (r.message.chat && r.message.chat->chat_id == chat) out.push_back(r.message);
        }
        return out;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL("event " << event_key << " not handled in time");
    return {};
  }
};

json event(const std::string& id, const std::string& chat, const std::string& text) {
  return json{{"event_id", id}, {"chat_id", chat}, {"from_name", "Chị Lan"}, {"text", text}};
}

std::string link_code(const std::string& db, const std::string& body) {
  auto r = t::run_dondoc({"--db", db, "link", "--body", body, "--json"});
  REQUIRE(r.exit_code == 0);
  auto j = json::parse(r.out);
  CHECK(j["body"] == body);
  CHECK(j["code"].get<std::string>().size() == 8);
  return j["code"];
}

}  // namespace

TEST_CASE("serve answers health and metrics and refuses bad webhooks without storing anything") {
  Served s;
  CHECK(json::parse(t::http_request(s.port, "GET", "/healthz").body)["ok"] == true);
  auto metrics = t::http_request(s.port, "GET", "/metrics");
  CHECK(metrics.status == 200);
  CHECK(metrics.body.find("dondoc_events_received_total 0") != std::string::npos);
  CHECK(metrics.body.find("dondoc_queue_depth") != std::string::npos);

  CHECK(s.post(event("e1", "c1", "xong"), "").status == 401);
  CHECK(s.post(event("e1", "c1", "xong"), "wrong-secret-xxxx").status == 401);
  auto malformed = t::http_request(s.port, "POST", "/webhook/generic", "{not json",
                                   {{"X-Dondoc-Secret", kSecret}});
  CHECK(malformed.status == 400);
  CHECK(malformed.body.find("malformed JSON") != std::string::npos);
  auto shape = s.post(json{{"event_id", "e1"}, {"chat_id", "c1"}});
  CHECK(shape.status == 400);
  CHECK(shape.body.find("text") != std::string::npos);
  std::string big =
      json{{"event_id", "e2"}, {"chat_id", "c1"}, {"text", std::string(1 << 20, 'a')}}.dump();
  CHECK(t::http_request(s.port, "POST", "/webhook/generic", big, {{"X-Dondoc-Secret", kSecret}})
            .status == 413);
  CHECK(t::http_request(s.port, "GET", "/nowhere").status == 404);
  CHECK(t::http_request(s.port, "GET", "/healthz").status == 200);  // still serving
  dondoc::Database d(s.db);
  CHECK(dondoc::inbound_count(d) == 0);
}

TEST_CASE("linking through the generic webhook, a reply, and a redelivery that changes nothing") {
  Served s;
  auto before = s.post(event("u1", "c1", "NV2 xong"));
  CHECK(before.status == 200);
  auto r = s.replies_after("u1", "c1");
  REQUIRE(r.size() == 1);
  CHECK(r[0].text.find("chưa được liên kết") != std::string::npos);
  s.post(event("u2", "c1", "NV2 xong"));
  CHECK(s.replies_after("u2", "c1").size() == 1);  // explained at most once a day

  std::string code = link_code(s.db, "vh_xh");
  CHECK(json::parse(s.post(event("l1", "c1", "dk " + code)).body)["duplicate"] == false);
  r = s.replies_after("l1", "c1");
  REQUIRE(r.size() == 2);
  CHECK(r[1].text.find("Đã liên kết cuộc trò chuyện này với Phòng Văn hóa - Xã hội") == 0);
  {
    t::ScopedDb d(s.db, "truong_giang");
    CHECK(dondoc::chat_body(d, "generic", "c1") == "vh_xh");
  }
  CHECK(json::parse(s.post(event("l1", "c1", "dk " + code)).body)["duplicate"] == true);
  s.post(event("l2", "c2", "DK " + code));
  auto refused = s.replies_after("l2", "c2");
  REQUIRE(refused.size() == 1);
  CHECK(refused[0].text.find("đã được sử dụng") != std::string::npos);

  s.post(event("r1", "c1", "Dạ em báo cáo NV2 đã hoàn thành ạ"));
  r = s.replies_after("r1", "c1");
  REQUIRE(r.size() == 3);
  CHECK(r[2].text.find("Đã ghi nhận") != std::string::npos);
  CHECK(json::parse(
            s.post(event("r1", "c1", "Dạ em báo cáo NV2 đã hoàn thành ạ")).body)["duplicate"] ==
        true);
  CHECK(s.replies_after("r1", "c1").size() == 3);  // no second confirmation
  // `dondoc outbox` lists the commune's answers with their kind, task and chat (the explanation
  // went to a chat of no commune yet).
  auto ob = json::parse(t::run_dondoc({"--db", s.db, "outbox", "--json"}).out)["messages"];
  std::sort(ob.begin(), ob.end(), [](const json& a, const json& b) { return a["id"] < b["id"]; });
  std::vector<std::string> kinds;
  for (const auto& m : ob) {
    if (m["chat"].is_null() || m["chat"]["chat_id"] != "c1") continue;
    CHECK(m["chat"]["channel"] == "generic");
    kinds.push_back(m["kind"]);
    if (m["kind"] == "confirmation") CHECK(m["task"] == "2");
  }
  CHECK(kinds == std::vector<std::string>{"link", "confirmation"});
  auto status = t::run_dondoc({"--db", s.db, "status", "--body", "vh_xh", "--json"});
  CHECK(status.exit_code == 0);
  CHECK(status.out.find("done") != std::string::npos);
}

TEST_CASE("every event acked with 200 before a SIGKILL is in the database after restart") {
  Served s;
  std::mutex mu;
  std::set<std::string> acked;
  std::atomic<bool> go{true};
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < 400 && go; ++i) {
        std::string id = "b" + std::to_string(c) + "-" + std::to_string(i);
        if (s.post(event(id, "burst" + std::to_string(c), "hello")).status == 200) {
          std::lock_guard lock(mu);
          acked.insert(id);
        }
      }
    });
  }
  while (true) {  // kill in the middle of the burst
    {
      std::lock_guard lock(mu);
      if (acked.size() >= 100) break;
    }
    std::this_thread::yield();
  }
  s.proc->kill9();
  go = false;
  for (auto& th : clients) th.join();
  REQUIRE(acked.size() >= 100);
  s.start();  // restart handles what was stored but not handled
  dondoc::Database d(s.db);
  for (const auto& id : acked) CHECK(dondoc::inbound_exists(d, "generic", id));
  // Every stored event is handled after the restart (read back from the log, not from memory).
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!dondoc::unhandled_inbound(d, 1).empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(dondoc::unhandled_inbound(d, 1).empty());
}

TEST_CASE("a client that stops mid-headers is cut off after http_timeout_s; others are served") {
  Served s(json{{"http_timeout_s", 1}});
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(s.port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  // The deadline for the close: far under the 30 s default, far over the configured 1 s.
  timeval wait{10, 0};
  REQUIRE(::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait) == 0);
  std::string partial = "POST /webhook/generic HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le";
  REQUIRE(::send(fd, partial.data(), partial.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(partial.size()));

  // Meanwhile another connection is answered.
  CHECK(json::parse(t::http_request(s.port, "GET", "/healthz").body)["ok"] == true);

  char buf[256];
  ssize_t n = ::recv(fd, buf, sizeof buf, 0);
  int err = n < 0 ? errno : 0;
  ::close(fd);
  CAPTURE(n, err);
  // Closed without an answer (EOF, or a reset), not left hanging until our deadline (EAGAIN).
  CHECK((n == 0 || (n < 0 && err == ECONNRESET)));
  CHECK(json::parse(t::http_request(s.port, "GET", "/healthz").body)["ok"] == true);
}

TEST_CASE("a bad serve config is refused with FILE:LINE:COL and the field") {
  t::TempDir dir;
  auto refused = [&](const std::string& text) {
    std::string file = dir.file("bad.json");
    t::write_text(file, text);
    auto r = t::run_dondoc({"--db", dir.file("d.db"), "serve", "--config", file});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(file + ":") != std::string::npos);
    return r.err;
  };
  // A comment is allowed; the wrong mode is pointed at where its value starts.
  CHECK(refused("{\n  // Telegram\n  \"telegram\": {\"token\": \"T\", \"mode\": \"push\"}\n}")
            .find("bad.json:3:38: telegram.mode:") != std::string::npos);
  CHECK(refused("{\"sender\": {\n  \"max_attempts\": 0}}")
            .find("bad.json:2:19: sender.max_attempts: phải là số nguyên từ 1 đến 100") !=
        std::string::npos);
  CHECK(refused("{\"listen\": \"8080\"}").find("bad.json:1:12: listen:") != std::string::npos);
  CHECK(refused("{\"zalo\": {}}").find("bad.json:1:10: zalo.token: thiếu token") !=
        std::string::npos);
  CHECK(refused("{\"generic\": {\"secret\": \"\"}}").find("bad.json:1:24: generic.secret: thiếu") !=
        std::string::npos);
  CHECK(refused("{\"listen\": \"127.0.0.1:1\",\n  \"zalo\": 3}")
            .find("bad.json:2:11: zalo: phải là đối tượng JSON") != std::string::npos);
  CHECK(refused("{\"listen\" \"x\"}").find("bad.json:1:11:") != std::string::npos);  // syntax
}
