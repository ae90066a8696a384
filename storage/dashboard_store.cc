#include "storage/dashboard_store.h"

#include <SQLiteCpp/Statement.h>

namespace dondoc {
namespace {

constexpr const char* kAuditColumns = "SELECT at, kind, subject, source, detail FROM audit ";

AuditRow audit_row(SQLite::Statement& q) {
  return {q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
          q.getColumn(3).getString(), q.getColumn(4).getString()};
}

// The WHERE clause of an AuditQuery and its parameters, in order (the commune first).
std::string audit_where(const AuditQuery& q, std::vector<std::string>& params) {
  std::string where = "WHERE commune = ?1 ";
  auto add = [&](const std::string& value, const char* clause) {
    if (value.empty()) return;
    params.push_back(value);
    where += std::string("AND ") + clause + " ?" + std::to_string(params.size() + 1) + " ";
  };
  add(q.kind, "kind =");
  add(q.subject, "subject =");
  add(q.since_iso, "at >=");
  add(q.until_iso, "at <");
  return where;
}

void bind_all(SQLite::Statement& st, Database& db, const std::vector<std::string>& params) {
  st.bind(1, db.commune());
  for (std::size_t i = 0; i < params.size(); ++i) st.bind(static_cast<int>(i) + 2, params[i]);
}

std::vector<AuditRow> audit_matching(Database& db, const std::string& where, const std::string& a,
                                     const std::string& b, int limit) {
  SQLite::Statement q(db.sql(), std::string(kAuditColumns) + where + " ORDER BY seq DESC LIMIT ?4");
  q.bind(1, db.commune());
  q.bind(2, a);
  q.bind(3, b);
  q.bind(4, limit);
  std::vector<AuditRow> out;
  while (q.executeStep()) out.push_back(audit_row(q));
  return out;
}

}  // namespace

AuditSlice audit_slice(Database& db, const AuditQuery& q) {
  std::vector<std::string> params;
  std::string where = audit_where(q, params);
  AuditSlice out;
  SQLite::Statement count(db.sql(), "SELECT COUNT(*) FROM audit " + where);
  bind_all(count, db, params);
  if (count.executeStep()) out.total = count.getColumn(0).getInt();
  SQLite::Statement rows(db.sql(),
                         std::string(kAuditColumns) + where + "ORDER BY seq DESC LIMIT ? OFFSET ?");
  bind_all(rows, db, params);
  int n = static_cast<int>(params.size()) + 2;
  rows.bind(n, q.limit);
  rows.bind(n + 1, q.offset);
  while (rows.executeStep()) out.rows.push_back(audit_row(rows));
  return out;
}

std::vector<std::string> audit_kinds(Database& db) {
  SQLite::Statement q(db.sql(), "SELECT DISTINCT kind FROM audit WHERE commune = ? ORDER BY kind");
  q.bind(1, db.commune());
  std::vector<std::string> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}

std::vector<AuditRow> audit_about_task(Database& db, const std::string& task, int limit) {
  return audit_matching(db,
                        "WHERE commune = ?1 AND (subject = ?2 OR substr(subject, 1, length(?3)) "
                        "= ?3 OR instr(detail, '\"task\":' || json_quote(?2)) > 0)",
                        task, "task|" + task + "|", limit);
}

std::vector<AuditRow> audit_about_body(Database& db, const std::string& body, int limit) {
  return audit_matching(
      db,
      "WHERE commune = ?1 AND (subject = ?2 OR (substr(subject, -length(?3)) = "
      "?3 AND (substr(subject, 1, 5) = 'task|' OR substr(subject, 1, 7) = 'report|')) OR "
      "instr(detail, '\"body\":' || json_quote(?2)) > 0)",
      body, "|" + body, limit);
}

std::vector<OutboxItem> outbox_items(Database& db, const OutboxQuery& q) {
  std::string sql =
      "SELECT id, created_at, recipient, kind, coalesce(task, ''), coalesce(cycle, ''), status, "
      "text, coalesce(sent_at, '') FROM outbox WHERE commune = ?";
  std::vector<std::string> params;
  auto add = [&](const std::string& value, const char* clause) {
    if (value.empty()) return;
    params.push_back(value);
    sql += clause;
  };
  add(q.task, " AND task = ?");
  add(q.recipient, " AND recipient = ?");
  add(q.since_iso, " AND created_at >= ?");
  for (std::size_t i = 0; i < q.kinds.size(); ++i) {
    sql += i == 0 ? " AND kind IN (?" : ", ?";
    params.push_back(q.kinds[i]);
  }
  if (!q.kinds.empty()) sql += ")";
  SQLite::Statement st(db.sql(), sql + " ORDER BY id DESC LIMIT ?");
  bind_all(st, db, params);
  st.bind(static_cast<int>(params.size()) + 2, q.limit);
  std::vector<OutboxItem> out;
  while (st.executeStep()) {
    OutboxItem m;
    m.id = st.getColumn(0).getInt64();
    m.created_at = st.getColumn(1).getString();
    m.recipient = st.getColumn(2).getString();
    m.kind = st.getColumn(3).getString();
    m.task = st.getColumn(4).getString();
    m.cycle = st.getColumn(5).getString();
    m.status = st.getColumn(6).getString();
    m.text = st.getColumn(7).getString();
    m.sent_at = st.getColumn(8).getString();
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<ChatLinkRow> chat_links_of_body(Database& db, const std::string& body) {
  SQLite::Statement q(db.sql(),
                      "SELECT channel, chat_id, from_name, linked_at FROM chat_links WHERE "
                      "commune = ? AND body = ? ORDER BY linked_at, chat_id");
  q.bind(1, db.commune());
  q.bind(2, body);
  std::vector<ChatLinkRow> out;
  while (q.executeStep()) {
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                   q.getColumn(2).getString(), q.getColumn(3).getString()});
  }
  return out;
}

std::unordered_map<std::string, int> linked_chat_counts(Database& db) {
  SQLite::Statement st(db.sql(),
                       "SELECT body, count(*) FROM chat_links WHERE commune = ? GROUP BY body");
  st.bind(1, db.commune());
  std::unordered_map<std::string, int> out;
  while (st.executeStep()) out[st.getColumn(0).getString()] = st.getColumn(1).getInt();
  return out;
}

std::int64_t data_version(Database& db) {
  return db.sql().execAndGet("PRAGMA data_version").getInt64();
}

}  // namespace dondoc
