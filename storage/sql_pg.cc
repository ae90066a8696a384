// PostgreSQL behind storage/sql.h, with libpq. libpq rather than libpqxx: its C API throws no
// exceptions across our boundaries (we raise sql::Error ourselves, with the SQLSTATE's kind), it
// is small and Debian ships it with the server, and its prepare / execute-with-text-parameters /
// read-the-whole-result shape is exactly our Statement's bind / step / column.
//
// Writers: begin_write() opens a READ COMMITTED transaction and takes one transaction-level
// advisory lock, the database's write lock, waiting at most 10 s (then 55P03: busy). The stores
// read, decide and write inside WriteTransaction assuming nobody writes meanwhile, as SQLite's
// BEGIN IMMEDIATE guarantees; the lock gives the same guarantee across processes without making
// every store retry serialization failures, as SERIALIZABLE would. READ COMMITTED, not
// REPEATABLE READ: each statement's snapshot is then taken after the lock is held, so it sees
// every earlier writer's commit.
//
// Savepoints cost no round trip of their own: inside a transaction, SAVEPOINT and RELEASE run by
// statements are held back and sent in one pipeline (libpq's pipeline mode, one Sync) with the
// next statement, and a RELEASE right after its SAVEPOINT cancels it. A handled event's savepoint
// was two of its eight round trips, each a context switch each way on the client and the server
// (perf: 60-70 % of both processes' CPU was the kernel's). An error of a held-back command is
// thrown by the statement it was sent with; a ROLLBACK drops them.
//
// data_version(): a hash of pg_current_snapshot(). Every transaction that wrote (held an xid)
// and ended changes the snapshot (its xid leaves the in-progress list or moves xmax), and nothing
// else does; our own commits, aborts and other databases of the cluster change it too, which only
// costs the caller a needless reload.
#include <libpq-fe.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "storage/sql.h"
#include "storage/sql_pg.h"

namespace dondoc::sql {

namespace {

constexpr long long kWriteLockKey = 0x646f6e646f63;  // "dondoc"

// PostgreSQL type oids (catalog/pg_type.h) read as numbers or bytes rather than text.
constexpr Oid kBoolOid = 16, kByteaOid = 17, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23,
              kOidOid = 26, kFloat4Oid = 700, kFloat8Oid = 701, kNumericOid = 1700;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

std::string first_line(const std::string& sql) {
  std::size_t start = sql.find_first_not_of(" \n\t");
  if (start == std::string::npos) return {};
  std::size_t end = sql.find('\n', start);
  return sql.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

Error make_error(ErrorKind kind, const std::string& state, const std::string& message) {
  Error e(kind, pg::pack_sqlstate(state), message);
  e.set_sqlstate(state);
  return e;
}

// The error a failed result (or a lost connection, which has no result) stands for.
Error result_error(PGconn* conn, const PGresult* r, const std::string& context) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string message = primary ? primary : PQerrorMessage(conn);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  if (!context.empty()) message += " (" + context + ")";
  if (!state) {
    bool lost = PQstatus(conn) == CONNECTION_BAD;
    return make_error(lost ? ErrorKind::connection : ErrorKind::other, lost ? "08006" : "",
                      message);
  }
  return make_error(pg::kind_of_sqlstate(state), state, message);
}

bool ok(const PGresult* r) {
  if (!r) return false;
  ExecStatusType s = PQresultStatus(r);
  return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY;
}

// Rows an INSERT, UPDATE, DELETE or MERGE changed; 0 for anything else.
std::int64_t changed_rows(const PGresult* r) {
  const char* status = PQcmdStatus(const_cast<PGresult*>(r));
  bool write = std::strncmp(status, "INSERT", 6) == 0 || std::strncmp(status, "UPDATE", 6) == 0 ||
               std::strncmp(status, "DELETE", 6) == 0 || std::strncmp(status, "MERGE", 5) == 0;
  return write ? std::atoll(PQcmdTuples(const_cast<PGresult*>(r))) : 0;
}

Column read_value(const PGresult* r, int row, int col) {
  if (PQgetisnull(r, row, col)) return Column::null();
  const char* v = PQgetvalue(r, row, col);
  switch (PQftype(r, col)) {
    case kBoolOid:
      return Column::of_int(v[0] == 't' ? 1 : 0);
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid:
      return Column::of_int(std::strtoll(v, nullptr, 10));
    case kFloat4Oid:
    case kFloat8Oid:
      return Column::of_double(std::strtod(v, nullptr));
    case kNumericOid:  // SUM of integers is numeric: integral values read as integers
      if (std::strpbrk(v, ".eEN") == nullptr) return Column::of_int(std::strtoll(v, nullptr, 10));
      return Column::of_double(std::strtod(v, nullptr));
    case kByteaOid: {
      std::size_t n = 0;
      unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &n);
      std::string out(reinterpret_cast<const char*>(bytes), n);
      PQfreemem(bytes);
      return Column::of_blob(std::move(out));
    }
    default:
      return Column::of_text(std::string(v, PQgetlength(r, row, col)));
  }
}

class PgConnection;

// "SAVEPOINT x" or "RELEASE x" (as the stores write them: upper case, one statement): a command
// the connection may hold back until the next statement (see above).
bool deferrable(const std::string& sql) {
  auto starts = [&](const char* p) { return sql.rfind(p, 0) == 0; };
  return (starts("SAVEPOINT ") || starts("RELEASE ")) && sql.find(';') == std::string::npos;
}

class PgStatement : public StatementImpl {
 public:
  PgStatement(PgConnection& conn, std::string name, int params, std::string sql, bool deferrable)
      : conn_(conn),
        name_(std::move(name)),
        sql_(std::move(sql)),
        values_(params),
        formats_(params, 0),
        deferrable_(deferrable && params == 0) {}

  void bind(int index, std::int64_t v) override { set(index, std::to_string(v), 0); }
  void bind(int index, double v) override {
    char buf[40];
    if (std::isnan(v)) {
      std::snprintf(buf, sizeof buf, "NaN");
    } else if (std::isinf(v)) {
      std::snprintf(buf, sizeof buf, v > 0 ? "Infinity" : "-Infinity");
    } else {
      std::snprintf(buf, sizeof buf, "%.17g", v);
    }
    set(index, buf, 0);
  }
  void bind(int index, std::string_view text) override { set(index, std::string(text), 0); }
  void bind_blob(int index, std::string_view bytes) override {
    set(index, std::string(bytes), 1);  // binary format: bytea's bytes as they are
  }
  void bind_null(int index) override {
    check_index(index);
    values_[index - 1].reset();
    formats_[index - 1] = 0;
  }
  bool step() override;
  Column column(int index) const override {
    if (!result_ || index < 0 || index >= PQnfields(result_.get())) {
      throw make_error(ErrorKind::other, "", "column index out of range: " + std::to_string(index));
    }
    if (row_ < 0 || row_ >= PQntuples(result_.get())) return Column::null();
    return read_value(result_.get(), row_, index);
  }
  int column_count() const override { return result_ ? PQnfields(result_.get()) : 0; }
  void reset() override {
    result_.reset();
    row_ = -1;
    deferred_ = false;
  }
  void clear_bindings() override {
    for (auto& v : values_) v.reset();
    std::fill(formats_.begin(), formats_.end(), 0);
  }
  std::int64_t changes() const override { return changes_; }

 private:
  void check_index(int index) const {
    if (index < 1 || index > static_cast<int>(values_.size())) {
      throw make_error(ErrorKind::other, "",
                       "bind index out of range: " + std::to_string(index) + " in " + sql_);
    }
  }
  void set(int index, std::string value, int format) {
    check_index(index);
    values_[index - 1] = std::move(value);
    formats_[index - 1] = format;
  }

  PgConnection& conn_;
  std::string name_;
  std::string sql_;  // the first line, for messages
  std::vector<std::optional<std::string>> values_;
  std::vector<int> formats_;
  Result result_;
  int row_ = -1;
  std::int64_t changes_ = 0;
  bool deferrable_ = false;
  bool deferred_ = false;  // held back by the connection since the last reset
};

class PgConnection : public Connection {
 public:
  PgConnection(PGconn* conn, std::string described)
      : conn_(conn), described_(std::move(described)) {}
  ~PgConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::postgresql; }
  void exec(const std::string& sql) override {
    if (sql == "ROLLBACK") deferred_.clear();  // undone anyway
    // The commands held back go first, in the same round trip (PQexec stops at an error).
    Result r(PQexec(conn_, (take_deferred() + sql).c_str()));
    if (!ok(r.get())) throw result_error(conn_, r.get(), first_line(sql));
    total_changes_ += changed_rows(r.get());
  }
  std::unique_ptr<StatementImpl> prepare(const std::string& sql) override;
  bool table_exists(const std::string& name) override {
    Statement st(
        prepare("SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND "
                "tablename = ?"));
    st.bind(1, name);
    return st.step();
  }
  bool in_transaction() const override {
    PGTransactionStatusType s = PQtransactionStatus(conn_);
    return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
  }
  void begin_write() override {
    if (in_transaction()) {
      throw make_error(ErrorKind::other, "25001",
                       "cannot start a transaction within a transaction");
    }
    // One round trip: the transaction, its durability, then the write lock, waited for 10 s.
    std::string sql = std::string("BEGIN ISOLATION LEVEL READ COMMITTED; ") +
                      "SET LOCAL synchronous_commit = " + (durable_ ? "on" : "off") +
                      "; SET LOCAL lock_timeout = '10s'; SELECT pg_advisory_xact_lock(" +
                      std::to_string(kWriteLockKey) + "); SET LOCAL lock_timeout = DEFAULT";
    try {
      exec(sql);
    } catch (...) {
      if (in_transaction()) PQclear(PQexec(conn_, "ROLLBACK"));
      throw;
    }
  }
  void set_durable(bool durable) override {
    durable_ = durable;
    if (in_transaction()) {
      exec(std::string("SET LOCAL synchronous_commit = ") + (durable ? "on" : "off"));
    }
  }
  std::int64_t data_version() override {
    std::string snapshot = exec_and_get("SELECT pg_current_snapshot()::text").text();
    return static_cast<std::int64_t>(std::hash<std::string>{}(snapshot));
  }
  std::int64_t total_changes() const override { return total_changes_; }
  std::string describe() const override { return described_; }

  // For statements: holds back a SAVEPOINT or RELEASE (prepared as `name`) until the next
  // statement; a RELEASE of the savepoint held back last cancels both. False when not in a
  // transaction (run it now: it fails there as it should).
  bool defer(const std::string& name, const std::string& sql) {
    if (!in_transaction()) return false;
    if (sql.rfind("RELEASE ", 0) == 0 && !deferred_.empty() &&
        deferred_.back().sql == "SAVEPOINT " + sql.substr(8)) {
      deferred_.pop_back();
    } else {
      deferred_.push_back(Deferred{name, sql});
    }
    return true;
  }

  // For statements: runs a prepared statement (after the commands held back) and counts its
  // changes.
  Result run(const std::string& name, const std::vector<std::optional<std::string>>& values,
             const std::vector<int>& formats, const std::string& sql) {
    if (!deferred_.empty()) return run_pipelined(name, values, formats, sql);
    std::vector<const char*> ptrs(values.size());
    std::vector<int> lengths(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
      ptrs[i] = values[i] ? values[i]->data() : nullptr;
      lengths[i] = values[i] ? static_cast<int>(values[i]->size()) : 0;
    }
    Result r(PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()), ptrs.data(),
                            lengths.data(), formats.data(), 0));
    if (!ok(r.get())) throw result_error(conn_, r.get(), sql);
    total_changes_ += changed_rows(r.get());
    return r;
  }

 private:
  struct Deferred {
    std::string name;
    std::string sql;
  };

  // The name of the statement prepared for `sql` (prepared now if it was not).
  std::string prepare_name(const std::string& sql);

  // The commands held back, as one SQL text to run before another ("" when none); none are left.
  std::string take_deferred() {
    std::string all;
    for (const auto& d : deferred_) all += d.sql + "; ";
    deferred_.clear();
    return all;
  }

  // The commands held back, then the statement, in one pipeline: one round trip. The first error
  // is thrown (the commands after it were not run: the transaction is aborted).
  Result run_pipelined(const std::string& name,
                       const std::vector<std::optional<std::string>>& values,
                       const std::vector<int>& formats, const std::string& sql) {
    std::vector<Deferred> before = std::move(deferred_);
    deferred_.clear();
    std::vector<const char*> ptrs(values.size());
    std::vector<int> lengths(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
      ptrs[i] = values[i] ? values[i]->data() : nullptr;
      lengths[i] = values[i] ? static_cast<int>(values[i]->size()) : 0;
    }
    if (PQenterPipelineMode(conn_) != 1) throw result_error(conn_, nullptr, sql);
    bool sent = true;
    for (const auto& d : before) {
      sent = sent && PQsendQueryPrepared(conn_, d.name.c_str(), 0, nullptr, nullptr, nullptr, 0);
    }
    sent = sent && PQsendQueryPrepared(conn_, name.c_str(), static_cast<int>(values.size()),
                                       ptrs.data(), lengths.data(), formats.data(), 0);
    sent = sent && PQpipelineSync(conn_);
    std::optional<Error> error;
    if (!sent) error = result_error(conn_, nullptr, sql);
    // Each command's results end with a NULL; the Sync's own result ends the pipeline. A lost
    // connection answers NULL from then on: the bound stops the loop.
    const std::size_t commands = before.size() + 1;
    std::size_t index = 0;
    bool synced = false;
    Result last;
    for (std::size_t guard = 0; sent && !synced && guard < 4 * commands + 8; ++guard) {
      Result r(PQgetResult(conn_));
      if (!r) {
        ++index;
        continue;
      }
      ExecStatusType status = PQresultStatus(r.get());
      if (status == PGRES_PIPELINE_SYNC) {
        synced = true;
      } else if (status == PGRES_PIPELINE_ABORTED) {
        // skipped after an earlier error, which is the one thrown
      } else if (!ok(r.get())) {
        if (!error)
          error = result_error(conn_, r.get(), index < before.size() ? before[index].sql : sql);
      } else if (index + 1 == commands) {
        last = std::move(r);
      }
    }
    if (!error && (!synced || !last)) error = result_error(conn_, nullptr, sql);
    PQexitPipelineMode(conn_);  // fails only on a connection already lost: error says so
    if (error) throw *error;
    total_changes_ += changed_rows(last.get());
    return last;
  }

  PGconn* conn_;
  std::string described_;
  bool durable_ = true;
  std::int64_t total_changes_ = 0;
  struct Prepared {
    std::string name;
    int params;
  };
  std::unordered_map<std::string, Prepared> prepared_;  // by the SQL the store wrote
  int next_name_ = 0;
  std::vector<Deferred> deferred_;  // SAVEPOINT and RELEASE to send before the next statement
};

bool PgStatement::step() {
  if (deferred_) return false;
  if (!result_ && deferrable_ && conn_.defer(name_, sql_)) {
    deferred_ = true;
    changes_ = 0;
    return false;
  }
  if (!result_) {
    result_ = conn_.run(name_, values_, formats_, sql_);
    changes_ = changed_rows(result_.get());
    row_ = 0;
  } else {
    ++row_;
  }
  return row_ < PQntuples(result_.get());
}

// Prepared once per connection and SQL text, then reused: the stores prepare the same statements
// again and again. Prepared statements outlive transactions, so a rollback does not lose them. The
// stores' SQL texts are a fixed set, so the cache needs no bound.
std::string PgConnection::prepare_name(const std::string& sql) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    // A statement that fails to parse aborts the transaction: a savepoint held back must be set
    // before, as the store asked, for a ROLLBACK TO it to recover.
    if (!deferred_.empty()) exec("");
    int params = 0;
    std::string rewritten = pg::rewrite_placeholders(sql, &params);
    std::string name = "s" + std::to_string(++next_name_);
    Result r(PQprepare(conn_, name.c_str(), rewritten.c_str(), 0, nullptr));
    if (!ok(r.get())) throw result_error(conn_, r.get(), first_line(sql));
    it = prepared_.emplace(sql, Prepared{name, params}).first;
  }
  return it->second.name;
}

std::unique_ptr<StatementImpl> PgConnection::prepare(const std::string& sql) {
  std::string name = prepare_name(sql);
  return std::make_unique<PgStatement>(*this, std::move(name), prepared_.at(sql).params,
                                       first_line(sql), deferrable(sql));
}

void ignore_notice(void*, const char*) {}

}  // namespace

std::unique_ptr<Connection> open_postgresql(const std::string& url, bool read_only) {
  std::string described = pg::url_without_password(url);
  PGconn* conn = PQconnectdb(url.c_str());
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    std::string message = conn ? PQerrorMessage(conn) : "out of memory";
    while (!message.empty() && message.back() == '\n') message.pop_back();
    if (conn) PQfinish(conn);
    throw make_error(ErrorKind::connection, "08001", described + ": " + message);
  }
  PQsetNoticeProcessor(conn, ignore_notice, nullptr);
  auto c = std::make_unique<PgConnection>(conn, described);
  if (PQsetClientEncoding(conn, "UTF8") != 0) {
    throw make_error(ErrorKind::connection, "08001", described + ": cannot use UTF8");
  }
  c->exec("SET TIME ZONE 'UTC'");
  if (read_only) c->exec("SET default_transaction_read_only = on");
  return c;
}

}  // namespace dondoc::sql
