#include "storage/commune_store.h"

namespace dondoc {
namespace {

constexpr const char* kColumns = "SELECT key, id, name, created_at, settings FROM communes ";

Commune row_from(sql::Statement& q) {
  return Commune{q.column(0).as_int64(), q.column(1).text(), q.column(2).text(), q.column(3).text(),
                 q.column(4).text()};
}

}  // namespace

std::vector<Commune> list_communes(Database& db) {
  sql::Statement q(db.sql(), std::string(kColumns) + "ORDER BY id");
  std::vector<Commune> out;
  while (q.step()) out.push_back(row_from(q));
  return out;
}

std::optional<Commune> find_commune(Database& db, std::string_view id) {
  sql::Statement q(db.sql(), std::string(kColumns) + "WHERE id = ?");
  q.bind(1, std::string(id));
  if (!q.step()) return std::nullopt;
  return row_from(q);
}

std::optional<Commune> commune_by_key(Database& db, std::int64_t key) {
  sql::Statement q(db.sql(), std::string(kColumns) + "WHERE key = ?");
  q.bind(1, key);
  if (!q.step()) return std::nullopt;
  return row_from(q);
}

std::int64_t add_commune(Database& db, std::string_view id, std::string_view name,
                         std::string_view at_iso) {
  // Keys start at 1: 0 is kNoCommune.
  sql::Statement st(db.sql(),
                    "INSERT INTO communes(key, id, name, created_at) VALUES ((SELECT "
                    "COALESCE(MAX(key), 0) + 1 FROM communes), ?, ?, ?) RETURNING key");
  st.bind(1, std::string(id));
  st.bind(2, std::string(name));
  st.bind(3, std::string(at_iso));
  return returned_id(st).value_or(0);
}

bool set_commune_settings(Database& db, std::int64_t key, std::string_view settings_json) {
  sql::Statement st(db.sql(), "UPDATE communes SET settings = ? WHERE key = ?");
  st.bind(1, std::string(settings_json));
  st.bind(2, key);
  return st.exec() == 1;
}

bool rename_commune(Database& db, std::int64_t key, std::string_view new_id,
                    std::string_view new_name) {
  sql::Statement st(db.sql(), "UPDATE communes SET id = ?, name = ? WHERE key = ?");
  st.bind(1, std::string(new_id));
  st.bind(2, std::string(new_name));
  st.bind(3, key);
  return st.exec() == 1;
}

}  // namespace dondoc
