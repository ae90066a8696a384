// The ad-hoc reminder use case: a decider sends one reminder to a body now, about one task (the
// dashboard's task page), queued in the outbox like the engine's own reminders. At most one per
// body per clock hour (its send key names the hour), refused otherwise. Audited with the user as
// actor, in one transaction. Call from the thread that owns the Database, in the commune's scope.
#pragma once

#include <string>

#include "rules/date.h"
#include "rules/result.h"
#include "storage/database.h"

namespace dondoc::service {

struct AdhocReminder {
  std::string body;
  std::string task;  // the task it is about
  std::string by;    // the signed-in user
  Instant at{};
};

// The message's text, as queued; error in Vietnamese (nothing queued) for an unknown body or task,
// a body not assigned to the task, or a reminder already sent to the body within this hour.
Result<std::string> send_adhoc_reminder(Database& db, const AdhocReminder& a);

}  // namespace dondoc::service
