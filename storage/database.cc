// Opening, migrating and checking the database, its cached statements and transactions. The
// SQLite specifics (open flags, pragmas, the read-only fallback) are in storage/sql_sqlite.cc.
#include "storage/database.h"

#include "storage/code_hash.h"
#include "storage/migrations_pg.h"
#include "storage/sql_pg.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace dondoc {
namespace {

bool is_file_path(const std::string& path) {
  return !path.empty() && path[0] != ':' && path.rfind("file:", 0) != 0;
}

std::string parent_dir(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// A new database file is created here, readable by its owner only; SQLite creates the -wal and
// -shm with the mode of the database file, so they are private too. An existing file is left as
// it is.
void create_private(const std::string& path) {
  if (!is_file_path(path)) return;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);  // EEXIST or any other error: SQLite opens it (or says why not)
}

bool read_only_mount(const std::string& path) {
  struct statvfs fs {};
  return ::statvfs(path.c_str(), &fs) == 0 && (fs.f_flag & ST_RDONLY) != 0;
}

// "PATH: không ghi được (REASON): DETAIL", the reason found by looking at the file, its
// directory and its mount.
std::string unwritable(const std::string& path, const std::string& detail) {
  std::string dir = parent_dir(path);
  std::string reason;
  if (read_only_mount(dir)) {
    reason = "ổ đĩa chứa nó được gắn chỉ đọc (read-only mount)";
  } else if (::access(path.c_str(), F_OK) == 0 && ::access(path.c_str(), W_OK) != 0) {
    reason = std::string("tệp chỉ đọc (read-only file: ") + std::strerror(errno) + ")";
  } else if (::access(dir.c_str(), W_OK) != 0) {
    reason = "thư mục " + dir + " không ghi được (" + std::strerror(errno) +
             "), mà SQLite cần tạo " + path + "-wal và " + path + "-shm trong đó";
  } else if (struct statvfs fs{}; ::statvfs(dir.c_str(), &fs) == 0 && fs.f_bavail == 0) {
    reason = "đĩa đầy (disk full)";
  } else if (struct rlimit fsize{};
             ::getrlimit(RLIMIT_FSIZE, &fsize) == 0 && fsize.rlim_cur != RLIM_INFINITY) {
    reason = "tiến trình bị giới hạn kích thước tệp (ulimit -f) " + std::to_string(fsize.rlim_cur) +
             " byte";
  } else {
    reason = detail;
  }
  std::string out = path + ": không ghi được cơ sở dữ liệu (cannot write): " + reason;
  if (reason != detail && !detail.empty()) out += " [" + detail + "]";
  return out;
}

// A PostgreSQL server that takes no writes (a standby): refused with one line naming it.
void refuse_read_only_server(sql::Connection& db, const std::string& url) {
  if (db.exec_and_get("SELECT current_setting('transaction_read_only')").text() == "on") {
    throw DatabaseUnusable(sql::pg::url_without_password(url) +
                           ": máy chủ PostgreSQL chỉ cho đọc (read-only, a standby?); lệnh ghi "
                           "phải chạy trên máy chủ chính (primary). Không thay đổi gì.");
  }
}

}  // namespace

Database::Database(const std::string& path, Access access) : path_(path) {
  if (sql::is_postgresql_url(path)) {
    open_server(access == Access::read_only);
  } else if (access == Access::read_only) {
    open_read_only();
  } else {
    open_read_write();
  }
}

void Database::open_read_write() {
  create_private(path_);
  try {
    db_ = sql::open_sqlite(path_, false);
  } catch (const sql::Error& e) {
    if (e.kind() != sql::ErrorKind::storage_fault) throw;
    throw DatabaseUnusable(unwritable(path_, e.what()));
  }
  migrate();
}

void Database::open_read_only() {
  struct stat st {};
  if (is_file_path(path_) && ::stat(path_.c_str(), &st) != 0) {
    throw DatabaseUnusable(path_ + ": không có cơ sở dữ liệu (" + std::strerror(errno) +
                           "); tạo bằng `dondoc init`");
  }
  try {
    db_ = sql::open_sqlite(path_, true);  // falls back to the immutable URI when it must
    (void)schema_version();
  } catch (const sql::Error& e) {
    throw DatabaseUnusable(path_ + ": không đọc được cơ sở dữ liệu (cannot read): " + e.what());
  }
  int current = schema_version();
  int latest = migrations().empty() ? 0 : migrations().back().version;
  if (current == 0) {
    throw DatabaseUnusable(path_ + ": chưa phải cơ sở dữ liệu dondoc (no schema); tạo bằng " +
                           "`dondoc init`");
  }
  if (current < latest) {
    throw DatabaseUnusable(
        path_ + ": cơ sở dữ liệu theo schema cũ (" + std::to_string(current) + " < " +
        std::to_string(latest) +
        "); lệnh chỉ đọc không nâng cấp nó. Chạy một lệnh ghi (ví dụ `dondoc serve`) trên tệp "
        "ghi được để nâng cấp, rồi thử lại.");
  }
  if (current > latest) throw DatabaseUnusable(newer_schema_message(current, latest));
}

// PostgreSQL: the server is the database; its own migrations (storage/migrations_pg.cc) and no
// file to check. Messages name the server without its password.
void Database::open_server(bool read_only) {
  std::string label = sql::pg::url_without_password(path_);
  try {
    db_ = sql::open_postgresql(path_, read_only);
  } catch (const sql::Error& e) {
    throw DatabaseUnusable(label + ": không kết nối được PostgreSQL (cannot connect): " + e.what());
  }
  if (!read_only) {
    refuse_read_only_server(*db_,
                            path_);  // a standby: every writing command exits 2 before it starts
    return migrate();
  }
  int current = schema_version();
  int latest = schema_migrations().empty() ? 0 : schema_migrations().back().version;
  if (current == 0) {
    throw DatabaseUnusable(label + ": chưa phải cơ sở dữ liệu dondoc (no schema); tạo bằng " +
                           "`dondoc init`");
  }
  if (current != latest) {
    throw DatabaseUnusable(current > latest
                               ? newer_schema_message(current, latest)
                               : label + ": cơ sở dữ liệu theo schema cũ (" +
                                     std::to_string(current) + " < " + std::to_string(latest) +
                                     "); chạy một lệnh ghi (ví dụ `dondoc serve`) để nâng cấp.");
  }
}

const std::vector<Migration>& Database::schema_migrations() const {
  return sql::is_postgresql_url(path_) ? pg_migrations() : migrations();
}

int Database::schema_version() {
  if (!db_->table_exists("schema_version")) return 0;
  return db_->exec_and_get("SELECT COALESCE(MAX(version), 0) FROM schema_version").as_int();
}

void Database::migrate() {
  const auto& all = schema_migrations();
  int latest = all.empty() ? 0 : all.back().version;
  int current = schema_version();
  if (current > latest) throw DatabaseUnusable(newer_schema_message(current, latest));
  if (current == latest) return;
  bool sqlite = db_->dialect() == sql::Dialect::sqlite;
  if (sqlite) register_code_hash_function(*db_);  // migration 64 hashes the stored link codes
  WriteTransaction tx(*this);
  current = schema_version();  // another process may have migrated meanwhile
  if (current > latest) throw DatabaseUnusable(newer_schema_message(current, latest));
  if (sqlite) {  // PostgreSQL's first migration creates it
    db_->exec(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT "
        "NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))");
  }
  for (const auto& m : all) {
    if (m.version <= current) continue;
    db_->exec(m.sql);
    sql::Statement ins(*db_, "INSERT INTO schema_version(version) VALUES (?)");
    ins.bind(1, m.version);
    ins.exec();
  }
  tx.commit();
}

void Database::backup_to(const std::string& path) {
  if (db_->dialect() == sql::Dialect::postgresql) {
    throw std::runtime_error(
        "cơ sở dữ liệu là PostgreSQL: sao lưu bằng pg_dump hoặc pg_basebackup "
        "(docs/deployment.md)");
  }
  sql::Statement st(*db_, "VACUUM INTO ?");
  st.bind(1, path);
  st.exec();
}

std::string Database::newer_schema_message(int current, int latest) const {
  std::string label = sql::is_postgresql_url(path_) ? sql::pg::url_without_password(path_) : path_;
  return label + ": cơ sở dữ liệu thuộc phiên bản dondoc mới hơn (schema " +
         std::to_string(current) + " > " + std::to_string(latest) +
         "); không thay đổi gì. Hãy dùng bản dondoc mới hơn.";
}

void Database::check_writable() {
  if (db_->dialect() == sql::Dialect::postgresql) return refuse_read_only_server(*db_, path_);
  if (is_file_path(path_)) {
    std::string dir = parent_dir(path_);
    if (::access(dir.c_str(), W_OK) != 0 || ::access(path_.c_str(), W_OK) != 0) {
      throw DatabaseUnusable(unwritable(path_, ""));
    }
  }
  std::string detail;
  try {
    WriteTransaction tx(*this);
    try {
      int version = db_->exec_and_get("PRAGMA user_version").as_int();
      db_->exec("PRAGMA user_version=" + std::to_string(version));  // rewrites page 1: a write
      tx.commit();
    } catch (const sql::Error& e) {  // its message was taken before the rollback
      if (e.kind() != sql::ErrorKind::storage_fault) throw;
      detail = e.what();
    }
  } catch (const sql::Error& e) {  // BEGIN IMMEDIATE failed
    if (e.kind() != sql::ErrorKind::storage_fault) throw;
    detail = e.what();
  }
  if (!detail.empty()) throw DatabaseUnusable(unwritable(path_, detail));
}

sql::Statement& Database::cached(const std::string& sql) {
  auto& st = statements_[sql];
  if (!st) {
    st = std::make_unique<sql::Statement>(*db_, sql);
  } else {
    st->reset();
    st->clear_bindings();
  }
  return *st;
}

std::string sql_contains(Database& db, const std::string& haystack, const std::string& needle) {
  if (db.dialect() == sql::Dialect::postgresql) {
    return "strpos(" + haystack + ", " + needle + ") > 0";
  }
  return "instr(" + haystack + ", " + needle + ") > 0";
}

std::string sql_byte_length(Database& db, const std::string& expr) {
  if (db.dialect() == sql::Dialect::postgresql) return "octet_length(" + expr + ")";
  return "length(CAST(" + expr + " AS BLOB))";
}

void defer_foreign_keys(Database& db) {
  if (db.dialect() == sql::Dialect::postgresql) {
    db.sql().exec("SET CONSTRAINTS ALL DEFERRED");
  } else {
    db.sql().exec("PRAGMA defer_foreign_keys=ON");
  }
}

void tune_writer(Database& db) {
  if (db.dialect() != sql::Dialect::sqlite) return;
  db.sql().exec("PRAGMA wal_autocheckpoint=2000");
  db.sql().exec("PRAGMA cache_size=-65536");
}

void checkpoint(Database& db) {
  if (db.dialect() == sql::Dialect::sqlite) db.sql().exec("PRAGMA wal_checkpoint(PASSIVE)");
}

std::optional<std::int64_t> returned_id(sql::Statement& insert) {
  if (!insert.step()) return std::nullopt;
  std::int64_t id = insert.column(0).as_int64();
  while (insert.step()) {  // to the end, so the statement is done and counts its changes
  }
  return id;
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

WriteTransaction::WriteTransaction(Database& db) : db_(db), outermost_(!db.sql().in_transaction()) {
  if (outermost_) db_.sql().begin_write();
}

WriteTransaction::~WriteTransaction() {
  if (!outermost_ || done_) return;
  try {
    db_.sql().exec("ROLLBACK");
  } catch (...) {  // nothing to do: SQLite rolls back on its own when it cannot
  }
}

void Database::reset_cached() noexcept {
  for (auto& [sql, st] : statements_) {
    if (st) st->try_reset();  // the error it returns is the one already seen
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
  st.bind(1, at_iso);
  st.bind(2, kind);
  st.bind(3, subject);
  st.bind(4, source);
  st.bind(5, detail_json);
  st.bind(6, static_cast<long long>(commune_.value_or(0)));
  st.exec();
}

}  // namespace dondoc
