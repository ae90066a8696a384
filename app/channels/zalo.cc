// Zalo Bot Platform (the Bot API shape): sendMessage of plain text (2000 characters, no buttons:
// nudges end with a numbered reply hint), getUpdates without an offset (each event is handed out
// once), webhooks with X-Bot-Api-Secret-Token, setWebhook/deleteWebhook.
#include <iostream>

#include "app/channels/channel.h"
#include "bot/templates_vi.h"

namespace dondoc::app {
namespace {

using nlohmann::json;

class Zalo final : public ChatChannel {
 public:
  bot::Channel id() const override { return bot::Channel::zalo; }
  ConfigSpec config_spec() const override {
    ConfigSpec s;
    s.default_api_base = "https://bot-api.zaloplatforms.com";
    s.token_env = "DONDOC_ZALO_TOKEN";
    s.secret_env = "DONDOC_ZALO_WEBHOOK_SECRET";
    s.has_mode = true;
    return s;
  }

  std::size_t max_units() const override { return bot::kZaloMaxChars; }
  bool has_buttons() const override { return false; }
  HttpRequest send_request(const ChannelConfig& c, const OutgoingPart& p) const override {
    return bot_api_request(c, "sendMessage", bot::zalo_send_message(p.chat_id, p.text));
  }

  std::string secret_header() const override { return "x-bot-api-secret-token"; }
  Result<bot::InboundEvent> parse_webhook(const json& body) const override {
    return bot::parse_zalo_event(body);
  }
  bool polls(const ChannelConfig& c) const override { return c.enabled && c.mode == "polling"; }
  HttpRequest poll_request(const ChannelConfig& c, int timeout_s, long long) const override {
    return bot_api_request(c, "getUpdates", {{"timeout", timeout_s}});
  }
  std::vector<bot::InboundEvent> read_updates(const json& results, long long&) const override {
    std::vector<bot::InboundEvent> out;
    for (const auto& u : results) {
      if (auto e = bot::parse_zalo_event(u)) {
        out.push_back(std::move(e).value());
      } else {  // skipped whole (an over-long id is never cut), and said why
        std::cerr << "dondoc serve: zalo getUpdates: event skipped: " << e.error() << "\n";
      }
    }
    return out;
  }

  std::optional<HttpRequest> webhook_request(const ChannelConfig& c,
                                             const std::string& url) const override {
    if (url.empty()) return bot_api_request(c, "deleteWebhook", json::object());
    return bot_api_request(c, "setWebhook", {{"url", url}, {"secret_token", c.webhook_secret}});
  }
};

}  // namespace

const ChatChannel& zalo_channel() {
  static const Zalo z;
  return z;
}

}  // namespace dondoc::app
