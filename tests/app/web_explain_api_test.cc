// The explanation requests on the API (docs/api.md "Giải trình") against a real `dondoc serve`:
// a leader's token asks for a missing report's and an overdue task's explanation (201, the CLI's
// JSON shape), the errors name their field (400/403/404/409), the lists filter, a head sees its
// body only, and a session POST needs the CSRF header.
#include <catch2/catch.hpp>

#include "tests/app/web_support.h"

namespace t = dondoc::testing;
using nlohmann::json;

namespace {

std::string token(t::WebServed& s, const std::vector<std::string>& extra) {
  std::vector<std::string> args{"--db", s.db, "token", "add", "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = t::run_dondoc(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out)["token"].get<std::string>();
}

t::HttpReply post_json(t::WebServed& s, const std::string& body, const std::string& bearer,
                       const std::string& cookie = "", const std::string& csrf = "") {
  std::map<std::string, std::string> h{{"Content-Type", "application/json"},
                                       {"Origin", s.origin()}};
  if (!bearer.empty()) h["Authorization"] = "Bearer " + bearer;
  if (!cookie.empty()) h["Cookie"] = cookie;
  if (!csrf.empty()) h["X-CSRF-Token"] = csrf;
  return t::http_request(s.port, "POST", "/api/v1/explanations", body, h);
}

}  // namespace

TEST_CASE("web API: explanation requests asked, listed and refused with the field at fault") {
  t::WebServed s;
  std::string leader = token(s, {"--role", "leader"});
  std::string head = token(s, {"--role", "head", "--body", "vh_xh"});
  // A tick dated before November: the monthly report 2026-11 is then owed, and missing now.
  REQUIRE(t::run_dondoc({"--db", s.db, "tick", "--now", "2026-09-01T08:00+07:00"}).exit_code == 0);

  auto asked = post_json(
      s, R"({"report":{"cycle":"monthly","period":"2026-11"},"body":"kinh_te","note":"Vì sao?"})",
      leader);
  INFO(asked.body);
  REQUIRE(asked.status == 201);
  json made = json::parse(asked.body);
  CHECK(made["id"] == "GT1");
  CHECK(made["body"] == "kinh_te");
  CHECK(made["cycle"] == "monthly");
  CHECK(made["period"] == "2026-11");
  CHECK(made["reason"] == "Vì sao?");
  CHECK(made["state"] == "open");
  auto by_task = post_json(s, R"({"task":2,"body":"vh_xh"})", leader);
  INFO(by_task.body);
  REQUIRE(by_task.status == 201);

  // The same shape as `dondoc explain list --json`.
  auto cli = t::run_dondoc({"--db", s.db, "explain", "list", "--json"});
  REQUIRE(cli.exit_code == 0);
  auto listed = s.get("/api/v1/explanations", "", "Bearer " + leader);
  REQUIRE(listed.status == 200);
  CHECK(json::parse(listed.body) == json::parse(cli.out));
  CHECK(json::parse(s.get("/api/v1/explanations?task=2", "", "Bearer " + leader).body).size() == 1);
  CHECK(json::parse(s.get("/api/v1/explanations?state=answered", "", "Bearer " + leader).body)
            .empty());
  CHECK(json::parse(
            s.get("/api/v1/explanations?state=open&body=kinh_te", "", "Bearer " + leader).body)
            .size() == 1);
  auto first = s.get("/api/v1/explanations/GT1", "", "Bearer " + leader);
  REQUIRE(first.status == 200);
  CHECK(json::parse(first.body) == made);
  CHECK(s.get("/api/v1/explanations/GT99", "", "Bearer " + leader).status == 404);
  CHECK(s.get("/api/v1/explanations?state=x", "", "Bearer " + leader).status == 400);

  auto field = [](const t::HttpReply& r) { return json::parse(r.body).value("field", ""); };
  auto dup = post_json(s, R"({"task":"2","body":"vh_xh"})", leader);
  CHECK(dup.status == 409);
  CHECK(field(dup) == "body");
  auto no_body = post_json(s, R"({"task":"2"})", leader);
  CHECK(no_body.status == 400);
  CHECK(field(no_body) == "body");
  auto unknown_body = post_json(s, R"({"task":"2","body":"khong_co"})", leader);
  CHECK(unknown_body.status == 404);
  CHECK(field(unknown_body) == "body");
  auto unknown_task = post_json(s, R"({"task":"999","body":"vh_xh"})", leader);
  CHECK(unknown_task.status == 404);
  CHECK(field(unknown_task) == "task");
  auto no_period = post_json(s, R"({"report":{"cycle":"monthly"},"body":"vh_xh"})", leader);
  CHECK(no_period.status == 400);
  CHECK(field(no_period) == "report.period");
  CHECK(post_json(s, "not json", leader).status == 400);

  // A head: no permission to ask; lists its own body only; another body's list is forbidden.
  auto forbidden = post_json(s, R"({"task":"2","body":"vh_xh"})", head);
  CHECK(forbidden.status == 403);
  CHECK(json::parse(s.get("/api/v1/explanations", "", "Bearer " + head).body).size() == 1);
  CHECK(s.get("/api/v1/explanations?body=kinh_te", "", "Bearer " + head).status == 403);

  // A session POST needs the CSRF header.
  std::string cookie = s.sign_in("lanhdao");
  std::string csrf = t::csrf_of(s.get("/nhiem-vu/2", cookie).body);
  auto no_csrf = post_json(s, R"({"task":"2","body":"vh_xh"})", "", cookie);
  CHECK(no_csrf.status == 403);
  auto with_csrf = post_json(s, R"({"task":"2","body":"vh_xh"})", "", cookie, csrf);
  CHECK(with_csrf.status == 409);  // past the CSRF check: the request is already open
}
