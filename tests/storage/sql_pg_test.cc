// What only the PostgreSQL implementation has to show (storage/sql_pg.cc), on the throwaway
// server: writers from two connections are serialised as SQLite's are, a lost connection is a
// `connection` error, and no message carries the password.
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "storage/sql.h"
#include "tests/support/pg_server.h"

namespace dondoc::sql {
namespace {

using dondoc::testing::fresh_pg_database;
using dondoc::testing::pg_skipped;

#define SKIP_WITHOUT_PG()                                      \
  if (pg_skipped()) {                                          \
    WARN("DONDOC_SKIP_PG=1: the PostgreSQL half is left out"); \
    return;                                                    \
  }

// Read, decide, write inside begin_write(), as the stores do: no increment may be lost.
void increment(Connection& c, int times) {
  for (int i = 0; i < times; ++i) {
    c.begin_write();
    std::int64_t v = c.exec_and_get("SELECT v FROM counter").as_int64();
    Statement st(c, "UPDATE counter SET v = ?");
    st.bind(1, static_cast<long long>(v + 1));
    st.exec();
    c.exec("COMMIT");
  }
}

TEST_CASE("pg: two connections' write transactions never interleave", "[pg]") {
  SKIP_WITHOUT_PG();
  std::string url = fresh_pg_database();
  auto a = open_postgresql(url, false);
  auto b = open_postgresql(url, false);
  a->exec("CREATE TABLE counter (v BIGINT NOT NULL); INSERT INTO counter VALUES (0)");
  std::thread other([&] { increment(*b, 40); });
  increment(*a, 40);
  other.join();
  CHECK(a->exec_and_get("SELECT v FROM counter").as_int64() == 80);
}

TEST_CASE("pg: a write transaction waits for the one before it", "[pg]") {
  SKIP_WITHOUT_PG();
  std::string url = fresh_pg_database();
  auto a = open_postgresql(url, false);
  auto b = open_postgresql(url, false);
  a->exec("CREATE TABLE t (v BIGINT)");
  a->begin_write();
  a->exec("INSERT INTO t VALUES (1)");
  std::int64_t seen = -1;
  std::thread other([&] {
    b->begin_write();  // blocks until a commits
    seen = b->exec_and_get("SELECT COUNT(*) FROM t").as_int64();
    b->exec("COMMIT");
  });
  auto watcher = open_postgresql(url, false);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  bool waiting = false;
  while (!waiting && std::chrono::steady_clock::now() < deadline) {
    waiting = watcher
                  ->exec_and_get(
                      "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                  .as_int() == 1;
  }
  CHECK(waiting);
  a->exec("COMMIT");
  other.join();
  CHECK(seen == 1);
}

TEST_CASE("pg: a lost connection is a connection error", "[pg]") {
  SKIP_WITHOUT_PG();
  std::string url = fresh_pg_database();
  auto a = open_postgresql(url, false);
  auto killer = open_postgresql(url, false);
  std::int64_t pid = a->exec_and_get("SELECT pg_backend_pid()").as_int64();
  Statement kill(*killer, "SELECT pg_terminate_backend(?)");
  kill.bind(1, static_cast<long long>(pid));
  kill.exec();
  try {
    a->exec("SELECT 1");
    FAIL("the terminated connection still answered");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::connection);
  }
}

TEST_CASE("pg: opening fails as a connection error without the password", "[pg]") {
  try {
    open_postgresql("postgresql://dondoc:s3cret@127.0.0.1:1/nowhere?connect_timeout=2", false);
    FAIL("connected to port 1");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::connection);
    CHECK(std::string(e.what()).find("s3cret") == std::string::npos);
    CHECK(std::string(e.what()).find("postgresql://dondoc@127.0.0.1:1/nowhere") !=
          std::string::npos);
  }
}

TEST_CASE("pg: describe() and the SQLSTATE of an error", "[pg]") {
  SKIP_WITHOUT_PG();
  std::string url = fresh_pg_database();
  auto c = open_postgresql(url, false);
  CHECK(c->describe() == url);
  CHECK(c->dialect() == Dialect::postgresql);
  c->exec("CREATE TABLE t (a BIGINT PRIMARY KEY)");
  c->exec("INSERT INTO t VALUES (1)");
  try {
    c->exec("INSERT INTO t VALUES (1)");
    FAIL("a duplicate key was accepted");
  } catch (const Error& e) {
    CHECK(e.sqlstate() == "23505");
    CHECK(e.kind() == ErrorKind::constraint);
  }
  // A failed statement inside a transaction: the transaction is in error until rolled back.
  c->begin_write();
  CHECK_THROWS_AS(c->exec("INSERT INTO t VALUES (1)"), Error);
  CHECK(c->in_transaction());
  c->exec("ROLLBACK");
  CHECK_FALSE(c->in_transaction());
  CHECK(c->exec_and_get("SELECT COUNT(*) FROM t").as_int() == 1);
}

}  // namespace
}  // namespace dondoc::sql
