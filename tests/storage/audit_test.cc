// The audit is append-only, enforced by the database on both stores: its triggers refuse UPDATE
// and DELETE (and, on PostgreSQL, TRUNCATE) to everyone, the owner included; and on PostgreSQL the
// role serve runs as (deploy/postgresql-app-role.sql) holds no privilege to change it at all,
// while it can do the stores' ordinary work.
#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include "storage/chat_store.h"
#include "storage/database.h"
#include "storage/inbound_log.h"
#include "storage/sql.h"
#include "tests/support/both_stores.h"
#include "tests/support/scoped_db.h"

namespace dondoc {
namespace {

using testing::on_both_stores;
using testing::StoreUnderTest;

int audit_rows(sql::Connection& c) { return c.exec_and_get("SELECT COUNT(*) FROM audit").as_int(); }

// The error a statement fails with; FAILs when it succeeds.
sql::Error refusal(sql::Connection& c, const std::string& statement) {
  try {
    c.exec(statement);
  } catch (const sql::Error& e) {
    return e;
  }
  FAIL("the database accepted: " << statement);
  return sql::Error(sql::ErrorKind::other, 0, "");
}

}  // namespace

TEST_CASE("the audit refuses UPDATE and DELETE by anyone, on both stores", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    Database db(backend.location);
    db.audit("import", "plan", "plan.json", "{}", "2026-12-01T01:00:00Z");
    db.audit("link", "vh_xh", "cli", "{}", "2026-12-01T01:01:00Z");
    sql::Connection& c = db.sql();
    for (const char* statement :
         {"UPDATE audit SET kind = 'changed'", "UPDATE audit SET detail = '{}' WHERE seq = 1",
          "DELETE FROM audit", "DELETE FROM audit WHERE kind = 'link'"}) {
      INFO(backend.name() << ": " << statement);
      CHECK(refusal(c, statement).kind() == sql::ErrorKind::constraint);
    }
    if (backend.postgresql) {
      CHECK(refusal(c, "TRUNCATE audit").kind() == sql::ErrorKind::constraint);
    }
    CHECK(audit_rows(c) == 2);
    CHECK(c.exec_and_get("SELECT kind FROM audit ORDER BY seq LIMIT 1").text() == "import");
  });
}

TEST_CASE("postgresql: serve's role appends to the audit and cannot change it", "[pg]") {
  if (testing::pg_skipped()) {
    WARN("DONDOC_SKIP_PG=1: the PostgreSQL half is left out");
    return;
  }
  const std::string url = testing::fresh_pg_database();
  { testing::ScopedDb owner(url); }  // the owner creates the schema (and commune "xa")
  testing::pg_app_role_url(url);
  const std::string app_url = testing::pg_app_role_url(url);  // run again, as after an upgrade
  auto owner = sql::open_postgresql(url, false);

  // The stores' ordinary work as dondoc_app: events, link codes, chats, the audit.
  testing::ScopedDb app(app_url);
  CHECK(app.sql().exec_and_get("SELECT current_user").text() == "dondoc_app");
  {
    WriteTransaction tx(app);
    CHECK(insert_inbound(app, {0, "generic", "e1", "c1", "2026-12-01T01:00:00Z", "{}"}));
    CHECK(insert_link_code(
        app, {"AB3K9XYZ", "vh_xh", "2026-12-01T01:00:00Z", "2026-12-08T01:00:00Z", false}));
    mark_link_code_used(app, "AB3K9XYZ", "generic:c1", "2026-12-01T01:01:00Z");
    bind_chat(app, {"generic", "c1", false}, "vh_xh", "Lan", "2026-12-01T01:01:00Z");
    app.audit("link", "vh_xh", "generic", "{}", "2026-12-01T01:01:00Z");
    tx.commit();
  }
  CHECK(chat_body(app, "generic", "c1") == "vh_xh");
  CHECK(audit_rows(app.sql()) == 1);

  SECTION("as serve's role, changing the audit or the schema is not permitted") {
    for (const char* statement :
         {"UPDATE audit SET kind = 'changed'", "DELETE FROM audit", "TRUNCATE audit",
          "TRUNCATE inbound_events", "INSERT INTO schema_version(version) VALUES (999)",
          "DELETE FROM schema_version", "CREATE TABLE mine (a INTEGER)",
          "DROP TRIGGER audit_no_update ON audit", "ALTER TABLE audit DISABLE TRIGGER USER"}) {
      INFO(statement);
      sql::Error e = refusal(app.sql(), statement);
      CHECK(e.sqlstate() == "42501");  // insufficient_privilege, before any trigger runs
      CHECK(e.kind() == sql::ErrorKind::storage_fault);
    }
  }
  SECTION("as the owner, the triggers refuse it") {
    for (const char* statement :
         {"UPDATE audit SET kind = 'changed'", "DELETE FROM audit", "TRUNCATE audit"}) {
      INFO(statement);
      sql::Error e = refusal(*owner, statement);
      CHECK(e.sqlstate() == "23000");
      CHECK(std::string(e.what()).find("audit is append-only") != std::string::npos);
    }
  }
  CHECK(audit_rows(*owner) == 1);
  CHECK(owner->exec_and_get("SELECT kind FROM audit").text() == "link");
  CHECK(owner->exec_and_get("SELECT MAX(version) FROM schema_version").as_int() ==
        migrations().back().version);
}

}  // namespace dondoc
