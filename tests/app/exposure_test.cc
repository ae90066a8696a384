// Issue 13 item 6, secrets and exposure: short or malformed secrets refused at start with the
// file and the field; a warning when `listen` is not loopback; a secret header sent twice refused
// with 400 (nothing stored); /metrics behind a bearer token; the database, -wal and -shm 0600.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "storage/database.h"
#include "storage/inbound_log.h"
#include "tests/support/background.h"
#include "tests/support/process.h"

namespace t = dondoc::testing;
using nlohmann::json;

namespace {

const std::string kSecret = "exposure-secret-0123";
const std::string kToken = "metrics-token-abcdef0123";

// The config error `serve` prints for `config` (exit 2 expected).
std::string refusal(const t::TempDir& dir, const json& config) {
  t::write_text(dir.file("bad.json"), config.dump());
  auto r = t::run_dondoc({"--db", dir.file("d.db"), "serve", "--config", dir.file("bad.json")});
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("đang phục vụ") == std::string::npos);
  return r.err;
}

// Sends `request` as is (so a header can come twice) and returns the answer's status.
int raw_status(int port, const std::string& request) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  if (connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(s);
    return 0;
  }
  (void)send(s, request.data(), request.size(), MSG_NOSIGNAL);
  std::string in;
  char buf[4096];
  for (ssize_t n; (n = recv(s, buf, sizeof buf, 0)) > 0;) in.append(buf, static_cast<size_t>(n));
  close(s);
  return in.rfind("HTTP/1.1 ", 0) == 0 && in.size() > 12 ? std::stoi(in.substr(9, 3)) : 0;
}

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

}  // namespace

TEST_CASE("webhook secrets and the metrics token under 16 characters are refused at start") {
  t::TempDir dir;
  std::string err = refusal(dir, {{"generic", {{"secret", "x"}}}});
  CHECK(err.find("bad.json:1:22: generic.secret: cần 16–256 ký tự") != std::string::npos);
  CHECK(err.find("đang có 1") != std::string::npos);
  err = refusal(dir, {{"zalo", {{"token", "Z"}, {"webhook_secret", "fifteen-chars-x"}}}});
  CHECK(err.find("zalo.webhook_secret: cần 16–256 ký tự") != std::string::npos);  // polling too
  err = refusal(dir, {{"telegram", {{"token", "T"}, {"webhook_secret", "spaces are not ok!"}}}});
  CHECK(err.find("telegram.webhook_secret: chỉ được gồm A-Z a-z 0-9 _ -") != std::string::npos);
  CHECK(err.find("spaces are") == std::string::npos);  // a secret is never printed
  err = refusal(dir, {{"generic", {{"secret", kSecret + " x"}}}});
  CHECK(err.find("generic.secret: chỉ được gồm ký tự ASCII in được") != std::string::npos);
  err = refusal(dir, {{"metrics_token", "short"}});
  CHECK(err.find("metrics_token: cần 16–256 ký tự") != std::string::npos);

  ::setenv("DONDOC_GENERIC_SECRET", "from-env", 1);
  err = refusal(dir, {{"generic", json::object()}});
  ::unsetenv("DONDOC_GENERIC_SECRET");
  CHECK(err.find("generic.secret (từ biến môi trường DONDOC_GENERIC_SECRET): cần 16–256") !=
        std::string::npos);
}

TEST_CASE("serve warns when listening beyond loopback, refuses a doubled secret, guards metrics") {
  t::TempDir dir;
  std::string db = dir.file("d.db");
  REQUIRE(t::run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  int port = t::free_port();
  json config{{"listen", "0.0.0.0:" + std::to_string(port)},
              {"generic", {{"secret", kSecret}}},
              {"metrics_token", kToken}};
  t::write_text(dir.file("serve.json"), config.dump());
  t::Background serve(
      {DONDOC_BINARY, "--db", db, "serve", "--config", dir.file("serve.json"), "--no-scheduler"},
      dir.file("serve.log"));
  REQUIRE(t::wait_for_http(port, "/healthz"));
  std::string log = t::read_text(dir.file("serve.log"));
  CHECK(log.find("cảnh báo: listen 0.0.0.0:" + std::to_string(port) +
                 " không phải địa chỉ loopback") != std::string::npos);

  std::string body = json{{"event_id", "twice"}, {"chat_id", "c1"}, {"text", "xong"}}.dump();
  std::string head =
      "POST /webhook/generic HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
      "Content-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n";
  CHECK(raw_status(port, head + "X-Dondoc-Secret: wrong-wrong-wrong-1\r\nX-Dondoc-Secret: " +
                             kSecret + "\r\n\r\n" + body) == 400);
  CHECK(raw_status(port, head + "X-Dondoc-Secret: " + kSecret + "\r\nx-dondoc-secret: " + kSecret +
                             "\r\n\r\n" + body) == 400);
  {
    dondoc::Database d(db);
    CHECK(!dondoc::inbound_exists(d, "generic", "twice"));  // nothing stored
  }
  CHECK(raw_status(port, head + "X-Dondoc-Secret: " + kSecret + "\r\n\r\n" + body) == 200);

  CHECK(t::http_request(port, "GET", "/metrics").status == 401);
  CHECK(t::http_request(port, "GET", "/metrics", "", {{"Authorization", "Bearer " + kSecret}})
            .status == 401);
  auto m = t::http_request(port, "GET", "/metrics", "", {{"Authorization", "Bearer " + kToken}});
  CHECK(m.status == 200);
  CHECK(m.body.find("dondoc_events_received_total 1") != std::string::npos);
  CHECK(raw_status(port,
                   "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                   "Authorization: Bearer " +
                       kToken + "\r\nAuthorization: Bearer " + kToken + "\r\n\r\n") == 400);
  CHECK(t::http_request(port, "GET", "/healthz").status == 200);  // a probe needs no token

  // Created by init with mode 0600; SQLite gives the -wal and -shm of the running server the same.
  CHECK(mode_of(db) == 0600);
  CHECK(mode_of(db + "-wal") == 0600);
  CHECK(mode_of(db + "-shm") == 0600);
}

TEST_CASE("serve on a loopback address prints no exposure warning") {
  t::TempDir dir;
  std::string db = dir.file("d.db");
  REQUIRE(t::run_dondoc({"--db", db, "init"}).exit_code == 0);
  int port = t::free_port();
  t::write_text(dir.file("serve.json"),
                json{{"listen", "127.0.0.1:" + std::to_string(port)}}.dump());
  t::Background serve(
      {DONDOC_BINARY, "--db", db, "serve", "--config", dir.file("serve.json"), "--no-scheduler"},
      dir.file("serve.log"));
  REQUIRE(t::wait_for_http(port, "/healthz"));
  CHECK(t::read_text(dir.file("serve.log")).find("loopback") == std::string::npos);
  CHECK(t::http_request(port, "GET", "/metrics").status == 200);  // no token configured: open
}
