// The ports through which the pure engine reaches the world (leveldb Env style): Clock gives the
// time, Store loads the engine's state and applies batches atomically, Outbox is the sender's view
// of queued messages. The app passes SQLite-backed ones (storage/engine_store.h), tests pass fakes
// (tests/support/). Implementations are used from one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/state.h"
#include "rules/result.h"

namespace dondoc {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

// A clock stopped at one instant: a command run with `--now`, a dry run, a test.
class FixedClock : public Clock {
 public:
  explicit FixedClock(Instant at) : at_(at) {}
  Instant now() const override { return at_; }

 private:
  Instant at_;
};

class Store {
 public:
  virtual ~Store() = default;
  // Plan, rules, calendar, recorded states, send-log keys and meta. An error when the state cannot
  // be used (no active rules, invalid stored rules).
  virtual Result<EngineState> load() = 0;
  // All or nothing. A send-log key that exists is never written again; a message whose keys all
  // existed already is not queued. Returns how many messages were queued.
  virtual int apply(const Batch& batch) = 0;
};

// A queued message as the sender sees it.
struct OutboxRow {
  std::int64_t id = 0;
  std::int64_t commune = 0;  // the commune whose row it is (storage's communes.key)
  Message message;
  std::string status;  // "pending" | "sent" | "failed"
  int attempts = 0;
};

class Outbox {
 public:
  virtual ~Outbox() = default;
  // Pending messages with not_before <= now, oldest first, at most `limit`.
  virtual std::vector<OutboxRow> due(Instant now, int limit) = 0;
  virtual void mark_sent(std::int64_t id, Instant at) = 0;
  // Counts an attempt; retried at `retry_at`, or marked failed when `give_up`.
  virtual void mark_retry(std::int64_t id, Instant retry_at, bool give_up,
                          const std::string& error) = 0;
};

}  // namespace dondoc
