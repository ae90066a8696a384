#include "service/chat_event.h"

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "bot/conversation.h"
#include "bot/linking.h"
#include "bot/templates_vi.h"
#include "service/chat_handling.h"
#include "storage/chat_store.h"
#include "storage/engine_store.h"
#include "storage/inbound_log.h"

namespace dondoc::service {
namespace {

using bot::Action;
using detail::Handling;

std::optional<bot::Nudge> as_nudge(const std::optional<NudgeRef>& n) {
  if (!n) return std::nullopt;
  return bot::Nudge{n->task, n->cycle};
}

// Fills what the conversation needs to decide about a linked chat's message.
void fill_reply_context(Handling& h, bot::ChatContext& ctx, std::vector<bot::ReplyItem>& items) {
  Date today = local_date(h.now);
  ctx.indicator = bot::parse_indicator_report(h.ev.text);
  if (ctx.indicator) return;
  ctx.intent = bot::parse_intent(h.ev.text);
  auto replied = h.ev.reply_to.empty()
                     ? std::nullopt
                     : nudge_of_message(h.db, h.channel(), h.ev.chat_id, h.ev.reply_to);
  ctx.report_text =
      bot::parse_report_text(h.ev.text, replied ? replied->cycle : "", !h.ev.files.empty(), today);
  ctx.report = bot::parse_report_submitted(h.ev.text, today);
  ctx.explanation_answer = bot::parse_explanation_answer(h.ev.text);
  if (!ctx.explanation_answer) ctx.explanation_ask = bot::parse_explanation_ask(h.ev.text, today);
  if (ctx.explanation_answer || ctx.explanation_ask) ctx.report_text.reset();
  if (ctx.intent != bot::Intent::none || ctx.report || ctx.report_text || ctx.explanation_answer ||
      ctx.explanation_ask)
    return;
  items = bot::parse_reply(h.ev.text, today);
  ctx.items = items.size();
  ctx.all_done = !items.empty();
  for (const auto& i : items) {
    ctx.items_without_task += i.task ? 0 : 1;
    ctx.all_done = ctx.all_done && i.status == bot::ReplyStatus::done;
  }
  if (ctx.items_without_task == 0) return;
  ctx.reply_to = as_nudge(nudge_of_message(h.db, h.channel(), h.ev.chat_id, h.ev.reply_to));
  ctx.recent_nudge = as_nudge(recent_nudge(h.db, h.channel(), h.ev.chat_id,
                                           format_instant(h.now - std::chrono::hours(72))));
  ctx.open_tasks = detail::open_tasks(h, *ctx.body);
}

bot::ChatContext chat_context(Handling& h, std::vector<bot::ReplyItem>& items) {
  bot::ChatContext ctx;
  ctx.body = h.linked_body;  // chat_body() in the commune entered, read with it
  h.body = ctx.body.value_or("");
  auto notice = last_notice(h.db, h.channel(), h.ev.chat_id);
  auto notice_at = notice ? parse_instant(*notice) : std::nullopt;
  ctx.explained_recently = notice_at && *notice_at > h.now - std::chrono::hours(24);
  if (ctx.body && h.ev.kind == bot::InboundEvent::Kind::message &&
      !bot::parse_link_request(h.ev.text)) {
    fill_reply_context(h, ctx, items);
  }
  return ctx;
}

std::string button_status(Handling& h, const Action& a, const std::string& body) {
  bot::ReplyItem item;
  item.task = a.task;
  item.status = a.status == "done" ? bot::ReplyStatus::done : bot::ReplyStatus::in_progress;
  return detail::apply_reply(h, body, {item}, a.task);
}

std::string button_prompt(Handling& h, const Action& a, const std::string& body) {
  h.answer("prompt", MessageKind::question,
           a.status == "blocked" ? bot::vi::ask_blocked_reason(a.task, detail::address(h))
                                 : bot::vi::ask_extension_date(a.task, detail::address(h)),
           a.task, body);
  return "prompted";
}

std::string act(Handling& h, const Action& a, const bot::ChatContext& ctx,
                const std::vector<bot::ReplyItem>& items) {
  const std::string body = ctx.body.value_or("");
  switch (a.kind) {
    case Action::Kind::ignore:
      return "ignored";
    case Action::Kind::link:
      return detail::link_chat(h, a.code);
    case Action::Kind::explain_unlinked:
      set_last_notice(h.db, h.channel(), h.ev.chat_id, format_instant(h.now));
      h.answer("unlinked", MessageKind::explanation, bot::vi::unlinked_explanation());
      return "explained_unlinked";
    case Action::Kind::apply_reply:
      return detail::apply_reply(h, body, items, a.task);
    case Action::Kind::ask_which_task:
      return detail::ask_which_task(h, body);
    case Action::Kind::not_understood:
      h.answer("hint", MessageKind::hint, bot::vi::not_understood(detail::address(h)), {}, body);
      return "not_understood";
    case Action::Kind::button_status:
      return button_status(h, a, body);
    case Action::Kind::button_prompt:
      return button_prompt(h, a, body);
    case Action::Kind::help:
      h.answer("help", MessageKind::help, bot::vi::help(detail::address(h)), {}, body);
      return "helped";
    case Action::Kind::owed:
      return detail::list_owed(h, body);
    case Action::Kind::thanks:
      h.answer("thanks", MessageKind::acknowledgement, bot::vi::thanks(detail::address(h)), {},
               body);
      return "thanked";
    case Action::Kind::report_submitted:
      return detail::report_sent(h, body, a.cycle, a.period);
    case Action::Kind::sign_in:
      return detail::send_sign_in(h, body);
    case Action::Kind::submit_report:
      return detail::submit_report_text(h, body, a.cycle, a.period);
    case Action::Kind::explain_answer:
      return detail::explanation_answered(h, body, *ctx.explanation_answer);
    case Action::Kind::explain_ask:
      return detail::explanation_asked(h, body, *ctx.explanation_ask);
    case Action::Kind::indicator_value:
      return detail::record_indicator_value(h, body, *a.indicator);
  }
  return "ignored";
}

// A link request stays in the inbound log without its code, so the database never holds a code
// in plain (a right one is used at once; one sent while the chat is throttled stays valid).
void hide_link_code(Database& db, std::int64_t seq, const bot::InboundEvent& ev,
                    const std::string& code) {
  bot::InboundEvent hidden = ev;
  hidden.text = "DK " + std::string(code.size(), '*');
  replace_inbound_payload(db, seq, bot::to_log_json(hidden));
}

// Decides and acts on one stored event and queues its answers; the outcome (the caller marks it
// handled).
std::string handle_event(Database& db, std::int64_t seq, const bot::InboundEvent& ev, Instant now,
                         const ChatOptions& options) {
  Handling h(db, ev, now, options);
  std::vector<bot::ReplyItem> items;
  bot::ChatContext ctx = chat_context(h, items);
  bot::Action action = bot::decide(ev, ctx);
  std::string outcome = act(h, action, ctx, items);
  if (action.kind == Action::Kind::link) hide_link_code(db, seq, ev, action.code);
  if (!h.answers.empty()) {
    Batch answers;
    answers.messages = std::move(h.answers);
    SqliteEngineStore(db).apply_in_transaction(answers);
  }
  return outcome;
}

// Runs handle() for one event in its own savepoint: a throw rolls back that event alone, which is
// then marked handled with outcome "error" (and logged) so it is never retried in a loop. The
// outcome goes to `marks`: the batch's events are marked handled together at its end, in the
// same transaction (mark_inbound_handled_all: one statement on PostgreSQL).
template <class Handle>
void handle_isolated(Database& db, std::int64_t seq, HandledBatch& out,
                     std::vector<HandledMark>& marks, Handle&& handle) {
  std::string outcome;
  try {
    Savepoint sp(db);
    outcome = handle();
    sp.commit();
  } catch (const std::exception& e) {
    std::cerr << "dondoc serve: handling event " << seq << " failed: " << e.what() << "\n";
    outcome = "error";
  }
  marks.push_back(HandledMark{seq, outcome});
  ++out.handled;
  out.replies_applied += outcome == "applied" || outcome == "partly_applied";
  out.replies_refused += outcome == "refused" || outcome == "partly_applied";
  out.links += outcome == "linked";
  out.link_failed += outcome == "link_refused";
  out.link_throttled += outcome == "link_throttled" || outcome == "link_throttled_silent";
  out.replied += outcome != "ignored" && outcome != "error" && outcome != "link_throttled_silent";
}

}  // namespace

std::optional<std::int64_t> store_event(Database& db, const bot::InboundEvent& event,
                                        Instant received) {
  InboundRow row{0,
                 std::string(bot::to_string(event.channel)),
                 event.event_key,
                 event.chat_id,
                 format_instant(received),
                 bot::to_log_json(event)};
  return insert_inbound(db, row);
}

HandledBatch handle_stored_events(Database& db, Instant now, int limit,
                                  const ChatOptions& options) {
  HandledBatch out;
  auto rows = unhandled_inbound(db, limit);
  out.more = static_cast<int>(rows.size()) == limit;
  std::vector<HandledMark> marks;
  for (const auto& row : rows) {
    handle_isolated(db, row.seq, out, marks, [&] {
      auto ev = bot::event_from_json(nlohmann::json::parse(row.payload, nullptr, false));
      if (ev) return handle_event(db, row.seq, *ev, now, options);
      return std::string("ignored");
    });
  }
  mark_inbound_handled_all(db, marks, format_instant(now));
  return out;
}

HandledBatch handle_events(Database& db, Instant now, const std::vector<StoredEvent>& events,
                           const ChatOptions& options) {
  HandledBatch out;
  // Which are still unhandled (a pass over the log may have taken some already), asked once for
  // the batch: handling an event marks only that event (at the end), and the batch runs in one
  // transaction holding the write lock, so the answer stays true until each is handled.
  std::vector<std::int64_t> seqs;
  seqs.reserve(events.size());
  for (const auto& e : events) seqs.push_back(e.seq);
  std::vector<std::int64_t> unhandled = inbound_unhandled_among(db, std::move(seqs));
  std::vector<HandledMark> marks;
  for (const auto& e : events) {
    auto it = std::lower_bound(unhandled.begin(), unhandled.end(), e.seq);
    if (it == unhandled.end() || *it != e.seq) continue;
    unhandled.erase(it);  // an event listed twice is handled once
    handle_isolated(db, e.seq, out, marks,
                    [&] { return handle_event(db, e.seq, e.event, now, options); });
  }
  mark_inbound_handled_all(db, marks, format_instant(now));
  return out;
}

}  // namespace dondoc::service
