// Ingest: the one path every chat event takes, whatever brought it (webhook or polling). The raw
// event is committed to the inbound log through the group-commit writer and only then acked; the
// bot then handles it (link, status reply, button) in its own write job, so a redelivered event
// changes nothing and an acked event survives a crash (handled at the next start). Also holds the
// counters /metrics shows. Call from the io_context's thread; callbacks come back on it.
#pragma once

#include <atomic>
#include <functional>
#include <string>

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

class Ingest {
 public:
  Ingest(boost::asio::io_context& io, GroupCommit& writer, Metrics& metrics, Clock clock);

  // Stores the event (unless already stored) and calls ack on the io thread once that is
  // committed: ok=false only when the write failed (answer 500, the platform retries).
  using Ack = std::function<void(bool ok, bool duplicate)>;
  void accept(const bot::InboundEvent& event, Ack ack);

  // Handles every stored event not yet handled (at start, after a crash).
  void handle_pending();

  // Called (on the io thread) after a handled event queued a reply, to wake the sender.
  std::function<void()> on_reply_queued;

 private:
  void handle(std::int64_t seq);
  boost::asio::io_context& io_;
  GroupCommit& writer_;
  Metrics& metrics_;
  Clock clock_;
};

// Handles one stored event inside the caller's write transaction: decides with bot/conversation
// and applies (binding, engine command, reply queued in chat_outbox), then marks it handled.
// Returns the outcome ("linked", "applied", "ignored", ...); "" when the event was handled
// already. Exposed for tests.
std::string handle_stored_event(Database& db, std::int64_t seq, Instant now);

}  // namespace dondoc::app
