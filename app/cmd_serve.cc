// `dondoc serve [--config FILE] [--no-scheduler] [--now ISO [--clock-rate R] [--clock-anchor
// UNIX]]`: prints the plan summary, raises the descriptor limit, then runs the HTTP server
// (webhooks, /healthz, /metrics, the dashboard: app/web/), the polling loops, the sender and the
// tick timer on one io_context thread, with every write going through the group-commit writer
// (page reads on the web's reader thread), until SIGTERM or SIGINT stops it gracefully (Stopper).
// Several serve processes may share one database: only the holder of the scheduler lock ticks
// (app/scheduler_role.h), and the sender claims what it sends (app/sender.h).
#include <utility>  // before Boost under C++20

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <charconv>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "app/channels/channel.h"
#include "app/cli.h"
#include "app/commune_bots.h"
#include "app/config.h"
#include "app/fd_limit.h"
#include "app/health.h"
#include "app/http_client.h"
#include "app/ingest.h"
#include "app/pollers.h"
#include "app/request_guard.h"
#include "app/scheduler_role.h"
#include "app/sender.h"
#include "app/server.h"
#include "app/system_clock.h"
#include "app/web/web_server.h"
#include "bot/templates_vi.h"
#include "service/accounts.h"
#include "service/tick.h"
#include "storage/commune_store.h"
#include "storage/group_commit.h"
#include "storage/plan_store.h"

namespace dondoc::app {
namespace {

namespace net = boost::asio;
using nlohmann::json;

HttpOut json_out(int status, const json& j) {
  return HttpOut{status, "application/json", j.dump()};
}
HttpOut error_out(int status, const std::string& reason) {
  return json_out(status, {{"ok", false}, {"error", reason}});
}

std::string metrics_text(const Metrics& m) {
  std::string s;
  auto add = [&s](const char* name, const char* help, long v) {
    s += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name +
         (std::string(name).ends_with("_total") ? " counter\n" : " gauge\n") + name + " " +
         std::to_string(v) + "\n";
  };
  add("dondoc_events_received_total", "Chat events received.", m.events_received);
  add("dondoc_events_duplicate_total", "Redelivered events ignored.", m.events_duplicate);
  add("dondoc_events_handled_total", "Events handled by the bot.", m.events_handled);
  add("dondoc_replies_applied_total", "Status replies applied.", m.replies_applied);
  add("dondoc_replies_refused_total", "Status replies the engine refused.", m.replies_refused);
  add("dondoc_links_total", "Chats linked to bodies.", m.links);
  add("dondoc_link_attempts_failed_total", "Link codes that linked nothing.",
      m.link_attempts_failed);
  add("dondoc_link_attempts_throttled_total", "Link attempts refused over the per-chat limit.",
      m.link_attempts_throttled);
  add("dondoc_messages_sent_total", "Messages delivered.", m.messages_sent);
  add("dondoc_messages_failed_total", "Messages given up.", m.messages_failed);
  add("dondoc_send_retries_total", "Delivery attempts to retry.", m.send_retries);
  add("dondoc_queue_depth", "Messages due at the last sender pass.", m.queue_depth);
  return s;
}

struct Service {
  Service(net::io_context& io, const std::string& db, ServeConfig c, const Clock& clk)
      : config(std::move(c)),
        clock(clk),
        writer(db),
        http(io),
        ingest(io, writer, metrics, clock),
        sender(io, writer, http, config, metrics, clock),
        web(io, writer, db, clock, config) {}
  ServeConfig config;
  const Clock& clock;
  Metrics metrics;
  GroupCommit writer;
  HttpClient http;
  Ingest ingest;
  Sender sender;
  web::Web web;                                                   // the dashboard and the JSON API
  const std::vector<std::unique_ptr<Poller>>* pollers = nullptr;  // for /healthz, once started
  std::atomic<bool> stopping{false};  // a stop began: the communes' ticks not yet run are skipped
  std::unique_ptr<SchedulerRole> scheduler;  // none with --no-scheduler

  // Checks the secret, parses the envelope, acks after the commit.
  // `bot`: a commune's own bot, whose events belong to its commune (app/commune_bots.h).
  void webhook(const HttpIn& in, Respond respond, const ChatChannel& platform,
               const CommuneBotConfig* bot = nullptr) {
    const std::string& secret =
        bot ? bot->settings.webhook_secret : config.channel(platform.id()).webhook_secret;
    if (auto refused = webhook_refusal(in, platform.secret_header(), secret)) {
      return respond(std::move(*refused));
    }
    json body = json::parse(in.body, nullptr, false);
    if (body.is_discarded()) return respond(error_out(400, "malformed JSON"));
    auto ev = platform.parse_webhook(body);
    if (!ev) return respond(error_out(400, ev.error()));
    if (bot) into_commune(ev.value(), bot->commune);
    ingest.accept(std::move(ev).value(), [respond](bool ok, bool duplicate) {
      if (!ok) return respond(error_out(500, "could not store the event"));
      respond(HttpOut{
          200, "application/json",
          duplicate ? R"({"ok":true,"duplicate":true})" : R"({"ok":true,"duplicate":false})"});
    });
  }

  void handle(HttpIn in, Respond respond) {
    if (in.target == "/healthz") {
      static const std::vector<std::unique_ptr<Poller>> kNone;
      return respond(healthz(writer, sender, pollers ? *pollers : kNone, clock.now(),
                             config.writer_stuck_s,
                             scheduler ? scheduler->name() : SchedulerRole::off()));
    }
    if (in.target == "/metrics") {
      if (auto refused = metrics_refusal(in, config.metrics_token)) {
        return respond(std::move(*refused));
      }
      return respond(HttpOut{200, "text/plain; version=0.0.4", metrics_text(metrics)});
    }
    for (const ChatChannel* platform : chat_channels()) {
      if (in.target == platform->webhook_path() && in.method == "POST" &&
          config.channel(platform->id()).enabled) {
        return webhook(in, respond, *platform);
      }
    }
    if (const CommuneBotConfig* bot = commune_bot_for_path(config, in.target)) {
      if (in.method == "POST") return webhook(in, respond, chat_channel(bot->channel), bot);
    }
    if (web::Web::serves(in)) return web.handle(std::move(in), std::move(respond));
    respond(error_out(404, "not found"));
  }
};

// Every min(interval, 10) s: the holder of the scheduler lock ticks (every interval_s), a process
// without it asks for it, so a dead holder is replaced within 10 s. One background job per
// commune, so webhooks are acked between two communes' ticks rather than after the whole
// province's. A commune without rules yet has nothing to schedule.
void start_ticks(net::steady_timer& timer, Service& svc, int interval_s) {
  svc.writer.submit_background([&svc, interval_s](Database& db) {
    SchedulerRole& s = *svc.scheduler;
    bool was_holder = s.holder();
    if (!s.hold()) return;
    auto now = std::chrono::steady_clock::now();
    if (was_holder &&
        now - s.last_tick < std::chrono::seconds(interval_s) - std::chrono::milliseconds(200)) {
      return;  // not yet time; a new holder ticks at once
    }
    s.last_tick = now;
    for (const auto& c : list_communes(db)) {
      svc.writer.submit_background([key = c.key, &svc](Database& d) {
        if (svc.stopping) return;  // stopping: the next start ticks them
        CommuneScope scope(d, key);
        (void)service::tick(d, svc.clock);
      });
    }
  });
  svc.sender.wake();
  timer.expires_after(std::chrono::seconds(std::min(interval_s, 10)));
  timer.async_wait([&timer, &svc, interval_s](boost::system::error_code ec) {
    if (!ec) start_ticks(timer, svc, interval_s);
  });
}

// Where people open the dashboard, and how to sign in when no account exists yet.
void print_dashboard(const std::string& db_path, const std::string& url, std::ostream& out) {
  out << "dondoc: bảng điều khiển: " << url << (url.ends_with('/') ? "" : "/") << "\n";
  Database db(db_path, Database::Access::read_only);
  if (service::list_users(db, 0).empty()) {
    out << "dondoc: chưa có tài khoản nào; tạo tài khoản quản trị bằng: dondoc --db " << db_path
        << " user add admin --role admin\n";
  }
}

void print_summary(const std::string& db_path, std::ostream& out) {
  Database db(db_path);
  db.check_writable();  // a read-only file, directory or mount: exit 2 before listening
  auto communes = list_communes(db);
  if (communes.empty()) out << "dondoc: chưa có xã nào (" << db_path << ")\n";
  if (communes.size() > 1) {
    out << "dondoc: " << communes.size() << " xã (" << db_path << ")\n";
    return;  // one line per commune would drown the start of a province's log
  }
  for (const auto& c : communes) {
    CommuneScope scope(db, c.key);
    Plan plan = load_plan(db);
    out << "dondoc: " << c.name << ": kế hoạch có " << plan.bodies.size() << " cơ quan, đơn vị, "
        << plan.tasks.size() << " nhiệm vụ, " << plan.indicators.size() << " chỉ tiêu (" << db_path
        << ")\n";
  }
}

// SIGTERM / SIGINT: stop accepting and answer the requests in flight, let the sender finish
// (or hand back) its send, stop the pollers and the ticks, let the writer commit what it holds,
// then leave ioc.run() (exit 0). A second signal, or shutdown_timeout_s passing, exits at once
// with status 1: the database stays consistent, as after a crash. Io thread.
class Stopper {
 public:
  Stopper(net::io_context& io, Service& svc, Server& server,
          std::vector<std::unique_ptr<Poller>>& pollers, net::steady_timer& ticks)
      : io_(io),
        svc_(svc),
        server_(server),
        pollers_(pollers),
        ticks_(ticks),
        signals_(io, SIGINT, SIGTERM),
        deadline_(io) {}

  void arm() {
    signals_.async_wait([this](boost::system::error_code ec, int sig) {
      if (!ec) begin(sig);
    });
  }

 private:
  void begin(int sig) {
    started_ = std::chrono::steady_clock::now();
    std::cerr << "dondoc serve: " << (sig == SIGINT ? "SIGINT" : "SIGTERM") << ": stopping ("
              << server_.connections() << " connection(s) open, at most "
              << svc_.config.shutdown_timeout_s << " s)\n";
    signals_.async_wait([this](boost::system::error_code ec, int) {
      if (!ec) force("a second signal");
    });
    deadline_.expires_after(std::chrono::seconds(svc_.config.shutdown_timeout_s));
    deadline_.async_wait([this](boost::system::error_code ec) {
      if (!ec) force("shutdown_timeout_s passed");
    });
    ticks_.cancel();
    svc_.stopping = true;
    for (auto& p : pollers_) p->stop();
    server_.stop([this] { part_done(); });
    svc_.sender.stop([this] { part_done(); });
  }

  // Connections drained and sender idle: a no-op job on each writer lane commits after every job
  // submitted before it, so their callbacks (the last acks' bookkeeping) have run when it does.
  void part_done() {
    if (--parts_ > 0) return;
    auto left = std::make_shared<int>(2);
    auto done = [this, left](bool, const std::string&) {
      net::post(io_, [this, left] {
        if (--*left == 0) finish();
      });
    };
    svc_.writer.submit([](Database&) {}, done);
    svc_.writer.submit_background([](Database&) {}, done);
  }

  void finish() {
    deadline_.cancel();
    boost::system::error_code ec;
    signals_.cancel(ec);
    std::cerr << "dondoc serve: stopped cleanly in " << elapsed_ms() << " ms\n";
    io_.stop();
  }

  [[noreturn]] void force(const char* why) {
    std::cerr << "dondoc serve: " << why << " after " << elapsed_ms() << " ms: exiting now with "
              << server_.connections()
              << " connection(s) still open (their events, if committed, are kept; the sender's "
                 "message in flight stays pending)\n";
    std::cerr.flush();
    std::cout.flush();
    std::_Exit(1);
  }

  long elapsed_ms() const {
    return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::steady_clock::now() - started_)
                                 .count());
  }

  net::io_context& io_;
  Service& svc_;
  Server& server_;
  std::vector<std::unique_ptr<Poller>>& pollers_;
  net::steady_timer& ticks_;
  net::signal_set signals_;
  net::steady_timer deadline_;
  std::chrono::steady_clock::time_point started_;
  int parts_ = 2;  // the server's drain and the sender's stop
};

// RLIMIT_NOFILE raised to its hard limit, and the connection cap that fits under it; logged once.
int descriptor_budget(int configured) {
  FdLimits lim = raise_fd_limit();
  int cap = connection_cap(configured, lim.soft);
  std::cerr << "dondoc serve: descriptors: limit " << lim.soft;
  if (lim.soft != lim.before) std::cerr << " (raised from " << lim.before << ")";
  std::cerr << ", hard limit " << lim.hard << "; max_connections " << cap;
  if (cap != configured) std::cerr << " (configured " << configured << ")";
  std::cerr << ", " << kReservedDescriptors << " kept for the database and outbound HTTP\n";
  if (!lim.error.empty())
    std::cerr << "dondoc serve: could not raise the limit: " << lim.error << "\n";
  return cap;
}

// `--now ISO [--clock-rate R] [--clock-anchor UNIX]`: the clock serve runs on, when not the
// system's. An error message naming the option when one is malformed.
std::optional<std::string> shifted_clock(const cli::Args& args, cli::Io& io,
                                         std::optional<ShiftedClock>& out) {
  if (!args.option("now")) {
    if (args.option("clock-rate") || args.option("clock-anchor")) {
      return "serve: --clock-rate và --clock-anchor cần có --now ISO (thời điểm đồng hồ bắt đầu)";
    }
    return std::nullopt;
  }
  std::string error;
  auto start = cli::now(args, io, error);
  if (!start) return error;
  auto rate = cli::int_option(args, "clock-rate", 1, 100000, error);
  if (!error.empty()) return error;
  std::optional<long long> anchor;
  if (auto a = args.option("clock-anchor")) {
    long long unix_s = 0;
    auto [end, ec] = std::from_chars(a->data(), a->data() + a->size(), unix_s);
    if (ec != std::errc() || end != a->data() + a->size() || unix_s < 0) {
      return "--clock-anchor: cần thời điểm thật mà --now ứng với, tính bằng giây kể từ 1970 "
             "(date +%s), không phải \"" +
             *a + "\"";
    }
    anchor = unix_s;
  }
  out.emplace(*start, rate.value_or(1), anchor);
  return std::nullopt;
}

int run(const cli::Args& args, cli::Io& io) {
  ServeConfig config = default_serve_config();
  if (auto path = args.option("config")) {
    auto parsed =
        load_serve_config(*path, [](const char* n) -> const char* { return std::getenv(n); });
    if (!parsed) return cli::bad_input(io, parsed.error());
    config = std::move(parsed).value();
  }
  std::optional<ShiftedClock> shifted;
  if (auto error = shifted_clock(args, io, shifted)) return cli::bad_input(io, *error);
  std::string db = cli::db_path(args);
  if (auto warning = exposure_warning(config)) io.err << "dondoc: " << *warning << "\n";
  print_summary(db, io.out);
  {
    Database d(db);
    auto bots =
        load_commune_bots(d, config, [](const char* n) -> const char* { return std::getenv(n); });
    if (!bots) return cli::bad_input(io, "serve: " + bots.error());
    for (const auto& b : config.commune_bots)
      io.out << "dondoc: xã " << b.commune_id << ": bot " << bot::to_string(b.channel) << " riêng ("
             << b.settings.mode << ")\n";
  }
  if (!has_chat_channel(config)) io.out << "dondoc: " << bot::vi::no_chat_channel() << "\n";

  int max_connections = descriptor_budget(config.max_connections);
  net::io_context ioc(1);
  const Clock& clock = shifted ? static_cast<const Clock&>(*shifted) : io.clock;
  Service svc(ioc, db, config, clock);
  Server server(
      ioc, config.host, config.port,
      [&svc](HttpIn in, Respond r) { svc.handle(std::move(in), std::move(r)); },
      config.http_timeout_s, max_connections);
  std::string error;
  if (!server.start(error)) return cli::bad_input(io, error);
  io.out << "dondoc: đang phục vụ tại http://" << config.host << ":" << server.port() << "\n";
  svc.ingest.chat_options.public_url =
      config.public_url.empty() ? "http://" + config.host + ":" + std::to_string(server.port())
                                : config.public_url;
  print_dashboard(db, svc.ingest.chat_options.public_url, io.out);
  io.out.flush();

  svc.ingest.on_reply_queued = [&svc] { svc.sender.wake(); };
  svc.ingest.handle_pending();
  svc.sender.start();
  std::vector<std::unique_ptr<Poller>> pollers;
  svc.pollers = &pollers;
  for (const ChatChannel* platform : chat_channels()) {
    if (!platform->polls(config.channel(platform->id()))) continue;
    pollers.push_back(std::make_unique<Poller>(ioc, svc.http, svc.ingest, config, *platform));
    pollers.back()->start();
  }
  for (const auto& b : config.commune_bots) {
    const ChatChannel& platform = chat_channel(b.channel);
    if (!platform.polls(b.settings)) continue;
    pollers.push_back(std::make_unique<Poller>(ioc, svc.http, svc.ingest, config, platform,
                                               b.commune, platform.name() + "@" + b.commune_id));
    pollers.back()->start();
  }
  net::steady_timer tick_timer(ioc);
  if (!args.flag("no-scheduler")) {
    svc.scheduler = std::make_unique<SchedulerRole>(db);
    start_ticks(tick_timer, svc, config.tick_interval_s);
  }

  Stopper stopper(ioc, svc, server, pollers, tick_timer);
  stopper.arm();
  ioc.run();
  svc.writer.close();  // jobs submitted after the stop's barrier (a poll's late answer)
  io.out << "dondoc: đã dừng.\n";
  return cli::kExitOk;
}

const cli::Registration kReg{
    "serve",
    "serve [--config FILE] [--no-scheduler] [--now ISO [--clock-rate R] [--clock-anchor UNIX]]",
    &run};

}  // namespace
}  // namespace dondoc::app
