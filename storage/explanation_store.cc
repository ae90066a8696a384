#include "storage/explanation_store.h"

#include <SQLiteCpp/Statement.h>

#include <stdexcept>

namespace dondoc {
namespace {

constexpr const char* kColumns =
    "SELECT id, body, task, cycle, period, subject, reason, asked_by, asked_at, due, "
    "answered_at, answer, answered_by, asker_body FROM explanation_requests ";

Instant instant_of(const std::string& s) {
  auto t = parse_instant(s);
  if (!t) throw std::runtime_error("explanation_requests: thời điểm không hợp lệ: " + s);
  return *t;
}

ExplanationRow row_of(SQLite::Statement& st) {
  ExplanationRow r;
  r.id = st.getColumn(0).getInt64();
  r.body = st.getColumn(1).getString();
  r.task = st.getColumn(2).getString();
  r.cycle = st.getColumn(3).getString();
  r.period = st.getColumn(4).getString();
  r.subject = st.getColumn(5).getString();
  r.reason = st.getColumn(6).getString();
  r.asked_by = st.getColumn(7).getString();
  r.asked = instant_of(st.getColumn(8).getString());
  auto due = parse_date(st.getColumn(9).getString());
  if (!due) throw std::runtime_error("explanation_requests: hạn không hợp lệ");
  r.due = *due;
  if (!st.getColumn(10).isNull()) r.answered = instant_of(st.getColumn(10).getString());
  r.answer = st.getColumn(11).getString();
  r.answered_by = st.getColumn(12).getString();
  r.asker_body = st.getColumn(13).getString();
  return r;
}

std::vector<ExplanationRow> rows_of(SQLite::Statement& st) {
  std::vector<ExplanationRow> out;
  while (st.executeStep()) out.push_back(row_of(st));
  return out;
}

}  // namespace

std::int64_t insert_explanation(Database& db, const ExplanationRow& r) {
  SQLite::Statement st(db.sql(),
                       "INSERT INTO explanation_requests(commune, body, task, cycle, period, "
                       "subject, reason, asked_by, asked_at, due, asker_body) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  st.bind(1, db.commune());
  st.bind(2, r.body);
  st.bind(3, r.task);
  st.bind(4, r.cycle);
  st.bind(5, r.period);
  st.bind(6, r.subject);
  st.bind(7, r.reason);
  st.bind(8, r.asked_by);
  st.bind(9, format_instant(r.asked));
  st.bind(10, format_date(r.due));
  st.bind(11, r.asker_body);
  st.exec();
  return db.sql().getLastInsertRowid();
}

std::optional<ExplanationRow> find_explanation(Database& db, std::int64_t id) {
  SQLite::Statement st(db.sql(), std::string(kColumns) + "WHERE commune = ? AND id = ?");
  st.bind(1, db.commune());
  st.bind(2, id);
  if (!st.executeStep()) return std::nullopt;
  return row_of(st);
}

std::optional<ExplanationRow> latest_open_explanation(Database& db, const std::string& body) {
  SQLite::Statement st(db.sql(), std::string(kColumns) +
                                     "WHERE commune = ? AND body = ? AND answered_at IS NULL "
                                     "ORDER BY id DESC LIMIT 1");
  st.bind(1, db.commune());
  st.bind(2, body);
  if (!st.executeStep()) return std::nullopt;
  return row_of(st);
}

bool set_explanation_answer(Database& db, std::int64_t id, const std::string& text,
                            const std::string& by, Instant at) {
  SQLite::Statement st(db.sql(),
                       "UPDATE explanation_requests SET answered_at = ?, answer = ?, "
                       "answered_by = ? WHERE commune = ? AND id = ? AND answered_at IS NULL");
  st.bind(1, format_instant(at));
  st.bind(2, text);
  st.bind(3, by);
  st.bind(4, db.commune());
  st.bind(5, id);
  return st.exec() == 1;
}

std::vector<ExplanationRow> list_explanation_rows(Database& db, const std::string& body,
                                                  bool open_only) {
  std::string sql = std::string(kColumns) + "WHERE commune = ?1 AND (?2 = '' OR body = ?2)";
  if (open_only) sql += " AND answered_at IS NULL";
  SQLite::Statement st(db.sql(), sql + " ORDER BY id");
  st.bind(1, db.commune());
  st.bind(2, body);
  return rows_of(st);
}

bool has_open_explanation(Database& db, const std::string& body, const std::string& task,
                          const std::string& cycle, const std::string& period) {
  SQLite::Statement st(db.sql(),
                       "SELECT 1 FROM explanation_requests WHERE commune = ? AND body = ? AND "
                       "task = ? AND cycle = ? AND period = ? AND answered_at IS NULL LIMIT 1");
  st.bind(1, db.commune());
  st.bind(2, body);
  st.bind(3, task);
  st.bind(4, cycle);
  st.bind(5, period);
  return st.executeStep();
}

}  // namespace dondoc
