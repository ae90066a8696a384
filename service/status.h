// The status query: every obligation in the engine's window with its recorded state, the due date
// after any approved extension, and whether it is overdue at `now` — for `dondoc status`, the
// bot's "nhiệm vụ của tôi" and the dashboard. Reads only. Call from the thread that owns the
// Database.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/obligation.h"
#include "engine/state.h"
#include "engine/status.h"
#include "rules/result.h"
#include "storage/database.h"

namespace dondoc::service {

struct StatusQuery {
  std::string body;           // "" = every body; else an id
  bool overdue_only = false;  // only what is late at `now`
  bool open_only = false;     // leave out what is done
};

struct StatusRow {
  Obligation obligation;
  ObligationState state;    // recorded, or a default one (not started)
  std::optional<Date> due;  // after an approved extension; nullopt for continuous work
  bool overdue = false;
  std::string label;      // "Nhiệm vụ 2: Hoàn thành …" / "Báo cáo tháng 11/2026"
  std::string body_name;  // the plan's name for the body
  std::string status;     // in words: "đang thực hiện 60%", "hoàn thành"
};

struct StatusView {
  std::vector<StatusRow> rows;  // continuous work first, then by due date
  std::string body_name;        // the queried body's name, when one was asked for
};

// Error (in Vietnamese): no rules loaded yet, or an unknown body.
Result<StatusView> plan_status(Database& db, Instant now, const StatusQuery& q);
// The same over a state already loaded (the dashboard loads it once for its other parts too).
Result<StatusView> plan_status(const EngineState& st, Instant now, const StatusQuery& q);

}  // namespace dondoc::service
