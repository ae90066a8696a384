// The blocker use case: a decider marks a body's blocker on a task handled, with a note (the
// dashboard's task page). The obligation goes back to in progress (its percent kept, the reason
// cleared) and an audit row "blocker_handled" keeps the note and the old reason, in one
// transaction. Call from the thread that owns the Database, in the commune's scope.
#pragma once

#include <string>

#include "rules/date.h"
#include "service/record.h"

namespace dondoc::service {

struct BlockerHandled {
  std::string task, body;
  std::string note;  // required: what was done about it
  std::string by;    // the signed-in user: the audit's actor
  Instant at{};
};

// Error in Vietnamese (nothing changed): no note, no such obligation, or it is not blocked.
Result<CommandOutcome> handle_blocker(Database& db, const BlockerHandled& h);

}  // namespace dondoc::service
