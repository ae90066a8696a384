#include "storage/engine_store.h"

#include "storage/body_states.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>

#include "engine/scheduler.h"
#include "rules/rules_file.h"
#include "storage/calendar_store.h"
#include "storage/engine_config.h"
#include "storage/plan_store.h"
#include "storage/rules_store.h"

namespace dondoc {
namespace {

std::optional<std::string> opt_text(const sql::Column& c) {
  if (c.is_null()) return std::nullopt;
  return c.text();
}
std::optional<Instant> opt_instant(const sql::Column& c) {
  auto s = opt_text(c);
  return s ? parse_instant(*s) : std::nullopt;
}
std::optional<Date> opt_date(const sql::Column& c) {
  auto s = opt_text(c);
  return s ? parse_date(*s) : std::nullopt;
}
template <class T, class F>
void bind_opt(sql::Statement& st, int i, const std::optional<T>& v, F fmt) {
  if (v) {
    st.bind(i, fmt(*v));
  } else {
    st.bind(i);
  }
}

constexpr const char* kSelectStates =
    "SELECT id, task, body, cycle, period, status, percent, reason, requested_due, due_override, "
    "acknowledged_at, last_reply, status_at, done_at, source FROM engine_obligations "
    "WHERE commune = ?";

// Reads the rows of a kSelectStates query into `out`.
void read_states(sql::Statement& q, StateMap& out) {
  while (q.step()) {
    ObligationState s;
    s.id = q.column(0).text();
    s.task = q.column(1).text();
    s.body = q.column(2).text();
    s.cycle = q.column(3).text();
    s.period = q.column(4).text();
    s.status = status_from_string(q.column(5).text()).value_or(Status::not_started);
    s.percent = q.column(6).as_int();
    s.reason = q.column(7).text();
    s.requested_due = opt_date(q.column(8));
    s.due_override = opt_date(q.column(9));
    s.acknowledged_at = opt_instant(q.column(10));
    s.last_reply = opt_instant(q.column(11));
    s.status_at = opt_instant(q.column(12));
    s.done_at = opt_instant(q.column(13));
    s.source = q.column(14).text();
    out.emplace(s.id, std::move(s));
  }
}

void load_states(Database& db, StateMap& out) {
  sql::Statement q(db.sql(), kSelectStates);
  q.bind(1, db.commune());
  read_states(q, out);
}

// The assignment of `body` to `t` that owes something, or nullptr.
const Assignee* working_on(const Task& t, const std::string& body) {
  for (const auto& a : t.assignees)
    if (a.body == body && a.role != Assignee::Role::directing) return &a;
  return nullptr;
}

// The states compute_body_obligations needs for `body`: its own, and the task states of its
// tasks' other leads where they count (whether a one-off task is closed; the approved extension
// a coordinator follows). By the (commune, body, task) index. With `task`, only those of that
// task ("": the body's report-cycle states): what a command on it needs. A state already in
// `out` is kept (it may be newer than the row, within the caller's transaction: not here).
void read_body_states(Database& db, const Plan& plan, const std::string& body,
                      const std::string* task, StateMap& out) {
  sql::Statement own(db.sql(),
                     std::string(kSelectStates) + " AND body = ?" + (task ? " AND task = ?" : ""));
  own.bind(1, db.commune());
  own.bind(2, body);
  if (task) own.bind(3, *task);
  read_states(own, out);
  sql::Statement lead(db.sql(),
                      std::string(kSelectStates) + " AND body = ? AND task = ? AND cycle = ''");
  for (const auto& t : plan.tasks) {
    if (task && t.id != *task) continue;
    const Assignee* mine = working_on(t, body);
    if (!mine) continue;
    bool once = t.deadline.kind == DeadlineSpec::Kind::once;
    if (!once && mine->role != Assignee::Role::coordinator) continue;
    for (const auto& l : t.assignees) {
      if (l.role != Assignee::Role::lead || l.body == body) continue;
      lead.reset();
      lead.bind(1, db.commune());
      lead.bind(2, l.body);
      lead.bind(3, t.id);
      read_states(lead, out);
    }
  }
}

void save_state(Database& db, const ObligationState& s) {
  sql::Statement& st = db.cached(
      "INSERT INTO engine_obligations (id, task, body, cycle, period, "
      "status, percent, reason, requested_due, due_override, acknowledged_at, "
      "last_reply, status_at, done_at, source, commune) VALUES "
      "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (commune, id) DO UPDATE SET "
      "task = excluded.task, body = excluded.body, cycle = excluded.cycle, "
      "period = excluded.period, status = excluded.status, percent = excluded.percent, "
      "reason = excluded.reason, requested_due = excluded.requested_due, "
      "due_override = excluded.due_override, acknowledged_at = excluded.acknowledged_at, "
      "last_reply = excluded.last_reply, status_at = excluded.status_at, "
      "done_at = excluded.done_at, source = excluded.source");
  st.bind(1, s.id);
  st.bind(2, s.task);
  st.bind(3, s.body);
  st.bind(4, s.cycle);
  st.bind(5, s.period);
  st.bind(6, std::string(to_string(s.status)));
  st.bind(7, s.percent);
  st.bind(8, s.reason);
  bind_opt(st, 9, s.requested_due, format_date);
  bind_opt(st, 10, s.due_override, format_date);
  bind_opt(st, 11, s.acknowledged_at, format_instant);
  bind_opt(st, 12, s.last_reply, format_instant);
  bind_opt(st, 13, s.status_at, format_instant);
  bind_opt(st, 14, s.done_at, format_instant);
  st.bind(15, s.source);
  st.bind(16, db.commune());
  st.exec();
}

std::optional<Instant> meta_instant(Database& db, const char* key) {
  sql::Statement& q = db.cached("SELECT value FROM engine_meta WHERE commune = ? AND key = ?");
  q.bind(1, db.commune());
  q.bind(2, key);
  // Reset at once: a cached statement left mid-step would hold the connection's read snapshot.
  std::optional<std::string> v;
  if (q.step()) v = q.column(0).text();
  q.reset();
  return v ? parse_instant(*v) : std::nullopt;
}

void set_meta(Database& db, const char* key, Instant v) {
  sql::Statement& st = db.cached(
      "INSERT INTO engine_meta(commune, key, value) VALUES (?, ?, ?) "
      "ON CONFLICT (commune, key) DO UPDATE SET value = excluded.value");
  st.bind(1, db.commune());
  st.bind(2, key);
  st.bind(3, format_instant(v));
  st.exec();
}

bool key_exists(Database& db, const std::string& key) {
  sql::Statement& q = db.cached("SELECT 1 FROM send_log WHERE commune = ? AND key = ?");
  q.bind(1, db.commune());
  q.bind(2, key);
  bool found = q.step();
  q.reset();
  return found;
}

// `at` is format_instant(now), formatted once per batch.
void insert_key(Database& db, const std::string& key, std::optional<std::int64_t> message,
                const std::string& at) {
  sql::Statement& st = db.cached(
      "INSERT INTO send_log(key, message_id, at, commune) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (commune, key) DO NOTHING");
  st.bind(1, key);
  if (message) {
    st.bind(2, *message);
  } else {
    st.bind(2);
  }
  st.bind(3, at);
  st.bind(4, db.commune());
  st.exec();
}

// What a batch queued, for its one kMessagesQueued audit entry.
struct QueuedSummary {
  int queued = 0;
  std::int64_t first_id = 0, last_id = 0;
  std::map<std::string_view, int> by_kind;
  std::set<std::string_view> recipients;  // views of the batch's messages
};

void bind_text_or_null(sql::Statement& st, int i, const std::string& v) {
  if (v.empty()) {
    st.bind(i);
  } else {
    st.bind(i, v);
  }
}

// Queues one message unless all its keys exist (or, without keys, unless its key does); returns
// its outbox id if queued. `now` is the batch's time, "" to use the message's not_before.
std::optional<std::int64_t> queue_message(Database& db, const Message& m, const std::string& now) {
  bool any_new = m.send_keys.empty();
  for (const auto& k : m.send_keys) any_new = any_new || !key_exists(db, k);
  if (!any_new) return std::nullopt;
  sql::Statement& st = db.cached(
      "INSERT INTO outbox(key, recipient, kind, task, cycle, text, not_before, "
      "created_at, channel, chat_id, is_group, callback_id, commune) VALUES "
      "(?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (commune, key) DO NOTHING RETURNING id");
  st.bind(1, m.key);
  st.bind(2, m.recipient);
  st.bind(3, std::string(to_string(m.kind)));
  bind_text_or_null(st, 4, m.task);
  bind_text_or_null(st, 5, m.cycle);
  st.bind(6, m.text);
  std::string not_before = format_instant(m.not_before);
  st.bind(7, not_before);
  st.bind(8, now.empty() ? not_before : now);
  st.bind(9, m.chat ? m.chat->channel : std::string());
  st.bind(10, m.chat ? m.chat->chat_id : std::string());
  st.bind(11, m.chat && m.chat->group ? 1 : 0);
  st.bind(12, m.callback_id);
  st.bind(13, db.commune());
  std::optional<std::int64_t> inserted = returned_id(st);
  if (!inserted) return std::nullopt;
  std::int64_t id = *inserted;
  for (const auto& k : m.send_keys) insert_key(db, k, id, now.empty() ? not_before : now);
  return id;
}

void audit_queued(Database& db, const AuditEntry& a, const QueuedSummary& q) {
  if (q.queued == 0) return;  // everything was already queued: nothing happened
  nlohmann::ordered_json by_kind = nlohmann::ordered_json::object();
  for (const auto& [k, n] : q.by_kind) by_kind[std::string(k)] = n;
  nlohmann::ordered_json d = {{"queued", q.queued},
                              {"by_kind", by_kind},
                              {"recipients", q.recipients.size()},
                              {"first_id", q.first_id},
                              {"last_id", q.last_id}};
  db.audit(a.kind, "outbox:" + std::to_string(q.first_id) + "-" + std::to_string(q.last_id),
           a.source, d.dump(), format_instant(a.at));
}

// Failed outbox messages to a body not yet reported ("failed|<id>" absent from the send-log),
// leaving out failure notices themselves (messages carrying a "failed|" send key) and the bot's
// answers to one chat, oldest first, bounded.
void load_failed(Database& db, std::vector<FailedMessage>& out) {
  sql::Statement q(db.sql(),
                   "SELECT o.id, o.recipient, o.text, o.last_error FROM outbox o "
                   "WHERE o.status = 'failed' AND o.channel = '' AND o.commune = ?1 "
                   "AND NOT EXISTS (SELECT 1 FROM send_log s WHERE s.commune = ?1 AND "
                   "s.key = 'failed|' || o.id) "
                   "AND NOT EXISTS (SELECT 1 FROM send_log s WHERE s.message_id = o.id "
                   "AND s.key >= 'failed|' AND s.key < 'failed}') "
                   "ORDER BY o.id LIMIT 1000");
  q.bind(1, db.commune());
  while (q.step()) {
    out.push_back(
        {q.column(0).as_int64(), q.column(1).text(), q.column(2).text(), q.column(3).text()});
  }
}

}  // namespace

SqliteEngineStore::SqliteEngineStore(Database& db, StoreOverrides overrides)
    : db_(db), overrides_(std::move(overrides)) {}

Result<EngineState> SqliteEngineStore::load_base() {
  EngineState st;
  if (overrides_.rules || overrides_.plan) {
    if (overrides_.rules) {
      st.rules = *overrides_.rules;
    } else {
      auto r = active_rules(db_);
      if (!r) return Error{r.error()};
      st.rules = std::move(r).value();
    }
    st.plan = overrides_.plan ? *overrides_.plan : load_plan(db_);
    st.calendar = Calendar(load_calendar_overrides(db_));
  } else {
    auto config = current_config(db_);
    if (!config) return Error{config.error()};
    st.plan = std::move(config.value().plan);
    st.rules = std::move(config.value().rules);
    st.calendar = std::move(config.value().calendar);
  }
  st.history_start = meta_instant(db_, "history_start");
  st.last_tick = meta_instant(db_, "last_tick");
  return st;
}

Result<EngineState> SqliteEngineStore::load_for_body(const std::string& body) {
  auto st = load_base();
  if (st && !body.empty()) read_body_states(db_, st->plan, body, nullptr, st.value().obligations);
  return st;
}

Result<EngineState> SqliteEngineStore::load() {
  auto base = load_base();
  if (!base) return base;
  EngineState st = std::move(base).value();
  load_states(db_, st.obligations);
  // Only the keys the scheduler consults (reminders, escalation steps, blockers, digests), by
  // primary-key ranges: confirmations and message keys of history are never loaded. One plain
  // covering-index range scan per prefix: an OR of the ranges costs a rowid set to deduplicate.
  // Sized once (the commune's key count bounds it: one scan of its primary-key range) rather than
  // rehashed as it grows.
  {
    sql::Statement n(db_.sql(), "SELECT count(*) FROM send_log WHERE commune = ?");
    n.bind(1, db_.commune());
    if (n.step()) st.sent.reserve(static_cast<std::size_t>(n.column(0).as_int64()));
  }
  sql::Statement q(db_.sql(),
                   "SELECT key FROM send_log WHERE commune = ? AND key >= ? AND key < ?");
  for (const char* prefix : {"rem", "esc", "blk", "dig"}) {
    q.reset();
    q.bind(1, db_.commune());
    q.bind(2, std::string(prefix) + "|");
    q.bind(3, std::string(prefix) + "}");
    while (q.step()) {
      sql::Column key = q.column(0);
      st.sent.emplace(key.bytes());
    }
  }
  load_failed(db_, st.failed);
  return st;
}

void load_body_states(Database& db, EngineState& st, const std::string& body,
                      const std::string* task) {
  if (!body.empty()) read_body_states(db, st.plan, body, task, st.obligations);
}

int SqliteEngineStore::apply(const Batch& batch) {
  WriteTransaction tx(db_);
  int n = apply_in_transaction(batch);
  tx.commit();
  return n;
}

int SqliteEngineStore::apply_in_transaction(const Batch& batch) {
  // The batch's time: its tick, else its first audit entry; a batch of bot answers alone has
  // neither, and each row then takes its message's not_before.
  std::optional<Instant> now = batch.last_tick;
  if (!now && !batch.audit.empty()) now = batch.audit[0].at;
  const std::string now_text = now ? format_instant(*now) : std::string();
  std::set<std::string_view> dropped;
  QueuedSummary q;
  for (const auto& m : batch.messages) {
    if (auto id = queue_message(db_, m, now_text)) {
      if (q.queued++ == 0) q.first_id = *id;
      q.last_id = *id;
      ++q.by_kind[to_string(m.kind)];
      q.recipients.insert(m.recipient);
    } else {
      dropped.insert(m.key);
    }
  }
  const std::string keys_at = now ? now_text : format_instant(Instant{});
  for (const auto& k : batch.silent_keys) insert_key(db_, k, std::nullopt, keys_at);
  for (const auto& s : batch.states) save_state(db_, s);
  for (const auto& a : batch.audit) {
    if (a.kind == "message_queued" && dropped.count(a.subject)) continue;
    if (a.kind == kMessagesQueued) {
      audit_queued(db_, a, q);
      continue;
    }
    db_.audit(a.kind, a.subject, a.source, a.detail, format_instant(a.at));
  }
  if (batch.history_start && !meta_instant(db_, "history_start")) {
    set_meta(db_, "history_start", *batch.history_start);
  }
  if (batch.last_tick) {
    auto last = meta_instant(db_, "last_tick");
    if (!last || *batch.last_tick > *last) set_meta(db_, "last_tick", *batch.last_tick);
  }
  return q.queued;
}

}  // namespace dondoc
