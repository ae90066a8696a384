#include "bot/conversation.h"

#include "bot/linking.h"
#include "bot/templates_vi.h"

namespace dondoc::bot {
namespace {

struct StatusCode {
  char code;
  std::string_view status;
};
constexpr StatusCode kStatusCodes[] = {
    {'d', "done"}, {'p', "in_progress"}, {'b', "blocked"}, {'e', "extension_requested"}};

Action make(Action::Kind kind) {
  Action a;
  a.kind = kind;
  return a;
}

Action report_sent(std::string cycle, std::string period) {
  Action a = make(Action::Kind::report_submitted);
  a.cycle = std::move(cycle);
  a.period = std::move(period);
  return a;
}

Action decide_message(const InboundEvent& event, const ChatContext& ctx) {
  if (auto code = parse_link_request(event.text)) {
    Action a = make(Action::Kind::link);
    a.code = *code;
    return a;
  }
  if (!ctx.body) {
    return make(ctx.explained_recently ? Action::Kind::ignore : Action::Kind::explain_unlinked);
  }
  if (ctx.indicator) {
    Action a = make(Action::Kind::indicator_value);
    a.indicator = ctx.indicator;
    return a;
  }
  if (ctx.report) return report_sent(ctx.report->cycle, ctx.report->period);
  switch (ctx.intent) {
    case Intent::help:
      return make(Action::Kind::help);
    case Intent::owed:
      return make(Action::Kind::owed);
    case Intent::thanks:
      return make(Action::Kind::thanks);
    case Intent::sign_in:
      return make(Action::Kind::sign_in);
    case Intent::none:
      break;
  }
  if (ctx.items == 0) return make(Action::Kind::not_understood);
  Action a = make(Action::Kind::apply_reply);
  if (ctx.items_without_task == 0) return a;
  const std::optional<Nudge>& nudge = ctx.reply_to ? ctx.reply_to : ctx.recent_nudge;
  if (nudge && !nudge->task.empty()) {
    a.task = nudge->task;
  } else if (nudge && ctx.items == 1 && ctx.all_done) {  // "xong" to a report nudge
    return report_sent(nudge->cycle, "");
  } else if (ctx.open_tasks.size() == 1) {
    a.task = ctx.open_tasks.front();
  } else {
    return make(Action::Kind::ask_which_task);
  }
  return a;
}

Action decide_button(const InboundEvent& event, const ChatContext& ctx) {
  auto press = parse_button_data(event.callback_data);
  if (!press) return make(Action::Kind::ignore);
  if (!ctx.body) {
    return make(ctx.explained_recently ? Action::Kind::ignore : Action::Kind::explain_unlinked);
  }
  bool needs_more = press->status == "blocked" || press->status == "extension_requested";
  Action a = make(needs_more ? Action::Kind::button_prompt : Action::Kind::button_status);
  a.task = press->task;
  a.status = press->status;
  return a;
}

}  // namespace

Action decide(const InboundEvent& event, const ChatContext& ctx) {
  switch (event.kind) {
    case InboundEvent::Kind::message:
      return decide_message(event, ctx);
    case InboundEvent::Kind::button:
      return decide_button(event, ctx);
    case InboundEvent::Kind::other:
      break;
  }
  return make(Action::Kind::ignore);
}

std::string button_data(std::string_view task, std::string_view status) {
  char code = '?';
  for (const auto& s : kStatusCodes) {
    if (s.status == status) code = s.code;
  }
  return "s|" + std::string(task) + "|" + std::string(1, code);
}

std::optional<ButtonPress> parse_button_data(std::string_view data) {
  if (data.size() < 5 || data.size() > kCallbackDataMaxBytes || data.substr(0, 2) != "s|") {
    return std::nullopt;
  }
  if (data[data.size() - 2] != '|') return std::nullopt;
  std::string task(data.substr(2, data.size() - 4));
  if (task.empty()) return std::nullopt;
  for (const auto& s : kStatusCodes) {
    if (s.code == data.back()) return ButtonPress{task, std::string(s.status)};
  }
  return std::nullopt;
}

std::vector<Button> nudge_buttons(std::string_view task) {
  if (button_data(task, "done").size() > kCallbackDataMaxBytes) return {};
  return {{std::string(vi::kButtonDone), button_data(task, "done")},
          {std::string(vi::kButtonInProgress), button_data(task, "in_progress")},
          {std::string(vi::kButtonBlocked), button_data(task, "blocked")},
          {std::string(vi::kButtonExtension), button_data(task, "extension_requested")}};
}

}  // namespace dondoc::bot
