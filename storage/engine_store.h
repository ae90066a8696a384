// The engine's Store and Outbox ports over SQLite: recorded obligation states, the send-log whose
// keys are never written twice, the one outbox (messages to a body's linked chats and the bot's
// answers to one chat), engine meta (history_start, last_tick) and the audit trail, all changed in
// one transaction per batch. One instance per Database (per thread).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/ports.h"
#include "storage/database.h"

namespace dondoc {

// Replaces what load() would read, for tests and for `preview --rules FILE`.
struct StoreOverrides {
  std::optional<Plan> plan;
  std::optional<Rules> rules;
};

// A sender's claim on the outbox rows it takes (issue 17 §2; columns outbox.claimed_by and
// claimed_until). Its times are real time, not a rehearsal's clock: a claim is about a live
// process.
struct OutboxClaim {
  std::string owner;  // the sending process: "host/pid/random"
  Instant now{};      // claims that ran out before this are free
  Instant until{};    // the rows taken are its own until then
};

class SqliteEngineStore : public Store, public Outbox {
 public:
  explicit SqliteEngineStore(Database& db, StoreOverrides overrides = {});

  // Errors: no active rules, stored rules that no longer parse. `sent` holds only the send-log
  // keys the scheduler consults (rem|, esc|, blk|, dig|), not confirmations or message keys;
  // `failed` the failed outbox messages without a "failed|<id>" key, notices excluded.
  Result<EngineState> load() override;
  // What a command of `body` needs (a chat's reply): plan, rules, calendar and meta as load()
  // reads them, but only the states compute_body_obligations needs for `body` (none when body is
  // ""), no send-log keys and no failed messages. Enough for apply_command on that body and for
  // task_open on its tasks; not for tick().
  Result<EngineState> load_for_body(const std::string& body);
  // Opens its own IMMEDIATE transaction unless one is active (apply_in_transaction). A message
  // with `chat` set becomes a row addressed to that chat alone (the bot's answers); like every
  // message without send keys it is queued only if its key is new, so an event handled twice
  // queues nothing twice.
  int apply(const Batch& batch) override;
  // Requires: the caller holds a write transaction on the same Database.
  int apply_in_transaction(const Batch& batch);

  // Every commune's due rows (the sender serves the whole deployment); each row names its commune.
  std::vector<OutboxRow> due(Instant now, int limit) override;
  // due(), or only the rows addressed to one chat (the bot's answers) when chat_only. With a
  // claim, only the rows no other sender holds a live claim on, and each row returned is claimed
  // for claim->owner until claim->until (PostgreSQL: FOR UPDATE SKIP LOCKED as well), so two
  // processes sending from one database never take the same message at once.
  std::vector<OutboxRow> due_rows(Instant now, int limit, bool chat_only,
                                  const OutboxClaim* claim = nullptr);
  void mark_sent(std::int64_t id, Instant at) override;
  void mark_retry(std::int64_t id, Instant retry_at, bool give_up,
                  const std::string& error) override;
  // Moves a pending message's not_before without counting an attempt (its channel is not
  // configured now: kept, and out of the way of the due ones).
  void postpone(std::int64_t id, Instant until, const std::string& why);

 private:
  Result<EngineState> load_base();  // load() without states, send-log keys, failed messages
  Database& db_;
  StoreOverrides overrides_;
};

// A sender's claims on pending rows (every commune's): renewed until `until` (returns how many),
// released (a clean stop, or a claimant found dead), and the owners holding any.
int renew_outbox_claims(Database& db, const std::string& owner, Instant until);
int release_outbox_claims(Database& db, const std::string& owner);
std::vector<std::string> outbox_claim_owners(Database& db);

// The commune of an outbox row (kNoCommune when there is no such row).
std::int64_t outbox_commune(Database& db, std::int64_t id);

// Reading for the CLI: the current commune's rows.
std::vector<OutboxRow> list_outbox(Database& db, const std::string& status);  // "" = all
struct AuditRow {
  std::string at, kind, subject, source, detail;
};
std::vector<AuditRow> list_audit(Database& db, std::optional<Instant> since);

}  // namespace dondoc
