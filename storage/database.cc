#include "storage/database.h"

#include "storage/code_hash.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <stdexcept>

namespace dondoc {

Database::Database(const std::string& path)
    : path_(path),
      // NOMUTEX: a connection is used by one thread at a time (see the header), so SQLite's
      // per-call connection mutex is pure cost on the hot paths.
      db_(std::make_unique<SQLite::Database>(
          path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX)) {
  db_->setBusyTimeout(10000);
  db_->exec("PRAGMA journal_mode=WAL");
  db_->exec("PRAGMA synchronous=FULL");
  // Savepoint sub-journals and sort space in memory, not temporary files created and unlinked
  // per transaction.
  db_->exec("PRAGMA temp_store=MEMORY");
  db_->exec("PRAGMA foreign_keys=ON");
  migrate();
}

int Database::schema_version() {
  if (!db_->tableExists("schema_version")) return 0;
  return db_->execAndGet("SELECT COALESCE(MAX(version), 0) FROM schema_version").getInt();
}

void Database::migrate() {
  const auto& all = migrations();
  int latest = all.empty() ? 0 : all.back().version;
  int current = schema_version();
  if (current > latest) {
    throw std::runtime_error(path_ + ": cơ sở dữ liệu thuộc phiên bản dondoc mới hơn (schema " +
                             std::to_string(current) + " > " + std::to_string(latest) +
                             "); không thay đổi gì. Hãy dùng bản dondoc mới hơn.");
  }
  if (current == latest) return;
  register_code_hash_function(*db_);  // migration 64 hashes the stored link codes
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  current = schema_version();  // another process may have migrated meanwhile
  db_->exec(
      "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT "
      "NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))");
  for (const auto& m : all) {
    if (m.version <= current) continue;
    db_->exec(m.sql);
    SQLite::Statement ins(*db_, "INSERT INTO schema_version(version) VALUES (?)");
    ins.bind(1, m.version);
    ins.exec();
  }
  tx.commit();
}

void Database::backup_to(const std::string& path) {
  SQLite::Statement st(*db_, "VACUUM INTO ?");
  st.bind(1, path);
  st.exec();
}

SQLite::Statement& Database::cached(const std::string& sql) {
  auto& st = statements_[sql];
  if (!st) {
    st = std::make_unique<SQLite::Statement>(*db_, sql);
  } else {
    st->reset();
    st->clearBindings();
  }
  return *st;
}

std::int64_t Database::commune() const {
  if (!commune_)
    throw std::logic_error("dondoc: a commune's data was used without a commune scope");
  return *commune_;
}

CommuneScope::CommuneScope(Database& db, std::int64_t commune) : db_(db), previous_(db.commune_) {
  db_.commune_ = commune;
}

CommuneScope::~CommuneScope() { db_.commune_ = previous_; }

WriteTransaction::WriteTransaction(Database& db)
    : db_(db), outermost_(sqlite3_get_autocommit(db.sql().getHandle()) != 0) {
  if (outermost_) db_.sql().exec("BEGIN IMMEDIATE");
}

WriteTransaction::~WriteTransaction() {
  if (!outermost_ || done_) return;
  try {
    db_.sql().exec("ROLLBACK");
  } catch (...) {  // nothing to do: SQLite rolls back on its own when it cannot
  }
}

void WriteTransaction::commit() {
  if (outermost_ && !done_) db_.sql().exec("COMMIT");
  done_ = true;
}

Savepoint::Savepoint(Database& db) : db_(db) { db_.cached("SAVEPOINT work").exec(); }

Savepoint::~Savepoint() {
  if (done_) return;
  try {
    db_.cached("ROLLBACK TO work").exec();
    db_.cached("RELEASE work").exec();
  } catch (...) {  // the enclosing transaction is gone already: nothing left to undo
  }
}

void Savepoint::commit() {
  if (!done_) db_.cached("RELEASE work").exec();
  done_ = true;
}

void Database::audit(std::string_view kind, std::string_view subject, std::string_view source,
                     std::string_view detail_json, std::string_view at_iso) {
  auto& st =
      cached("INSERT INTO audit(at, kind, subject, source, detail, commune) VALUES (?,?,?,?,?,?)");
  st.bind(1, std::string(at_iso));
  st.bind(2, std::string(kind));
  st.bind(3, std::string(subject));
  st.bind(4, std::string(source));
  st.bind(5, std::string(detail_json));
  st.bind(6, commune_.value_or(0));
  st.exec();
}

}  // namespace dondoc
