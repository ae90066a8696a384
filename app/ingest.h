// Ingest: how chat events reach service/chat_event on the writer thread, whatever brought them
// (webhook or polling). Events are stored (service::store_event) on the group-commit writer's ack
// lane, many per transaction, and acked together once that is committed: nothing else runs in an
// ack transaction, so an ack never waits for the bot. They are then handled
// (service::handle_events) in batches on the writer's background lane, so a redelivered event
// changes nothing and an acked event survives a crash (handled at the next start). Also holds the
// counters /metrics shows. Call from the io_context's thread; callbacks come back on it.
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
#include "engine/ports.h"
#include "service/chat_event.h"

namespace boost::asio {
class io_context;
}

namespace dondoc {
class GroupCommit;
}  // namespace dondoc

namespace dondoc::app {

struct Metrics {
  std::atomic<long> events_received{0};
  std::atomic<long> events_duplicate{0};
  std::atomic<long> events_handled{0};
  std::atomic<long> replies_applied{0};
  std::atomic<long> replies_refused{0};
  std::atomic<long> links{0};
  std::atomic<long> link_attempts_failed{0};
  std::atomic<long> link_attempts_throttled{0};
  std::atomic<long> messages_sent{0};
  std::atomic<long> messages_failed{0};
  std::atomic<long> send_retries{0};
  std::atomic<long> queue_depth{0};  // pending outbound messages at the last sender pass
};

class Ingest {
 public:
  Ingest(boost::asio::io_context& io, GroupCommit& writer, Metrics& metrics, const Clock& clock);

  // Stores the event (unless already stored) and calls ack on the io thread once that is
  // committed: ok=false only when the write failed (answer 500, the platform retries).
  using Ack = std::function<void(bool ok, bool duplicate)>;
  void accept(bot::InboundEvent event, Ack ack);

  // Handles every stored event not yet handled (at start, after a crash, after new events).
  void handle_pending();

  // Called (on the io thread) after handled events queued replies, to wake the sender.
  std::function<void()> on_reply_queued;
  // What the chat handling needs from the configuration (the sign-in links' public_url).
  service::ChatOptions chat_options;

  // Events handled per background transaction; events kept in memory for the bot at most.
  static constexpr int kHandleBatch = 64;
  static constexpr std::size_t kMemoryBacklog = 16384;

 private:
  struct Queue;  // events waiting for the next ack transaction, shared with the writer's jobs
  boost::asio::io_context& io_;
  GroupCommit& writer_;
  Metrics& metrics_;
  const Clock& clock_;
  std::shared_ptr<Queue> queue_;
  bool handling_ = false;                       // a handling job is with the writer
  bool handle_again_ = false;                   // new events arrived meanwhile
  std::deque<service::StoredEvent> to_handle_;  // acked, not yet handed to the bot (io thread)
  bool rescan_ = true;                          // the log may hold unhandled events memory does not
};

}  // namespace dondoc::app
