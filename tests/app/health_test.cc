// Issue 13 item 3, honest health: the real `dondoc serve` answers /healthz 503 while its writes
// fail (a real fault: the process's file-size limit lowered under it, so every write past the
// first byte fails as on a full disk) or wait behind another process's lock, and 200 again once a
// write commits; the body lists the writer, the sender and each poller.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "storage/database.h"
#include "storage/inbound_log.h"
#include "tests/support/background.h"
#include "tests/support/process.h"

namespace t = dondoc::testing;
using nlohmann::json;

namespace {

const std::string kSecret = "health-secret-0123";

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
    proc = std::make_unique<t::Background>(
        std::vector<std::string>{DONDOC_BINARY, "--db", db, "serve", "--config",
                                 dir.file("serve.json"), "--no-scheduler"},
        dir.file("serve.log"));
    REQUIRE(t::wait_for_http(port, "/healthz"));
  }
  int post(const std::string& id) {
    json ev{{"event_id", id}, {"chat_id", "c1"}, {"from_name", "Chị Lan"}, {"text", "xin chào"}};
    return t::http_request(port, "POST", "/webhook/generic", ev.dump(),
                           {{"X-Dondoc-Secret", kSecret}})
        .status;
  }
  // /healthz until `want` answers (bounded): the last answer's status and body.
  std::pair<int, json> health_until(int want, int timeout_s = 15) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
    t::HttpReply r;
    while (std::chrono::steady_clock::now() < deadline) {
      r = t::http_request(port, "GET", "/healthz", "", {}, 3);
      if (r.status == want) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return {r.status, json::parse(r.body, nullptr, false)};
  }
  bool stored(const std::string& id) {
    dondoc::Database d(db);
    return dondoc::inbound_exists(d, "generic", id);
  }
};

// The serve process's soft file-size limit (its hard limit unchanged, so it can be raised back).
void set_file_size_limit(pid_t pid, rlim_t soft) {
  rlimit now{};
  REQUIRE(::prlimit(pid, RLIMIT_FSIZE, nullptr, &now) == 0);
  now.rlim_cur = soft;
  REQUIRE(::prlimit(pid, RLIMIT_FSIZE, &now, nullptr) == 0);
}

}  // namespace

TEST_CASE("/healthz answers 503 while writes fail and 200 once one commits again") {
  Served s;
  auto [status, body] = s.health_until(200);
  REQUIRE(status == 200);
  CHECK(body["ok"] == true);
  CHECK(body["writer"]["last_error"].is_null());
  CHECK(body["sender"].contains("queue_depth"));
  CHECK(body["sender"].contains("oldest_pending_age_s"));
  CHECK(body["pollers"] == json::array());
  REQUIRE(s.post("before") == 200);

  set_file_size_limit(s.proc->pid(), 1);  // the disk refuses every write from now on
  CHECK(s.post("during") == 500);
  auto [down, why] = s.health_until(503);
  INFO(why.dump());
  CHECK(down == 503);
  CHECK(why["ok"] == false);
  CHECK(why["reason"].get<std::string>().rfind("the last write failed: ", 0) == 0);
  CHECK(why["writer"]["state"] == "failing");
  CHECK(!why["writer"]["last_error"].is_null());
  // Stays down: the sender's passes read, and reading alone does not say writes work again.
  CHECK(t::http_request(s.port, "GET", "/healthz").status == 503);

  set_file_size_limit(s.proc->pid(), RLIM_INFINITY);
  CHECK(s.post("after") == 200);  // the writer recovered by itself, no restart
  auto [up, fine] = s.health_until(200);
  INFO(fine.dump());
  CHECK(up == 200);
  CHECK(fine["writer"]["state"] == "ok");
  CHECK(fine["writer"]["last_commit_age_s"] == 0);
  CHECK(s.stored("before"));
  CHECK(!s.stored("during"));  // answered 500: the platform sends it again
  CHECK(s.stored("after"));
}

TEST_CASE("/healthz answers 503 while a write waits longer than writer_stuck_s behind a lock") {
  Served s(json{{"writer_stuck_s", 1}});
  REQUIRE(s.health_until(200).first == 200);
  dondoc::Database other(s.db);  // another process (a CLI import, a backup) holding the write lock
  other.sql().exec("BEGIN IMMEDIATE");
  int answer = 0;
  std::thread poster([&] { answer = s.post("waits"); });
  auto [down, why] = s.health_until(503);
  INFO(why.dump());
  CHECK(down == 503);
  CHECK(why["writer"]["state"] == "stuck");
  CHECK(why["reason"].get<std::string>().rfind("writer stuck: a write has waited ", 0) == 0);
  CHECK(why["writer"]["oldest_pending_age_s"].get<int>() >= 1);
  other.sql().exec("COMMIT");
  poster.join();
  CHECK(answer == 200);
  CHECK(s.health_until(200).first == 200);
  CHECK(s.stored("waits"));
}

TEST_CASE("/healthz lists each poller with its state and last error, and stays 200 for them") {
  int dead = t::free_port();  // nothing listens there: every getUpdates fails
  Served s(json{
      {"zalo", {{"token", "ZTOKEN"}, {"api_base", "http://127.0.0.1:" + std::to_string(dead)}}}});
  json body;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (std::chrono::steady_clock::now() < deadline) {
    auto r = t::http_request(s.port, "GET", "/healthz");
    body = json::parse(r.body, nullptr, false);
    if (r.status == 200 && body["pollers"].size() == 1 && body["pollers"][0]["failures"] > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  INFO(body.dump());
  CHECK(body["ok"] == true);  // a platform outage is not ours: the probe must not restart us
  REQUIRE(body["pollers"].size() == 1);
  CHECK(body["pollers"][0]["platform"] == "zalo");
  CHECK(body["pollers"][0]["state"] == "retrying");
  CHECK(body["pollers"][0]["last_success_age_s"].is_null());
  CHECK(!body["pollers"][0]["last_error"].is_null());
}
