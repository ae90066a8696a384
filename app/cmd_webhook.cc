// `dondoc webhook set|delete --config FILE [--channel telegram|zalo] [--url URL]`: asks the
// platform to push updates to URL (setWebhook with the channel's webhook_secret as secret_token)
// or to stop (deleteWebhook, back to polling). Reads the same configuration as `serve`.
#include <utility>  // before Boost under C++20

#include <boost/asio/io_context.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/channels/channel.h"
#include "app/cli.h"
#include "app/config.h"
#include "app/http_client.h"

namespace dondoc::app {
namespace {

using nlohmann::json;

struct Target {
  const ChatChannel* platform;
  ChannelConfig settings;
};

// The platforms with a webhook to register: "telegram|zalo" (sep "|") or "telegram hoặc zalo".
std::string registering(const std::string& sep) {
  std::string out;
  for (const ChatChannel* p : chat_channels()) {
    if (!p->webhook_request({}, "")) continue;
    out += (out.empty() ? "" : sep) + p->name();
  }
  return out;
}

// The platform --channel names, else the only configured one with a webhook to register.
const ChatChannel* pick_platform(const cli::Args& args, const ServeConfig& c, std::string& error) {
  if (auto wanted = args.option("channel")) {
    const ChatChannel* p = find_chat_channel(*wanted);
    if (!p || !p->webhook_request({}, "")) {
      error = "--channel: cần " + registering(" hoặc ") + ", không phải \"" + *wanted + "\"";
      return nullptr;
    }
    return p;
  }
  std::vector<const ChatChannel*> configured;
  for (const ChatChannel* p : chat_channels()) {
    if (p->webhook_request({}, "") && c.channel(p->id()).enabled) configured.push_back(p);
  }
  if (configured.size() != 1) {
    error = "cần --channel " + registering("|") + " (tệp cấu hình có " +
            (configured.empty()       ? "không kênh nào"
             : configured.size() == 2 ? "cả hai kênh"
                                      : "nhiều kênh") +
            ")";
    return nullptr;
  }
  return configured.front();
}

std::optional<Target> pick_channel(const cli::Args& args, const ServeConfig& c,
                                   std::string& error) {
  const ChatChannel* p = pick_platform(args, c, error);
  if (!p) return std::nullopt;
  const ChannelConfig& settings = c.channel(p->id());
  if (!settings.enabled || settings.token.empty()) {
    error = "kênh " + p->name() + " chưa được cấu hình (thiếu \"" + p->name() + "\".token)";
    return std::nullopt;
  }
  return Target{p, settings};
}

// Sends one request and waits for its answer.
HttpResponse call(HttpRequest r, int timeout_ms) {
  boost::asio::io_context io;
  HttpClient http(io);
  r.timeout_ms = timeout_ms;
  HttpResponse out;
  http.request(std::move(r), [&out](HttpResponse res) { out = std::move(res); });
  io.run();
  return out;
}

// The platform's refusal, for the error line.
std::string refusal(const HttpResponse& res, const json& answer) {
  std::string why = !res.error.empty() ? res.error : "HTTP " + std::to_string(res.status);
  if (answer.is_object() && answer.contains("description") && answer["description"].is_string())
    why += ": " + answer["description"].get<std::string>();
  return why;
}

int run_webhook(const cli::Args& args, cli::Io& io, bool set) {
  auto path = args.option("config");
  if (!path) return cli::bad_input(io, "webhook: cần --config <tệp cấu hình>");
  auto config =
      load_serve_config(*path, [](const char* n) -> const char* { return std::getenv(n); });
  if (!config) return cli::bad_input(io, config.error());
  std::string error;
  auto target = pick_channel(args, *config, error);
  if (!target) return cli::bad_input(io, "webhook: " + error);
  std::string name = target->platform->name();
  std::string url = args.option("url").value_or("");
  if (set) {
    Url parsed;
    if (!parse_url(url, parsed)) return cli::bad_input(io, "webhook: --url cần http(s)://...");
    if (target->settings.webhook_secret.size() < kMinSecretLength) {
      return cli::bad_input(io, "webhook: \"" + name + "\".webhook_secret cần ít nhất " +
                                    std::to_string(kMinSecretLength) +
                                    " ký tự (hoặc biến môi trường)");
    }
  }
  auto res = call(*target->platform->webhook_request(target->settings, set ? url : ""),
                  config->sender.timeout_ms);
  json answer = json::parse(res.body, nullptr, false);
  if (!res.ok() || !answer.is_object() || !answer.value("ok", false)) {
    io.err << "dondoc: webhook: " << name << " từ chối: " << refusal(res, answer) << "\n";
    return cli::kExitInternal;
  }
  if (args.json()) {
    io.out << json{{"ok", true}, {"channel", name}, {"url", set ? url : ""}}.dump() << "\n";
  } else if (set) {
    io.out << "Đã đặt webhook " << name << ": " << url << "\n";
  } else {
    io.out << "Đã xoá webhook " << name << " (bot quay lại nhận tin bằng getUpdates).\n";
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
