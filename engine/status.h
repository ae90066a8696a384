// The lifecycle of one obligation: its recorded status (never "overdue", which is computed), the
// percent, blocker reason, extension dates and acknowledgement. Plain data and pure helpers; any
// thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "rules/date.h"

namespace dondoc {

enum class Status {
  not_started,
  in_progress,
  done,
  blocked,
  extension_requested,
  extension_approved,
  extension_rejected
};

std::string_view to_string(Status s);
std::optional<Status> status_from_string(std::string_view s);

// What is recorded about one obligation (rows exist only once something was recorded). The
// identifying fields repeat the obligation's id parts so a store can list them without the plan.
struct ObligationState {
  std::string id;  // obligation_id(...)
  std::string task;
  std::string body;
  std::string cycle;
  std::string period;
  Status status = Status::not_started;
  int percent = 0;                         // in_progress: 0..99; done: 100
  std::string reason;                      // blocked
  std::optional<Date> requested_due;       // extension_requested
  std::optional<Date> due_override;        // extension_approved: the due date moved here
  std::optional<Instant> acknowledged_at;  // answered a nudge in any way
  std::optional<Instant> last_reply;
  std::optional<Instant> status_at;  // when the current status was recorded
  std::optional<Instant> done_at;
  std::string source;  // of the last change: "chat:<event>", "cli:<who>", "approval:<who>"
};

// The due date after any approved extension.
inline Date effective_due(const ObligationState& s, Date due) {
  return s.due_override.value_or(due);
}

// Overdue is computed: not done and the local date of `now` is after the due date.
bool is_overdue(const ObligationState& s, Date due, Instant now);

// Done on time: recorded done on or before the due date (local). Requires: s.status == done.
bool done_on_time(const ObligationState& s, Date due);

// Reminders stop once the body replied in any way or the work is done; an approved extension
// re-opens reminders for the new date.
bool wants_reminders(const ObligationState& s);

// Escalation is paused while an extension request waits for the secretariat.
inline bool escalation_paused(const ObligationState& s) {
  return s.status == Status::extension_requested;
}

}  // namespace dondoc
