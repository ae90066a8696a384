#include "service/import_plan.h"

#include "service/import_rules.h"

#include "engine/plan_import.h"
#include "service/default_rules.h"
#include "storage/rules_store.h"

namespace dondoc::service {
namespace {

// The demo and the seeds carry their rules: only rules made by default are made again.
bool default_rules_active(Database& db) {
  auto active = active_rules_text(db);
  return active && active->source == kDefaultRulesSource;
}

Date date_for(Database& db, std::optional<Date> given, std::optional<Date> in_file, Instant now) {
  if (given) return *given;
  if (in_file) return *in_file;
  if (auto stored = load_issued(db)) return *stored;
  return local_date(now);
}

struct Parsed {
  std::vector<Body> bodies;
  std::vector<Task> tasks;
  Plan plan;
  std::vector<LineProblem> problems;
};

Parsed parse(PlanFile kind, std::string_view text, const std::vector<Body>& stored) {
  Parsed p;
  switch (kind) {
    case PlanFile::bodies: {
      auto r = import_bodies_csv(text, stored);
      p.bodies = std::move(r.bodies);
      p.problems = std::move(r.problems);
      break;
    }
    case PlanFile::tasks: {
      auto r = import_tasks_csv(text, stored);
      p.tasks = std::move(r.tasks);
      p.problems = std::move(r.problems);
      break;
    }
    case PlanFile::plan: {
      auto r = import_plan_json(text, stored);
      p.plan = std::move(r.plan);
      p.problems = std::move(r.problems);
      break;
    }
  }
  return p;
}

constexpr std::string_view kWhat[] = {"bodies", "tasks", "plan"};

}  // namespace

PlanImportResult import_plan_file(Database& db, const PlanImportRequest& req, Instant now) {
  PlanImportResult out;
  PlanFile kind = req.kind;
  WriteTransaction tx(db);
  std::vector<Body> stored = load_bodies(db);
  Parsed p = parse(kind, req.text, stored);
  if (!p.problems.empty()) {
    for (auto& pr : p.problems) pr.file = req.file;
    out.problems = std::move(p.problems);
    out.no_bodies_yet = kind == PlanFile::tasks && stored.empty();
    return out;  // rolls back: nothing was written
  }
  ImportSource src{std::string(kWhat[static_cast<int>(kind)]), req.file, format_instant(now)};
  if (kind == PlanFile::bodies) {
    out.counts.bodies = save_bodies(db, p.bodies, src);
    out.issued = load_issued(db);
  } else {
    out.issued = date_for(db, req.issued, p.plan.issued, now);
    if (kind == PlanFile::tasks) {
      out.counts.tasks = save_tasks(db, p.tasks, src);
    } else {
      p.plan.issued = out.issued;
      out.counts = save_plan(db, p.plan, src);
    }
    save_issued(db, *out.issued);
  }
  if (!req.default_rules.empty() && default_rules_active(db)) {
    out.rules_remade = load_default_rules(db, req.default_rules, now).empty();
  }
  tx.commit();
  return out;
}

PlanSaveCounts replace_plan_at(Database& db, Plan plan, std::string_view what,
                               std::string_view file, Instant now) {
  if (!plan.issued && !(plan.bodies.empty() && plan.tasks.empty())) plan.issued = local_date(now);
  return replace_plan(db, plan, {std::string(what), std::string(file), format_instant(now)});
}

std::vector<InputError> load_default_rules(Database& db, std::string_view default_text,
                                           Instant now) {
  std::string text = default_rules_for(load_plan(db), default_text);
  return import_rules(db, text, kDefaultRulesSource, now).errors;
}

}  // namespace dondoc::service
