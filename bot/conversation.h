// What the bot does with one inbound event, pure: given the event and what storage knows about the
// chat (its linked body, the task of the nudge it answers, the open tasks, what the reply parser
// found), decide one action: link, apply the reply, ask which task, explain the chat is unlinked,
// or handle an inline button. Any thread; no I/O, no clock.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/indicator_intent.h"
#include "bot/intent.h"
#include "bot/payloads.h"

namespace dondoc::bot {

// What a nudge delivered to the chat was about: a task, or a report's cycle.
struct Nudge {
  std::string task;
  std::string cycle;
};

// What storage and the parsers know, filled by the caller before deciding.
struct ChatContext {
  std::optional<std::string> body;           // the body this chat is linked to
  bool explained_recently = false;           // unlinked explanation sent in the last 24 h
  std::optional<Nudge> reply_to;             // the nudge the message replies to
  std::optional<Nudge> recent_nudge;         // the most recent nudge to this chat within 3 days
  std::vector<std::string> open_tasks;       // the body's open tasks, in plan order
  std::size_t items = 0;                     // items the reply parser found in the text
  std::size_t items_without_task = 0;        // of which name no task
  bool all_done = false;                     // every item says done ("xong")
  Intent intent = Intent::none;              // help, what do I owe, thanks, sign in
  std::optional<ReportSubmitted> report;     // "Báo cáo tháng 11 đã gửi"
  std::optional<IndicatorReport> indicator;  // "CT 1.1: 2 doanh nghiệp"
};

struct Action {
  enum class Kind {
    ignore,            // nothing to do (other events, repeated unlinked messages)
    link,              // code: bind this chat with the code
    explain_unlinked,  // send the explanation once
    apply_reply,       // apply the parsed items; task: the task for items naming none (may be "")
    ask_which_task,    // list the open tasks
    not_understood,    // linked, but the text says nothing we understand
    button_status,     // task + status from a button: apply it
    button_prompt,     // task + status (blocked / extension_requested): ask for reason or date
    help,              // how to reply, with examples
    owed,              // list what the body owes
    thanks,            // a short acknowledgement, nothing recorded
    report_submitted,  // cycle (+ period, "" = the nearest open one): record the report as sent
    sign_in,           // "đăng nhập": send a one-time link to the dashboard
    indicator_value,   // indicator: record the value reported for an indicator
  };
  Kind kind = Kind::ignore;
  std::string code;
  std::string task;
  std::string status;  // "done", "in_progress", "blocked", "extension_requested"
  std::string cycle;   // report_submitted
  std::string period;  // report_submitted
  std::optional<IndicatorReport> indicator;  // indicator_value
};

Action decide(const InboundEvent& event, const ChatContext& ctx);

// Inline buttons of a nudge about `task`; empty when the data would not fit in 64 bytes.
std::vector<Button> nudge_buttons(std::string_view task);
// callback_data "s|<task>|<d|p|b|e>" <-> (task, status).
std::string button_data(std::string_view task, std::string_view status);
struct ButtonPress {
  std::string task;
  std::string status;
};
std::optional<ButtonPress> parse_button_data(std::string_view data);

}  // namespace dondoc::bot
