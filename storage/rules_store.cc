#include "storage/rules_store.h"

#include <nlohmann/json.hpp>

#include "engine/kinds.h"

namespace dondoc {
namespace {

int insert_version(Database& db, std::string_view text, std::string_view source,
                   std::string_view now_iso) {
  sql::Statement off(db.sql(),
                     "UPDATE rules_versions SET active = 0 WHERE commune = ? AND active = 1");
  off.bind(1, db.commune());
  off.exec();
  sql::Statement ins(db.sql(),
                     "INSERT INTO rules_versions(loaded_at, source, text, active, commune) "
                     "VALUES (?, ?, ?, 1, ?) RETURNING version");
  ins.bind(1, std::string(now_iso));
  ins.bind(2, std::string(source));
  ins.bind(3, std::string(text));
  ins.bind(4, db.commune());
  int version = static_cast<int>(returned_id(ins).value_or(0));
  nlohmann::json detail = {{"version", version}, {"source", source}, {"bytes", text.size()}};
  db.audit(audit_kind::kRulesLoad, "rules:" + std::to_string(version), source, detail.dump(),
           now_iso);
  return version;
}

}  // namespace

std::vector<std::string> body_ids(Database& db) {
  std::vector<std::string> ids;
  sql::Statement st(db.sql(), "SELECT id FROM bodies WHERE commune = ? ORDER BY id");
  st.bind(1, db.commune());
  while (st.step()) ids.push_back(st.column(0).text());
  return ids;
}

int store_rules(Database& db, std::string_view text, std::string_view source,
                std::string_view now_iso) {
  WriteTransaction tx(db);
  int version = insert_version(db, text, source, now_iso);
  tx.commit();
  return version;
}

std::optional<StoredRules> active_rules_text(Database& db) {
  sql::Statement st(db.sql(),
                    "SELECT version, loaded_at, source, text FROM rules_versions "
                    "WHERE commune = ? AND active = 1");
  st.bind(1, db.commune());
  if (!st.step()) return std::nullopt;
  return StoredRules{st.column(0).as_int(), st.column(1).text(), st.column(2).text(),
                     st.column(3).text()};
}

std::vector<RulesVersionLine> rules_versions(Database& db) {
  std::vector<RulesVersionLine> out;
  sql::Statement st(db.sql(), "SELECT version, loaded_at, source, " + sql_byte_length(db, "text") +
                                  ", active FROM rules_versions WHERE commune = ? "
                                  "ORDER BY version DESC");
  st.bind(1, db.commune());
  while (st.step()) {
    out.push_back({st.column(0).as_int(), st.column(1).text(), st.column(2).text(),
                   static_cast<std::size_t>(st.column(3).as_int64()), st.column(4).as_int() != 0});
  }
  return out;
}

std::optional<StoredRules> rules_version(Database& db, int version) {
  sql::Statement st(db.sql(),
                    "SELECT version, loaded_at, source, text FROM rules_versions "
                    "WHERE commune = ? AND version = ?");
  st.bind(1, db.commune());
  st.bind(2, version);
  if (!st.step()) return std::nullopt;
  return StoredRules{st.column(0).as_int(), st.column(1).text(), st.column(2).text(),
                     st.column(3).text()};
}

int active_rules_version(Database& db) {
  sql::Statement st(db.sql(),
                    "SELECT version FROM rules_versions WHERE commune = ? AND active = 1");
  st.bind(1, db.commune());
  return st.step() ? st.column(0).as_int() : 0;
}

}  // namespace dondoc
