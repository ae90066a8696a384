// Applying a status reply, asking which task, what a body owes: the answers of
// service/chat_event (linking a chat is in service/link.cc).

#include "bot/reply_command.h"
#include "bot/templates_vi.h"
#include "engine/kinds.h"
#include "service/chat_handling.h"
#include "service/commune_bots.h"
#include "service/status.h"
#include "storage/body_states.h"
#include "storage/chat_store.h"
#include "storage/engine_store.h"

namespace dondoc::service::detail {
namespace {

// "nhiệm vụ của tôi" lists what falls due within this many days, and everything late.
constexpr int kOwedHorizonDays = 92;

// What applying one command gave: the text for the chat, and whether the engine applied it.
struct Applied {
  std::string text;
  bool applied = false;
};

// Applies one command; returns the confirmation (or the engine's error) for the chat. The
// engine's own confirmation to the body is not queued: the answer goes to this chat instead.
Applied apply_for_chat(Handling& h, const std::string& body, const Command& cmd) {
  // A task's command needs that task's states; a report's, every one-off task's (its reporters).
  EngineState* st = cmd.cycle.empty() ? h.state_for_task(cmd.task) : h.state();
  if (!st) return {bot::vi::not_recorded(h.state_error())};
  auto r = apply_command(*st, cmd);
  if (!r) return {r.error()};
  Batch batch = std::move(r).value();
  std::string text;
  std::vector<Message> kept;
  for (auto& m : batch.messages) {
    if (m.kind == MessageKind::confirmation && m.recipient == body) {
      text += (text.empty() ? "" : "\n") + m.text;
      for (auto& k : m.send_keys) batch.silent_keys.push_back(k);
    } else {
      kept.push_back(std::move(m));
    }
  }
  batch.messages = std::move(kept);
  SqliteEngineStore(h.db).apply_in_transaction(batch);
  apply_batch(*st, batch);  // the event's next item sees this one
  return {text.empty() ? bot::vi::recorded() : text, true};
}

// The outcome of an event whose replies were applied (every one), partly, or refused (none).
std::string reply_outcome(int applied, int refused) {
  return refused == 0 ? "applied" : applied == 0 ? "refused" : "partly_applied";
}

}  // namespace

Handling::Handling(Database& d, const bot::InboundEvent& e, Instant t, const ChatOptions& o)
    : db(d), ev(e), now(t), options(o) {
  // A chat not linked yet is in its bot's commune (none for the province's bot).
  auto link = chat_link(db, channel(), ev.chat_id);
  if (link) linked_body = link->body;
  enter(link ? link->commune : split_commune_chat(ev.chat_id).commune);
}

void Handling::enter(std::int64_t commune) {
  scope_.reset();
  scope_ = std::make_unique<CommuneScope>(db, commune);
  state_.reset();
  all_states_ = false;
  tasks_loaded_.clear();
}

void Handling::answer(std::string_view what, MessageKind kind, std::string text, std::string task,
                      std::string recipient) {
  Message m;
  m.key = channel() + "|" + ev.event_key + "|" + std::string(what);
  m.recipient = std::move(recipient);
  m.kind = kind;
  m.task = std::move(task);
  m.text = std::move(text);
  m.not_before = now;
  m.chat = ChatAddress{channel(), ev.chat_id, ev.group};
  m.callback_id = ev.callback_id;
  answers.push_back(std::move(m));
}

EngineState* Handling::base_state() {
  if (!state_) state_ = SqliteEngineStore(db).load_for_body("");
  return *state_ ? &state_->value() : nullptr;
}

EngineState* Handling::state() {
  EngineState* st = base_state();
  if (st && !all_states_) load_body_states(db, *st, body, nullptr);
  all_states_ = true;
  return st;
}

EngineState* Handling::state_for_task(const std::string& task) {
  EngineState* st = base_state();
  if (st && !all_states_ && tasks_loaded_.insert(task).second) {
    load_body_states(db, *st, body, &task);
  }
  return st;
}

std::string Handling::state_error() { return base_state() ? std::string() : state_->error(); }

std::string address(Handling& h) {
  const EngineState* st = h.base_state();
  return st ? st->rules.address : std::string(bot::vi::kDefaultAddress);
}

std::string report_sent(Handling& h, const std::string& body, const std::string& cycle,
                        const std::string& period) {
  Command c;
  c.kind = Command::Kind::set_status;
  c.body = body;
  c.cycle = cycle;
  c.period = period;
  c.status = Status::done;
  c.percent = 100;
  c.at = h.now;
  c.source = h.source();
  Applied a = apply_for_chat(h, body, c);
  h.answer("reply", MessageKind::confirmation, a.text, {}, body);
  return a.applied ? "applied" : "refused";
}

std::string list_owed(Handling& h, const std::string& body) {
  auto view = plan_status(h.db, h.now, {body, false, true});
  std::vector<bot::vi::OwedLine> lines;
  Date horizon = local_date(h.now) + std::chrono::days{kOwedHorizonDays};
  if (view) {
    for (const auto& r : view->rows) {
      if (r.due && *r.due > horizon) continue;  // far ahead: not yet what the body owes
      lines.push_back(
          {r.obligation.task, r.label, r.due ? format_date_vn(*r.due) : "", r.status, r.overdue});
    }
  }
  std::string name = view ? view->body_name : body;
  h.answer("owed", MessageKind::owed,
           bot::vi::owed(name, format_date_vn(local_date(h.now)), lines, address(h)), {}, body);
  return "listed_owed";
}

std::vector<std::string> open_tasks(Handling& h, const std::string& body) {
  std::vector<std::string> out;
  const EngineState* st = h.base_state();
  if (!st) return out;
  for (const auto& t : st->plan.tasks) {
    bool mine = false;
    for (const auto& a : t.assignees) mine = mine || a.body == body;
    if (!mine) continue;
    // Only a one-off task closes (task_open): its leads' states are read, no other task's.
    if (t.deadline.kind == DeadlineSpec::Kind::once) h.state_for_task(t.id);
    if (task_open(t, st->obligations)) out.push_back(t.id);
  }
  return out;
}

std::string apply_reply(Handling& h, const std::string& body,
                        const std::vector<bot::ReplyItem>& items, const std::string& task) {
  std::string text;
  std::string about = task;  // the one task the answer is about, "" when several
  int applied = 0, refused = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto cmd = bot::to_command(items[i], body, task, h.now, h.source());
    Applied a = apply_for_chat(h, body, cmd);
    text += (text.empty() ? "" : "\n") + a.text;
    (a.applied ? applied : refused) += 1;
    std::string t = items[i].task.value_or(task);
    about = i == 0 || t == about ? t : "";
  }
  h.answer("reply", MessageKind::confirmation, text, about, body);
  return reply_outcome(applied, refused);
}

std::string ask_which_task(Handling& h, const std::string& body) {
  std::vector<bot::vi::TaskLine> lines;
  if (const EngineState* st = h.base_state()) {
    for (const auto& id : open_tasks(h, body)) {
      const Task* t = st->plan.find_task(id);
      lines.push_back({id, t ? t->title : ""});
    }
  }
  h.answer("ask", MessageKind::question, bot::vi::ask_which_task(lines, address(h)), {}, body);
  return "asked_which_task";
}

}  // namespace dondoc::service::detail
