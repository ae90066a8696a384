// The Outbox port and the CLI's readers (outbox, audit) of storage/engine_store.h. One outbox
// holds both kinds of rows: addressed to a body (channel '') or to one chat (the bot's answers).

#include "storage/engine_store.h"

namespace dondoc {
namespace {

constexpr const char* kColumns =
    "SELECT id, key, recipient, kind, task, cycle, text, status, not_before, attempts, channel, "
    "chat_id, is_group, callback_id, commune FROM outbox ";

OutboxRow row_from(sql::Statement& q) {
  OutboxRow r;
  r.id = q.column(0).as_int64();
  r.message.key = q.column(1).text();
  r.message.recipient = q.column(2).text();
  r.message.kind = message_kind_from(q.column(3).text()).value_or(MessageKind::reminder);
  r.message.task = q.column(4).is_null() ? "" : q.column(4).text();
  r.message.cycle = q.column(5).is_null() ? "" : q.column(5).text();
  r.message.text = q.column(6).text();
  r.status = q.column(7).text();
  r.message.not_before = parse_instant(q.column(8).text()).value_or(Instant{});
  r.attempts = q.column(9).as_int();
  std::string channel = q.column(10).text();
  if (!channel.empty()) {
    r.message.chat =
        ChatAddress{std::move(channel), q.column(11).text(), q.column(12).as_int() != 0};
  }
  r.message.callback_id = q.column(13).text();
  r.commune = q.column(14).as_int64();
  return r;
}

}  // namespace

std::int64_t outbox_commune(Database& db, std::int64_t id) {
  auto& q = db.cached("SELECT commune FROM outbox WHERE id = ?");
  q.bind(1, id);
  std::int64_t commune = q.step() ? q.column(0).as_int64() : kNoCommune;
  q.reset();
  return commune;
}

std::vector<OutboxRow> SqliteEngineStore::due(Instant now, int limit) {
  return due_rows(now, limit, false);
}

std::vector<OutboxRow> SqliteEngineStore::due_rows(Instant now, int limit, bool chat_only,
                                                   const OutboxClaim* claim) {
  std::string sql =
      std::string(kColumns) + "WHERE status = 'pending' AND not_before <= ? " +
      (chat_only ? "AND channel != '' " : "") +
      (claim ? "AND (claimed_by IS NULL OR claimed_by = ? OR claimed_until <= ?) " : "") +
      "ORDER BY not_before, id LIMIT ?";
  if (claim && db_.dialect() == sql::Dialect::postgresql) sql += " FOR UPDATE SKIP LOCKED";
  sql::Statement q(db_.sql(), sql);
  int i = 1;
  q.bind(i++, format_instant(now));
  if (claim) {
    q.bind(i++, claim->owner);
    q.bind(i++, format_instant(claim->now));
  }
  q.bind(i, limit);
  std::vector<OutboxRow> out;
  while (q.step()) out.push_back(row_from(q));
  if (claim) {
    auto& take = db_.cached("UPDATE outbox SET claimed_by = ?, claimed_until = ? WHERE id = ?");
    for (const OutboxRow& r : out) {
      take.bind(1, claim->owner);
      take.bind(2, format_instant(claim->until));
      take.bind(3, r.id);
      take.exec();
      take.reset();
    }
  }
  return out;
}

int renew_outbox_claims(Database& db, const std::string& owner, Instant until) {
  sql::Statement st(db.sql(),
                    "UPDATE outbox SET claimed_until = ? WHERE claimed_by = ? AND status = "
                    "'pending'");
  st.bind(1, format_instant(until));
  st.bind(2, owner);
  return static_cast<int>(st.exec());
}

int release_outbox_claims(Database& db, const std::string& owner) {
  sql::Statement st(
      db.sql(), "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?");
  st.bind(1, owner);
  return static_cast<int>(st.exec());
}

std::vector<std::string> outbox_claim_owners(Database& db) {
  sql::Statement q(
      db.sql(), "SELECT DISTINCT claimed_by FROM outbox WHERE claimed_by IS NOT NULL ORDER BY 1");
  std::vector<std::string> out;
  while (q.step()) out.push_back(q.column(0).text());
  return out;
}

void SqliteEngineStore::mark_sent(std::int64_t id, Instant at) {
  sql::Statement st(db_.sql(),
                    "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, "
                    "claimed_by = NULL, claimed_until = NULL WHERE id = ?");
  st.bind(1, format_instant(at));
  st.bind(2, id);
  st.exec();
  CommuneScope scope(db_, outbox_commune(db_, id));
  db_.audit("message_sent", std::to_string(id), "sender", "{}", format_instant(at));
}

void SqliteEngineStore::mark_retry(std::int64_t id, Instant retry_at, bool give_up,
                                   const std::string& error) {
  sql::Statement st(db_.sql(),
                    "UPDATE outbox SET status = ?, not_before = ?, attempts = attempts + 1, "
                    "last_error = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?");
  st.bind(1, give_up ? "failed" : "pending");
  st.bind(2, format_instant(retry_at));
  st.bind(3, error);
  st.bind(4, id);
  st.exec();
}

void SqliteEngineStore::postpone(std::int64_t id, Instant until, const std::string& why) {
  sql::Statement st(db_.sql(),
                    "UPDATE outbox SET not_before = ?, last_error = ?, claimed_by = NULL, "
                    "claimed_until = NULL WHERE id = ? AND status = 'pending'");
  st.bind(1, format_instant(until));
  st.bind(2, why);
  st.bind(3, id);
  st.exec();
}

std::vector<OutboxRow> list_outbox(Database& db, const std::string& status) {
  sql::Statement q(db.sql(), std::string(kColumns) + "WHERE commune = ? " +
                                 (status.empty() ? "" : "AND status = ? ") +
                                 "ORDER BY not_before, id");
  q.bind(1, db.commune());
  if (!status.empty()) q.bind(2, status);
  std::vector<OutboxRow> out;
  while (q.step()) out.push_back(row_from(q));
  return out;
}

std::vector<AuditRow> list_audit(Database& db, std::optional<Instant> since) {
  sql::Statement q(db.sql(),
                   "SELECT at, kind, subject, source, detail FROM audit WHERE commune = ? ORDER "
                   "BY seq");
  q.bind(1, db.commune());
  std::vector<AuditRow> out;
  while (q.step()) {
    AuditRow r{q.column(0).text(), q.column(1).text(), q.column(2).text(), q.column(3).text(),
               q.column(4).text()};
    if (since) {
      auto at = parse_instant(r.at);
      if (at && *at < *since) continue;
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace dondoc
