// Test helpers for the web tests: a real `dondoc serve` on the demo plan with users of each role
// (created by `dondoc user add`), form posts with the right Origin, sign-in returning the cookie,
// the CSRF token read from a page. Test threads only; header-only.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/background.h"
#include "tests/support/process.h"

namespace dondoc::testing {

inline const std::string kWebPassword = "mat-khau-dai-12345";

struct WebServed {
  TempDir dir;
  std::string db = dir.file("d.db");
  int port = free_port();
  std::unique_ptr<Background> proc;

  explicit WebServed(bool init = true) {
    if (init) {
      REQUIRE(run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
      add_user("admin1", "admin");
      add_user("lanhdao", "leader");
    }
    start();
  }
  void add_user(const std::string& name, const std::string& role, const std::string& body = "") {
    std::vector<std::string> args{"--db", db,       "user", "add",
                                  name,   "--role", role,   "--password-stdin"};
    if (!body.empty()) args.insert(args.end(), {"--body", body});
    auto r = run_dondoc(args, kWebPassword + "\n");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  void start() {
    nlohmann::json config{{"listen", "127.0.0.1:" + std::to_string(port)}};
    write_text(dir.file("serve.json"), config.dump());
    proc = std::make_unique<Background>(
        std::vector<std::string>{DONDOC_BINARY, "--db", db, "serve", "--config",
                                 dir.file("serve.json"), "--no-scheduler"},
        dir.file("serve.log"));
    REQUIRE(wait_for_http(port, "/healthz"));
  }
  std::string origin() const { return "http://127.0.0.1"; }
  HttpReply get(const std::string& path, const std::string& cookie = "",
                const std::string& authorization = "") {
    std::map<std::string, std::string> h;
    if (!cookie.empty()) h["Cookie"] = cookie;
    if (!authorization.empty()) h["Authorization"] = authorization;
    return http_request(port, "GET", path, "", h);
  }
  HttpReply post(const std::string& path, const std::string& form, const std::string& cookie = "") {
    std::map<std::string, std::string> h{{"Content-Type", "application/x-www-form-urlencoded"},
                                         {"Origin", origin()}};
    if (!cookie.empty()) h["Cookie"] = cookie;
    return http_request(port, "POST", path, form, h);
  }
  HttpReply sign_in_reply(const std::string& name, const std::string& password) {
    return post("/dang-nhap", "name=" + name + "&password=" + password);
  }
  // "dondoc_session=TOKEN" for a Cookie header.
  std::string sign_in(const std::string& name) {
    auto r = sign_in_reply(name, kWebPassword);
    REQUIRE(r.status == 303);
    std::string c = r.header("Set-Cookie");
    return c.substr(0, c.find(';'));
  }
};

// The value of the first `name="csrf" value="..."` in a page.
inline std::string csrf_of(const std::string& html) {
  std::string key = "name=\"csrf\" value=\"";
  auto p = html.find(key);
  if (p == std::string::npos) return {};
  p += key.size();
  return html.substr(p, html.find('"', p) - p);
}

// html with every CSRF token it carries taken out: each answer masks the token afresh
// (app/web/guard.h), so two answers of the same page compare equal only without them.
inline std::string without_csrf(std::string html) {
  for (std::string t = csrf_of(html); !t.empty(); t = csrf_of(html)) {
    for (auto at = html.find(t); at != std::string::npos; at = html.find(t))
      html.erase(at, t.size());
  }
  return html;
}

}  // namespace dondoc::testing
