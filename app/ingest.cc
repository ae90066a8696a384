#include <utility>  // before Boost under C++20

#include "app/ingest.h"

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <iostream>
#include <iterator>
#include <memory>
#include <mutex>
#include <vector>

#include "storage/group_commit.h"

namespace dondoc::app {

struct Ingest::Queue {
  struct Pending {
    bot::InboundEvent event;
    Ack ack;
    std::int64_t seq = 0;  // stored now under seq; 0 for a redelivery
  };
  std::mutex mu;
  std::vector<Pending> waiting;
  bool flush_submitted = false;  // an ack job will take `waiting`
};

Ingest::Ingest(boost::asio::io_context& io, GroupCommit& writer, Metrics& metrics,
               const Clock& clock)
    : io_(io),
      writer_(writer),
      metrics_(metrics),
      clock_(clock),
      queue_(std::make_shared<Queue>()) {}

void Ingest::accept(bot::InboundEvent event, Ack ack) {
  ++metrics_.events_received;
  Queue::Pending p{std::move(event), std::move(ack)};
  bool submit = false;
  {
    std::lock_guard lock(queue_->mu);
    queue_->waiting.push_back(std::move(p));
    submit = !std::exchange(queue_->flush_submitted, true);
  }
  if (!submit) return;  // the ack job already submitted takes this one too
  // One ack job stores everything that waits when the writer reaches it; one post acks them all.
  auto batch = std::make_shared<std::vector<Queue::Pending>>();
  writer_.submit(
      [queue = queue_, batch, now = clock_.now()](Database& db) {
        {
          std::lock_guard lock(queue->mu);
          batch->swap(queue->waiting);
          queue->flush_submitted = false;
        }
        for (auto& p : *batch) p.seq = service::store_event(db, p.event, now).value_or(0);
      },
      [this, batch](bool ok, const std::string& error) {
        if (!ok) std::cerr << "dondoc serve: storing events failed: " << error << "\n";
        boost::asio::post(io_, [this, batch, ok] {
          bool any_new = false;
          for (auto& p : *batch) {
            bool duplicate = ok && p.seq == 0;
            if (duplicate) ++metrics_.events_duplicate;
            p.ack(ok, duplicate);
            if (!ok || duplicate) continue;
            any_new = true;
            // Handed to the bot in memory; the log stays the source after a restart or a failure.
            if (to_handle_.size() < kMemoryBacklog) {
              to_handle_.push_back(service::StoredEvent{p.seq, std::move(p.event)});
            } else {
              rescan_ = true;
            }
          }
          if (any_new) handle_pending();
        });
      });
}

void Ingest::handle_pending() {
  if (handling_) {
    handle_again_ = true;
    return;
  }
  if (to_handle_.empty() && !rescan_) return;
  handling_ = true;
  handle_again_ = false;
  // Events acked by this process come from memory; the log is read when it may hold more (at
  // start, after a failed pass, when the memory backlog overflowed).
  bool scan = to_handle_.empty();
  auto events = std::make_shared<std::vector<service::StoredEvent>>();
  if (scan) {
    rescan_ = false;
  } else {
    auto n = std::min<std::size_t>(to_handle_.size(), kHandleBatch);
    events->assign(std::make_move_iterator(to_handle_.begin()),
                   std::make_move_iterator(to_handle_.begin() + static_cast<std::ptrdiff_t>(n)));
    to_handle_.erase(to_handle_.begin(), to_handle_.begin() + static_cast<std::ptrdiff_t>(n));
  }
  auto result = std::make_shared<service::HandledBatch>();
  Instant now = clock_.now();
  writer_.submit_background(
      [result, events, scan, now, options = chat_options](Database& db) {
        *result = scan ? service::handle_stored_events(db, now, kHandleBatch, options)
                       : service::handle_events(db, now, *events, options);
      },
      [this, result](bool ok, const std::string& error) {
        boost::asio::post(io_, [this, result, ok, error] {
          handling_ = false;
          if (!ok) {
            // Left unhandled in the log: read from there again in a second (not in a tight loop
            // while, say, the disk is full).
            std::cerr << "dondoc serve: handling events failed: " << error << "\n";
            rescan_ = true;
            auto retry = std::make_shared<boost::asio::steady_timer>(io_, std::chrono::seconds(1));
            retry->async_wait([this, retry](boost::system::error_code ec) {
              if (!ec) handle_pending();
            });
            return;
          }
          metrics_.events_handled += result->handled;
          metrics_.replies_applied += result->replies_applied;
          metrics_.replies_refused += result->replies_refused;
          metrics_.links += result->links;
          metrics_.link_attempts_failed += result->link_failed;
          metrics_.link_attempts_throttled += result->link_throttled;
          if (result->more) rescan_ = true;
          if (result->replied > 0 && on_reply_queued) on_reply_queued();
          if (!to_handle_.empty() || rescan_ || handle_again_) handle_pending();
        });
      });
}

}  // namespace dondoc::app
