// The schema, as forward migrations. Never edit a released migration: append a new one.
// Version blocks: 1-9 plan and calendar, 10-19 rules, 20-39 engine state, 40-59 bot and ingest.
#include <vector>

#include "storage/database.h"

namespace dondoc {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, R"sql(
CREATE TABLE bodies (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  aliases TEXT NOT NULL DEFAULT '[]',   -- JSON array
  kind TEXT NOT NULL CHECK (kind IN ('unit','group','person','committee')),
  members TEXT NOT NULL DEFAULT '[]',   -- JSON array of body ids
  leader TEXT NOT NULL DEFAULT ''
);
CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  section TEXT NOT NULL DEFAULT '',
  section_title TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  lead TEXT NOT NULL DEFAULT '[]',
  coordinators TEXT NOT NULL DEFAULT '[]',
  output TEXT NOT NULL DEFAULT '',
  deadline_text TEXT NOT NULL DEFAULT '',
  deadline TEXT NOT NULL                 -- JSON DeadlineSpec
);
CREATE TABLE indicators (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  monitoring_body TEXT NOT NULL DEFAULT '',
  milestones TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TABLE calendar_overrides (
  date TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('off','work')),
  name TEXT NOT NULL DEFAULT ''
);
)sql"},
  };
  return all;
}

}  // namespace dondoc
