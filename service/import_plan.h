// The plan import use cases (`dondoc import bodies|tasks|plan`, `dondoc init`, next the web
// pages): a plan file's text parsed and, when every row is valid, stored all or nothing in one
// transaction with its audit row, the plan's date and, when the default rules are in use, the
// default rules made again for the new plan. Call from the thread that owns the Database.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/csv.h"
#include "engine/model.h"
#include "rules/date.h"
#include "rules/input_error.h"
#include "storage/database.h"
#include "storage/plan_store.h"

namespace dondoc::service {

enum class PlanFile { bodies, tasks, plan };  // bodies CSV, task table CSV, whole plan JSON

struct PlanImportResult {
  std::vector<LineProblem> problems;  // every problem, `file` set; nothing stored when any
  bool no_bodies_yet = false;         // a task table read against an empty bodies table
  PlanSaveCounts counts;
  std::optional<Date> issued;  // the plan's date as stored (bodies: unchanged, may be unset)
  bool rules_remade = false;   // the default rules were made again for the new plan
  bool ok() const { return problems.empty(); }
};

struct PlanImportRequest {
  PlanFile kind = PlanFile::plan;
  std::string file;                // as the user named it: in problems and in the audit row
  std::string_view text;           // the file's content
  std::optional<Date> issued;      // `--issued`
  std::string_view default_rules;  // examples/rules.jsonc: rules made by default are made again
};

// Reads the request's text as its kind and stores it at `now`. The plan's date (tasks and plan
// files): `issued` when given, else the file's "issued" (plan JSON), else the date already
// stored, else the local date of `now`.
PlanImportResult import_plan_file(Database& db, const PlanImportRequest& req, Instant now);

// `init`: replaces whatever plan is stored by `plan` (the demo, or an empty plan) with its date,
// or the local date of `now` when a non-empty plan has none. Joins the caller's transaction.
PlanSaveCounts replace_plan_at(Database& db, Plan plan, std::string_view what,
                               std::string_view file, Instant now);

// Loads the default rules (default_rules_for the stored plan, from `default_text`) as the active
// rules, marked so that later imports make them again. Errors as rules loading gives them (none
// expected). Joins the caller's transaction.
std::vector<InputError> load_default_rules(Database& db, std::string_view default_text,
                                           Instant now);

}  // namespace dondoc::service
