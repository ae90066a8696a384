#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>

#include "storage/database.h"
#include "storage/group_commit.h"
#include "tests/support/both_stores.h"
#include "tests/support/process.h"

using namespace dondoc;
using dondoc::testing::on_both_stores;
using dondoc::testing::StoreUnderTest;

namespace {

int audit_rows(Database& db) {
  return db.sql().exec_and_get("SELECT COUNT(*) FROM audit").as_int();
}

}  // namespace

TEST_CASE("WriteTransaction: an inner one joins the outer, which alone commits or rolls back",
          "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    Database db(backend.location);
    {
      WriteTransaction outer(db);
      {
        WriteTransaction inner(db);
        db.audit("k", "s", "test", "{}", "2026-11-24T09:00+07:00");
        inner.commit();  // joins the outer one: nothing is committed yet
      }
    }  // the outer one was not committed: everything rolls back
    CHECK(audit_rows(db) == 0);
    {
      WriteTransaction outer(db);
      {
        WriteTransaction inner(db);
        db.audit("k", "s", "test", "{}", "2026-11-24T09:00+07:00");
      }  // an inner one that is not committed leaves the decision to the outer one
      outer.commit();
    }
    CHECK(audit_rows(db) == 1);
  });
}

TEST_CASE("cached statements are reused with fresh bindings", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    Database db(backend.location);
    for (int i = 0; i < 3; ++i) db.audit("k", std::to_string(i), "test", "{}", "at");
    sql::Statement q(db.sql(), "SELECT subject FROM audit ORDER BY seq");
    std::vector<std::string> subjects;
    while (q.step()) subjects.push_back(q.column(0).text());
    CHECK(subjects == std::vector<std::string>{"0", "1", "2"});
  });
}

namespace {

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

// The soft file-size limit lowered for the scope: writes past `bytes` fail with EFBIG (SIGXFSZ
// ignored), a real storage fault that needs no root.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    ::getrlimit(RLIMIT_FSIZE, &saved_);
    old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit lowered = saved_;
    lowered.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &lowered);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &saved_);
    std::signal(SIGXFSZ, old_handler_);
  }

 private:
  rlimit saved_{};
  void (*old_handler_)(int) = nullptr;
};

}  // namespace

TEST_CASE("sqlite: a new database file and its -wal and -shm are readable by their owner only") {
  testing::TempDir dir;
  std::string path = dir.file("private.db");
  ::umask(022);  // the usual umask, which alone would give 0644
  Database db(path);
  db.audit("k", "s", "test", "{}", "at");
  CHECK(mode_of(path) == 0600);
  CHECK(mode_of(path + "-wal") == 0600);
  CHECK(mode_of(path + "-shm") == 0600);
}

TEST_CASE("sqlite: read-only open: no file created, no migration, old or foreign schemas refused") {
  testing::TempDir dir;
  std::string path = dir.file("r.db");
  CHECK_THROWS_AS(Database(path, Database::Access::read_only), DatabaseUnusable);
  CHECK(::access(path.c_str(), F_OK) != 0);  // a listing never creates a database
  {
    Database db(path);
    db.audit("k", "s", "test", "{}", "at");
  }
  {
    Database ro(path, Database::Access::read_only);
    CHECK(audit_rows(ro) == 1);
    CHECK_THROWS(ro.audit("k", "s", "test", "{}", "at"));  // query_only: nothing written
  }
  int latest = migrations().back().version;
  {
    Database db(path);
    db.sql().exec("DELETE FROM schema_version WHERE version = " + std::to_string(latest));
  }
  try {
    Database ro(path, Database::Access::read_only);
    FAIL("an older schema was opened read-only");
  } catch (const DatabaseUnusable& e) {
    CHECK(std::string(e.what()).find(path + ": cơ sở dữ liệu theo schema cũ") == 0);
  }
  // Still old: nothing migrated it.
  CHECK_THROWS_AS(Database(path, Database::Access::read_only), DatabaseUnusable);
}

TEST_CASE("sqlite: check_writable names the file and the reason when a commit fails") {
  testing::TempDir dir;
  std::string path = dir.file("w.db");
  Database db(path);
  CHECK_NOTHROW(db.check_writable());
  db.audit("k", "s", "test", "{}", "at");
  try {
    FileSizeLimit limit(1);  // every write past the first byte fails: a full disk, in effect
    db.check_writable();
    FAIL("a failing commit passed the check");
  } catch (const DatabaseUnusable& e) {
    INFO(e.what());
    CHECK(std::string(e.what()).find(path + ": không ghi được cơ sở dữ liệu") == 0);
    CHECK(std::string(e.what()).find("ulimit -f") != std::string::npos);
  }
  CHECK_NOTHROW(db.check_writable());  // the limit lifted: writes go through again
}

TEST_CASE(
    "sqlite: the writer reports a failed write and recovers by itself once writes work again") {
  testing::TempDir dir;
  GroupCommit writer(dir.file("g.db"));
  auto audit = [](Database& db) { db.audit("k", "s", "test", "{}", "at"); };
  CHECK(!writer.health().failing);
  CHECK(!writer.health().last_commit);  // nothing written yet
  writer.run(audit);
  CHECK(writer.health().last_commit);
  {
    FileSizeLimit limit(1);
    CHECK_THROWS(writer.run(audit));
    auto h = writer.health();
    CHECK(h.failing);
    CHECK(h.last_error.find("disk I/O error") != std::string::npos);
    writer.run([](Database& db) { (void)db.schema_version(); });  // a read only: still failing
    CHECK(writer.health().failing);
  }
  // The statement that failed mid-step was reset: SQLite left its error state and writes again.
  CHECK_NOTHROW(writer.run(audit));
  CHECK(!writer.health().failing);
  CHECK(!writer.health().oldest_pending);
  writer.run([&](Database& db) { CHECK(audit_rows(db) == 2); });
}

TEST_CASE("postgresql: read-only open writes nothing; a database without the schema is refused",
          "[pg]") {
  if (testing::pg_skipped()) {
    WARN("DONDOC_SKIP_PG=1: the PostgreSQL half is left out");
    return;
  }
  std::string url = testing::fresh_pg_database();
  try {
    Database ro(url, Database::Access::read_only);
    FAIL("an empty database was opened read-only");
  } catch (const DatabaseUnusable& e) {
    CHECK(std::string(e.what()).find("chưa phải cơ sở dữ liệu dondoc") != std::string::npos);
  }
  {
    Database db(url);
    CHECK(db.schema_version() == migrations().back().version);
    CHECK_NOTHROW(db.check_writable());
    db.audit("k", "s", "test", "{}", "at");
  }
  Database ro(url, Database::Access::read_only);
  CHECK(audit_rows(ro) == 1);
  CHECK_THROWS_AS(ro.audit("k", "s", "test", "{}", "at"), sql::Error);
  CHECK(audit_rows(ro) == 1);
  CHECK_THROWS_AS(ro.check_writable(), DatabaseUnusable);  // as on a standby
}
