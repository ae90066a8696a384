// The one SQL connection interface the stores are written against, with two implementations:
// SQLite (storage/sql_sqlite.cc, the embedded default) and PostgreSQL (storage/sql_pg.cc, libpq).
// Only storage/ includes this header. A connection and its statements belong to one thread.
//
// The SQL the stores write is the common subset of both dialects: `?` or `?N` placeholders (the
// PostgreSQL side rewrites them to `$N`), ON CONFLICT … DO NOTHING / DO UPDATE instead of INSERT
// OR IGNORE / OR REPLACE, RETURNING instead of last-insert-rowid, COALESCE, no rowid, no PRAGMA,
// no SQLite-only functions. Where the dialects must differ, the store asks `dialect()`.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace dondoc::sql {

enum class Dialect { sqlite, postgresql };

// What went wrong, in the terms the stores and the writer act on.
enum class ErrorKind {
  constraint,     // a UNIQUE, CHECK, NOT NULL or FOREIGN KEY refused the row (bad input)
  busy,           // another writer holds the lock, or a serialization failure: try again
  storage_fault,  // the storage refuses writes: read-only, full, I/O error, corrupt, no access
  connection,     // the server cannot be reached or the connection was lost (PostgreSQL)
  other           // a mistake in SQL, a type error, anything else
};

// Every failure of a connection or statement. what() carries the database's own message (and the
// SQL's first line for a failed prepare); native_code() the SQLite extended result code or the
// PostgreSQL SQLSTATE packed as five characters into the low 30 bits (see sqlstate()).
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, int native_code, const std::string& message)
      : std::runtime_error(message), kind_(kind), native_code_(native_code) {}
  ErrorKind kind() const { return kind_; }
  int native_code() const { return native_code_; }
  // The PostgreSQL SQLSTATE ("23505"), empty for SQLite errors.
  std::string sqlstate() const { return sqlstate_; }
  void set_sqlstate(std::string s) { sqlstate_ = std::move(s); }

 private:
  ErrorKind kind_;
  int native_code_;
  std::string sqlstate_;
};

// One value of a result row, owned (it outlives the step that produced it). Conversions follow
// SQLite's: NULL reads as 0, 0.0 or ""; text holding a number reads as that number (PostgreSQL
// returns every value as text, so this is how its integers are read).
class Column {
 public:
  Column() = default;  // NULL
  static Column null() { return Column(); }
  static Column of_int(std::int64_t v);
  static Column of_double(double v);
  static Column of_text(std::string v);
  static Column of_blob(std::string bytes);

  enum class Type { null, integer, real, text, blob };
  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::null; }
  std::int64_t as_int64() const;
  int as_int() const { return static_cast<int>(as_int64()); }
  double as_double() const;
  std::string text() const;         // numbers formatted as SQLite formats them
  const std::string& bytes() const  // a blob's or a text's bytes, exactly
  {
    return text_;
  }

 private:
  Type type_ = Type::null;
  std::int64_t int_ = 0;
  double real_ = 0;
  std::string text_;
};

// A prepared statement's implementation; the Statement handle below is what stores use.
class StatementImpl {
 public:
  virtual ~StatementImpl() = default;
  virtual void bind(int index, std::int64_t v) = 0;  // index 1-based, as `?N`
  virtual void bind(int index, double v) = 0;
  virtual void bind(int index, std::string_view text) = 0;
  virtual void bind_blob(int index, std::string_view bytes) = 0;
  virtual void bind_null(int index) = 0;
  // Runs the statement on the first call after a reset; true while a row is available.
  virtual bool step() = 0;
  virtual Column column(int index) const = 0;  // 0-based, of the current row
  virtual int column_count() const = 0;
  virtual void reset() = 0;           // keeps the bindings
  virtual void clear_bindings() = 0;  // all back to NULL
  // Rows changed by the last run (INSERT/UPDATE/DELETE), as sqlite3_changes or PQcmdTuples.
  virtual std::int64_t changes() const = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Runs one or more statements without parameters (DDL, BEGIN, COMMIT, SAVEPOINT …).
  virtual void exec(const std::string& sql) = 0;
  virtual std::unique_ptr<StatementImpl> prepare(const std::string& sql) = 0;
  virtual bool table_exists(const std::string& name) = 0;
  // True while a transaction is open on this connection.
  virtual bool in_transaction() const = 0;
  // Opens the write transaction a WriteTransaction or the group-commit writer begins: SQLite's
  // BEGIN IMMEDIATE (the write lock taken now); PostgreSQL's BEGIN (see docs/deployment.md for
  // the isolation chosen).
  virtual void begin_write() = 0;
  // Whether the next transaction's COMMIT waits for the disk: SQLite's synchronous FULL or NORMAL;
  // PostgreSQL's synchronous_commit on or off, for the transaction.
  virtual void set_durable(bool durable) = 0;
  // A number that changes whenever another connection committed something since it was last
  // read (SQLite's PRAGMA data_version); equal values mean nothing changed.
  virtual std::int64_t data_version() = 0;
  // All rows changed through this connection since it opened.
  virtual std::int64_t total_changes() const = 0;
  // What the user typed to open it, with any password removed: for messages.
  virtual std::string describe() const = 0;

  // A first column of a first row, for one-line queries (NULL when there is no row).
  Column exec_and_get(const std::string& sql);
};

// A statement handle with the small API the stores use, over either implementation.
class Statement {
 public:
  Statement(Connection& c, const std::string& sql) : impl_(c.prepare(sql)) {}
  explicit Statement(std::unique_ptr<StatementImpl> impl) : impl_(std::move(impl)) {}

  void bind(int i, int v) { impl_->bind(i, static_cast<std::int64_t>(v)); }
  void bind(int i, long v) { impl_->bind(i, static_cast<std::int64_t>(v)); }
  void bind(int i, long long v) { impl_->bind(i, static_cast<std::int64_t>(v)); }
  void bind(int i, unsigned v) { impl_->bind(i, static_cast<std::int64_t>(v)); }
  void bind(int i, unsigned long v) { impl_->bind(i, static_cast<std::int64_t>(v)); }
  void bind(int i, bool v) { impl_->bind(i, static_cast<std::int64_t>(v ? 1 : 0)); }
  void bind(int i, double v) { impl_->bind(i, v); }
  void bind(int i, const std::string& v) { impl_->bind(i, std::string_view(v)); }
  void bind(int i, std::string_view v) { impl_->bind(i, v); }
  void bind(int i, const char* v) { impl_->bind(i, std::string_view(v)); }
  void bind(int i) { impl_->bind_null(i); }  // NULL
  template <class T>
  void bind(int i, const std::optional<T>& v) {
    if (v) {
      bind(i, *v);
    } else {
      bind(i);
    }
  }
  void bind_blob(int i, std::string_view bytes) { impl_->bind_blob(i, bytes); }

  bool step() { return impl_->step(); }
  // Runs a statement that returns no row; returns the rows it changed.
  std::int64_t exec() {
    while (impl_->step()) {
    }
    return impl_->changes();
  }
  Column column(int i) const { return impl_->column(i); }
  int column_count() const { return impl_->column_count(); }
  void reset() { impl_->reset(); }
  void clear_bindings() { impl_->clear_bindings(); }
  // reset() that swallows the error it would rethrow (after a failed step): for cleanup paths.
  void try_reset() noexcept {
    try {
      impl_->reset();
    } catch (...) {
    }
  }

 private:
  std::unique_ptr<StatementImpl> impl_;
};

// True for a string naming a PostgreSQL server: "postgresql://…" or "postgres://…".
bool is_postgresql_url(std::string_view target);

// Opens SQLite (storage/sql_sqlite.cc). read_only: SQLITE_OPEN_READONLY, falling back to the
// immutable URI when the directory is read-only and the file has no WAL content. Throws Error
// (kind storage_fault for unwritable or missing files).
std::unique_ptr<Connection> open_sqlite(const std::string& path, bool read_only);

// Opens PostgreSQL (storage/sql_pg.cc) from a libpq URI. read_only: the session is set
// default_transaction_read_only. Throws Error (kind connection) with libpq's message and the URI
// without its password.
std::unique_ptr<Connection> open_postgresql(const std::string& url, bool read_only);

}  // namespace dondoc::sql
