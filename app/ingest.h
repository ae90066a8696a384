// Ingest: the one path every chat event takes, whatever brought it (webhook or polling). Events
// are stored in the inbound log by the group-commit writer's ack lane, many per transaction, and
// acked together once that is committed: nothing else runs in an ack transaction, so an ack never
// waits for the bot. The bot then handles stored events in batches on the writer's background lane
// (link, status reply, button), so a redelivered event changes nothing and an acked event survives
// a crash (handled at the next start). Also holds the counters /metrics shows. Call from the
// io_context's thread; callbacks come back on it.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bot/payloads.h"
#include "rules/date.h"

namespace boost::asio {
class io_context;
}

namespace dondoc {
class GroupCommit;
class Database;
}  // namespace dondoc

namespace dondoc::app {

struct Metrics {
  std::atomic<long> events_received{0};
  std::atomic<long> events_duplicate{0};
  std::atomic<long> events_handled{0};
  std::atomic<long> replies_applied{0};
  std::atomic<long> links{0};
  std::atomic<long> messages_sent{0};
  std::atomic<long> messages_failed{0};
  std::atomic<long> send_retries{0};
  std::atomic<long> queue_depth{0};  // pending outbound messages at the last sender pass
};

using Clock = std::function<Instant()>;

// An event stored in the inbound log under seq.
struct StoredEvent {
  std::int64_t seq = 0;
  bot::InboundEvent event;
};

class Ingest {
 public:
  Ingest(boost::asio::io_context& io, GroupCommit& writer, Metrics& metrics, Clock clock);

  // Stores the event (unless already stored) and calls ack on the io thread once that is
  // committed: ok=false only when the write failed (answer 500, the platform retries).
  using Ack = std::function<void(bool ok, bool duplicate)>;
  void accept(bot::InboundEvent event, Ack ack);

  // Handles every stored event not yet handled (at start, after a crash, after new events).
  void handle_pending();

  // Called (on the io thread) after handled events queued replies, to wake the sender.
  std::function<void()> on_reply_queued;

  // Events handled per background transaction; events kept in memory for the bot at most.
  static constexpr int kHandleBatch = 64;
  static constexpr std::size_t kMemoryBacklog = 16384;

 private:
  struct Queue;  // events waiting for the next ack transaction, shared with the writer's jobs
  boost::asio::io_context& io_;
  GroupCommit& writer_;
  Metrics& metrics_;
  Clock clock_;
  std::shared_ptr<Queue> queue_;
  bool handling_ = false;              // a handling job is with the writer
  bool handle_again_ = false;          // new events arrived meanwhile
  std::deque<StoredEvent> to_handle_;  // acked, not yet handed to the bot (io thread)
  bool rescan_ = true;                 // the log may hold unhandled events memory does not
};

// What one handling pass did (writer thread).
struct HandledBatch {
  int handled = 0;
  int replies_applied = 0;
  int links = 0;
  int replied = 0;    // events that queued a reply to their chat
  bool more = false;  // the pass stopped at its limit: more events wait
};

// Handles up to `limit` stored, unhandled events, oldest first, each in its own savepoint: an
// event whose handling throws is rolled back alone and marked handled with outcome "error" (and
// logged), so it is never retried in a loop. Inside the caller's transaction.
HandledBatch handle_stored_events(Database& db, Instant now, int limit);

// The same for events this process stored and still holds in memory (no read back, no parse);
// an event already handled (by a pass over the log) is skipped.
HandledBatch handle_events(Database& db, Instant now, const std::vector<StoredEvent>& events);

}  // namespace dondoc::app
