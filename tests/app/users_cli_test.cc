// `dondoc user` and `dondoc token` as an operator uses them: the first admin from stdin, a head
// by its body's name, province roles without a commune, listings in JSON, bad input refused with
// exit 2 naming the option and nothing stored, tokens printed once and revoked.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support/process.h"

using namespace dondoc::testing;
using nlohmann::json;

namespace {

RunResult run_ok(const std::vector<std::string>& args, const std::string& in = "") {
  auto r = run_dondoc(args, in);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r;
}

json users(const std::string& db) {
  return json::parse(run_ok({"--db", db, "user", "list", "--json"}).out)["users"];
}

}  // namespace

TEST_CASE("user add, list, passwd and disable through the CLI") {
  TempDir dir;
  std::string db = dir.file("d.db");
  run_ok({"--db", db, "--commune", "xa_a", "init", "--demo", "--name", "Xã A"});
  auto admin = json::parse(
      run_ok({"--db", db, "user", "add", "Admin", "--role", "admin", "--password-stdin", "--json"},
             "một-mật-khẩu-dài\n")
          .out);
  CHECK(admin["name"] == "admin");
  CHECK(admin["role_label"] == "Quản trị");
  CHECK(admin["has_password"] == true);
  run_ok({"--db", db, "user", "add", "tinh", "--role", "province_viewer", "--password-stdin"},
         "mật-khẩu-tỉnh-1");
  run_ok(
      {"--db", db, "user", "add", "vhxh", "--role", "head", "--body", "vh_xh", "--password-stdin"},
      "");
  auto list = users(db);
  REQUIRE(list.size() == 3);
  CHECK(list[1]["name"] == "tinh");
  CHECK(list[1]["commune"] == "");
  CHECK(list[2]["body"] == "vh_xh");
  CHECK(list[2]["has_password"] == false);

  run_ok({"--db", db, "user", "passwd", "vhxh", "--password-stdin"}, "mật-khẩu-mới-dài\n");
  CHECK(users(db)[2]["has_password"] == true);
  run_ok({"--db", db, "user", "disable", "vhxh"});
  CHECK(users(db)[2]["disabled"] == true);

  auto text = run_ok({"--db", db, "user", "list"}).out;
  CHECK(text.find("3 tài khoản") != std::string::npos);
  CHECK(text.find("Theo dõi cấp tỉnh") != std::string::npos);
  // Nothing secret in the audit the CLI shows.
  auto audit = run_ok({"--db", db, "audit", "--json"}).out;
  CHECK(audit.find("một-mật-khẩu-dài") == std::string::npos);
  CHECK(audit.find("user_added") != std::string::npos);
}

TEST_CASE("user add refuses bad input with exit 2, naming the option, storing nothing") {
  TempDir dir;
  std::string db = dir.file("d.db");
  run_ok({"--db", db, "--commune", "xa_a", "init", "--demo", "--name", "Xã A"});
  struct Case {
    std::vector<std::string> args;
    std::string in, says;
  };
  std::vector<Case> cases = {
      {{"user", "add", "lan", "--role", "boss", "--password-stdin"}, "mật-khẩu-dài-1", "--role"},
      {{"user", "add", "lan", "--role", "head", "--password-stdin"}, "mật-khẩu-dài-1", "--body"},
      {{"user", "add", "lan", "--role", "head", "--body", "khong_co", "--password-stdin"},
       "mật-khẩu-dài-1",
       "--body"},
      {{"user", "add", "lan", "--role", "leader", "--body", "vh_xh", "--password-stdin"},
       "mật-khẩu-dài-1",
       "--body"},
      {{"user", "add", "lan", "--role", "leader", "--password-stdin"}, "ngắn", "10 ký tự"},
      {{"user", "add", "lan", "--role", "leader"}, "", "--password-stdin"},
      {{"user", "add", "tinh", "--role", "province_admin", "--commune", "xa_a", "--password-stdin"},
       "mật-khẩu-dài-1",
       "--commune"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"--db", db};
    args.insert(args.end(), c.args.begin(), c.args.end());
    auto r = run_dondoc(args, c.in);
    CAPTURE(c.args, r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(c.says) != std::string::npos);
  }
  CHECK(users(db).empty());
  run_ok({"--db", db, "user", "add", "lan", "--role", "leader", "--password-stdin"},
         "mật-khẩu-dài-1");
  auto twice = run_dondoc(
      {"--db", db, "user", "add", "LAN", "--role", "leader", "--password-stdin"}, "mật-khẩu-dài-2");
  CHECK(twice.exit_code == 2);
  CHECK(twice.err.find("đã có") != std::string::npos);
  CHECK(users(db).size() == 1);
}

TEST_CASE("token add prints the token once; list and revoke") {
  TempDir dir;
  std::string db = dir.file("d.db");
  run_ok({"--db", db, "--commune", "xa_a", "init", "--demo", "--name", "Xã A"});
  auto added = json::parse(run_ok({"--db", db, "token", "add", "--role", "head", "--body", "vh_xh",
                                   "--label", "bảng tin", "--json"})
                               .out);
  std::string token = added["token"];
  CHECK(token.size() == 64);
  CHECK(added["id"] == 1);
  run_ok({"--db", db, "token", "add", "--role", "province_viewer"});
  auto list = json::parse(run_ok({"--db", db, "token", "list", "--json"}).out)["tokens"];
  REQUIRE(list.size() == 2);
  CHECK(list[0]["label"] == "bảng tin");
  CHECK(list[0]["body"] == "vh_xh");
  CHECK(list[1]["commune"] == "");
  CHECK(list.dump().find(token) == std::string::npos);

  run_ok({"--db", db, "token", "revoke", "1"});
  list = json::parse(run_ok({"--db", db, "token", "list", "--json"}).out)["tokens"];
  CHECK(list[0]["revoked_at"].is_string());
  auto again = run_dondoc({"--db", db, "token", "revoke", "1"});
  CHECK(again.exit_code == 2);
  auto bad = run_dondoc({"--db", db, "token", "revoke", "1x"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("token revoke ID") != std::string::npos);
  auto no_role = run_dondoc({"--db", db, "token", "add", "--role", "sếp"});
  CHECK(no_role.exit_code == 2);
  CHECK(no_role.err.find("--role") != std::string::npos);
}
