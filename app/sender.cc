#include <utility>  // before Boost under C++20

#include "app/sender.h"

#include <signal.h>
#include <unistd.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include <cerrno>
#include <cstdio>
#include <iostream>

#include "app/http_client.h"
#include "app/sender_items.h"
#include "app/system_clock.h"
#include "service/commune_bots.h"
#include "storage/group_commit.h"

namespace dondoc::app {

namespace net = boost::asio;
using SteadyTime = std::chrono::steady_clock::time_point;

namespace {

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "host";
  return name;
}

}  // namespace

std::string claim_owner_id(std::uint32_t random) {
  char tail[16];
  std::snprintf(tail, sizeof tail, "%08x", random);
  return host_name() + "/" + std::to_string(::getpid()) + "/" + tail;
}

bool claimant_gone(const std::string& owner) {
  auto slash = owner.find('/');
  if (slash == std::string::npos || owner.substr(0, slash) != host_name()) {
    return false;  // another machine's: its claim runs out
  }
  long pid = std::strtol(owner.c_str() + slash + 1, nullptr, 10);
  if (pid <= 0 || pid == ::getpid()) return false;
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

long backoff_ms(int attempts, int base_ms, int max_ms, double jitter01) {
  double wait = base_ms;
  for (int i = 0; i < attempts && wait < max_ms; ++i) wait *= 2;
  wait = std::min<double>(wait, max_ms);
  return static_cast<long>(wait * (0.5 + 0.5 * std::clamp(jitter01, 0.0, 1.0)));
}

struct Sender::Impl : std::enable_shared_from_this<Sender::Impl> {
  Impl(net::io_context& io, GroupCommit& w, HttpClient& h, const ServeConfig& c, Metrics& m,
       const Clock& clk)
      : io(io),
        writer(w),
        http(h),
        config(c),
        metrics(m),
        clock(clk),
        timer(io),
        tick(io),
        rng(std::random_device{}()),
        owner(claim_owner_id(static_cast<std::uint32_t>(rng()))) {}

  net::io_context& io;
  GroupCommit& writer;
  HttpClient& http;
  ServeConfig config;
  Metrics& metrics;
  const Clock& clock;
  net::steady_timer timer;  // pacing waits
  net::steady_timer tick;   // periodic passes
  std::mt19937 rng;
  // The claims on outbox rows (several serve processes on one database): this process's id, the
  // real clock they are timed by (not a rehearsal's), when they were last taken or renewed.
  std::string owner;
  SystemClock real;
  SteadyTime claimed_at{};
  // Used only inside writer jobs (the writer thread), shared by them.
  std::shared_ptr<service::Deliveries> deliveries = std::make_shared<service::Deliveries>();
  bool busy = false, again = false, stopped = false;
  bool sending = false;           // a part's HTTP request is in flight
  std::function<void()> on_idle;  // stop(): called once nothing is in flight
  std::deque<Item> items;
  std::size_t current = 0;  // the item whose part is in flight
  std::map<std::string, SteadyTime> chat_next;
  SteadyTime global_next{};
  SenderStatus status;

  void schedule_tick() {
    tick.expires_after(std::chrono::seconds(1));
    tick.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (ec || self->stopped) return;
      self->pass();
      self->schedule_tick();
    });
  }

  void pass() {
    if (stopped) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    auto found = std::make_shared<std::vector<Item>>();
    Instant now = clock.now();
    claimed_at = std::chrono::steady_clock::now();
    Instant real_now = real.now();
    OutboxClaim claim{owner, real_now, real_now + std::chrono::seconds(config.sender.claim_s)};
    writer.submit([found, now, cfg = config, d = deliveries,
                   claim](Database& db) { *found = collect_due(db, *d, now, cfg, 200, &claim); },
                  [self = shared_from_this(), found](bool, const std::string&) {
                    net::post(self->io, [self, found] {
                      self->metrics.queue_depth = static_cast<long>(found->size());
                      self->note_status(*found);
                      self->items.assign(found->begin(), found->end());
                      self->next();
                    });
                  });
  }

  void note_status(const std::vector<Item>& found) {
    status.queue_depth = static_cast<long>(found.size());
    status.oldest_due.reset();
    for (const Item& i : found) {
      if (!status.oldest_due || i.due < *status.oldest_due) status.oldest_due = i.due;
    }
  }

  // Sends the next part of the first item (in due order) whose chat may receive now, so one chat's
  // pacing does not hold up the others; finishes items with nothing left; waits for the earliest
  // chat (and the overall rate) otherwise; ends the pass when no item is left.
  void next() {
    if (stopped) return halt();
    if (items.empty()) {
      busy = false;
      if (again) {
        again = false;
        pass();
      }
      return;
    }
    auto now = std::chrono::steady_clock::now();
    renew_claims(now);
    SteadyTime earliest = SteadyTime::max();
    for (std::size_t i = 0; i < items.size(); ++i) {
      Item& item = items[i];
      current = i;
      if (item.next_part >= item.parts.size()) return finish_item(true, 0, "");
      SteadyTime at = chat_next[item.parts[item.next_part].chat_key()];
      if (at <= now && global_next <= now) return send_part(item, item.parts[item.next_part]);
      earliest = std::min(earliest, std::max(at, global_next));
    }
    timer.expires_at(earliest);
    timer.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (!ec) self->next();
    });
  }

  // A long pass (a group chat's pace, a platform's 429) keeps its rows: the claims are renewed
  // once a third of claim_s has gone by.
  void renew_claims(SteadyTime now) {
    if (now - claimed_at < std::chrono::seconds(config.sender.claim_s) / 3) return;
    claimed_at = now;
    writer.submit([o = owner, until = real.now() + std::chrono::seconds(config.sender.claim_s),
                   d = deliveries](Database& db) { d->renew_claims(db, o, until); });
  }

  // At start: the claims of a sender on this host whose process is gone are free at once (a
  // restart after a crash sends them now, not claim_s later).
  void release_dead_claims() {
    writer.submit([d = deliveries](Database& db) {
      for (const auto& [o, n] : d->release_claims_of_gone(db, claimant_gone)) {
        std::cerr << "dondoc serve: sender: " << n << " message(s) claimed by " << o
                  << " (gone) released\n";
      }
    });
  }

  void note_sent(const Part& p) {
    auto now = std::chrono::steady_clock::now();
    int per_chat = config.sender.per_chat_interval_ms;
    if (p.group) per_chat = std::max(per_chat, 60000 / config.sender.group_per_minute);
    chat_next[p.chat_key()] = now + std::chrono::milliseconds(per_chat);
    global_next = now + std::chrono::microseconds(1000000 / config.sender.global_per_second);
  }

  // The bot the part's chat talks to: its commune's own bot, else the province's.
  const ChannelConfig& settings(const Part& p) const {
    return config.channel_for(p.platform->id(), service::split_commune_chat(p.chat_id).commune);
  }

  void send_part(const Item& item, const Part& p) {
    if (!item.callback_id.empty() && item.next_part == 0) {
      if (auto a = p.platform->button_answer(settings(p), item.callback_id)) {
        a->timeout_ms = config.sender.timeout_ms;
        http.request(std::move(*a), [](HttpResponse) {});  // best effort
      }
    }
    note_sent(p);
    HttpRequest r = p.platform->send_request(settings(p), outgoing(item, p));
    r.timeout_ms = config.sender.timeout_ms;
    sending = true;
    http.request(std::move(r),
                 [self = shared_from_this()](HttpResponse r) { self->on_answer(std::move(r)); });
  }

  // Stopping: an item whose every part is delivered is marked sent; the others stay pending in the
  // outbox (their delivered parts are recorded and not sent again).
  void halt() {
    for (const Item& item : items) {
      if (item.next_part >= item.parts.size()) mark_sent(item.id);
    }
    items.clear();
    writer.submit([o = owner, d = deliveries](Database& db) { d->release_claims(db, o); });
    busy = false;
    if (!sending && on_idle) net::post(io, std::exchange(on_idle, {}));
  }

  void on_answer(HttpResponse r) {
    sending = false;
    Item& item = items[current];
    const Part& p = item.parts[item.next_part];
    bot::SendAnswer a = p.platform->read_answer(r, outgoing(item, p));
    if (a.ok) {
      record(item, p, a.message_id);
      ++item.next_part;
      return next();
    }
    int retry_after = r.status == 429 ? std::max(a.retry_after, 1) : 0;
    if (retry_after > 0) {
      // The platform's wait, but never shorter than the pace already due (a group's 3 s).
      auto& next_at = chat_next[p.chat_key()];
      next_at =
          std::max(next_at, std::chrono::steady_clock::now() + std::chrono::seconds(retry_after));
    }
    bool permanent =
        r.error.empty() && r.status >= 400 && r.status < 500 && r.status != 429 && r.status != 408;
    std::string why = !r.error.empty() ? r.error : "HTTP " + std::to_string(r.status);
    finish_item(false, permanent ? -1 : retry_after, why);
  }

  void record(const Item& item, const Part& p, const std::string& platform_id) {
    service::DeliveredPart d{item.id,     {p.platform->name(), p.chat_id, p.group},
                             p.index,     platform_id,
                             item.task,   item.kind,
                             clock.now(), item.cycle};
    writer.submit([d, ds = deliveries](Database& db) { ds->record_part(db, d); });
  }

  void mark_sent(std::int64_t id) {
    ++metrics.messages_sent;
    writer.submit([id, now = clock.now(), d = deliveries](Database& db) { d->sent(db, id, now); });
  }

  // Ends items[current]. ok: every part delivered -> sent. Else retry_after_s > 0: the platform's
  // wait; -1: permanent failure.
  void finish_item(bool ok, int retry_after_s, const std::string& why) {
    Item item = std::move(items[current]);
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(current));
    Instant now = clock.now();
    if (ok) {
      mark_sent(item.id);
      return next();
    }
    bool give_up = retry_after_s < 0 || item.attempts + 1 >= config.sender.max_attempts;
    long wait_ms = retry_after_s > 0 ? retry_after_s * 1000L
                                     : backoff_ms(item.attempts, config.sender.backoff_base_ms,
                                                  config.sender.backoff_max_ms,
                                                  std::uniform_real_distribution<>(0, 1)(rng));
    Instant retry_at = now + std::chrono::seconds((wait_ms + 999) / 1000);
    ++(give_up ? metrics.messages_failed : metrics.send_retries);
    writer.submit([id = item.id, answer = item.answer, retry_at, give_up, why, d = deliveries](
                      Database& db) { d->retry(db, id, answer, retry_at, give_up, why); });
    next();
  }
};

Sender::Sender(net::io_context& io, GroupCommit& writer, HttpClient& http,
               const ServeConfig& config, Metrics& metrics, const Clock& clock)
    : impl_(std::make_shared<Impl>(io, writer, http, config, metrics, clock)) {}

Sender::~Sender() {
  impl_->stopped = true;
  impl_->timer.cancel();
  impl_->tick.cancel();
}

void Sender::start() {
  impl_->release_dead_claims();
  impl_->pass();
  impl_->schedule_tick();
}

SenderStatus Sender::status() const { return impl_->status; }

void Sender::wake() {
  net::post(impl_->io, [impl = impl_] { impl->pass(); });
}

void Sender::stop(std::function<void()> idle) {
  Impl& i = *impl_;
  if (i.stopped) return;
  i.stopped = true;
  i.on_idle = std::move(idle);
  i.timer.cancel();
  i.tick.cancel();
  if (!i.sending) i.halt();
}

}  // namespace dondoc::app
