#include "storage/indicator_store.h"

#include <nlohmann/json.hpp>

namespace dondoc {
namespace {

constexpr const char* kColumns =
    "SELECT id, indicator, value, number, body, by, source, at, note FROM indicator_values ";

IndicatorValueRow read_row(SQLite::Statement& q) {
  IndicatorValueRow r;
  r.id = q.getColumn(0).getInt64();
  r.indicator = q.getColumn(1).getString();
  r.value = q.getColumn(2).getString();
  if (!q.getColumn(3).isNull()) r.number = q.getColumn(3).getDouble();
  r.body = q.getColumn(4).getString();
  r.by = q.getColumn(5).getString();
  r.source = q.getColumn(6).getString();
  r.at_iso = q.getColumn(7).getString();
  r.note = q.getColumn(8).getString();
  return r;
}

}  // namespace

std::int64_t insert_indicator_value(Database& db, const IndicatorValueRow& row) {
  WriteTransaction tx(db);
  SQLite::Statement st(db.sql(),
                       "INSERT INTO indicator_values(commune, indicator, value, number, body, by, "
                       "source, at, note) VALUES (?,?,?,?,?,?,?,?,?)");
  st.bind(1, db.commune());
  st.bind(2, row.indicator);
  st.bind(3, row.value);
  if (row.number) {
    st.bind(4, *row.number);
  } else {
    st.bind(4);
  }
  st.bind(5, row.body);
  st.bind(6, row.by);
  st.bind(7, row.source);
  st.bind(8, row.at_iso);
  st.bind(9, row.note);
  st.exec();
  std::int64_t id = db.sql().getLastInsertRowid();
  nlohmann::json detail = {{"value", row.value}, {"body", row.body}, {"by", row.by}};
  if (!row.note.empty()) detail["note"] = row.note;
  db.audit("indicator_value", "indicator:" + row.indicator, row.source, detail.dump(), row.at_iso);
  tx.commit();
  return id;
}

std::vector<IndicatorValueRow> load_indicator_values(Database& db) {
  std::vector<IndicatorValueRow> out;
  SQLite::Statement q(db.sql(),
                      std::string(kColumns) + "WHERE commune = ? ORDER BY indicator, at, id");
  q.bind(1, db.commune());
  while (q.executeStep()) out.push_back(read_row(q));
  return out;
}

std::vector<IndicatorValueRow> load_indicator_values(Database& db, std::string_view indicator) {
  std::vector<IndicatorValueRow> out;
  SQLite::Statement q(
      db.sql(), std::string(kColumns) + "WHERE commune = ? AND indicator = ? ORDER BY at, id");
  q.bind(1, db.commune());
  q.bind(2, std::string(indicator));
  while (q.executeStep()) out.push_back(read_row(q));
  return out;
}

}  // namespace dondoc
