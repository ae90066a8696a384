// The real `dondoc serve` on PostgreSQL end to end (issue 17 §1), run as the role that owns
// nothing (deploy/postgresql-app-role.sql), the schema made by its owner: a generic-webhook event
// is committed before its 200 (read through another connection right after it), a redelivery
// answers duplicate and changes nothing, bad events answer 4xx and change nothing, and the
// dashboard's sign-in, session and sign-out work on the server.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "storage/database.h"
#include "storage/inbound_log.h"
#include "storage/sql.h"
#include "tests/app/web_support.h"
#include "tests/support/background.h"
#include "tests/support/pg_server.h"
#include "tests/support/process.h"

namespace t = dondoc::testing;
using nlohmann::json;

namespace {

const std::string kSecret = "s3cret-for-pg-tests";

t::RunResult run_ok(const std::vector<std::string>& args, const std::string& input = "") {
  auto r = t::run_dondoc(args, input);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r;
}

// serve on a loopback port as dondoc_app; the schema, the demo plan and a dashboard user made
// first by the owner, as docs/deployment.md says.
struct ServedOnPg {
  t::TempDir dir;
  std::string owner_url = t::fresh_pg_database();
  std::string app_url;
  int port = t::free_port();
  std::unique_ptr<t::Background> proc;

  ServedOnPg() {
    run_ok({"--db", owner_url, "init", "--demo"});
    run_ok({"--db", owner_url, "user", "add", "admin1", "--role", "admin", "--password-stdin"},
           t::kWebPassword + "\n");
    app_url = t::pg_app_role_url(owner_url);
    json config{{"listen", "127.0.0.1:" + std::to_string(port)},
                {"generic", {{"secret", kSecret}}}};
    t::write_text(dir.file("serve.json"), config.dump());
    proc = std::make_unique<t::Background>(
        std::vector<std::string>{DONDOC_BINARY, "--db", app_url, "serve", "--config",
                                 dir.file("serve.json"), "--no-scheduler"},
        dir.file("serve.log"));
    bool up = t::wait_for_http(port, "/healthz");
    INFO(t::read_text(dir.file("serve.log")));
    REQUIRE(up);
  }

  t::HttpReply post_event(const std::string& body) {
    return t::http_request(port, "POST", "/webhook/generic", body, {{"X-Dondoc-Secret", kSecret}});
  }
  t::HttpReply post_form(const std::string& path, const std::string& form,
                         const std::string& cookie = "") {
    std::map<std::string, std::string> h{{"Content-Type", "application/x-www-form-urlencoded"},
                                         {"Origin", "http://127.0.0.1"}};
    if (!cookie.empty()) h["Cookie"] = cookie;
    return t::http_request(port, "POST", path, form, h);
  }

  // What the events, the bot's answers, the chats and the audit hold, read through a new
  // connection of the owner: equal values mean nothing changed.
  std::string state() {
    auto c = dondoc::sql::open_postgresql(owner_url, true);
    return c
        ->exec_and_get(
            "SELECT (SELECT COUNT(*) || ':' || COALESCE(MAX(seq), 0) || ':' || "
            "COUNT(handled_at) FROM inbound_events) || '|' || (SELECT COUNT(*) FROM outbox) || '|' "
            "|| (SELECT COUNT(*) FROM chat_links) || '|' || (SELECT COUNT(*) FROM audit)")
        .text();
  }

  // Waits (bounded) until serve has handled every stored event: its answers are queued.
  void wait_handled() {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      dondoc::Database d(owner_url, dondoc::Database::Access::read_only);
      if (dondoc::unhandled_inbound(d, 10).empty()) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL("serve did not handle its events in time");
  }
};

json event(const std::string& id, const std::string& chat, const std::string& text) {
  return json{{"event_id", id}, {"chat_id", chat}, {"from_name", "Chị Lan"}, {"text", text}};
}

}  // namespace

TEST_CASE("serve on PostgreSQL: an event is committed before its 200; a redelivery changes nothing",
          "[pg]") {
  if (t::pg_skipped()) {
    WARN("DONDOC_SKIP_PG=1: the PostgreSQL half is left out");
    return;
  }
  ServedOnPg s;
  for (int i = 0; i < 5; ++i) {
    std::string id = "e" + std::to_string(i);
    auto r = s.post_event(event(id, "c1", "NV2 xong").dump());
    REQUIRE(r.status == 200);
    CHECK(json::parse(r.body)["duplicate"] == false);
    // Read by another connection right after the 200: already committed.
    dondoc::Database d(s.owner_url, dondoc::Database::Access::read_only);
    CHECK(dondoc::inbound_exists(d, "generic", id));
    CHECK(dondoc::inbound_count(d) == i + 1);
  }
  s.wait_handled();
  std::string before = s.state();
  auto c = dondoc::sql::open_postgresql(s.owner_url, true);
  auto answers_to = [&](const std::string& chat) {
    return c->exec_and_get("SELECT COUNT(*) FROM outbox WHERE chat_id = '" + chat + "'").as_int();
  };
  int c1_answers = answers_to("c1");
  CHECK(c1_answers >= 1);  // the chat is told it is not linked yet

  auto again = s.post_event(event("e3", "c1", "NV2 xong").dump());
  CHECK(again.status == 200);
  CHECK(json::parse(again.body)["duplicate"] == true);
  CHECK(s.state() == before);
  // A later event handled means anything the redelivery might have started is done too.
  REQUIRE(s.post_event(event("later", "c2", "xin chào").dump()).status == 200);
  s.wait_handled();
  CHECK(answers_to("c2") >= 1);
  CHECK(answers_to("c1") == c1_answers);  // no second answer to the redelivered event
  CHECK(c->exec_and_get("SELECT COUNT(*) FROM inbound_events WHERE event_key = 'e3'").as_int() ==
        1);
  CHECK(c->exec_and_get("SELECT COUNT(*) FROM inbound_events").as_int() == 6);
}

TEST_CASE("serve on PostgreSQL: bad events answer 4xx and change nothing", "[pg]") {
  if (t::pg_skipped()) {
    WARN("DONDOC_SKIP_PG=1: the PostgreSQL half is left out");
    return;
  }
  ServedOnPg s;
  REQUIRE(s.post_event(event("ok1", "c1", "xin chào").dump()).status == 200);
  s.wait_handled();
  std::string before = s.state();

  auto malformed = s.post_event("{not json");
  CHECK(malformed.status == 400);
  CHECK(malformed.body.find("malformed JSON") != std::string::npos);
  for (const json& bad :
       {json{{"event_id", "b1"}, {"chat_id", "c1"}},                           // no text
        json{{"event_id", "b2"}, {"chat_id", "c1"}, {"text", 5}},              // text not a string
        json{{"chat_id", "c1"}, {"text", "xong"}},                             // no event_id
        json{{"event_id", json::object()}, {"chat_id", "c1"}, {"text", "x"}},  // not an id
        json::array({event("b3", "c1", "xong")})}) {                           // not an object
    INFO(bad.dump());
    auto r = s.post_event(bad.dump());
    CHECK(r.status == 400);
  }
  CHECK(t::http_request(s.port, "POST", "/webhook/generic", event("b4", "c1", "x").dump(),
                        {{"X-Dondoc-Secret", "wrong-secret-xxxxxxx"}})
            .status == 401);
  std::string big = event("b5", "c1", std::string(1 << 20, 'a')).dump();
  CHECK(s.post_event(big).status == 413);
  CHECK(t::http_request(s.port, "GET", "/healthz").status == 200);  // still serving
  CHECK(s.state() == before);
}

TEST_CASE("serve on PostgreSQL: the dashboard's sign-in, session and sign-out", "[pg]") {
  if (t::pg_skipped()) {
    WARN("DONDOC_SKIP_PG=1: the PostgreSQL half is left out");
    return;
  }
  ServedOnPg s;
  auto form = t::http_request(s.port, "GET", "/dang-nhap");
  CHECK(form.status == 200);
  CHECK(form.body.find("Tên đăng nhập") != std::string::npos);
  std::string csrf = t::csrf_of(form.body);  // the sign-in form's own token, when it has one
  std::string fields = "name=admin1&password=" + t::kWebPassword;
  if (!csrf.empty()) fields += "&csrf=" + csrf;

  auto wrong = s.post_form("/dang-nhap", "name=admin1&password=sai-mat-khau-123");
  CHECK(wrong.status == 401);
  CHECK(wrong.body.find("Tên đăng nhập hoặc mật khẩu không đúng") != std::string::npos);

  auto in = s.post_form("/dang-nhap", fields);
  REQUIRE(in.status == 303);
  std::string cookie = in.header("Set-Cookie");
  REQUIRE(cookie.starts_with("dondoc_session="));
  cookie = cookie.substr(0, cookie.find(';'));

  auto home = t::http_request(s.port, "GET", "/", "", {{"Cookie", cookie}});
  CHECK(home.status == 200);
  CHECK(home.body.find("Đăng xuất") != std::string::npos);
  std::string page_csrf = t::csrf_of(home.body);
  REQUIRE_FALSE(page_csrf.empty());
  CHECK(t::http_request(s.port, "GET", "/").status == 303);  // no cookie: to the sign-in

  auto c = dondoc::sql::open_postgresql(s.owner_url, true);
  CHECK(c->exec_and_get("SELECT COUNT(*) FROM sessions WHERE signed_out IS NULL").as_int() == 1);
  CHECK(s.post_form("/dang-xuat", "", cookie).status == 403);  // no CSRF token
  auto out = s.post_form("/dang-xuat", "csrf=" + page_csrf, cookie);
  CHECK(out.status == 303);
  CHECK(t::http_request(s.port, "GET", "/", "", {{"Cookie", cookie}}).status == 303);
  CHECK(c->exec_and_get("SELECT COUNT(*) FROM sessions WHERE signed_out IS NOT NULL").as_int() ==
        1);
}
