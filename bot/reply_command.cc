#include "bot/reply_command.h"

#include <algorithm>

namespace dondoc::bot {
namespace {

Status to_status(ReplyStatus s) {
  switch (s) {
    case ReplyStatus::done:
      return Status::done;
    case ReplyStatus::in_progress:
      return Status::in_progress;
    case ReplyStatus::blocked:
      return Status::blocked;
    case ReplyStatus::extension_requested:
      return Status::extension_requested;
    case ReplyStatus::not_started:
      break;
  }
  return Status::not_started;
}

}  // namespace

Command to_command(const ReplyItem& item, const std::string& body, const std::string& task,
                   Instant at, const std::string& source) {
  Command cmd;
  cmd.kind = Command::Kind::set_status;
  cmd.task = item.task.value_or(task);
  cmd.body = body;
  cmd.status = to_status(item.status);
  int pct = item.percent.value_or(cmd.status == Status::done ? 100 : 0);
  cmd.percent = cmd.status == Status::in_progress ? std::min(pct, 99) : pct;
  cmd.reason = item.reason.value_or("");
  cmd.new_due = item.new_due;
  cmd.at = at;
  cmd.source = source;
  return cmd;
}

}  // namespace dondoc::bot
