#include <utility>  // before Boost under C++20

#include "app/ingest.h"

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <iostream>
#include <iterator>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <vector>

#include "bot/conversation.h"
#include "bot/linking.h"
#include "bot/reply_parser.h"
#include "bot/templates_vi.h"
#include "engine/commands.h"
#include "storage/chat_store.h"
#include "storage/engine_store.h"
#include "storage/group_commit.h"
#include "storage/inbound_log.h"
#include "storage/plan_store.h"

namespace dondoc::app {
namespace {

using bot::Action;
using bot::InboundEvent;

struct Handling {
  Database& db;
  const InboundEvent& ev;
  Instant now;
  std::string chan() const { return std::string(bot::to_string(ev.channel)); }
};

// The kind of the bot's answer `what` ("link", "unlinked", "ask", "prompt", "hint", "reply").
MessageKind answer_kind(std::string_view what) {
  if (what == "link") return MessageKind::link;
  if (what == "unlinked") return MessageKind::explanation;
  if (what == "ask" || what == "prompt") return MessageKind::question;
  if (what == "hint") return MessageKind::hint;
  return MessageKind::confirmation;
}

void queue_reply(Handling& h, std::string_view what, const std::string& text,
                 const std::string& task = {}) {
  Message m;
  m.key = h.chan() + "|" + h.ev.event_key + "|" + std::string(what);
  m.recipient = chat_body(h.db, h.chan(), h.ev.chat_id).value_or("");
  m.kind = answer_kind(what);
  m.task = task;
  m.text = text;
  m.not_before = h.now;
  m.chat = ChatAddress{h.chan(), h.ev.chat_id, h.ev.group};
  m.callback_id = h.ev.callback_id;
  Batch batch;
  batch.messages.push_back(std::move(m));
  SqliteEngineStore(h.db).apply_in_transaction(batch);
}

std::string body_name(Database& db, const std::string& id) {
  for (const auto& b : load_bodies(db)) {
    if (b.id == id) return b.name;
  }
  return id;
}

std::string do_link(Handling& h, const std::string& code) {
  auto stored = find_link_code(h.db, code);
  std::optional<bot::LinkCode> lc;
  if (stored) {
    lc =
        bot::LinkCode{stored->code, stored->body, parse_instant(stored->created_at).value_or(h.now),
                      parse_instant(stored->expires_at).value_or(Instant{}), stored->used};
  }
  auto check = bot::check_link_code(lc, h.now);
  if (check != bot::CodeCheck::ok) {
    queue_reply(h, "link", bot::vi::link_refused(check));
    return "link_refused";
  }
  std::string at = format_instant(h.now);
  bind_chat(h.db, {h.chan(), h.ev.chat_id, h.ev.group}, stored->body, h.ev.from_name, at);
  mark_link_code_used(h.db, code, h.chan() + ":" + h.ev.chat_id, at);
  nlohmann::json detail{{"channel", h.chan()}, {"chat_id", h.ev.chat_id}, {"body", stored->body}};
  h.db.audit("chat_linked", stored->body, "chat:" + h.chan() + ":" + h.ev.event_key, detail.dump(),
             at);
  queue_reply(h, "link", bot::vi::link_ok(body_name(h.db, stored->body)));
  return "linked";
}

std::vector<std::string> open_tasks(const EngineState& st, const std::string& body) {
  std::vector<std::string> out;
  for (const auto& t : st.plan.tasks) {
    bool mine = false;
    for (const auto& a : t.assignees) mine = mine || a.body == body;
    if (mine && task_open(t, st.obligations)) out.push_back(t.id);
  }
  return out;
}

Status to_status(bot::ReplyStatus s) {
  switch (s) {
    case bot::ReplyStatus::done:
      return Status::done;
    case bot::ReplyStatus::in_progress:
      return Status::in_progress;
    case bot::ReplyStatus::blocked:
      return Status::blocked;
    case bot::ReplyStatus::extension_requested:
      return Status::extension_requested;
    case bot::ReplyStatus::not_started:
      break;
  }
  return Status::not_started;
}

// Applies one item; returns the confirmation (or the engine's error) text for the user. The
// engine's own confirmation message is not queued to the body: the reply goes to this chat.
std::string apply_item(Handling& h, const std::string& body, const bot::ReplyItem& item,
                       const std::string& task) {
  SqliteEngineStore store(h.db);
  auto st = store.load();
  if (!st) return "Xin lỗi, chưa ghi nhận được: " + st.error();
  Command cmd;
  cmd.kind = Command::Kind::set_status;
  cmd.task = item.task.value_or(task);
  cmd.body = body;
  cmd.status = to_status(item.status);
  int pct = item.percent.value_or(cmd.status == Status::done ? 100 : 0);
  cmd.percent = cmd.status == Status::in_progress ? std::min(pct, 99) : pct;
  cmd.reason = item.reason.value_or("");
  cmd.new_due = item.new_due;
  cmd.at = h.now;
  cmd.source = "chat:" + h.chan() + ":" + h.ev.event_key;
  auto r = apply_command(*st, cmd);
  if (!r) return r.error();
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
  store.apply_in_transaction(batch);
  return text.empty() ? "Đã ghi nhận." : text;
}

std::string do_apply(Handling& h, const std::string& body, const std::vector<bot::ReplyItem>& items,
                     const std::string& task) {
  std::string text;
  for (const auto& item : items)
    text += (text.empty() ? "" : "\n") + apply_item(h, body, item, task);
  // The task the confirmation is about: the one the reply names when it names one only.
  bool one = items.size() == 1 && items[0].task;
  queue_reply(h, "reply", text, one ? *items[0].task : task);
  return "applied";
}

// Fills what the conversation needs to decide about a linked chat's message.
void fill_reply_context(Handling& h, bot::ChatContext& ctx, std::vector<bot::ReplyItem>& items) {
  items = bot::parse_reply(h.ev.text, local_date(h.now));
  ctx.items = items.size();
  for (const auto& i : items) ctx.items_without_task += i.task ? 0 : 1;
  if (ctx.items_without_task == 0) return;
  ctx.reply_to_task = task_of_message(h.db, h.chan(), h.ev.chat_id, h.ev.reply_to);
  ctx.recent_nudge_task = recent_nudge_task(h.db, h.chan(), h.ev.chat_id,
                                            format_instant(h.now - std::chrono::hours(72)));
  SqliteEngineStore store(h.db);
  if (auto st = store.load()) ctx.open_tasks = open_tasks(*st, *ctx.body);
}

std::string ask_which(Handling& h, const std::string& body) {
  std::vector<bot::vi::TaskLine> lines;
  SqliteEngineStore store(h.db);
  if (auto st = store.load()) {
    for (const auto& id : open_tasks(*st, body)) {
      const Task* t = st->plan.find_task(id);
      lines.push_back({id, t ? t->title : ""});
    }
  }
  queue_reply(h, "ask", bot::vi::ask_which_task(lines));
  return "asked_which_task";
}

std::string act(Handling& h, const Action& a, const bot::ChatContext& ctx,
                const std::vector<bot::ReplyItem>& items) {
  switch (a.kind) {
    case Action::Kind::ignore:
      return "ignored";
    case Action::Kind::link:
      return do_link(h, a.code);
    case Action::Kind::explain_unlinked:
      set_last_notice(h.db, h.chan(), h.ev.chat_id, format_instant(h.now));
      queue_reply(h, "unlinked", bot::vi::unlinked_explanation());
      return "explained_unlinked";
    case Action::Kind::apply_reply:
      return do_apply(h, *ctx.body, items, a.task);
    case Action::Kind::ask_which_task:
      return ask_which(h, *ctx.body);
    case Action::Kind::not_understood:
      queue_reply(h, "hint", bot::vi::not_understood());
      return "not_understood";
    case Action::Kind::button_status: {
      bot::ReplyItem item;
      item.task = a.task;
      item.status = a.status == "done" ? bot::ReplyStatus::done : bot::ReplyStatus::in_progress;
      return do_apply(h, *ctx.body, {item}, a.task);
    }
    case Action::Kind::button_prompt:
      queue_reply(h, "prompt",
                  a.status == "blocked" ? bot::vi::ask_blocked_reason(a.task)
                                        : bot::vi::ask_extension_date(a.task),
                  a.task);
      return "prompted";
  }
  return "ignored";
}

}  // namespace

namespace {

// Decides and acts on one stored event, then marks it handled; returns the outcome.
std::string handle_event(Database& db, std::int64_t seq, const InboundEvent& ev, Instant now) {
  Handling h{db, ev, now};
  bot::ChatContext ctx;
  ctx.body = chat_body(db, h.chan(), ev.chat_id);
  auto notice = last_notice(db, h.chan(), ev.chat_id);
  auto notice_at = notice ? parse_instant(*notice) : std::nullopt;
  ctx.explained_recently = notice_at && *notice_at > now - std::chrono::hours(24);
  std::vector<bot::ReplyItem> items;
  if (ctx.body && ev.kind == InboundEvent::Kind::message && !bot::parse_link_request(ev.text)) {
    fill_reply_context(h, ctx, items);
  }
  std::string outcome = act(h, bot::decide(ev, ctx), ctx, items);
  mark_inbound_handled(db, seq, outcome, format_instant(now));
  return outcome;
}

// Runs handle() for one event in its own savepoint: a throw rolls back that event alone, which is
// then marked handled with outcome "error" (and logged) so it is never retried in a loop.
template <class Handle>
void handle_isolated(Database& db, std::int64_t seq, Instant now, HandledBatch& out,
                     Handle&& handle) {
  std::string outcome;
  db.cached("SAVEPOINT event").exec();
  try {
    outcome = handle();
    db.cached("RELEASE event").exec();
  } catch (const std::exception& e) {
    db.cached("ROLLBACK TO event").exec();
    db.cached("RELEASE event").exec();
    std::cerr << "dondoc serve: handling event " << seq << " failed: " << e.what() << "\n";
    outcome = "error";
    mark_inbound_handled(db, seq, outcome, format_instant(now));
  }
  ++out.handled;
  out.replies_applied += outcome == "applied";
  out.links += outcome == "linked";
  out.replied += outcome != "ignored" && outcome != "error";
}

}  // namespace

HandledBatch handle_stored_events(Database& db, Instant now, int limit) {
  HandledBatch out;
  auto rows = unhandled_inbound(db, limit);
  out.more = static_cast<int>(rows.size()) == limit;
  for (const auto& row : rows) {
    handle_isolated(db, row.seq, now, out, [&] {
      auto ev = bot::event_from_json(nlohmann::json::parse(row.payload, nullptr, false));
      if (ev) return handle_event(db, row.seq, *ev, now);
      mark_inbound_handled(db, row.seq, "ignored", format_instant(now));
      return std::string("ignored");
    });
  }
  return out;
}

HandledBatch handle_events(Database& db, Instant now, const std::vector<StoredEvent>& events) {
  HandledBatch out;
  for (const auto& e : events) {
    if (!inbound_unhandled(db, e.seq)) continue;  // a pass over the log took it already
    handle_isolated(db, e.seq, now, out, [&] { return handle_event(db, e.seq, e.event, now); });
  }
  return out;
}

struct Ingest::Queue {
  struct Pending {
    InboundRow row;
    InboundEvent event;
    Ack ack;
    std::int64_t seq = 0;  // stored now under seq; 0 for a redelivery
  };
  std::mutex mu;
  std::vector<Pending> waiting;
  bool flush_submitted = false;  // an ack job will take `waiting`
};

Ingest::Ingest(boost::asio::io_context& io, GroupCommit& writer, Metrics& metrics, Clock clock)
    : io_(io),
      writer_(writer),
      metrics_(metrics),
      clock_(std::move(clock)),
      queue_(std::make_shared<Queue>()) {}

void Ingest::accept(bot::InboundEvent event, Ack ack) {
  ++metrics_.events_received;
  InboundRow row{0,
                 std::string(bot::to_string(event.channel)),
                 event.event_key,
                 event.chat_id,
                 format_instant(clock_()),
                 bot::to_log_json(event)};
  Queue::Pending p{std::move(row), std::move(event), std::move(ack)};
  bool submit = false;
  {
    std::lock_guard lock(queue_->mu);
    queue_->waiting.push_back(std::move(p));
    submit = !std::exchange(queue_->flush_submitted, true);
  }
  if (!submit) return;  // the ack job already submitted takes this one too
  // One ack job stores everything that waits when the writer reaches it; one post acks them all.
  auto batch = std::make_shared<std::vector<Queue::Pending>>();
  writer_.submit(
      [queue = queue_, batch](Database& db) {
        {
          std::lock_guard lock(queue->mu);
          batch->swap(queue->waiting);
          queue->flush_submitted = false;
        }
        for (auto& p : *batch) {
          if (insert_inbound(db, p.row)) p.seq = db.sql().getLastInsertRowid();
        }
      },
      [this, batch](bool ok, const std::string& error) {
        if (!ok) std::cerr << "dondoc serve: storing events failed: " << error << "\n";
        boost::asio::post(io_, [this, batch, ok] {
          bool any_new = false;
          for (auto& p : *batch) {
            bool duplicate = ok && p.seq == 0;
            if (duplicate) ++metrics_.events_duplicate;
            p.ack(ok, duplicate);
            if (!ok || duplicate) continue;
            any_new = true;
            // Handed to the bot in memory; the log stays the source after a restart or a failure.
            if (to_handle_.size() < kMemoryBacklog) {
              to_handle_.push_back(StoredEvent{p.seq, std::move(p.event)});
            } else {
              rescan_ = true;
            }
          }
          if (any_new) handle_pending();
        });
      });
}

void Ingest::handle_pending() {
  if (handling_) {
    handle_again_ = true;
    return;
  }
  if (to_handle_.empty() && !rescan_) return;
  handling_ = true;
  handle_again_ = false;
  // Events acked by this process come from memory; the log is read when it may hold more (at
  // start, after a failed pass, when the memory backlog overflowed).
  bool scan = to_handle_.empty();
  auto events = std::make_shared<std::vector<StoredEvent>>();
  if (scan) {
    rescan_ = false;
  } else {
    auto n = std::min<std::size_t>(to_handle_.size(), kHandleBatch);
    events->assign(std::make_move_iterator(to_handle_.begin()),
                   std::make_move_iterator(to_handle_.begin() + static_cast<std::ptrdiff_t>(n)));
    to_handle_.erase(to_handle_.begin(), to_handle_.begin() + static_cast<std::ptrdiff_t>(n));
  }
  auto result = std::make_shared<HandledBatch>();
  Instant now = clock_();
  writer_.submit_background(
      [result, events, scan, now](Database& db) {
        *result =
            scan ? handle_stored_events(db, now, kHandleBatch) : handle_events(db, now, *events);
      },
      [this, result](bool ok, const std::string& error) {
        boost::asio::post(io_, [this, result, ok, error] {
          handling_ = false;
          if (!ok) {
            // Left unhandled in the log: read from there again in a second (not in a tight loop
            // while, say, the disk is full).
            std::cerr << "dondoc serve: handling events failed: " << error << "\n";
            rescan_ = true;
            auto retry = std::make_shared<boost::asio::steady_timer>(io_, std::chrono::seconds(1));
            retry->async_wait([this, retry](boost::system::error_code ec) {
              if (!ec) handle_pending();
            });
            return;
          }
          metrics_.events_handled += result->handled;
          metrics_.replies_applied += result->replies_applied;
          metrics_.links += result->links;
          if (result->more) rescan_ = true;
          if (result->replied > 0 && on_reply_queued) on_reply_queued();
          if (!to_handle_.empty() || rescan_ || handle_again_) handle_pending();
        });
      });
}

}  // namespace dondoc::app
