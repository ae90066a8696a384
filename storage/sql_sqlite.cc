// storage/sql.h over the sqlite3 C API: statements, error kinds, and opening a file the way
// dondoc always has (NOMUTEX, busy timeout 10 s, WAL, synchronous=FULL, temp_store=MEMORY,
// foreign keys; read-only with the immutable-URI fallback). Called through storage/sql.h only.
#include "storage/sql_sqlite.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <cctype>
#include <cstdio>
#include <cstring>

namespace dondoc::sql {
namespace {

// NOMUTEX: a connection is used by one thread at a time (see the header), so SQLite's per-call
// connection mutex is pure cost on the hot paths.
const int kReadWrite = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
const int kReadOnly = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;

ErrorKind kind_of(int code) {
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      return ErrorKind::constraint;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorKind::busy;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_AUTH:
      return ErrorKind::storage_fault;
    default:
      return ErrorKind::other;
  }
}

// SQLite's message; for a storage fault with the system's reason behind it ("disk I/O error: File
// too large").
[[noreturn]] void fail(sqlite3* db, int code, const std::string& suffix = {}) {
  std::string msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  ErrorKind kind = kind_of(code);
  if (kind == ErrorKind::storage_fault && db != nullptr) {
    int sys = sqlite3_system_errno(db);
    if (sys != 0) msg += std::string(": ") + std::strerror(sys);
  }
  throw Error(kind, code, msg + suffix);
}

class SqliteStatement : public StatementImpl {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* st) : db_(db), st_(st) {}
  ~SqliteStatement() override { sqlite3_finalize(st_); }

  void bind(int i, std::int64_t v) override { check(sqlite3_bind_int64(st_, i, v)); }
  void bind(int i, double v) override { check(sqlite3_bind_double(st_, i, v)); }
  void bind(int i, std::string_view t) override {
    check(sqlite3_bind_text64(st_, i, t.data(), t.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  void bind_blob(int i, std::string_view b) override {
    check(sqlite3_bind_blob64(st_, i, b.data(), b.size(), SQLITE_TRANSIENT));
  }
  void bind_null(int i) override { check(sqlite3_bind_null(st_, i)); }

  bool step() override {
    if (done_) return false;
    int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    done_ = true;
    if (rc == SQLITE_DONE) {
      changes_ = sqlite3_changes64(db_);
      return false;
    }
    fail(db_, sqlite3_extended_errcode(db_));
  }

  Column column(int i) const override {
    switch (sqlite3_column_type(st_, i)) {
      case SQLITE_INTEGER:
        return Column::of_int(sqlite3_column_int64(st_, i));
      case SQLITE_FLOAT:
        return Column::of_double(sqlite3_column_double(st_, i));
      case SQLITE_TEXT: {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, i));
        return Column::of_text(
            std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(st_, i))));
      }
      case SQLITE_BLOB: {
        const auto* p = static_cast<const char*>(sqlite3_column_blob(st_, i));
        auto n = static_cast<std::size_t>(sqlite3_column_bytes(st_, i));
        return Column::of_blob(p != nullptr ? std::string(p, n) : std::string());
      }
      default:
        return Column();
    }
  }
  int column_count() const override { return sqlite3_column_count(st_); }

  void reset() override {
    done_ = false;
    changes_ = 0;
    int rc = sqlite3_reset(st_);
    if (rc != SQLITE_OK) fail(db_, rc);
  }
  void clear_bindings() override { sqlite3_clear_bindings(st_); }
  std::int64_t changes() const override { return changes_; }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) fail(db_, rc);
  }
  sqlite3* db_;
  sqlite3_stmt* st_;
  bool done_ = false;
  std::int64_t changes_ = 0;
};

class SqliteConnection : public Connection {
 public:
  SqliteConnection(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}
  ~SqliteConnection() override { sqlite3_close_v2(db_); }

  Dialect dialect() const override { return Dialect::sqlite; }
  void exec(const std::string& sql) override {
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) fail(db_, sqlite3_extended_errcode(db_));
  }
  std::unique_ptr<StatementImpl> prepare(const std::string& sql) override {
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &st, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(st);
      fail(db_, sqlite3_extended_errcode(db_), " (in: " + sql.substr(0, sql.find('\n')) + ")");
    }
    return std::make_unique<SqliteStatement>(db_, st);
  }
  bool table_exists(const std::string& name) override {
    Statement st(*this, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?");
    st.bind(1, name);
    return st.step() && st.column(0).as_int64() > 0;
  }
  bool in_transaction() const override { return sqlite3_get_autocommit(db_) == 0; }
  void begin_write() override { exec("BEGIN IMMEDIATE"); }
  void set_durable(bool durable) override {
    if (durable == durable_) return;  // the pragma costs a statement per batch otherwise
    exec(durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
    durable_ = durable;
  }
  std::int64_t data_version() override {
    if (!data_version_) data_version_ = prepare("PRAGMA data_version");
    data_version_->reset();
    std::int64_t v = data_version_->step() ? data_version_->column(0).as_int64() : 0;
    data_version_->reset();
    return v;
  }
  std::int64_t total_changes() const override { return sqlite3_total_changes64(db_); }
  std::string describe() const override { return path_; }
  sqlite3* handle() { return db_; }
  void set_durable_known(bool durable) { durable_ = durable; }

 private:
  std::string path_;
  sqlite3* db_;
  bool durable_ = true;
  std::unique_ptr<StatementImpl> data_version_;  // destroyed before the connection closes
};

std::unique_ptr<SqliteConnection> open_raw(const std::string& path, const std::string& target,
                                           int flags) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(target.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    int code = db != nullptr ? sqlite3_extended_errcode(db) : rc;
    int sys = db != nullptr ? sqlite3_system_errno(db) : 0;
    sqlite3_close_v2(db);
    if (kind_of(code) == ErrorKind::storage_fault && sys != 0) {
      msg += std::string(": ") + std::strerror(sys);
    }
    throw Error(kind_of(code), code, msg);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 10000);
  return std::make_unique<SqliteConnection>(path, db);
}

bool is_file_path(const std::string& path) {
  return !path.empty() && path[0] != ':' && path.rfind("file:", 0) != 0;
}

// SQLite's URI for reading a file nobody writes (no locks, no -shm): "file:PATH?immutable=1".
std::string immutable_uri(const std::string& path) {
  std::string uri = path.rfind('/', 0) == 0 ? "file://" : "file:";
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::strchr("/-._~", c) != nullptr) {
      uri += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      uri += hex;
    }
  }
  return uri + "?immutable=1";
}

// Without a WAL holding commits the main file does not have, the file alone is the database.
bool no_wal_content(const std::string& path) {
  struct stat st {};
  return ::stat((path + "-wal").c_str(), &st) != 0 || st.st_size == 0;
}

// The first read opens (or fails to open) the -wal and -shm.
void first_read(Connection& c) { (void)c.exec_and_get("SELECT count(*) FROM sqlite_master"); }

std::unique_ptr<Connection> open_read_only(const std::string& path) {
  try {
    auto c = open_raw(path, path, kReadOnly);
    first_read(*c);
    c->exec("PRAGMA query_only=ON");
    return c;
  } catch (const Error&) {
    // A read-only directory: SQLite cannot create the -shm a WAL reader needs.
    if (!is_file_path(path) || !no_wal_content(path)) throw;
  }
  auto c = open_raw(path, immutable_uri(path), kReadOnly | SQLITE_OPEN_URI);
  first_read(*c);
  c->exec("PRAGMA query_only=ON");
  return c;
}

}  // namespace

sqlite3* sqlite_handle(Connection& c) {
  auto* s = dynamic_cast<SqliteConnection*>(&c);
  return s != nullptr ? s->handle() : nullptr;
}

std::unique_ptr<Connection> open_sqlite(const std::string& path, bool read_only) {
  if (read_only) return open_read_only(path);
  auto c = open_raw(path, path, kReadWrite);
  if (sqlite3_db_readonly(c->handle(), "main") == 1) {
    throw Error(ErrorKind::storage_fault, SQLITE_READONLY, "SQLite chỉ mở được để đọc");
  }
  c->exec("PRAGMA journal_mode=WAL");
  c->exec("PRAGMA synchronous=FULL");
  c->set_durable_known(true);
  // Savepoint sub-journals and sort space in memory, not temporary files created and unlinked
  // per transaction.
  c->exec("PRAGMA temp_store=MEMORY");
  c->exec("PRAGMA foreign_keys=ON");
  return c;
}

}  // namespace dondoc::sql
