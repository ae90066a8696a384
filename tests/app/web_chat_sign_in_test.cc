// Chat sign-in end to end against a real `dondoc serve`: a linked chat sends "đăng nhập" to the
// generic webhook, the answer in the outbox has the /dang-nhap/TOKEN link; a GET shows the button
// and signs nobody in; the POST signs in (session cookie set) once, and a second POST is refused.
#include <catch2/catch.hpp>
#include <chrono>
#include <regex>
#include <thread>

#include "tests/app/web_support.h"

namespace t = dondoc::testing;
using nlohmann::json;

namespace {

const std::string kSecret = "web-chat-sign-in-secret-0123456789";

// The demo plan with a head of kinh_te, served with the generic webhook and a public URL.
struct ChatServed : t::WebServed {
  ChatServed() {
    add_user("head_kt", "head", "kinh_te");
    proc.reset();
    std::string base = "http://127.0.0.1:" + std::to_string(port);
    json config{{"listen", "127.0.0.1:" + std::to_string(port)},
                {"generic", {{"secret", kSecret}}},
                {"public_url", base}};
    t::write_text(dir.file("serve.json"), config.dump());
    proc = std::make_unique<t::Background>(
        std::vector<std::string>{DONDOC_BINARY, "--db", db, "serve", "--config",
                                 dir.file("serve.json"), "--no-scheduler"},
        dir.file("serve.log"));
    REQUIRE(t::wait_for_http(port, "/healthz"));
  }
  void chat(const std::string& id, const std::string& chat_id, const std::string& text) {
    json e{{"event_id", id}, {"chat_id", chat_id}, {"from_name", "Cán bộ"}, {"text", text}};
    auto r = t::http_request(port, "POST", "/webhook/generic", e.dump(),
                             {{"X-Dondoc-Secret", kSecret}, {"Content-Type", "application/json"}});
    REQUIRE(r.status == 200);
  }
  // The first match of `re` in `dondoc outbox --json`, waiting up to 10 s for the writer.
  std::string outbox_match(const std::regex& re) {
    for (int i = 0; i < 100; ++i) {
      std::string out = t::run_dondoc({"--db", db, "outbox", "--json"}).out;
      std::smatch m;
      if (std::regex_search(out, m, re)) return m[0];
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return {};
  }
};

}  // namespace

TEST_CASE("web: chat sign-in: the link from the chat shows a button; its POST signs in once") {
  ChatServed s;
  auto code =
      json::parse(t::run_dondoc({"--db", s.db, "link", "--body", "kinh_te", "--json"}).out)["code"];
  s.chat("e1", "chat-kt", "DK " + code.get<std::string>());
  REQUIRE(!s.outbox_match(std::regex("chat-kt")).empty());
  s.chat("e2", "chat-kt", "đăng nhập");
  std::string link = s.outbox_match(std::regex("/dang-nhap/[A-Za-z0-9_-]+"));
  REQUIRE(!link.empty());

  auto page = s.get(link);
  CHECK(page.status == 200);
  CHECK(page.body.find("<button type=\"submit\">Đăng nhập</button>") != std::string::npos);
  CHECK(page.header("Set-Cookie").find("dondoc_session") == std::string::npos);
  CHECK(s.get(link).status == 200);  // a preview's GET did not use it up

  auto first = s.post(link, "");
  CHECK(first.status == 303);
  std::string cookie = first.header("Set-Cookie");
  REQUIRE(cookie.find("dondoc_session=") == 0);
  cookie = cookie.substr(0, cookie.find(';'));
  CHECK(s.get("/", cookie).body.find("Đăng xuất") != std::string::npos);

  auto second = s.post(link, "");
  CHECK(second.header("Set-Cookie").find("dondoc_session=") == std::string::npos);
  CHECK(second.status != 303);
}
