// `dondoc webhook set|delete --config FILE [--channel telegram|zalo] [--url URL]`: asks the
// platform to push updates to URL (setWebhook with the channel's webhook_secret as secret_token)
// or to stop (deleteWebhook, back to polling). Reads the same configuration as `serve`.
#include <utility>  // before Boost under C++20

#include <boost/asio/io_context.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "app/config.h"
#include "app/http_client.h"

namespace dondoc::app {
namespace {

using nlohmann::json;

struct Target {
  std::string name;
  ChannelConfig channel;
};

// The channel to act on: --channel, else the only chat channel the file configures.
std::optional<Target> pick_channel(const cli::Args& args, const ServeConfig& c,
                                   std::string& error) {
  auto wanted = args.option("channel");
  if (wanted && *wanted != "telegram" && *wanted != "zalo") {
    error = "--channel: cần telegram hoặc zalo, không phải \"" + *wanted + "\"";
    return std::nullopt;
  }
  std::string name = wanted ? *wanted : "";
  if (name.empty()) {
    if (c.telegram.enabled == c.zalo.enabled) {
      error = "cần --channel telegram|zalo (tệp cấu hình có " +
              std::string(c.telegram.enabled ? "cả hai kênh" : "không kênh nào") + ")";
      return std::nullopt;
    }
    name = c.telegram.enabled ? "telegram" : "zalo";
  }
  const ChannelConfig& ch = name == "telegram" ? c.telegram : c.zalo;
  if (!ch.enabled || ch.token.empty()) {
    error = "kênh " + name + " chưa được cấu hình (thiếu \"" + name + "\".token)";
    return std::nullopt;
  }
  return Target{name, ch};
}

// Calls one API method and waits for its answer.
HttpResponse call(const Target& t, const std::string& method, const json& body, int timeout_ms) {
  boost::asio::io_context io;
  HttpClient http(io);
  HttpRequest r;
  r.url = t.channel.api_base + "/bot" + t.channel.token + "/" + method;
  r.body = body.dump();
  r.timeout_ms = timeout_ms;
  HttpResponse out;
  http.request(std::move(r), [&out](HttpResponse res) { out = std::move(res); });
  io.run();
  return out;
}

int run_webhook(const cli::Args& args, cli::Io& io, bool set) {
  auto path = args.option("config");
  if (!path) return cli::bad_input(io, "webhook: cần --config <tệp cấu hình>");
  std::string error;
  auto text = cli::read_file(*path, 1 << 20, error);
  if (!text) return cli::bad_input(io, error);
  auto config =
      parse_serve_config(*text, [](const char* n) -> const char* { return std::getenv(n); });
  if (!config) return cli::bad_input(io, *path + ": " + config.error());
  auto target = pick_channel(args, *config, error);
  if (!target) return cli::bad_input(io, "webhook: " + error);
  json body = json::object();
  std::string url = args.option("url").value_or("");
  if (set) {
    Url parsed;
    if (!parse_url(url, parsed)) return cli::bad_input(io, "webhook: --url cần http(s)://...");
    if (target->channel.webhook_secret.size() < 8) {
      return cli::bad_input(io, "webhook: \"" + target->name +
                                    "\".webhook_secret cần ít nhất 8 ký tự (hoặc biến môi trường)");
    }
    body = {{"url", url}, {"secret_token", target->channel.webhook_secret}};
    if (target->name == "telegram") body["allowed_updates"] = {"message", "callback_query"};
  }
  auto res = call(*target, set ? "setWebhook" : "deleteWebhook", body, config->sender.timeout_ms);
  json answer = json::parse(res.body, nullptr, false);
  bool ok = res.ok() && answer.is_object() && answer.value("ok", false);
  if (!ok) {
    std::string why = !res.error.empty() ? res.error : "HTTP " + std::to_string(res.status);
    if (answer.is_object() && answer.contains("description") && answer["description"].is_string())
      why += ": " + answer["description"].get<std::string>();
    io.err << "dondoc: webhook: " << target->name << " từ chối: " << why << "\n";
    return cli::kExitInternal;
  }
  if (args.json()) {
    io.out << json{{"ok", true}, {"channel", target->name}, {"url", set ? url : ""}}.dump() << "\n";
  } else if (set) {
    io.out << "Đã đặt webhook " << target->name << ": " << url << "\n";
  } else {
    io.out << "Đã xoá webhook " << target->name << " (bot quay lại nhận tin bằng getUpdates).\n";
  }
  return cli::kExitOk;
}

int run_set(const cli::Args& args, cli::Io& io) { return run_webhook(args, io, true); }
int run_delete(const cli::Args& args, cli::Io& io) { return run_webhook(args, io, false); }

const cli::Registration kSet{
    "webhook set", "webhook set --config FILE [--channel telegram|zalo] --url URL [--json]",
    &run_set};
const cli::Registration kDelete{"webhook delete",
                                "webhook delete --config FILE [--channel telegram|zalo] [--json]",
                                &run_delete};

}  // namespace
}  // namespace dondoc::app
