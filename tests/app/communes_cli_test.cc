// Communes through the CLI: two demo communes side by side in one database (both have "vh_xh" and
// task 2), every command scoped by --commune, and what a one-commune database did before still
// works without it.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support/background.h"
#include "tests/support/process.h"

using namespace dondoc::testing;
using nlohmann::json;

namespace {

RunResult run_ok(const std::vector<std::string>& args) {
  auto r = run_dondoc(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r;
}

json status_of(const std::string& db, const std::string& commune) {
  auto r = run_ok({"--db", db, "--commune", commune, "status", "--body", "vh_xh", "--now",
                   "2025-10-06T09:00+07:00", "--json"});
  return json::parse(r.out);
}

std::string task2_status(const json& status) {
  for (const auto& row : status["obligations"]) {
    if (row["task"] == "2") return row["status"];
  }
  return "";
}

}  // namespace

TEST_CASE("two demo communes in one database: what one does stays in it") {
  TempDir dir;
  std::string db = dir.file("p.db");
  run_ok({"--db", db, "--commune", "xa_a", "init", "--demo", "--name", "Xã A"});
  run_ok({"--db", db, "--commune", "xa_b", "init", "--demo", "--name", "Xã B"});
  auto list = json::parse(run_ok({"--db", db, "commune", "list", "--json"}).out);
  REQUIRE(list["communes"].size() == 2);
  CHECK(list["communes"][0]["id"] == "xa_a");
  CHECK(list["communes"][0]["name"] == "Xã A");
  CHECK(list["communes"][1]["tasks"] == 8);

  // Without --commune, a command names the communes to pick from and changes nothing.
  auto missing = run_dondoc({"--db", db, "record", "--task", "2", "--body", "vh_xh", "--status",
                             "done", "--now", "2025-10-01T09:00+07:00"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("xa_a (Xã A), xa_b (Xã B)") != std::string::npos);
  auto unknown = run_dondoc({"--db", db, "--commune", "xa_c", "tasks"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("Không có xã \"xa_c\"") != std::string::npos);

  run_ok({"--db", db, "--commune", "xa_a", "record", "--task", "2", "--body", "vh_xh", "--status",
          "done", "--now", "2025-09-25T09:00+07:00"});
  CHECK(task2_status(status_of(db, "xa_a")) == "done");
  CHECK(task2_status(status_of(db, "xa_b")) == "not_started");

  // tick without --commune ticks both; each commune's outbox and audit are its own.
  run_ok({"--db", db, "tick", "--now", "2025-09-22T08:00+07:00"});
  auto tick =
      json::parse(run_ok({"--db", db, "tick", "--now", "2025-09-29T08:00+07:00", "--json"}).out);
  REQUIRE(tick["communes"].size() == 2);
  auto outbox_a = json::parse(run_ok({"--db", db, "--commune", "xa_a", "outbox", "--json"}).out);
  auto outbox_b = json::parse(run_ok({"--db", db, "--commune", "xa_b", "outbox", "--json"}).out);
  // vh_xh's weekly digest lists task 2 in B, where it is late; not in A, where it is done.
  auto digest = [](const json& outbox) {
    std::string text;
    for (const auto& m : outbox["messages"]) {
      if (m["recipient"] == "vh_xh" && m["kind"] == "digest") text = m["text"];
    }
    return text;
  };
  REQUIRE_FALSE(digest(outbox_b).empty());
  REQUIRE_FALSE(digest(outbox_a).empty());
  CHECK(digest(outbox_b).find("Nhiệm vụ 2:") != std::string::npos);
  CHECK(digest(outbox_a).find("Nhiệm vụ 2:") == std::string::npos);
  int digests = 0;
  for (const auto& o : {outbox_a, outbox_b}) {
    for (const auto& m : o["messages"]) digests += m["kind"] == "digest";
  }
  CHECK(digests == tick["queued"]);
  auto audit_a = json::parse(run_ok({"--db", db, "--commune", "xa_a", "audit", "--json"}).out);
  auto audit_b = json::parse(run_ok({"--db", db, "--commune", "xa_b", "audit", "--json"}).out);
  int status_changes_a = 0, status_changes_b = 0;
  for (const auto& r : audit_a["entries"]) status_changes_a += r["kind"] == "status_change";
  for (const auto& r : audit_b["entries"]) status_changes_b += r["kind"] == "status_change";
  CHECK(status_changes_a == 1);
  CHECK(status_changes_b == 0);

  // Rules and plans are per commune: replacing B's plan leaves A's.
  run_ok({"--db", db, "--commune", "xa_b", "init", "--force"});
  auto tasks = [&](const char* commune) {
    return json::parse(run_ok({"--db", db, "--commune", commune, "tasks", "--json"}).out)["tasks"];
  };
  CHECK(tasks("xa_b").empty());
  CHECK(tasks("xa_a").size() == 8);
  CHECK(task2_status(status_of(db, "xa_a")) == "done");
}

TEST_CASE("a one-commune database needs no --commune; commune add, rename and bad input") {
  TempDir dir;
  std::string db = dir.file("d.db");
  run_ok({"--db", db, "init", "--demo"});
  auto list = json::parse(run_ok({"--db", db, "commune", "list", "--json"}).out);
  REQUIRE(list["communes"].size() == 1);
  CHECK(list["communes"][0]["id"] == "truong_giang");
  CHECK(list["communes"][0]["name"] == "Xã Trường Giang");
  run_ok({"--db", db, "tasks"});
  run_ok({"--db", db, "rules", "show"});
  run_ok({"--db", db, "tick", "--now", "2025-10-06T08:00+07:00"});

  auto bad_id = run_dondoc({"--db", db, "commune", "add", "Đăk Hà", "--name", "Xã Đăk Hà"});
  CHECK(bad_id.exit_code == 2);
  CHECK(bad_id.err.find("không hợp lệ") != std::string::npos);
  CHECK(run_dondoc({"--db", db, "commune", "add", "dak_ha"}).exit_code == 2);  // no name
  CHECK(run_dondoc({"--db", db, "commune", "add", "truong_giang", "--name", "X"}).exit_code == 2);
  list = json::parse(run_ok({"--db", db, "commune", "list", "--json"}).out);
  CHECK(list["communes"].size() == 1);  // nothing added by the refused calls

  run_ok({"--db", db, "commune", "add", "dak_ha", "--name", "Xã Đăk Hà"});
  CHECK(run_dondoc({"--db", db, "tasks"}).exit_code == 2);  // two now: which one?
  run_ok({"--db", db, "commune", "rename", "dak_ha", "--name", "Xã Đắk Hà"});
  list = json::parse(run_ok({"--db", db, "commune", "list", "--json"}).out);
  CHECK(list["communes"][0]["name"] == "Xã Đắk Hà");
  CHECK(list["communes"][0]["tasks"] == 0);
}

TEST_CASE("province summary ranks the communes by on-time rate") {
  TempDir dir;
  std::string db = dir.file("p.db");
  run_ok({"--db", db, "--commune", "xa_a", "init", "--demo", "--name", "Xã A"});
  run_ok({"--db", db, "--commune", "xa_b", "init", "--demo", "--name", "Xã B"});
  run_ok({"--db", db, "--commune", "xa_c", "init", "--name", "Xã C"});  // no plan yet
  run_ok({"--db", db, "tick", "--now", "2025-09-22T08:00+07:00"});  // reports are owed from here
  run_ok({"--db", db, "--commune", "xa_b", "record", "--task", "2", "--body", "vh_xh", "--status",
          "done", "--now", "2025-09-25T09:00+07:00"});
  run_ok({"--db", db, "--commune", "xa_b", "record", "--task", "4", "--body", "vh_xh", "--status",
          "blocked", "--reason", "chưa có kinh phí", "--now", "2025-09-25T09:00+07:00"});
  auto j = json::parse(
      run_ok({"--db", db, "province", "summary", "--now", "2025-12-01T09:00+07:00", "--json"}).out);
  auto communes = j["communes"];
  REQUIRE(communes.size() == 3);
  CHECK(communes[0]["id"] == "xa_b");  // one task done on time
  CHECK(communes[0]["rank"] == 1);
  CHECK(communes[0]["on_time"] == 1);
  CHECK(communes[0]["blocked"] == 1);
  CHECK(communes[1]["id"] == "xa_a");
  CHECK(communes[1]["on_time"] == 0);
  CHECK(communes[1]["blocked"] == 0);
  CHECK(communes[0]["overdue"].get<int>() < communes[1]["overdue"].get<int>());
  CHECK(communes[0]["due"] == communes[1]["due"]);  // same plan: the same fell due
  CHECK(communes[1]["reports"]["monthly"]["due"].get<int>() > 0);
  CHECK(communes[1]["reports"]["monthly"]["submitted"] == 0);
  CHECK(communes[0]["linked_chats"] == 0);
  CHECK(communes[2]["id"] == "xa_c");  // nothing to count yet: last, with the reason
  CHECK(communes[2]["on_time_rate"].is_null());
  auto text = run_ok({"--db", db, "province", "summary", "--now", "2025-12-01T09:00+07:00"}).out;
  CHECK(text.find("1. Xã B (xa_b): đúng hạn") != std::string::npos);
  CHECK(text.find("báo cáo tháng đã gửi 0/") != std::string::npos);
}

TEST_CASE("backup copies every commune while the database is in use, and refuses to overwrite") {
  TempDir dir;
  std::string db = dir.file("p.db");
  run_ok({"--db", db, "--commune", "xa_a", "init", "--demo", "--name", "Xã A"});
  run_ok({"--db", db, "--commune", "xa_b", "init", "--demo", "--name", "Xã B"});
  int port = free_port();
  write_text(dir.file("serve.json"), json{{"listen", "127.0.0.1:" + std::to_string(port)}}.dump());
  Background serve({DONDOC_BINARY, "--db", db, "serve", "--config", dir.file("serve.json")},
                   dir.file("serve.log"));
  REQUIRE(wait_for_http(port, "/healthz"));  // serving (and ticking) while the copy is made
  std::string copy = dir.file("copy.db");
  run_ok({"--db", db, "backup", copy});
  auto list = json::parse(run_ok({"--db", copy, "commune", "list", "--json"}).out);
  CHECK(list["communes"].size() == 2);
  CHECK(list["communes"][1]["tasks"] == 8);
  auto again = run_dondoc({"--db", db, "backup", copy});
  CHECK(again.exit_code == 2);
  CHECK(again.err.find("không ghi đè") != std::string::npos);
  CHECK(run_dondoc({"--db", dir.file("none.db"), "backup", dir.file("x.db")}).exit_code == 2);
}
