// The polling loop of a platform in "polling" mode: getUpdates with a long-poll timeout, the
// request and the reading of its answer given by the platform's file (Telegram's offset advances
// only after every update of a batch was committed; Zalo has none). Feeds Ingest like the webhooks
// do. Runs on the io_context's thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "app/config.h"
#include "app/ingest.h"

namespace dondoc::app {

class HttpClient;
class ChatChannel;

// What /healthz shows of one polling loop.
struct PollerStatus {
  std::string platform;            // "telegram", "zalo"
  std::string state = "starting";  // "starting" | "ok" | "retrying" (after a failure)
  std::optional<std::chrono::steady_clock::time_point> last_success;  // last answer read
  std::string last_error;  // the last failure ("" when none yet)
  int failures = 0;        // in a row
};

class Poller {
 public:
  // Requires: platform.polls(config.channel_for(platform.id(), commune)). With a commune, polls
  // that commune's own bot and places its events in the commune (app/commune_bots.h).
  Poller(boost::asio::io_context& io, HttpClient& http, Ingest& ingest, const ServeConfig& config,
         const ChatChannel& platform, std::int64_t commune = 0, const std::string& label = "");
  ~Poller();
  void start();
  // Polls no more. A getUpdates already in flight is not waited for (it may hold a long poll);
  // if its answer comes while serve is still stopping, its events are stored and acked as usual.
  void stop();
  PollerStatus status() const;  // io thread

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace dondoc::app
