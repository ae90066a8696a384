// What a chat's reply reads of the recorded states (storage/body_states.h): for a command on one
// task, that task's states alone (the body's own, its leads' where they count), in the reply's
// commune only; the command it applies is the one the body's whole state would have given.

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "engine/commands.h"
#include "engine/plan_import.h"
#include "storage/body_states.h"
#include "storage/engine_store.h"
#include "storage/plan_store.h"
#include "storage/rules_store.h"
#include "tests/support/process.h"
#include "tests/support/scoped_db.h"

using namespace dondoc;
using dondoc::testing::ensure_commune;
using dondoc::testing::read_text;
using dondoc::testing::source_path;
using dondoc::testing::TempDir;

namespace {

const char* kNow = "2026-03-02T01:00:00Z";

ObligationState state(const std::string& task, const std::string& body, Status status,
                      const std::string& reason) {
  ObligationState s;
  s.task = task;
  s.body = body;
  s.id = obligation_id(task, body, "", "");
  s.status = status;
  s.reason = reason;
  return s;
}

// The demo plan and rules in commune `id`, and states of kinh_te: on task 2 (one-off, led by
// vh_xh, kinh_te coordinates; vh_xh's extension to 2025-10-15 is approved), task 5 (one-off, led
// by pbn_dv's four members, tt_hcc done) and task 1 (continuous). Each reason names the commune.
std::int64_t fill(Database& db, const std::string& id) {
  std::int64_t key = ensure_commune(db, id);
  CommuneScope scope(db, key);
  auto plan = import_plan_json(read_text(source_path("examples/plan.json")), {});
  REQUIRE(plan.problems.empty());
  save_plan(db, plan.plan, {"plan", "plan.json", kNow});
  store_rules(db, read_text(source_path("examples/rules.jsonc")), "rules.jsonc", kNow);
  Batch b;
  b.states.push_back(state("2", "kinh_te", Status::in_progress, id));
  b.states.push_back(state("2", "vh_xh", Status::extension_approved, id));
  b.states.back().due_override = parse_date("2025-10-15");
  b.states.push_back(state("5", "kinh_te", Status::in_progress, id));
  b.states.push_back(state("5", "tt_hcc", Status::done, id));
  b.states.push_back(state("1", "kinh_te", Status::in_progress, id));
  SqliteEngineStore(db).apply(b);
  return key;
}

std::set<std::string> ids(const EngineState& st) {
  std::set<std::string> out;
  for (const auto& [id, s] : st.obligations) out.insert(id);
  return out;
}

}  // namespace

TEST_CASE("a reply's command on one task reads that task's states, in its commune only") {
  TempDir dir;
  Database db(dir.path() + "/d.db");
  std::int64_t a = fill(db, "a");
  fill(db, "b");  // the same ids in another commune
  CommuneScope scope(db, a);

  auto base = SqliteEngineStore(db).load_for_body("");
  REQUIRE(base);
  CHECK(base->obligations.empty());
  EngineState one = *base;
  const std::string two = "2";
  load_body_states(db, one, "kinh_te", &two);
  CHECK(ids(one) == std::set<std::string>{obligation_id("2", "kinh_te", "", ""),
                                          obligation_id("2", "vh_xh", "", "")});
  for (const auto& [id, s] : one.obligations) CHECK(s.reason == "a");

  // Without a task: every state load_for_body reads for the body.
  auto full = SqliteEngineStore(db).load_for_body("kinh_te");
  REQUIRE(full);
  EngineState all = *base;
  load_body_states(db, all, "kinh_te", nullptr);
  CHECK(ids(all) == ids(*full));
  CHECK(ids(all).size() == 5);  // task 5 closes when tt_hcc and the other leads are done

  // The command gives what the whole state gives: the coordinator follows the lead's extension.
  Command c;
  c.task = "2";
  c.body = "kinh_te";
  c.status = Status::done;
  c.percent = 100;
  c.at = *parse_instant(kNow);
  c.source = "chat:test";
  auto from_one = apply_command(one, c);
  auto from_full = apply_command(*full, c);
  REQUIRE(from_one);
  REQUIRE(from_full);
  REQUIRE(from_one->states.size() == 1);
  CHECK(from_one->states[0].id == from_full->states[0].id);
  CHECK(from_one->states[0].reason == from_full->states[0].reason);
  REQUIRE(from_one->messages.size() == from_full->messages.size());
  REQUIRE(!from_one->messages.empty());
  CHECK(from_one->messages[0].text == from_full->messages[0].text);
  CHECK(from_one->messages[0].due == from_full->messages[0].due);
  CHECK(from_one->messages[0].due == parse_date("2025-10-15"));
}

TEST_CASE("a state the reply already holds is kept when more of the body's states are read") {
  TempDir dir;
  Database db(dir.path() + "/d.db");
  CommuneScope scope(db, fill(db, "a"));
  auto loaded = SqliteEngineStore(db).load_for_body("");
  REQUIRE(loaded);
  EngineState st = *loaded;
  const std::string two = "2", five = "5";
  load_body_states(db, st, "kinh_te", &two);
  // The reply recorded task 2 done (apply_batch); reading task 5, then everything, keeps it.
  st.obligations[obligation_id("2", "kinh_te", "", "")].status = Status::done;
  load_body_states(db, st, "kinh_te", &five);
  CHECK(st.obligations.count(obligation_id("5", "tt_hcc", "", "")) == 1);
  load_body_states(db, st, "kinh_te", nullptr);
  CHECK(st.obligations.at(obligation_id("2", "kinh_te", "", "")).status == Status::done);
  CHECK(st.obligations.at(obligation_id("5", "kinh_te", "", "")).status == Status::in_progress);
  CHECK(st.obligations.size() == 5);
}
