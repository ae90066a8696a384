// The one classification of a task assignee obligation (service/dashboard.h): its bucket, colour,
// labels, and the counts every view (overview, API, status --json, province) is built from.
#include "service/dashboard.h"

namespace dondoc::service {

Standing standing_of(const StatusRow& row) {
  const ObligationState& s = row.state;
  if (s.status == Status::done) {
    if (!row.due) return Standing::done_on_time;  // continuous work has no date to miss
    return done_on_time(s, row.obligation.due) ? Standing::done_on_time : Standing::done_late;
  }
  if (row.overdue) return Standing::overdue;
  if (s.status != Status::not_started || s.percent > 0) return Standing::in_progress;
  return Standing::not_started;
}

Tone tone_of(Standing s) {
  switch (s) {
    case Standing::done_on_time:
      return Tone::green;
    case Standing::done_late:
      return Tone::orange;
    case Standing::in_progress:
      return Tone::blue;
    case Standing::overdue:
      return Tone::red;
    case Standing::not_started:
      return Tone::grey;
  }
  return Tone::grey;
}

std::string_view to_string(Standing s) {
  switch (s) {
    case Standing::done_on_time:
      return "done_on_time";
    case Standing::done_late:
      return "done_late";
    case Standing::in_progress:
      return "in_progress";
    case Standing::overdue:
      return "overdue";
    case Standing::not_started:
      return "not_started";
  }
  return "not_started";
}

std::optional<Standing> standing_from_string(std::string_view text) {
  for (Standing s : {Standing::done_on_time, Standing::done_late, Standing::in_progress,
                     Standing::overdue, Standing::not_started}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

std::string_view label_vi(Standing s) {
  switch (s) {
    case Standing::done_on_time:
      return "Hoàn thành đúng hạn";
    case Standing::done_late:
      return "Hoàn thành quá hạn";
    case Standing::in_progress:
      return "Đang thực hiện trong hạn";
    case Standing::overdue:
      return "Quá hạn chưa hoàn thành";
    case Standing::not_started:
      return "Chưa bắt đầu";
  }
  return "Chưa bắt đầu";
}

std::string_view to_string(Tone t) {
  switch (t) {
    case Tone::green:
      return "green";
    case Tone::orange:
      return "orange";
    case Tone::blue:
      return "blue";
    case Tone::red:
      return "red";
    case Tone::grey:
      return "grey";
  }
  return "grey";
}

bool is_task_row(const StatusRow& row) { return !row.obligation.task.empty(); }

void Counts::add(const StatusRow& row) {
  if (!is_task_row(row)) return;
  switch (standing_of(row)) {
    case Standing::done_on_time:
      ++done_on_time;
      break;
    case Standing::done_late:
      ++done_late;
      break;
    case Standing::in_progress:
      ++in_progress;
      break;
    case Standing::overdue:
      ++overdue;
      break;
    case Standing::not_started:
      ++not_started;
      break;
  }
  ++total;
  bool open = row.state.status != Status::done;
  if (open && row.state.status == Status::blocked) ++blocked;
  if (row.state.status == Status::extension_requested) ++extension_requested;
  int fell_due = done_on_time + done_late + overdue;
  on_time_rate = fell_due > 0 ? std::optional<double>(static_cast<double>(done_on_time) / fell_due)
                              : std::nullopt;
}

}  // namespace dondoc::service
