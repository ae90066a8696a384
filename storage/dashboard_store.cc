#include "storage/dashboard_store.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace dondoc {
namespace {

constexpr const char* kAuditColumns = "SELECT at, kind, subject, source, detail FROM audit ";

// A LIMIT's value: a negative limit means every row (PostgreSQL refuses LIMIT -1, SQLite reads it
// so).
std::int64_t limit_value(int limit) { return limit < 0 ? std::int64_t{1} << 40 : limit; }

AuditRow audit_row(sql::Statement& q) {
  return {q.column(0).text(), q.column(1).text(), q.column(2).text(), q.column(3).text(),
          q.column(4).text()};
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

void bind_all(sql::Statement& st, Database& db, const std::vector<std::string>& params) {
  st.bind(1, db.commune());
  for (std::size_t i = 0; i < params.size(); ++i) st.bind(static_cast<int>(i) + 2, params[i]);
}

// ?2 = a, ?3 = b, ?5 = the JSON member `"key":"a"` a detail mentioning a holds (quoted in C++ as
// SQLite's json_quote did, so the query needs no JSON function).
std::vector<AuditRow> audit_matching(Database& db, const std::string& where, const std::string& a,
                                     const std::string& b, const char* key, int limit) {
  sql::Statement q(db.sql(), std::string(kAuditColumns) + where + " ORDER BY seq DESC LIMIT ?4");
  q.bind(1, db.commune());
  q.bind(2, a);
  q.bind(3, b);
  q.bind(4, limit_value(limit));
  q.bind(5, std::string("\"") + key + "\":" + nlohmann::json(a).dump());
  std::vector<AuditRow> out;
  while (q.step()) out.push_back(audit_row(q));
  return out;
}

}  // namespace

AuditSlice audit_slice(Database& db, const AuditQuery& q) {
  std::vector<std::string> params;
  std::string where = audit_where(q, params);
  AuditSlice out;
  sql::Statement count(db.sql(), "SELECT COUNT(*) FROM audit " + where);
  bind_all(count, db, params);
  if (count.step()) out.total = count.column(0).as_int();
  sql::Statement rows(db.sql(),
                      std::string(kAuditColumns) + where + "ORDER BY seq DESC LIMIT ? OFFSET ?");
  bind_all(rows, db, params);
  int n = static_cast<int>(params.size()) + 2;
  rows.bind(n, limit_value(q.limit));
  rows.bind(n + 1, std::max(0, q.offset));  // PostgreSQL refuses a negative OFFSET, SQLite reads 0
  while (rows.step()) out.rows.push_back(audit_row(rows));
  return out;
}

std::vector<std::string> audit_kinds(Database& db) {
  sql::Statement q(db.sql(), "SELECT DISTINCT kind FROM audit WHERE commune = ? ORDER BY kind");
  q.bind(1, db.commune());
  std::vector<std::string> out;
  while (q.step()) out.push_back(q.column(0).text());
  return out;
}

std::vector<AuditRow> audit_about_task(Database& db, const std::string& task, int limit) {
  return audit_matching(db,
                        "WHERE commune = ?1 AND (subject = ?2 OR substr(subject, 1, length(?3)) "
                        "= ?3 OR " +
                            sql_contains(db, "detail", "?5") + ")",
                        task, "task|" + task + "|", "task", limit);
}

std::vector<AuditRow> audit_about_body(Database& db, const std::string& body, int limit) {
  return audit_matching(
      db,
      "WHERE commune = ?1 AND (subject = ?2 OR (substr(subject, length(subject) - length(?3) + "
      "1) = ?3 AND (substr(subject, 1, 5) = 'task|' OR substr(subject, 1, 7) = 'report|')) OR " +
          sql_contains(db, "detail", "?5") + ")",
      body, "|" + body, "body", limit);
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
  sql::Statement st(db.sql(), sql + " ORDER BY id DESC LIMIT ?");
  bind_all(st, db, params);
  st.bind(static_cast<int>(params.size()) + 2, limit_value(q.limit));
  std::vector<OutboxItem> out;
  while (st.step()) {
    OutboxItem m;
    m.id = st.column(0).as_int64();
    m.created_at = st.column(1).text();
    m.recipient = st.column(2).text();
    m.kind = st.column(3).text();
    m.task = st.column(4).text();
    m.cycle = st.column(5).text();
    m.status = st.column(6).text();
    m.text = st.column(7).text();
    m.sent_at = st.column(8).text();
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<ChatLinkRow> chat_links_of_body(Database& db, const std::string& body) {
  sql::Statement q(db.sql(),
                   "SELECT channel, chat_id, from_name, linked_at FROM chat_links WHERE "
                   "commune = ? AND body = ? ORDER BY linked_at, chat_id");
  q.bind(1, db.commune());
  q.bind(2, body);
  std::vector<ChatLinkRow> out;
  while (q.step()) {
    out.push_back({q.column(0).text(), q.column(1).text(), q.column(2).text(), q.column(3).text()});
  }
  return out;
}

std::unordered_map<std::string, int> linked_chat_counts(Database& db) {
  sql::Statement st(db.sql(),
                    "SELECT body, count(*) FROM chat_links WHERE commune = ? GROUP BY body");
  st.bind(1, db.commune());
  std::unordered_map<std::string, int> out;
  while (st.step()) out[st.column(0).text()] = st.column(1).as_int();
  return out;
}

std::string view_version(Database& db) {
  sql::Statement& q = db.cached(
      "SELECT (SELECT stamp FROM config_stamps WHERE commune = ?1), "
      "(SELECT stamp FROM config_stamps WHERE commune = 0), "
      "(SELECT stamp FROM view_stamps WHERE commune = ?1), "
      "(SELECT stamp FROM view_stamps WHERE commune = 0)");
  q.bind(1, db.commune());
  std::string out;
  if (q.step()) {
    for (int i = 0; i < 4; ++i) {
      if (i) out += ':';
      // A commune none of whose rows changed since migration 181 has no row yet: its first
      // change adds one, so "-" is never current again.
      out += q.column(i).is_null() ? std::string("-") : std::to_string(q.column(i).as_int64());
    }
  }
  q.reset();  // a cached statement left mid-step would hold the read snapshot
  return out;
}

}  // namespace dondoc
