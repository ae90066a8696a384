// The PostgreSQL implementation's text work (storage/sql_pg.h), without a server: placeholders,
// SQLSTATE kinds and passwords kept out of messages.
#include <catch2/catch.hpp>

#include "storage/sql_pg.h"

namespace dondoc::sql::pg {
namespace {

TEST_CASE("pg text: ? and ?N become $N outside literals and comments", "[sql]") {
  int n = -1;
  CHECK(rewrite_placeholders("SELECT ?, ?", &n) == "SELECT $1, $2");
  CHECK(n == 2);
  CHECK(rewrite_placeholders("a = ?2 AND b = ?1 AND c = ? AND d = ?2", &n) ==
        "a = $2 AND b = $1 AND c = $3 AND d = $2");
  CHECK(n == 3);
  CHECK(rewrite_placeholders("SELECT '?', 'it''s ?', \"q?\", ? -- ?\n, ? /* ? */", &n) ==
        "SELECT '?', 'it''s ?', \"q?\", $1 -- ?\n, $2 /* ? */");
  CHECK(n == 2);
  CHECK(rewrite_placeholders("DO $$ SELECT '?' $$; SELECT $t$?$t$, ?", &n) ==
        "DO $$ SELECT '?' $$; SELECT $t$?$t$, $1");
  CHECK(rewrite_placeholders("SELECT 1", &n) == "SELECT 1");
  CHECK(n == 0);
}

TEST_CASE("pg text: SQLSTATE kinds and packing", "[sql]") {
  CHECK(kind_of_sqlstate("23505") == ErrorKind::constraint);
  CHECK(kind_of_sqlstate("23502") == ErrorKind::constraint);
  CHECK(kind_of_sqlstate("40001") == ErrorKind::busy);
  CHECK(kind_of_sqlstate("40P01") == ErrorKind::busy);
  CHECK(kind_of_sqlstate("55P03") == ErrorKind::busy);
  CHECK(kind_of_sqlstate("08006") == ErrorKind::connection);
  CHECK(kind_of_sqlstate("53100") == ErrorKind::storage_fault);
  CHECK(kind_of_sqlstate("58030") == ErrorKind::storage_fault);
  CHECK(kind_of_sqlstate("25006") == ErrorKind::storage_fault);
  CHECK(kind_of_sqlstate("42501") == ErrorKind::storage_fault);
  CHECK(kind_of_sqlstate("42601") == ErrorKind::other);
  CHECK(kind_of_sqlstate("") == ErrorKind::other);
  CHECK(pack_sqlstate("00000") == 0);
  CHECK(pack_sqlstate("23505") != pack_sqlstate("23502"));
  CHECK(pack_sqlstate("23505") < (1 << 30));
}

TEST_CASE("pg text: the password never reaches a message", "[sql]") {
  CHECK(url_without_password("postgresql://dondoc:s3cret@db.tinh.vn:5432/dondoc") ==
        "postgresql://dondoc@db.tinh.vn:5432/dondoc");
  CHECK(url_without_password("postgres://db/dondoc?password=s3cret&sslmode=require") ==
        "postgres://db/dondoc?sslmode=require");
  CHECK(url_without_password("postgresql://u@db/x?sslmode=require&password=s3cret") ==
        "postgresql://u@db/x?sslmode=require");
  CHECK(url_without_password("postgresql://u@db/x") == "postgresql://u@db/x");
}

}  // namespace
}  // namespace dondoc::sql::pg
