#include "engine/status.h"

namespace dondoc {

std::string_view to_string(Status s) {
  switch (s) {
    case Status::not_started:
      return "not_started";
    case Status::in_progress:
      return "in_progress";
    case Status::done:
      return "done";
    case Status::blocked:
      return "blocked";
    case Status::extension_requested:
      return "extension_requested";
    case Status::extension_approved:
      return "extension_approved";
    case Status::extension_rejected:
      return "extension_rejected";
  }
  return "not_started";
}

std::optional<Status> status_from_string(std::string_view s) {
  for (Status v :
       {Status::not_started, Status::in_progress, Status::done, Status::blocked,
        Status::extension_requested, Status::extension_approved, Status::extension_rejected}) {
    if (to_string(v) == s) return v;
  }
  return std::nullopt;
}

bool is_overdue(const ObligationState& s, Date due, Instant now) {
  return s.status != Status::done && local_date(now) > effective_due(s, due);
}

bool done_on_time(const ObligationState& s, Date due) {
  return s.done_at && local_date(*s.done_at) <= effective_due(s, due);
}

bool wants_reminders(const ObligationState& s) {
  if (s.status == Status::done) return false;
  if (s.status == Status::extension_approved) return !s.acknowledged_at;
  return !s.acknowledged_at &&
         (s.status == Status::not_started || s.status == Status::extension_rejected);
}

}  // namespace dondoc
