// Issue 5 §4: `dondoc tick` killed with SIGKILL at random moments, many times, then run to
// completion, leaves exactly the outbox of an uninterrupted run on an identical database.
#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "tests/support/background.h"
#include "tests/support/process.h"

using namespace dondoc::testing;
using nlohmann::json;

namespace {

std::string demo_db(const TempDir& dir, const std::string& name) {
  std::string db = dir.file(name);
  REQUIRE(run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  return db;
}

void tick(const std::string& db, const std::string& now) {
  auto r = run_dondoc({"--db", db, "tick", "--now", now});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

// key -> the row without its id and attempts; duplicates of a key are counted.
std::map<std::string, std::string> outbox(const std::string& db, int& duplicates) {
  auto r = run_dondoc({"--db", db, "outbox", "--json"});
  REQUIRE(r.exit_code == 0);
  std::map<std::string, std::string> out;
  json all = json::parse(r.out);
  for (auto& m : all["messages"]) {
    std::string key = m["key"];
    m.erase("id");
    if (!out.emplace(key, m.dump()).second) ++duplicates;
  }
  return out;
}

}  // namespace

TEST_CASE("tick killed with SIGKILL at random moments: no duplicate, nothing missing") {
  TempDir dir;
  std::string crashed = demo_db(dir, "crashed.db");
  std::string clean = demo_db(dir, "clean.db");
  const std::vector<std::string> moments = {"2026-11-02T07:00+07:00", "2026-11-16T08:00+07:00",
                                            "2026-11-17T08:00+07:00", "2026-11-19T08:00+07:00",
                                            "2026-11-20T08:30+07:00", "2026-11-23T09:00+07:00"};
  std::mt19937 rng(20261124);
  std::uniform_int_distribution<int> delay_us(0, 20000);
  int kills = 0;
  for (const auto& now : moments) {
    tick(clean, now);
    for (int i = 0; i < 5; ++i, ++kills) {
      Background child({DONDOC_BINARY, "--db", crashed, "tick", "--now", now},
                       dir.file("tick.log"));
      std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));  // a random moment
      child.kill9();
    }
    tick(crashed, now);  // restart: the tick runs to completion
  }
  CHECK(kills == 30);
  int dup_crashed = 0, dup_clean = 0;
  auto a = outbox(crashed, dup_crashed);
  auto b = outbox(clean, dup_clean);
  CHECK(dup_crashed == 0);
  CHECK(dup_clean == 0);
  CHECK(a.size() > 5);
  CHECK(a == b);
  // The database is intact after the kills.
  auto check = run_dondoc({"--db", crashed, "status", "--json", "--now", moments.back()});
  CHECK(check.exit_code == 0);
}
