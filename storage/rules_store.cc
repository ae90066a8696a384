#include "storage/rules_store.h"

#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>

#include "engine/kinds.h"

namespace dondoc {
namespace {

int insert_version(Database& db, std::string_view text, std::string_view source,
                   std::string_view now_iso) {
  SQLite::Statement off(db.sql(),
                        "UPDATE rules_versions SET active = 0 WHERE commune = ? AND active = 1");
  off.bind(1, db.commune());
  off.exec();
  SQLite::Statement ins(db.sql(),
                        "INSERT INTO rules_versions(loaded_at, source, text, active, commune) "
                        "VALUES (?, ?, ?, 1, ?)");
  ins.bind(1, std::string(now_iso));
  ins.bind(2, std::string(source));
  ins.bind(3, std::string(text));
  ins.bind(4, db.commune());
  ins.exec();
  int version = static_cast<int>(db.sql().getLastInsertRowid());
  nlohmann::json detail = {{"version", version}, {"source", source}, {"bytes", text.size()}};
  db.audit(audit_kind::kRulesLoad, "rules:" + std::to_string(version), source, detail.dump(),
           now_iso);
  return version;
}

}  // namespace

std::vector<std::string> body_ids(Database& db) {
  std::vector<std::string> ids;
  SQLite::Statement st(db.sql(), "SELECT id FROM bodies WHERE commune = ? ORDER BY id");
  st.bind(1, db.commune());
  while (st.executeStep()) ids.push_back(st.getColumn(0).getString());
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
  SQLite::Statement st(db.sql(),
                       "SELECT version, loaded_at, source, text FROM rules_versions "
                       "WHERE commune = ? AND active = 1");
  st.bind(1, db.commune());
  if (!st.executeStep()) return std::nullopt;
  return StoredRules{st.getColumn(0).getInt(), st.getColumn(1).getString(),
                     st.getColumn(2).getString(), st.getColumn(3).getString()};
}

std::vector<RulesVersionLine> rules_versions(Database& db) {
  std::vector<RulesVersionLine> out;
  SQLite::Statement st(db.sql(),
                       "SELECT version, loaded_at, source, length(CAST(text AS BLOB)), active "
                       "FROM rules_versions WHERE commune = ? ORDER BY version DESC");
  st.bind(1, db.commune());
  while (st.executeStep()) {
    out.push_back(
        {st.getColumn(0).getInt(), st.getColumn(1).getString(), st.getColumn(2).getString(),
         static_cast<std::size_t>(st.getColumn(3).getInt64()), st.getColumn(4).getInt() != 0});
  }
  return out;
}

std::optional<StoredRules> rules_version(Database& db, int version) {
  SQLite::Statement st(db.sql(),
                       "SELECT version, loaded_at, source, text FROM rules_versions "
                       "WHERE commune = ? AND version = ?");
  st.bind(1, db.commune());
  st.bind(2, version);
  if (!st.executeStep()) return std::nullopt;
  return StoredRules{st.getColumn(0).getInt(), st.getColumn(1).getString(),
                     st.getColumn(2).getString(), st.getColumn(3).getString()};
}

int active_rules_version(Database& db) {
  SQLite::Statement st(db.sql(),
                       "SELECT version FROM rules_versions WHERE commune = ? AND active = 1");
  st.bind(1, db.commune());
  return st.executeStep() ? st.getColumn(0).getInt() : 0;
}

}  // namespace dondoc
