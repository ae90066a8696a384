// The record use case: a status on a body's behalf (a report made by phone, `dondoc record`, the
// dashboard) — done, in progress with a percent, blocked with a reason, not started, extension
// requested with a date, or a report submitted (cycle + period) — through the engine's command
// path, committed with its audit entry and confirmation message in one transaction. Call from the
// thread that owns the Database.
#pragma once

#include <string>

#include "engine/commands.h"
#include "storage/database.h"

namespace dondoc::service {

struct CommandOutcome {
  ObligationState state;  // the obligation as recorded
  std::string message;    // the confirmation, as the body reads it ("" when none)
};

// Applies a set_status command (cmd.kind must be set_status). Bad input (unknown task or body, a
// percent out of range, no such open obligation) -> an error in Vietnamese, nothing changed.
// Joins the caller's transaction when one is open.
Result<CommandOutcome> record(Database& db, const Command& cmd);

// Applies any engine command in one transaction; what record() and decide_extension() share.
Result<CommandOutcome> apply(Database& db, const Command& cmd);

}  // namespace dondoc::service
