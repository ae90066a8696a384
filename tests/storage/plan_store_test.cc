#include "storage/plan_store.h"
#include "tests/support/scoped_db.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "engine/plan_import.h"
#include "tests/support/both_stores.h"

using namespace dondoc;
using dondoc::testing::on_both_stores;
using dondoc::testing::read_text;
using dondoc::testing::source_path;
using dondoc::testing::StoreUnderTest;

namespace {

Plan demo() {
  auto r = import_plan_json(read_text(source_path("examples/plan.json")), {});
  REQUIRE(r.problems.empty());
  return r.plan;
}

Task task(const std::string& id, const std::string& title) {
  Task t;
  t.id = id;
  t.title = title;
  t.lead = {"vh_xh"};
  t.deadline_text = "Tháng 9/2025";
  t.deadline = *parse_deadline(t.deadline_text);
  return t;
}

std::vector<std::string> ids(const std::vector<Task>& tasks) {
  std::vector<std::string> out;
  for (const auto& t : tasks) out.push_back(t.id);
  return out;
}

nlohmann::json last_audit(Database& db) {
  sql::Statement q(db.sql(),
                   "SELECT kind, subject, source, detail, at FROM audit ORDER BY seq DESC LIMIT 1");
  REQUIRE(q.step());
  return {{"kind", q.column(0).text()},
          {"subject", q.column(1).text()},
          {"source", q.column(2).text()},
          {"detail", nlohmann::json::parse(q.column(3).text())},
          {"at", q.column(4).text()}};
}

}  // namespace

TEST_CASE("plan store: a saved plan loads back the same, in order, with assignees", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    Plan plan = demo();
    {
      dondoc::testing::ScopedDb db(backend.location);
      CHECK(plan_is_empty(db));
      auto c = save_plan(db, plan, {"plan", "plan.json", "2025-09-15T08:00+07:00"});
      CHECK(c.bodies.inserted == 11);
      CHECK(c.tasks.inserted == 8);
      CHECK(c.indicators.inserted == static_cast<int>(plan.indicators.size()));
    }
    dondoc::testing::ScopedDb db(backend.location);
    CHECK_FALSE(plan_is_empty(db));
    Plan back = load_plan(db);
    REQUIRE(back.bodies.size() == plan.bodies.size());
    for (std::size_t i = 0; i < plan.bodies.size(); ++i) {
      CHECK(back.bodies[i].id == plan.bodies[i].id);
      CHECK(back.bodies[i].aliases == plan.bodies[i].aliases);
      CHECK(back.bodies[i].members == plan.bodies[i].members);
      CHECK(back.bodies[i].kind == plan.bodies[i].kind);
      CHECK(back.bodies[i].leader == plan.bodies[i].leader);
    }
    REQUIRE(back.tasks.size() == 8);
    for (std::size_t i = 0; i < 8; ++i) {
      CHECK(back.tasks[i].id == plan.tasks[i].id);
      CHECK(back.tasks[i].section_title == plan.tasks[i].section_title);
      CHECK(back.tasks[i].coordinators == plan.tasks[i].coordinators);
      CHECK(back.tasks[i].deadline == plan.tasks[i].deadline);
    }
    CHECK(back.tasks[1].assignees.front() == Assignee{"vh_xh", Assignee::Role::lead});
    CHECK(back.tasks[1].assignees.size() == 4);
    REQUIRE(back.indicators.size() == plan.indicators.size());
    CHECK(back.indicators[0].milestones == plan.indicators[0].milestones);

    auto a = last_audit(db);
    CHECK(a["kind"] == "import");
    CHECK(a["subject"] == "plan");
    CHECK(a["source"] == "plan.json");
    CHECK(a["at"] == "2025-09-15T08:00+07:00");
    CHECK(a["detail"]["file"] == "plan.json");
    CHECK(a["detail"]["tasks"] == 8);
    CHECK(a["detail"]["bodies"] == 11);
  });
}

TEST_CASE("plan store: re-importing updates by id and keeps or sets the order", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    save_tasks(db, {task("1", "Một"), task("2", "Hai"), task("3", "Ba")}, {"tasks", "a.csv", "t"});

    // A partial file: stored tasks keep their places, new ones follow.
    auto c = save_tasks(db, {task("4", "Bốn"), task("2", "Hai (sửa)")}, {"tasks", "b.csv", "t"});
    CHECK(c.inserted == 1);
    CHECK(c.updated == 1);
    auto tasks = load_tasks(db);
    CHECK(ids(tasks) == std::vector<std::string>{"1", "2", "3", "4"});
    CHECK(tasks[1].title == "Hai (sửa)");

    // A file holding every task sets the order.
    save_tasks(db, {task("4", "Bốn"), task("3", "Ba"), task("2", "Hai"), task("1", "Một")},
               {"tasks", "c.csv", "t"});
    CHECK(ids(load_tasks(db)) == std::vector<std::string>{"4", "3", "2", "1"});
    auto a = last_audit(db);
    CHECK(a["detail"]["tasks"] == 4);
    CHECK(a["detail"]["updated"] == 4);
  });
}

TEST_CASE("plan store: bodies upsert by id; replace_plan swaps the whole plan", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    Plan plan = demo();
    save_plan(db, plan, {"plan", "plan.json", "t"});
    Body renamed = plan.bodies[2];
    renamed.name = "Phòng Kinh tế xã";
    auto c = save_bodies(db, {renamed}, {"bodies", "b.csv", "t"});
    CHECK(c.updated == 1);
    auto bodies = load_bodies(db);
    CHECK(bodies.size() == 11);
    CHECK(bodies[2].name == "Phòng Kinh tế xã");

    Plan small;
    small.bodies = {plan.bodies[1]};
    small.bodies[0].leader = "";
    small.tasks = {task("9", "Chín")};
    replace_plan(db, small, {"demo", "plan.json", "t"});
    Plan back = load_plan(db);
    CHECK(back.bodies.size() == 1);
    CHECK(ids(back.tasks) == std::vector<std::string>{"9"});
    CHECK(back.indicators.empty());
  });
}

TEST_CASE("plan store: the plan's date and the directing bodies are stored and loaded back",
          "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    Plan plan = demo();
    CHECK_FALSE(load_plan(db).issued);
    plan.issued = make_date(2025, 9, 11);
    plan.tasks[0].directing = {"chu_tich"};
    save_plan(db, plan, {"plan", "plan.json", "2026-01-05T08:00+07:00"});
    Plan back = load_plan(db);
    CHECK(back.issued == make_date(2025, 9, 11));
    CHECK(back.tasks[0].directing == std::vector<std::string>{"chu_tich"});
    CHECK(back.tasks[1].directing.empty());
    bool directs = false;
    for (const auto& a : back.tasks[0].assignees)
      directs = directs || (a.body == "chu_tich" && a.role == Assignee::Role::directing);
    CHECK(directs);
    // A plan without a date keeps the stored one; save_issued sets it; replace_plan resets it.
    Plan undated = demo();
    undated.issued.reset();
    save_plan(db, undated, {"plan", "plan.json", "2026-01-05T08:00+07:00"});
    CHECK(load_issued(db) == make_date(2025, 9, 11));
    save_issued(db, *make_date(2026, 1, 2));
    CHECK(load_issued(db) == make_date(2026, 1, 2));
    replace_plan(db, undated, {"init", "", "2026-01-05T08:00+07:00"});
    CHECK_FALSE(load_issued(db));
  });
}
