#include "storage/indicator_store.h"

#include <nlohmann/json.hpp>

namespace dondoc {
namespace {

constexpr const char* kColumns =
    "SELECT id, indicator, value, number, body, by, source, at, note FROM indicator_values ";

IndicatorValueRow read_row(sql::Statement& q) {
  IndicatorValueRow r;
  r.id = q.column(0).as_int64();
  r.indicator = q.column(1).text();
  r.value = q.column(2).text();
  if (!q.column(3).is_null()) r.number = q.column(3).as_double();
  r.body = q.column(4).text();
  r.by = q.column(5).text();
  r.source = q.column(6).text();
  r.at_iso = q.column(7).text();
  r.note = q.column(8).text();
  return r;
}

}  // namespace

std::int64_t insert_indicator_value(Database& db, const IndicatorValueRow& row) {
  WriteTransaction tx(db);
  sql::Statement st(db.sql(),
                    "INSERT INTO indicator_values(commune, indicator, value, number, body, by, "
                    "source, at, note) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id");
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
  std::int64_t id = returned_id(st).value_or(0);
  nlohmann::json detail = {{"value", row.value}, {"body", row.body}, {"by", row.by}};
  if (!row.note.empty()) detail["note"] = row.note;
  db.audit("indicator_value", "indicator:" + row.indicator, row.source, detail.dump(), row.at_iso);
  tx.commit();
  return id;
}

std::vector<IndicatorValueRow> load_indicator_values(Database& db) {
  std::vector<IndicatorValueRow> out;
  sql::Statement q(db.sql(),
                   std::string(kColumns) + "WHERE commune = ? ORDER BY indicator, at, id");
  q.bind(1, db.commune());
  while (q.step()) out.push_back(read_row(q));
  return out;
}

std::vector<IndicatorValueRow> load_indicator_values(Database& db, std::string_view indicator) {
  std::vector<IndicatorValueRow> out;
  sql::Statement q(db.sql(),
                   std::string(kColumns) + "WHERE commune = ? AND indicator = ? ORDER BY at, id");
  q.bind(1, db.commune());
  q.bind(2, std::string(indicator));
  while (q.step()) out.push_back(read_row(q));
  return out;
}

}  // namespace dondoc
