// The schema, as forward migrations. Never edit a released migration: append a new one.
// Version blocks: 1-9 plan and calendar, 10-19 rules, 20-39 engine state, 40-59 bot and ingest,
// 60-69 later changes, 70-79 communes, 80-84 accounts, 85-89 dashboard, 90-92 communes at scale,
// 93-94 dashboard reads, 105 config stamps, 110-114 body reports, 115-119 explanation requests,
// 120-124 indicators, 130-134 calendar feed tokens, 181 view stamps.
#include <string>
#include <vector>

#include "storage/database.h"
#include "storage/view_stamps.h"

namespace dondoc {
namespace {

// Migration 181: a table of view stamps like config_stamps, and three triggers on each table of
// view_stamps::kTables181 giving the changed row's commune a new random stamp (commune 0 for a
// deployment-wide row). The dashboard keeps its snapshot and pages by these stamps instead of the
// database's data_version, so a commit that changes nothing a view shows (an inbound event, an
// outbox row, a session's last_seen, another commune's reply) keeps them.
std::string view_stamps_181() {
  using view_stamps::Scope;
  std::string out = R"sql(
CREATE TABLE view_stamps (
  commune INTEGER PRIMARY KEY,
  stamp INTEGER NOT NULL
);
INSERT INTO view_stamps(commune, stamp) SELECT key, random() FROM communes;
INSERT OR IGNORE INTO view_stamps(commune, stamp) VALUES (0, random());
)sql";
  for (const auto& t : view_stamps::kTables181) {
    auto touch = [&](const char* row) {
      std::string commune = t.scope == Scope::commune_column ? std::string(row) + ".commune"
                            : t.scope == Scope::key_column   ? std::string(row) + ".key"
                                                             : "0";
      return "  INSERT INTO view_stamps(commune, stamp) VALUES (" + commune +
             ", random())\n    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;\n";
    };
    auto when = [&](const char* row) { return std::string(row) + ".key <> 'last_tick'"; };
    std::string name = t.name;
    out += "CREATE TRIGGER view_stamp_" + name + "_insert AFTER INSERT ON " + name +
           (t.skip_last_tick ? " WHEN " + when("NEW") : "") + " BEGIN\n" + touch("NEW") + "END;\n";
    out += "CREATE TRIGGER view_stamp_" + name + "_update AFTER UPDATE ON " + name +
           (t.skip_last_tick ? " WHEN " + when("OLD") + " OR " + when("NEW") : "") + " BEGIN\n" +
           touch("OLD") + touch("NEW") + "END;\n";
    out += "CREATE TRIGGER view_stamp_" + name + "_delete AFTER DELETE ON " + name +
           (t.skip_last_tick ? " WHEN " + when("OLD") : "") + " BEGIN\n" + touch("OLD") + "END;\n";
  }
  return out;
}

}  // namespace

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
      {10, R"sql(
CREATE TABLE rules_versions (
  version INTEGER PRIMARY KEY AUTOINCREMENT,
  loaded_at TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '',      -- file name the rules were loaded from
  text TEXT NOT NULL,                   -- the original JSONC, comments included
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
);
CREATE UNIQUE INDEX rules_versions_one_active ON rules_versions(active) WHERE active = 1;
)sql"},
      {20, R"sql(
-- Engine state: recorded obligation states, the send-log (one row per intention key, never
-- rewritten), the outbox of messages to send, and engine meta (history_start, last_tick).
CREATE TABLE engine_obligations (
  id TEXT PRIMARY KEY,
  task TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  cycle TEXT NOT NULL DEFAULT '',
  period TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  percent INTEGER NOT NULL DEFAULT 0,
  reason TEXT NOT NULL DEFAULT '',
  requested_due TEXT,
  due_override TEXT,
  acknowledged_at TEXT,
  last_reply TEXT,
  status_at TEXT,
  done_at TEXT,
  source TEXT NOT NULL DEFAULT ''
);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE,
  recipient TEXT NOT NULL,
  kind TEXT NOT NULL,
  task TEXT,
  cycle TEXT,
  text TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
  not_before TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox(status, not_before);
CREATE TABLE send_log (
  key TEXT PRIMARY KEY,
  message_id INTEGER,                   -- outbox row, NULL for a silent key
  at TEXT NOT NULL
);
CREATE TABLE engine_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql"},
      {40, R"sql(
-- Bot and ingest: the inbound event log (one row per platform event, redeliveries rejected by the
-- UNIQUE key), link codes, chats bound to bodies, the last "unlinked" notice per chat, the bot's
-- own replies addressed to a chat, and what was delivered to which chat (reply-to -> task).
CREATE TABLE inbound_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  channel TEXT NOT NULL,
  event_key TEXT NOT NULL,
  chat_id TEXT NOT NULL DEFAULT '',
  received_at TEXT NOT NULL,
  payload TEXT NOT NULL,
  handled_at TEXT,
  outcome TEXT NOT NULL DEFAULT '',
  UNIQUE (channel, event_key)
);
CREATE INDEX inbound_events_unhandled ON inbound_events(handled_at, seq);
CREATE TABLE link_codes (
  code TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  used_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE chat_links (
  channel TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  body TEXT NOT NULL,
  is_group INTEGER NOT NULL DEFAULT 0,
  from_name TEXT NOT NULL DEFAULT '',
  linked_at TEXT NOT NULL,
  PRIMARY KEY (channel, chat_id)
);
CREATE INDEX chat_links_by_body ON chat_links(body);
CREATE TABLE chat_notices (
  channel TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  last_at TEXT NOT NULL,
  PRIMARY KEY (channel, chat_id)
);
CREATE TABLE chat_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  is_group INTEGER NOT NULL DEFAULT 0,
  text TEXT NOT NULL,
  task TEXT NOT NULL DEFAULT '',
  buttons TEXT NOT NULL DEFAULT '[]',
  callback_id TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  not_before TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX chat_outbox_due ON chat_outbox(status, not_before);
CREATE TABLE chat_deliveries (
  source TEXT NOT NULL,
  channel TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  part INTEGER NOT NULL,
  platform_message_id TEXT NOT NULL DEFAULT '',
  task TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT '',
  sent_at TEXT NOT NULL,
  PRIMARY KEY (source, channel, chat_id, part)
);
CREATE INDEX chat_deliveries_by_chat ON chat_deliveries(channel, chat_id, sent_at);
)sql"},
      {60, R"sql(
-- Ingest: index only the events still to handle. The index on (handled_at, seq) held every event
-- and moved each one when it was handled (two index writes per event on the webhook path); this
-- one holds the few unhandled events and drops each once it is handled.
DROP INDEX inbound_events_unhandled;
CREATE INDEX inbound_events_unhandled ON inbound_events(seq) WHERE handled_at IS NULL;
)sql"},
      {61, R"sql(
-- One outbox: the bot's answers to one chat (chat_outbox) become outbox rows with the chat's
-- address (channel <> ''); a row without one goes to its recipient body's linked chats. The old
-- rows move with their status, attempts and times; their kind comes from the key's last part;
-- their recipient is the body the chat is linked to now ('' when none). Delivered parts follow
-- their message under its new id, so a half-sent message does not repeat its first parts.
ALTER TABLE outbox ADD COLUMN channel TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN chat_id TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN is_group INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN callback_id TEXT NOT NULL DEFAULT '';
INSERT OR IGNORE INTO outbox(key, recipient, kind, task, cycle, text, status, not_before,
                             attempts, created_at, sent_at, last_error, channel, chat_id,
                             is_group, callback_id)
SELECT c.key,
       COALESCE((SELECT l.body FROM chat_links l
                 WHERE l.channel = c.channel AND l.chat_id = c.chat_id), ''),
       CASE WHEN c.key LIKE '%|link' THEN 'link'
            WHEN c.key LIKE '%|unlinked' THEN 'explanation'
            WHEN c.key LIKE '%|ask' OR c.key LIKE '%|prompt' THEN 'question'
            WHEN c.key LIKE '%|hint' THEN 'hint'
            ELSE 'confirmation' END,
       NULLIF(c.task, ''), NULL, c.text, c.status, c.not_before, c.attempts, c.created_at,
       c.sent_at, c.last_error, c.channel, c.chat_id, c.is_group, c.callback_id
FROM chat_outbox c ORDER BY c.id;
UPDATE chat_deliveries SET source = 'outbox:' || (
  SELECT o.id FROM outbox o JOIN chat_outbox c ON c.key = o.key
  WHERE 'chat:' || c.id = chat_deliveries.source AND o.channel <> '')
WHERE source LIKE 'chat:%' AND EXISTS (
  SELECT 1 FROM outbox o JOIN chat_outbox c ON c.key = o.key
  WHERE 'chat:' || c.id = chat_deliveries.source AND o.channel <> '');
DROP TABLE chat_outbox;
)sql"},
      {62, R"sql(
-- The plan's own date (issued, "ban hành": nothing is owed before it) and the directing bodies
-- (chỉ đạo) of each task.
CREATE TABLE plan_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
ALTER TABLE tasks ADD COLUMN directing TEXT NOT NULL DEFAULT '[]';
)sql"},
      {63, R"sql(
-- What a delivered nudge was about when it was a report (its cycle), so that a bare "xong" in
-- answer to a report nudge is read as that report sent.
ALTER TABLE chat_deliveries ADD COLUMN cycle TEXT NOT NULL DEFAULT '';
)sql"},
      {64, R"sql(
-- Link codes are kept as their hash (storage/code_hash.h: BLAKE2b-256 of the upper-cased code,
-- hex), never in plain: a copy of the database holds no code that could still link a chat. The
-- codes stored so far move to their hash; secure_delete overwrites the dropped plaintext pages.
-- Failed link attempts are counted per chat in a window (issue 13 item 5): `failures` codes that
-- matched nothing since `window_start`, `throttled` attempts refused unchecked after the limit,
-- `explained_at` when the chat was told to wait.
PRAGMA secure_delete = ON;
CREATE TABLE link_codes_hashed (
  code_hash TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  used_by TEXT NOT NULL DEFAULT ''
);
INSERT OR IGNORE INTO link_codes_hashed(code_hash, body, created_at, expires_at, used_at, used_by)
SELECT dondoc_code_hash(code), body, created_at, expires_at, used_at, used_by FROM link_codes;
DROP TABLE link_codes;
ALTER TABLE link_codes_hashed RENAME TO link_codes;
CREATE TABLE link_attempts (
  channel TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  window_start TEXT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0,
  throttled INTEGER NOT NULL DEFAULT 0,
  explained_at TEXT,
  PRIMARY KEY (channel, chat_id)
);
)sql"},
      {70, R"sql(
-- Communes (xã, phường, đặc khu): one deployment serves many. Every table of a commune's own data
-- gains `commune` (communes.key) in its key, so two communes may both have body "vh_xh" and task
-- "2". A database made before holds one commune: key 1, id 'xa', to be renamed with `dondoc
-- commune rename`. The platform's event log, notices and deliveries stay per chat: a chat belongs
-- to the commune of the body it is linked to.
CREATE TABLE communes (
  key INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  settings TEXT NOT NULL DEFAULT '{}'   -- JSON object: the commune's own bot, ...
);
INSERT INTO communes(key, id, name, created_at)
SELECT 1, 'xa', 'Xã', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE EXISTS (SELECT 1 FROM bodies) OR EXISTS (SELECT 1 FROM tasks)
   OR EXISTS (SELECT 1 FROM rules_versions) OR EXISTS (SELECT 1 FROM engine_obligations)
   OR EXISTS (SELECT 1 FROM outbox) OR EXISTS (SELECT 1 FROM audit)
   OR EXISTS (SELECT 1 FROM link_codes) OR EXISTS (SELECT 1 FROM chat_links)
   OR EXISTS (SELECT 1 FROM calendar_overrides);

CREATE TABLE bodies_c (
  commune INTEGER NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  aliases TEXT NOT NULL DEFAULT '[]',
  kind TEXT NOT NULL CHECK (kind IN ('unit','group','person','committee')),
  members TEXT NOT NULL DEFAULT '[]',
  leader TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (commune, id)
);
INSERT INTO bodies_c SELECT 1, id, name, aliases, kind, members, leader FROM bodies ORDER BY rowid;
DROP TABLE bodies;
ALTER TABLE bodies_c RENAME TO bodies;

CREATE TABLE tasks_c (
  commune INTEGER NOT NULL,
  id TEXT NOT NULL,
  position INTEGER NOT NULL,
  section TEXT NOT NULL DEFAULT '',
  section_title TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  lead TEXT NOT NULL DEFAULT '[]',
  coordinators TEXT NOT NULL DEFAULT '[]',
  output TEXT NOT NULL DEFAULT '',
  deadline_text TEXT NOT NULL DEFAULT '',
  deadline TEXT NOT NULL,
  directing TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (commune, id)
);
INSERT INTO tasks_c SELECT 1, id, position, section, section_title, title, lead, coordinators,
  output, deadline_text, deadline, directing FROM tasks ORDER BY rowid;
DROP TABLE tasks;
ALTER TABLE tasks_c RENAME TO tasks;

CREATE TABLE indicators_c (
  commune INTEGER NOT NULL,
  id TEXT NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  monitoring_body TEXT NOT NULL DEFAULT '',
  milestones TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (commune, id)
);
INSERT INTO indicators_c SELECT 1, id, position, name, unit, monitoring_body, milestones
  FROM indicators ORDER BY rowid;
DROP TABLE indicators;
ALTER TABLE indicators_c RENAME TO indicators;

DROP TRIGGER audit_no_update;
DROP TRIGGER audit_no_delete;
CREATE TABLE audit_c (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  commune INTEGER NOT NULL,             -- 0: no commune (a chat not linked yet)
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO audit_c SELECT seq, 1, at, kind, subject, source, detail FROM audit ORDER BY seq;
DROP TABLE audit;
ALTER TABLE audit_c RENAME TO audit;
CREATE INDEX audit_by_commune ON audit(commune, seq);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

CREATE TABLE calendar_overrides_c (
  commune INTEGER NOT NULL,
  date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('off','work')),
  name TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (commune, date)
);
INSERT INTO calendar_overrides_c SELECT 1, date, kind, name FROM calendar_overrides;
DROP TABLE calendar_overrides;
ALTER TABLE calendar_overrides_c RENAME TO calendar_overrides;

CREATE TABLE rules_versions_c (
  version INTEGER PRIMARY KEY AUTOINCREMENT,
  commune INTEGER NOT NULL,
  loaded_at TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
);
INSERT INTO rules_versions_c SELECT version, 1, loaded_at, source, text, active
  FROM rules_versions ORDER BY version;
DROP TABLE rules_versions;
ALTER TABLE rules_versions_c RENAME TO rules_versions;
CREATE UNIQUE INDEX rules_versions_one_active ON rules_versions(commune) WHERE active = 1;

CREATE TABLE engine_obligations_c (
  commune INTEGER NOT NULL,
  id TEXT NOT NULL,
  task TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  cycle TEXT NOT NULL DEFAULT '',
  period TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  percent INTEGER NOT NULL DEFAULT 0,
  reason TEXT NOT NULL DEFAULT '',
  requested_due TEXT,
  due_override TEXT,
  acknowledged_at TEXT,
  last_reply TEXT,
  status_at TEXT,
  done_at TEXT,
  source TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (commune, id)
);
INSERT INTO engine_obligations_c SELECT 1, id, task, body, cycle, period, status, percent, reason,
  requested_due, due_override, acknowledged_at, last_reply, status_at, done_at, source
  FROM engine_obligations;
DROP TABLE engine_obligations;
ALTER TABLE engine_obligations_c RENAME TO engine_obligations;

CREATE TABLE outbox_c (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  commune INTEGER NOT NULL,
  key TEXT NOT NULL,
  recipient TEXT NOT NULL,
  kind TEXT NOT NULL,
  task TEXT,
  cycle TEXT,
  text TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
  not_before TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  last_error TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL DEFAULT '',
  chat_id TEXT NOT NULL DEFAULT '',
  is_group INTEGER NOT NULL DEFAULT 0,
  callback_id TEXT NOT NULL DEFAULT '',
  UNIQUE (commune, key)
);
INSERT INTO outbox_c SELECT id, 1, key, recipient, kind, task, cycle, text, status, not_before,
  attempts, created_at, sent_at, last_error, channel, chat_id, is_group, callback_id
  FROM outbox ORDER BY id;
DROP TABLE outbox;
ALTER TABLE outbox_c RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(status, not_before);
CREATE INDEX outbox_by_commune ON outbox(commune, status);  -- a commune's failed messages

CREATE TABLE send_log_c (
  commune INTEGER NOT NULL,
  key TEXT NOT NULL,
  message_id INTEGER,
  at TEXT NOT NULL,
  PRIMARY KEY (commune, key)
);
INSERT INTO send_log_c SELECT 1, key, message_id, at FROM send_log ORDER BY rowid;
DROP TABLE send_log;
ALTER TABLE send_log_c RENAME TO send_log;

CREATE TABLE engine_meta_c (
  commune INTEGER NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (commune, key)
);
INSERT INTO engine_meta_c SELECT 1, key, value FROM engine_meta;
DROP TABLE engine_meta;
ALTER TABLE engine_meta_c RENAME TO engine_meta;

CREATE TABLE plan_meta_c (
  commune INTEGER NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (commune, key)
);
INSERT INTO plan_meta_c SELECT 1, key, value FROM plan_meta;
DROP TABLE plan_meta;
ALTER TABLE plan_meta_c RENAME TO plan_meta;

-- A link code names a body and so its commune; a chat serves one body of one commune.
ALTER TABLE link_codes ADD COLUMN commune INTEGER NOT NULL DEFAULT 0;
UPDATE link_codes SET commune = 1;
ALTER TABLE chat_links ADD COLUMN commune INTEGER NOT NULL DEFAULT 0;
UPDATE chat_links SET commune = 1;
DROP INDEX chat_links_by_body;
CREATE INDEX chat_links_by_body ON chat_links(commune, body);
)sql"},
      {80, R"sql(
-- Dashboard accounts (storage/account_store.h). A user's name is unique in the deployment;
-- commune 0 is a province role. Secrets (passwords, session and API tokens, chat sign-in
-- tokens) are stored only as hashes.
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  commune INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  last_sign_in TEXT
);
CREATE INDEX users_by_commune ON users(commune, role, body);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user INTEGER NOT NULL REFERENCES users(id),
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  signed_out TEXT
);
CREATE INDEX sessions_by_user ON sessions(user);
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  token_hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  commune INTEGER NOT NULL DEFAULT 0,
  label TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE sign_in_failures (
  scope TEXT NOT NULL CHECK (scope IN ('account','address')),
  key TEXT NOT NULL,
  count INTEGER NOT NULL,
  window_start TEXT NOT NULL,
  locked_until TEXT,
  PRIMARY KEY (scope, key)
);
CREATE TABLE chat_sign_ins (
  token_hash TEXT PRIMARY KEY,
  user INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  used_at TEXT
);
)sql"},
      {90, R"sql(
-- A chat's reply reads the states of its body alone (and of its tasks' leads), not the commune's.
CREATE INDEX engine_obligations_by_body ON engine_obligations(commune, body, task);
)sql"},
      // The dashboard's task page: the messages about one task, newest first.
      {93, R"sql(
CREATE INDEX outbox_by_task ON outbox(commune, task, id);
)sql"},
      // The engine store keeps each commune's parsed plan, rules and calendar in memory
      // (storage/engine_store.cc) and reads this stamp to know whether they changed.
      {105, R"sql(
-- A commune's configuration stamp: a new random value at every change to what the engine store
-- parses for it (plan: bodies, tasks, indicators, plan_meta; rules_versions; calendar_overrides;
-- commune 0 holds the nation's calendar days, which every commune reads). Random, not a counter,
-- so a rolled-back change can never leave a value that a later, different change takes again.
-- A migration that rebuilds one of these tables must recreate its three triggers
-- (tests/storage/config_cache_test.cc checks they exist).
CREATE TABLE config_stamps (
  commune INTEGER PRIMARY KEY,
  stamp INTEGER NOT NULL
);
INSERT INTO config_stamps(commune, stamp) SELECT key, random() FROM communes;
INSERT OR IGNORE INTO config_stamps(commune, stamp) VALUES (0, random());
CREATE TRIGGER config_stamp_bodies_insert AFTER INSERT ON bodies BEGIN
  INSERT INTO config_stamps(commune, stamp) VALUES (NEW.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
END;
CREATE TRIGGER config_stamp_bodies_update AFTER UPDATE ON bodies BEGIN
  INSERT INTO config_stamps(commune, stamp) VALUES (OLD.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
  INSERT INTO config_stamps(commune, stamp) VALUES (NEW.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
END;
CREATE TRIGGER config_stamp_bodies_delete AFTER DELETE ON bodies BEGIN
  INSERT INTO config_stamps(commune, stamp) VALUES (OLD.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
END;
CREATE TRIGGER config_stamp_tasks_insert AFTER INSERT ON tasks BEGIN
  INSERT INTO config_stamps(commune, stamp) VALUES (NEW.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
END;
CREATE TRIGGER config_stamp_tasks_update AFTER UPDATE ON tasks BEGIN
  INSERT INTO config_stamps(commune, stamp) VALUES (OLD.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
  INSERT INTO config_stamps(commune, stamp) VALUES (NEW.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
END;
CREATE TRIGGER config_stamp_tasks_delete AFTER DELETE ON tasks BEGIN
  INSERT INTO config_stamps(commune, stamp) VALUES (OLD.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
END;
CREATE TRIGGER config_stamp_indicators_insert AFTER INSERT ON indicators BEGIN
  INSERT INTO config_stamps(commune, stamp) VALUES (NEW.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
END;
CREATE TRIGGER config_stamp_indicators_update AFTER UPDATE ON indicators BEGIN
  INSERT INTO config_stamps(commune, stamp) VALUES (OLD.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
  INSERT INTO config_stamps(commune, stamp) VALUES (NEW.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
END;
CREATE TRIGGER config_stamp_indicators_delete AFTER DELETE ON indicators BEGIN
  INSERT INTO config_stamps(commune, stamp) VALUES (OLD.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
END;
CREATE TRIGGER config_stamp_plan_meta_insert AFTER INSERT ON plan_meta BEGIN
  INSERT INTO config_stamps(commune, stamp) VALUES (NEW.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
END;
CREATE TRIGGER config_stamp_plan_meta_update AFTER UPDATE ON plan_meta BEGIN
  INSERT INTO config_stamps(commune, stamp) VALUES (OLD.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
  INSERT INTO config_stamps(commune, stamp) VALUES (NEW.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
END;
CREATE TRIGGER config_stamp_plan_meta_delete AFTER DELETE ON plan_meta BEGIN
  INSERT INTO config_stamps(commune, stamp) VALUES (OLD.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
END;
CREATE TRIGGER config_stamp_rules_versions_insert AFTER INSERT ON rules_versions BEGIN
  INSERT INTO config_stamps(commune, stamp) VALUES (NEW.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
END;
CREATE TRIGGER config_stamp_rules_versions_update AFTER UPDATE ON rules_versions BEGIN
  INSERT INTO config_stamps(commune, stamp) VALUES (OLD.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
  INSERT INTO config_stamps(commune, stamp) VALUES (NEW.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
END;
CREATE TRIGGER config_stamp_rules_versions_delete AFTER DELETE ON rules_versions BEGIN
  INSERT INTO config_stamps(commune, stamp) VALUES (OLD.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
END;
CREATE TRIGGER config_stamp_calendar_overrides_insert AFTER INSERT ON calendar_overrides BEGIN
  INSERT INTO config_stamps(commune, stamp) VALUES (NEW.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
END;
CREATE TRIGGER config_stamp_calendar_overrides_update AFTER UPDATE ON calendar_overrides BEGIN
  INSERT INTO config_stamps(commune, stamp) VALUES (OLD.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
  INSERT INTO config_stamps(commune, stamp) VALUES (NEW.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
END;
CREATE TRIGGER config_stamp_calendar_overrides_delete AFTER DELETE ON calendar_overrides BEGIN
  INSERT INTO config_stamps(commune, stamp) VALUES (OLD.commune, random())
    ON CONFLICT(commune) DO UPDATE SET stamp = excluded.stamp;
END;
)sql"},
      // A body's report for one cycle period (issue 16 §1, storage/report_store.h): the latest
      // text in body_reports, every version kept in body_report_versions, files and photos sent
      // with a version in body_report_attachments.
      {110, R"sql(
CREATE TABLE body_reports (
  commune INTEGER NOT NULL,
  body TEXT NOT NULL,
  cycle TEXT NOT NULL,
  period TEXT NOT NULL,
  due TEXT NOT NULL,                    -- YYYY-MM-DD, the obligation's due date when first received
  received_at TEXT NOT NULL,            -- first version
  updated_at TEXT NOT NULL,             -- latest version
  versions INTEGER NOT NULL DEFAULT 1,
  on_time INTEGER NOT NULL CHECK (on_time IN (0, 1)),
  text TEXT NOT NULL,
  results TEXT NOT NULL DEFAULT '',
  obstacles TEXT NOT NULL DEFAULT '',
  proposals TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',      -- chat | web | cli
  by_whom TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (commune, body, cycle, period)
);
CREATE INDEX body_reports_by_period ON body_reports(commune, cycle, period);
CREATE TABLE body_report_versions (
  commune INTEGER NOT NULL,
  body TEXT NOT NULL,
  cycle TEXT NOT NULL,
  period TEXT NOT NULL,
  version INTEGER NOT NULL,
  at TEXT NOT NULL,
  late INTEGER NOT NULL CHECK (late IN (0, 1)),   -- received after the due date
  text TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  by_whom TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (commune, body, cycle, period, version)
);
CREATE TABLE body_report_attachments (
  commune INTEGER NOT NULL,
  body TEXT NOT NULL,
  cycle TEXT NOT NULL,
  period TEXT NOT NULL,
  version INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  channel TEXT NOT NULL,
  ref TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  mime TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (commune, body, cycle, period, version, seq)
);
)sql"},
      // Explanation requests (issue 16 §3), commune-owned like every table of a commune.
      {115, R"sql(
CREATE TABLE explanation_requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  commune INTEGER NOT NULL,
  body TEXT NOT NULL,
  task TEXT NOT NULL DEFAULT '',
  cycle TEXT NOT NULL DEFAULT '',
  period TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  asked_by TEXT NOT NULL DEFAULT '',
  asker_body TEXT NOT NULL DEFAULT '',
  asked_at TEXT NOT NULL,
  due TEXT NOT NULL,
  answered_at TEXT,
  answer TEXT NOT NULL DEFAULT '',
  answered_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX explanation_requests_by_body ON explanation_requests(commune, body, id);
)sql"},
      // Indicators (issue 16 §2): every value reported against an indicator, kept as history.
      {120, R"sql(
CREATE TABLE indicator_values (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  commune INTEGER NOT NULL,
  indicator TEXT NOT NULL,
  value TEXT NOT NULL,          -- as written ("85%", "2 doanh nghiệp", "Đạt")
  number REAL,                  -- parsed, NULL for text
  body TEXT NOT NULL DEFAULT '',
  by TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',  -- chat | cli | web
  at TEXT NOT NULL,             -- format_instant, so text order is time order
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX indicator_values_by_indicator ON indicator_values(commune, indicator, at, id);
)sql"},
      // Calendar feed subscription tokens (issue 16 §5): stored hashed, per commune and body.
      {130, R"sql(
CREATE TABLE feed_tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  token_hash TEXT NOT NULL UNIQUE,
  commune INTEGER NOT NULL,
  body TEXT NOT NULL DEFAULT '',        -- '' = the whole plan
  created_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX feed_tokens_by_commune ON feed_tokens(commune, id);
)sql"},
      // Bodies keep their plan order in a column, not in SQLite's rowid (issue 17: PostgreSQL has
      // no rowid). New bodies go after the commune's last one.
      {140, R"sql(
ALTER TABLE bodies ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
UPDATE bodies SET position = rowid;
)sql"},
      // A report's files get a stable id (issue 16 §1): the dashboard fetches one through the
      // platform's API at /bao-cao-co-quan/tep/{id}. SQLite cannot add a primary key, so the
      // table is rebuilt with its rows (their ids in the old order).
      {150, R"sql(
CREATE TABLE body_report_attachments_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  commune INTEGER NOT NULL,
  body TEXT NOT NULL,
  cycle TEXT NOT NULL,
  period TEXT NOT NULL,
  version INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  channel TEXT NOT NULL,
  ref TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  mime TEXT NOT NULL DEFAULT '',
  UNIQUE (commune, body, cycle, period, version, seq)
);
INSERT INTO body_report_attachments_new(commune, body, cycle, period, version, seq, channel, ref,
                                        name, mime)
  SELECT commune, body, cycle, period, version, seq, channel, ref, name, mime
  FROM body_report_attachments ORDER BY rowid;
DROP TABLE body_report_attachments;
ALTER TABLE body_report_attachments_new RENAME TO body_report_attachments;
)sql"},
      // The deployment's own settings, not a commune's (issue 14 §2): the province's name heads
      // the province report.
      {160, R"sql(
CREATE TABLE province_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql"},
      // Several serve processes on one database (issue 17 §2): the sender claims the rows it
      // takes (who, and until when in real time), so two processes never send one message twice;
      // a claim whose holder died expires.
      {175, R"sql(
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until TEXT;
)sql"},
      // PostgreSQL's 180 makes its text compare byte by byte, as SQLite's BINARY always has:
      // nothing to change here, the version kept equal.
      {180, "SELECT 1;"},
      {181,
       [] {
         static const std::string sql = view_stamps_181();
         return sql.c_str();
       }()},
  };
  return all;
}

}  // namespace dondoc
