// The database: a storage/sql.h connection (SQLite: WAL, synchronous=FULL, foreign keys on);
// forward migrations run at open inside one transaction; or opened read-only for listings, writing
// nothing. Every store reads and writes through it. One Database per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/sql.h"

namespace dondoc {

// The commune of nothing: a chat not linked yet, the audit rows that belong to no commune.
inline constexpr std::int64_t kNoCommune = 0;

struct Migration {
  int version;
  const char* sql;
};

// All migrations in version order (storage/migrations.cc).
const std::vector<Migration>& migrations();

// A database that cannot be used as asked: what() names the file and the reason, for a person
// (read-only file or directory, full disk, missing file, schema of another dondoc version).
// Nothing was changed. The CLI answers it with exit 2.
class DatabaseUnusable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Database {
 public:
  enum class Access { read_write, read_only };

  // read_write: opens or creates the file (a new one with mode 0600, which SQLite gives its -wal
  // and -shm too) and migrates it. read_only: opens an existing file with SQLITE_OPEN_READONLY
  // (immutable when its directory is read-only and it has no WAL), runs no migration and writes
  // nothing, so listings work on a read-only file, directory or mount. Throws DatabaseUnusable,
  // leaving the file untouched, when the file cannot be opened so (read-only for read_write,
  // missing for read_only) or its schema is newer than ours (or, read_only, older).
  explicit Database(const std::string& path, Access access = Access::read_write);

  sql::Connection& sql() { return *db_; }
  sql::Dialect dialect() const { return db_->dialect(); }
  const std::string& path() const { return path_; }
  int schema_version();

  // Throws DatabaseUnusable naming the file and the reason unless a write commits now: the file
  // and its directory (where SQLite creates -wal and -shm) writable, one real commit (the
  // header's user_version rewritten unchanged) succeeding. For `serve` at start.
  void check_writable();

  // The commune (communes.key) every query on a commune's own tables reads and writes, set by a
  // CommuneScope. Throws std::logic_error when none is set: nothing runs unscoped, so nothing of
  // one commune is read or written for another by accident.
  std::int64_t commune() const;
  bool has_commune() const { return commune_.has_value(); }

  // Appends to the audit trail (inside the caller's transaction, if any), under the current
  // commune, or under none (0) when no scope is set (a chat not linked yet).
  void audit(std::string_view kind, std::string_view subject, std::string_view source,
             std::string_view detail_json, std::string_view at_iso);

  // Writes a consistent copy of the whole database (every commune) to `path`, which must not
  // exist, while other connections keep reading and writing (SQLite's VACUUM INTO). Throws with
  // SQLite's message on failure.
  void backup_to(const std::string& path);

  // A statement prepared once per connection and handed back reset, with no bindings, for
  // statements on hot paths (audit, inbound events). Requires: the caller finishes with it before
  // asking for the same sql again.
  sql::Statement& cached(const std::string& sql);
  // Resets every cached statement: after a failed transaction, a statement left mid-step keeps
  // SQLite's pager in its error state (every later write failing) until it is reset.
  void reset_cached() noexcept;

 private:
  void open_read_write();
  void open_read_only();
  void open_server(bool read_only);
  const std::vector<Migration>& schema_migrations() const;
  void migrate();
  friend class CommuneScope;
  std::optional<std::int64_t> commune_;
  std::string newer_schema_message(int current, int latest) const;
  std::string path_;
  std::unique_ptr<sql::Connection> db_;
  // Declared after db_ so the statements are finalised before the connection closes.
  std::unordered_map<std::string, std::unique_ptr<sql::Statement>> statements_;
};

// The dialect-specific bits of SQL, each in one place. sql_contains: a condition true when text
// `haystack` contains `needle` (SQL expressions), case-sensitively (SQLite instr, PostgreSQL
// strpos). sql_byte_length: the size in bytes of text `expr` (SQLite before 3.43 has no
// octet_length; PostgreSQL has no BLOB type). defer_foreign_keys: inside a transaction, check
// foreign keys at COMMIT only.
std::string sql_contains(Database& db, const std::string& haystack, const std::string& needle);
std::string sql_byte_length(Database& db, const std::string& expr);
void defer_foreign_keys(Database& db);
// SQLite's writer tuning (WAL auto-checkpoint, page cache) and passive checkpoint, for the
// group-commit writer; nothing on a server database, which does its own.
void tune_writer(Database& db);
void checkpoint(Database& db);

// Runs an INSERT … RETURNING <key> to its end and gives the key it returned, or nothing when no row
// was inserted (ON CONFLICT … DO NOTHING). The portable last-insert-id.
std::optional<std::int64_t> returned_id(sql::Statement& insert);

// Sets the Database's commune for its lifetime and restores the previous one after. Same thread
// as its Database.
class CommuneScope {
 public:
  CommuneScope(Database& db, std::int64_t commune);
  ~CommuneScope();
  CommuneScope(const CommuneScope&) = delete;
  CommuneScope& operator=(const CommuneScope&) = delete;

 private:
  Database& db_;
  std::optional<std::int64_t> previous_;
};
// A write transaction that joins the caller's when one is already open: the outermost begins
// (IMMEDIATE) and commits; an inner one does neither, so the caller decides for both and a failure
// anywhere rolls back everything. Same thread as its Database.
class WriteTransaction {
 public:
  explicit WriteTransaction(Database& db);
  ~WriteTransaction();  // rolls the outermost back unless committed
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool outermost_;
  bool done_ = false;
};

// A savepoint inside the caller's transaction: released on commit(), rolled back to (and released)
// otherwise, so a failing piece of work undoes itself alone. Same thread as its Database.
class Savepoint {
 public:
  explicit Savepoint(Database& db);
  ~Savepoint();  // rolls back unless committed
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace dondoc
