// The extension use case: the secretariat approves or rejects a body's pending request for more
// time (`dondoc extension approve|reject`, the dashboard). Approval moves the obligation's due
// date; the engine's reminders and escalations follow the new date. One transaction with its audit
// entry and the message telling the body. Call from the thread that owns the Database.
#pragma once

#include <string>

#include "service/record.h"

namespace dondoc::service {

struct ExtensionDecision {
  bool approve = true;
  std::string task;    // may be empty when cycle is given
  std::string body;    // body id
  std::string cycle;   // "" = the task's own deadline
  std::string period;  // "" = the nearest open one
  std::string by;      // who decided ("secretariat", a user name)
  Instant at{};
};

// Error (nothing changed) when there is no such obligation or no request is pending.
Result<CommandOutcome> decide_extension(Database& db, const ExtensionDecision& d);

}  // namespace dondoc::service
