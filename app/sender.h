// The outbound delivery loop: takes due messages from the one outbox (those addressed to a body
// fanned out to its linked chats, the bot's answers to their one chat), sends them part by part
// (Telegram 4096 / Zalo 2000 characters) paced per chat, per group chat and overall, and records
// each delivered part, then marks the message sent; failures are retried with exponential backoff
// and jitter (429: the platform's retry_after) and marked failed after max_attempts. Runs on the
// io_context's thread; database work goes through the group-commit writer. The rows a pass takes
// are claimed for this process (sender.claim_s real seconds, renewed while it sends, released on
// stop), so several serve processes on one database never send one message twice.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "app/config.h"
#include "app/ingest.h"

namespace dondoc::app {

class HttpClient;

// What /healthz shows of the sender, as of its last pass (every second).
struct SenderStatus {
  long queue_depth = 0;               // messages due and not yet sent
  std::optional<Instant> oldest_due;  // since when the oldest of them may go
};

class Sender {
 public:
  Sender(boost::asio::io_context& io, GroupCommit& writer, HttpClient& http,
         const ServeConfig& config, Metrics& metrics, const Clock& clock);
  ~Sender();
  void start();  // a pass now and then every second
  void wake();   // something was queued: a pass soon
  // Sends nothing more: the message whose part is in flight gets its answer recorded (delivered,
  // or a retry scheduled); every other row stays pending for the next start. Calls idle (posted,
  // io thread) once no send is in flight and the writer has the bookkeeping. Once.
  void stop(std::function<void()> idle);
  SenderStatus status() const;  // io thread

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// The wait before attempt `attempts + 1` after a failure: base * 2^attempts capped at max, times
// a jitter factor in [0.5, 1]. Pure; exposed for tests.
long backoff_ms(int attempts, int base_ms, int max_ms, double jitter01);

// Several serve processes on one database: a sender's claim id, "host/pid/<random as 8 hex>", and
// whether the claimant it names is a process of this host that no longer exists.
std::string claim_owner_id(std::uint32_t random);
bool claimant_gone(const std::string& owner);

}  // namespace dondoc::app
