// The demo plan and rules in a one-commune database for the dashboard's tests, with helpers to
// record statuses and build viewers. Test threads.
#pragma once

#include <string>

#include "engine/commands.h"
#include "service/dashboard.h"
#include "service/import_plan.h"
#include "service/import_rules.h"
#include "service/record.h"
#include "service/tick.h"
#include "tests/support/fake_clock.h"
#include "tests/support/process.h"
#include "tests/support/scoped_db.h"

namespace dondoc::testing {

inline Instant at(const char* iso) { return *parse_instant(iso); }

struct DashboardDb {
  TempDir dir;
  std::string path = dir.file("d.db");
  ScopedDb db{path};

  DashboardDb() {
    Instant t0 = at("2025-09-20T08:00+07:00");
    auto r = service::import_plan_file(db,
                                       {service::PlanFile::plan,
                                        "plan.json",
                                        read_text(source_path("examples/plan.json")),
                                        {},
                                        {}},
                                       t0);
    REQUIRE(r.ok());
    REQUIRE(
        service::import_rules(db, read_text(source_path("examples/rules.jsonc")), "rules.jsonc", t0)
            .version);
    FakeClock clock(at("2025-09-22T08:00+07:00"));
    REQUIRE(service::tick(db, clock));
  }

  void record(const std::string& task, const std::string& body, Status s, const char* when,
              int percent = 0, const std::string& cycle = "", const std::string& period = "",
              const char* new_due = "2025-10-31") {
    Command c;
    c.task = task;
    c.body = body;
    c.cycle = cycle;
    c.period = period;
    c.status = s;
    c.percent = percent;
    if (s == Status::blocked) c.reason = "chưa có kinh phí";
    if (s == Status::extension_requested) c.new_due = parse_date(new_due);
    c.at = at(when);
    c.source = "cli:test";
    auto out = service::record(db, c);
    REQUIRE(out);
  }
};

inline service::Viewer admin(Database& db) {
  service::Viewer v;
  v.name = "admin";
  v.role = service::Role::admin;
  v.commune = db.commune();
  return v;
}

inline service::Viewer head(Database& db, const std::string& body) {
  service::Viewer v = admin(db);
  v.name = "head";
  v.role = service::Role::head;
  v.body = body;
  return v;
}

}  // namespace dondoc::testing
