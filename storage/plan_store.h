// The plan in SQLite: bodies, tasks and indicators saved by id (insert or update) in one
// transaction with an "import" audit row, and loaded back in plan order. Callers own a Database
// on their thread; SQLite exceptions rise to the caller (nothing is half-written).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/model.h"
#include "storage/database.h"

namespace dondoc {

// Where an import came from, for the audit row.
struct ImportSource {
  std::string what;     // "bodies" | "tasks" | "plan" | "demo"
  std::string file;     // as the user named it
  std::string now_iso;  // when
};

struct SaveCounts {
  int inserted = 0;
  int updated = 0;
  int total() const { return inserted + updated; }
};

struct PlanSaveCounts {
  SaveCounts bodies, tasks, indicators;
};

std::vector<Body> load_bodies(Database& db);           // in the order first imported
std::vector<Task> load_tasks(Database& db);            // plan order, assignees not derived
std::vector<Indicator> load_indicators(Database& db);  // plan order
Plan load_plan(Database& db);                          // all three, issued, assignees derived
bool plan_is_empty(Database& db);                      // no bodies and no tasks
struct PlanCounts {
  std::int64_t bodies = 0, tasks = 0;
};
PlanCounts count_plan(Database& db);  // COUNT queries: `commune list` loads no plan

// The plan's date (Plan::issued): nullopt for a plan stored before it existed. save_plan and
// replace_plan store it when the plan has one; save_issued sets it alone (`import tasks
// --issued`), inside the caller's transaction if there is one.
std::optional<Date> load_issued(Database& db);
void save_issued(Database& db, Date issued);

// Insert or update by id. Task order: a file holding every stored task sets the order; otherwise
// stored tasks keep their places and new ones follow. Nothing is deleted.
SaveCounts save_bodies(Database& db, const std::vector<Body>& bodies, const ImportSource& src);
SaveCounts save_tasks(Database& db, const std::vector<Task>& tasks, const ImportSource& src);
PlanSaveCounts save_plan(Database& db, const Plan& plan, const ImportSource& src);

// Deletes the stored bodies, tasks and indicators and stores `plan` instead, in one transaction
// (foreign keys from other tables are checked at commit).
PlanSaveCounts replace_plan(Database& db, const Plan& plan, const ImportSource& src);

}  // namespace dondoc
