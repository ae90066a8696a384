// Polling loops for channels in "polling" mode: Telegram getUpdates with an offset and a long-poll
// timeout (the offset advances only after every update of a batch was committed), and Zalo
// getUpdates (no offset; the platform hands each event out once). Both feed Ingest like the
// webhooks do. Run on the io_context's thread.
#pragma once

#include <memory>

#include "app/config.h"
#include "app/ingest.h"

namespace dondoc::app {

class HttpClient;

class Poller {
 public:
  // channel: "telegram" or "zalo"; uses config's token, api_base and poll timeout.
  Poller(boost::asio::io_context& io, HttpClient& http, Ingest& ingest, const ServeConfig& config,
         std::string channel);
  ~Poller();
  void start();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace dondoc::app
