#include <utility>  // before Boost under C++20

#include "app/pollers.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/channels/channel.h"
#include "app/commune_bots.h"
#include "app/http_client.h"

namespace dondoc::app {

namespace net = boost::asio;
using nlohmann::json;

namespace {

PollerStatus initial_status(const ChatChannel& platform, const std::string& label) {
  PollerStatus s;
  s.platform = label.empty() ? platform.name() : label;
  return s;
}

}  // namespace

struct Poller::Impl : std::enable_shared_from_this<Poller::Impl> {
  Impl(net::io_context& io, HttpClient& h, Ingest& i, const ServeConfig& c, const ChatChannel& p,
       std::int64_t k, const std::string& label)
      : http(h),
        ingest(i),
        config(c),
        platform(p),
        commune(k),
        timer(io),
        status(initial_status(p, label)) {}
  HttpClient& http;
  Ingest& ingest;
  ServeConfig config;
  const ChatChannel& platform;
  std::int64_t commune;  // 0: the province's bot
  net::steady_timer timer;
  long long offset = 0;
  int failures = 0;
  bool stopped = false;   // destroyed: nothing more, not even an answer in flight
  bool stopping = false;  // stop(): no new poll
  PollerStatus status;

  void note(bool ok, const std::string& error) {
    status.state = ok ? "ok" : "retrying";
    if (ok) status.last_success = std::chrono::steady_clock::now();
    if (!ok) status.last_error = error;
    status.failures = ok ? 0 : status.failures + 1;
  }

  void poll() {
    if (stopped || stopping) return;
    HttpRequest r = platform.poll_request(config.channel_for(platform.id(), commune),
                                          config.poll_timeout_s, offset);
    r.timeout_ms = (config.poll_timeout_s + 10) * 1000;
    http.request(std::move(r), [self = shared_from_this()](HttpResponse res) {
      self->on_answer(std::move(res));
    });
  }

  void later() {
    ++failures;
    timer.expires_after(std::chrono::milliseconds(std::min(30000, 500 << std::min(failures, 6))));
    timer.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (!ec) self->poll();
    });
  }

  // After an empty batch: a real long poll already waited, but a fake (or a proxy) may answer at
  // once, so wait a little instead of spinning.
  void idle() {
    timer.expires_after(std::chrono::milliseconds(250));
    timer.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (!ec) self->poll();
    });
  }

  void on_answer(HttpResponse res) {
    if (stopped) return;
    json j = json::parse(res.body, nullptr, false);
    if (!res.error.empty() || !j.is_object()) {
      note(false, !res.error.empty() ? res.error : "HTTP " + std::to_string(res.status));
      if (!res.error.empty() && res.error != "timeout") {
        std::cerr << "dondoc serve: " << platform.name() << " getUpdates: " << res.error << "\n";
      }
      return later();
    }
    if (!j.value("ok", false)) {  // Zalo answers a long poll with nothing as an error
      if (res.status >= 500 || res.status == 429 || res.status == 401) {
        note(false, "HTTP " + std::to_string(res.status));
        return later();
      }
      note(true, "");
      failures = 0;
      return poll();
    }
    const json& result = j["result"];
    auto events = platform.read_updates(result.is_array() ? result : json::array({result}), offset);
    note(true, "");
    failures = 0;
    feed(std::move(events));
  }

  // Hands every event to ingest; polls again once all are committed (or waits on a failure, with
  // the Telegram offset rolled back so the batch comes again).
  void feed(std::vector<bot::InboundEvent> events) {
    if (events.empty()) return idle();
    auto left = std::make_shared<std::size_t>(events.size());
    auto all_ok = std::make_shared<bool>(true);
    long long first = events.front().update_id;
    for (auto& e : events) {
      if (commune != 0) into_commune(e, commune);
      ingest.accept(std::move(e), [self = shared_from_this(), left, all_ok, first](bool ok, bool) {
        *all_ok = *all_ok && ok;
        if (--*left > 0) return;
        if (*all_ok) return self->poll();
        if (first >= 0) self->offset = first;
        self->note(false, "storing the polled events failed");
        self->later();
      });
    }
  }
};

Poller::Poller(net::io_context& io, HttpClient& http, Ingest& ingest, const ServeConfig& config,
               const ChatChannel& platform, std::int64_t commune, const std::string& label)
    : impl_(std::make_shared<Impl>(io, http, ingest, config, platform, commune, label)) {}

Poller::~Poller() {
  impl_->stopped = true;
  impl_->timer.cancel();
}

void Poller::start() { impl_->poll(); }

void Poller::stop() {
  impl_->stopping = true;
  impl_->timer.cancel();
}

PollerStatus Poller::status() const { return impl_->status; }

}  // namespace dondoc::app
