// Engine commands: what a person does to an obligation — record a status (done, in progress with a
// percent, blocked with a reason, not started, extension requested with a new date), acknowledge a
// nudge, or (secretariat) approve / reject an extension. Pure; any thread.
//
// How the bot (or the CLI) uses it, inside one storage transaction:
//   EngineState st = store.load().value();
//   Command cmd{Command::Kind::set_status, "NV3", "vh_xh"};      // task, body
//   cmd.status = Status::done; cmd.at = event_time; cmd.source = "chat:telegram:123";
//   Result<Batch> r = apply_command(st, cmd);   // error: a Vietnamese message for the user
//   if (r) store.apply(*r);                     // state + audit + confirmation message, atomically
// For a report instead of a task's own deadline set cmd.cycle ("monthly") and optionally
// cmd.period ("2026-11"); without a period the nearest open period is meant. Without cmd.period a
// yearly task means its nearest open year. The confirmation text ("Đã ghi nhận: NV3 — hoàn thành
// (đúng hạn)") is in the returned batch's first message and in CommandOutcome below.
#pragma once

#include <optional>
#include <string>

#include "engine/state.h"
#include "rules/result.h"

namespace dondoc {

struct Command {
  enum class Kind { set_status, acknowledge, approve_extension, reject_extension };
  Kind kind = Kind::set_status;
  std::string task;  // may be empty when cycle is given
  std::string body;
  std::string cycle;                    // "" = the task's own deadline
  std::string period;                   // "" = the nearest open one
  Status status = Status::not_started;  // set_status
  int percent = 0;                      // in_progress: 0..99
  std::string reason;                   // blocked
  std::optional<Date> new_due;          // extension_requested
  Instant at{};
  std::string source;  // "chat:<event id>", "cli:<who>", ...
};

// The obligation a command names; an error in Vietnamese when there is none.
Result<Obligation> find_obligation(const EngineState& st, const std::string& task,
                                   const std::string& body, const std::string& cycle,
                                   const std::string& period, Instant at);

// The state change, its audit entry and the confirmation message (to the body). Bad input (unknown
// task/body, percent out of range, approving with no request pending) -> error, nothing changed.
Result<Batch> apply_command(const EngineState& st, const Command& cmd);

}  // namespace dondoc
