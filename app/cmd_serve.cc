// `dondoc serve [--config FILE] [--no-scheduler]`: prints the plan summary, then runs the HTTP
// server (webhooks, /healthz, /metrics), the polling loops, the sender and the tick timer on one
// io_context thread, with every SQLite write going through the group-commit writer.
#include <utility>  // before Boost under C++20

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/channels/channel.h"
#include "app/cli.h"
#include "app/config.h"
#include "app/health.h"
#include "app/http_client.h"
#include "app/ingest.h"
#include "app/pollers.h"
#include "app/request_guard.h"
#include "app/sender.h"
#include "app/server.h"
#include "app/system_clock.h"
#include "bot/templates_vi.h"
#include "service/tick.h"
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
  add("dondoc_links_total", "Chats linked to bodies.", m.links);
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
        sender(io, writer, http, config, metrics, clock) {}
  ServeConfig config;
  const Clock& clock;
  Metrics metrics;
  GroupCommit writer;
  HttpClient http;
  Ingest ingest;
  Sender sender;
  const std::vector<std::unique_ptr<Poller>>* pollers = nullptr;  // for /healthz, once started

  // Checks the secret, parses the envelope, acks after the commit.
  void webhook(const HttpIn& in, Respond respond, const ChatChannel& platform) {
    const std::string& secret = config.channel(platform.id()).webhook_secret;
    if (auto refused = webhook_refusal(in, platform.secret_header(), secret)) {
      return respond(std::move(*refused));
    }
    json body = json::parse(in.body, nullptr, false);
    if (body.is_discarded()) return respond(error_out(400, "malformed JSON"));
    auto ev = platform.parse_webhook(body);
    if (!ev) return respond(error_out(400, ev.error()));
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
      return respond(
          healthz(writer, sender, pollers ? *pollers : kNone, clock.now(), config.writer_stuck_s));
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
    respond(error_out(404, "not found"));
  }
};

void start_ticks(net::steady_timer& timer, Service& svc, int interval_s) {
  svc.writer.submit_background([&clock = svc.clock](Database& db) {
    (void)service::tick(db, clock);  // an error: no rules loaded yet, nothing to schedule
  });
  svc.sender.wake();
  timer.expires_after(std::chrono::seconds(interval_s));
  timer.async_wait([&timer, &svc, interval_s](boost::system::error_code ec) {
    if (!ec) start_ticks(timer, svc, interval_s);
  });
}

void print_summary(const std::string& db_path, std::ostream& out) {
  Database db(db_path);
  db.check_writable();  // a read-only file, directory or mount: exit 2 before listening
  Plan plan = load_plan(db);
  out << "dondoc: kế hoạch có " << plan.bodies.size() << " cơ quan, đơn vị, " << plan.tasks.size()
      << " nhiệm vụ, " << plan.indicators.size() << " chỉ tiêu (" << db_path << ")\n";
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
  if (args.option("now")) {
    std::string error;
    auto start = cli::now(args, io, error);
    if (!start) return cli::bad_input(io, error);
    shifted.emplace(*start);
  }
  std::string db = cli::db_path(args);
  if (auto warning = exposure_warning(config)) io.err << "dondoc: " << *warning << "\n";
  print_summary(db, io.out);
  if (!has_chat_channel(config)) io.out << "dondoc: " << bot::vi::no_chat_channel() << "\n";

  net::io_context ioc(1);
  const Clock& clock = shifted ? static_cast<const Clock&>(*shifted) : io.clock;
  Service svc(ioc, db, config, clock);
  Server server(
      ioc, config.host, config.port,
      [&svc](HttpIn in, Respond r) { svc.handle(std::move(in), std::move(r)); },
      config.http_timeout_s);
  std::string error;
  if (!server.start(error)) return cli::bad_input(io, error);
  io.out << "dondoc: đang phục vụ tại http://" << config.host << ":" << server.port() << "\n";
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
  net::steady_timer tick_timer(ioc);
  if (!args.flag("no-scheduler")) start_ticks(tick_timer, svc, config.tick_interval_s);

  net::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&ioc](boost::system::error_code, int) { ioc.stop(); });
  ioc.run();
  io.out << "dondoc: đã dừng.\n";
  return cli::kExitOk;
}

const cli::Registration kReg{"serve", "serve [--config FILE] [--no-scheduler] [--now ISO]", &run};

}  // namespace
}  // namespace dondoc::app
