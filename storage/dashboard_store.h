// The dashboard's reads of the audit trail, the outbox and the chat links of the current commune:
// audit rows filtered and paginated (with their total), audit rows about one task or body, outbox
// rows about a task or to a body, and a body's chats with their names. Reads only; the thread
// that owns the Database (a read connection of the web layer or the CLI).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "storage/database.h"
#include "storage/engine_store.h"  // AuditRow

namespace dondoc {

struct AuditQuery {
  std::string kind;       // "" = any
  std::string subject;    // exact subject; "" = any
  std::string since_iso;  // at >= since (ISO instant as stored); "" = no bound
  std::string until_iso;  // at <  until; "" = no bound
  int offset = 0;
  int limit = -1;  // -1 = every row
};
struct AuditSlice {
  std::vector<AuditRow> rows;  // newest first
  int total = 0;               // rows matching, before offset and limit
};
AuditSlice audit_slice(Database& db, const AuditQuery& q);

// The kinds present in the current commune's audit, sorted.
std::vector<std::string> audit_kinds(Database& db);

// Rows about a task, newest first: its subject is the task id or an obligation of it
// ("task|ID|..."), or its detail names it ("task":"ID"). At most `limit` (negative: every row).
std::vector<AuditRow> audit_about_task(Database& db, const std::string& task, int limit);
// Rows about a body, newest first: its detail names it ("body":"ID") or its subject is an
// obligation of it ("...|ID"). At most `limit` (negative: every row).
std::vector<AuditRow> audit_about_body(Database& db, const std::string& body, int limit);

struct OutboxItem {
  std::int64_t id = 0;
  std::string created_at, recipient, kind, task, cycle, status, text, sent_at;
};
struct OutboxQuery {
  std::string task;                // "" = any
  std::string recipient;           // "" = any
  std::vector<std::string> kinds;  // empty = any
  std::string since_iso;           // created_at >= since; "" = no bound
  int limit = 200;                 // negative: every row
};
// Newest first.
std::vector<OutboxItem> outbox_items(Database& db, const OutboxQuery& q);

struct ChatLinkRow {
  std::string channel, chat_id, name, linked_at;
};
// The current commune's chats linked to `body`, oldest link first.
std::vector<ChatLinkRow> chat_links_of_body(Database& db, const std::string& body);

// The number of chats linked to each body of the current commune (bodies without any left out):
// chats_of_body(db, body).size() for every body, in one query.
std::unordered_map<std::string, int> linked_chat_counts(Database& db);

// What the current commune's dashboard views are computed from, as one text of four stamps: the
// commune's and the deployment's configuration stamps (config_stamps) and view stamps
// (view_stamps, storage/view_stamps.h). Every change to a table a view reads gives one of them a
// new random value in the same transaction; a commit that changes nothing a view reads (an
// inbound event, the outbox, a session, another commune's rows) leaves them as they were.
std::string view_version(Database& db);

}  // namespace dondoc
