// Issue 15 §6: the overview's and the task list's content is memoised on the reader
// (app/web/page_memo.h). It must never be stale or another viewer's: a commit changes the next
// page, a deadline passing changes it with no commit, and viewers of different roles each get
// their own. Against the real `dondoc serve` (its clock started by --now) and its SQLite file.
#include <array>
#include <catch2/catch.hpp>
#include <chrono>
#include <regex>
#include <thread>

#include "tests/app/web_support.h"

namespace t = dondoc::testing;
using namespace std::chrono;

namespace {

// The demo plan served with its clock started at `now`, an admin and a head of vh_xh.
struct Served {
  t::TempDir dir;
  std::string db = dir.file("d.db");
  int port = t::free_port();
  std::unique_ptr<t::Background> proc;

  explicit Served(const std::string& now) {
    REQUIRE(t::run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
    for (auto [name, role, body] : {std::array<std::string, 3>{"admin1", "admin", ""},
                                    std::array<std::string, 3>{"truongphong", "head", "vh_xh"}}) {
      std::vector<std::string> args{"--db", db,       "user", "add",
                                    name,   "--role", role,   "--password-stdin"};
      if (!body.empty()) args.insert(args.end(), {"--body", body});
      REQUIRE(t::run_dondoc(args, t::kWebPassword + "\n").exit_code == 0);
    }
    nlohmann::json config{{"listen", "127.0.0.1:" + std::to_string(port)}};
    t::write_text(dir.file("serve.json"), config.dump());
    proc = std::make_unique<t::Background>(
        std::vector<std::string>{DONDOC_BINARY, "--db", db, "serve", "--config",
                                 dir.file("serve.json"), "--no-scheduler", "--now", now},
        dir.file("serve.log"));
    REQUIRE(t::wait_for_http(port, "/healthz"));
  }
  std::string sign_in(const std::string& name) {
    auto r = t::http_request(
        port, "POST", "/dang-nhap", "name=" + name + "&password=" + t::kWebPassword,
        {{"Content-Type", "application/x-www-form-urlencoded"}, {"Origin", "http://127.0.0.1"}});
    REQUIRE(r.status == 303);
    std::string c = r.header("Set-Cookie");
    return c.substr(0, c.find(';'));
  }
  std::string page(const std::string& path, const std::string& cookie) {
    auto r = t::http_request(port, "GET", path, "", {{"Cookie", cookie}});
    REQUIRE(r.status == 200);
    return t::without_csrf(r.body);
  }
};

// The count shown in the overview's bucket `key` ("overdue", "done_on_time", ...).
int bucket(const std::string& html, const std::string& key) {
  std::smatch m;
  std::regex re("data-key=\"" + key + "\"><span class=\"count\">([0-9]+)</span>");
  REQUIRE(std::regex_search(html, m, re));
  return std::stoi(m[1].str());
}

int total(const std::string& html) {
  std::smatch m;
  REQUIRE(std::regex_search(html, m, std::regex(R"(\(([0-9]+) nghĩa vụ\))")));
  return std::stoi(m[1].str());
}

}  // namespace

TEST_CASE("web memo: a deadline passing changes the overview with no commit; a commit too") {
  // Task 8's 2026 period is due 2026-12-31: overdue from 2027-01-01 (local time) on.
  Served s("2026-12-31T23:59:40+07:00");
  auto start = steady_clock::now();  // the server's clock started just before (at most 20 s)
  std::string admin = s.sign_in("admin1");
  std::string before = s.page("/", admin);
  std::string again = s.page("/", admin);              // served from the memo
  REQUIRE(steady_clock::now() - start < seconds(15));  // still 2026-12-31 on the server's clock
  CHECK(again == before);
  std::this_thread::sleep_until(start + seconds(22));  // now 2027-01-01, nothing committed
  std::string after = s.page("/", admin);
  CHECK(bucket(after, "overdue") > bucket(before, "overdue"));

  CHECK(s.page("/", admin) == after);

  std::string blocked = s.page("/nhiem-vu?blocked=1", admin);
  CHECK(s.page("/nhiem-vu?blocked=1", admin) == blocked);
  CHECK(blocked.find("data-task=\"1\"") == std::string::npos);
  auto r = t::run_dondoc({"--db", s.db, "record", "--task", "1", "--body", "vh_xh", "--status",
                          "blocked", "--reason", "Chưa có kinh phí", "--now",
                          "2027-01-01T00:00:30+07:00"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);  // committed by another connection: the next pages see it
  CHECK(bucket(s.page("/", admin), "blocked") == bucket(after, "blocked") + 1);
  CHECK(s.page("/nhiem-vu?blocked=1", admin).find("data-task=\"1\"") != std::string::npos);
}

TEST_CASE("web memo: viewers of different roles never get each other's page") {
  Served s("2026-12-01T10:00+07:00");
  std::string admin = s.sign_in("admin1");
  std::string head = s.sign_in("truongphong");
  for (const char* path : {"/", "/nhiem-vu", "/nhiem-vu?trang=1"}) {
    INFO(path);
    std::string a1 = s.page(path, admin);
    std::string h1 = s.page(path, head);
    std::string a2 = s.page(path, admin);
    std::string h2 = s.page(path, head);
    CHECK(a1 == a2);
    CHECK(h1 == h2);
    CHECK(a1 != h1);
    if (std::string(path) == "/") CHECK(total(h1) < total(a1));
    // Only vh_xh's assignee lines in the head's list; the admin's shows the other bodies too.
    CHECK(h1.find("data-body=\"kinh_te\"") == std::string::npos);
  }
  std::string a = s.page("/nhiem-vu", admin), h = s.page("/nhiem-vu", head);
  auto count = [](const std::string& html, const std::string& what) {
    std::size_t n = 0;
    for (auto p = html.find(what); p != std::string::npos; p = html.find(what, p + 1)) ++n;
    return n;
  };
  CHECK(count(h, "class=\"assignee") < count(a, "class=\"assignee"));
}
