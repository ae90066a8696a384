#include "storage/explanation_store.h"

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

ExplanationRow row_of(sql::Statement& st) {
  ExplanationRow r;
  r.id = st.column(0).as_int64();
  r.body = st.column(1).text();
  r.task = st.column(2).text();
  r.cycle = st.column(3).text();
  r.period = st.column(4).text();
  r.subject = st.column(5).text();
  r.reason = st.column(6).text();
  r.asked_by = st.column(7).text();
  r.asked = instant_of(st.column(8).text());
  auto due = parse_date(st.column(9).text());
  if (!due) throw std::runtime_error("explanation_requests: hạn không hợp lệ");
  r.due = *due;
  if (!st.column(10).is_null()) r.answered = instant_of(st.column(10).text());
  r.answer = st.column(11).text();
  r.answered_by = st.column(12).text();
  r.asker_body = st.column(13).text();
  return r;
}

std::vector<ExplanationRow> rows_of(sql::Statement& st) {
  std::vector<ExplanationRow> out;
  while (st.step()) out.push_back(row_of(st));
  return out;
}

}  // namespace

std::int64_t insert_explanation(Database& db, const ExplanationRow& r) {
  sql::Statement st(db.sql(),
                    "INSERT INTO explanation_requests(commune, body, task, cycle, period, "
                    "subject, reason, asked_by, asked_at, due, asker_body) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
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
  return returned_id(st).value_or(0);
}

std::optional<ExplanationRow> find_explanation(Database& db, std::int64_t id) {
  sql::Statement st(db.sql(), std::string(kColumns) + "WHERE commune = ? AND id = ?");
  st.bind(1, db.commune());
  st.bind(2, id);
  if (!st.step()) return std::nullopt;
  return row_of(st);
}

std::optional<ExplanationRow> latest_open_explanation(Database& db, const std::string& body) {
  sql::Statement st(db.sql(), std::string(kColumns) +
                                  "WHERE commune = ? AND body = ? AND answered_at IS NULL "
                                  "ORDER BY id DESC LIMIT 1");
  st.bind(1, db.commune());
  st.bind(2, body);
  if (!st.step()) return std::nullopt;
  return row_of(st);
}

bool set_explanation_answer(Database& db, std::int64_t id, const std::string& text,
                            const std::string& by, Instant at) {
  sql::Statement st(db.sql(),
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
  sql::Statement st(db.sql(), sql + " ORDER BY id");
  st.bind(1, db.commune());
  st.bind(2, body);
  return rows_of(st);
}

bool has_open_explanation(Database& db, const std::string& body, const std::string& task,
                          const std::string& cycle, const std::string& period) {
  sql::Statement st(db.sql(),
                    "SELECT 1 FROM explanation_requests WHERE commune = ? AND body = ? AND "
                    "task = ? AND cycle = ? AND period = ? AND answered_at IS NULL LIMIT 1");
  st.bind(1, db.commune());
  st.bind(2, body);
  st.bind(3, task);
  st.bind(4, cycle);
  st.bind(5, period);
  return st.step();
}

}  // namespace dondoc
