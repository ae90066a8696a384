// Telegram Bot API: sendMessage with an inline keyboard (4096 UTF-16 units), answerCallbackQuery
// before the answer to a button, getUpdates with an offset, webhooks with
// X-Telegram-Bot-Api-Secret-Token, setWebhook/deleteWebhook.
#include <iostream>

#include "app/channels/channel.h"
#include "bot/templates_vi.h"

namespace dondoc::app {
namespace {

using nlohmann::json;

const json kAllowedUpdates = json::array({"message", "callback_query"});

class Telegram final : public ChatChannel {
 public:
  bot::Channel id() const override { return bot::Channel::telegram; }
  ConfigSpec config_spec() const override {
    ConfigSpec s;
    s.default_api_base = "https://api.telegram.org";
    s.token_env = "DONDOC_TELEGRAM_TOKEN";
    s.secret_env = "DONDOC_TELEGRAM_WEBHOOK_SECRET";
    s.has_mode = true;
    s.secret_token_chars = true;  // setWebhook: secret_token, 1-256 of A-Z a-z 0-9 _ -
    return s;
  }

  std::size_t max_units() const override { return bot::kTelegramMaxChars; }
  bool has_buttons() const override { return true; }
  HttpRequest send_request(const ChannelConfig& c, const OutgoingPart& p) const override {
    return bot_api_request(c, "sendMessage",
                           bot::telegram_send_message(p.chat_id, p.text, p.buttons));
  }
  std::optional<HttpRequest> button_answer(const ChannelConfig& c,
                                           const std::string& callback_id) const override {
    return bot_api_request(c, "answerCallbackQuery",
                           bot::telegram_answer_callback(callback_id, bot::vi::button_received()));
  }

  std::string secret_header() const override { return "x-telegram-bot-api-secret-token"; }
  Result<bot::InboundEvent> parse_webhook(const json& body) const override {
    return bot::parse_telegram_update(body);
  }
  bool polls(const ChannelConfig& c) const override { return c.enabled && c.mode == "polling"; }
  HttpRequest poll_request(const ChannelConfig& c, int timeout_s, long long offset) const override {
    return bot_api_request(
        c, "getUpdates",
        {{"timeout", timeout_s}, {"offset", offset}, {"allowed_updates", kAllowedUpdates}});
  }
  // The offset moves past every update read, handled or not.
  std::vector<bot::InboundEvent> read_updates(const json& results,
                                              long long& offset) const override {
    std::vector<bot::InboundEvent> out;
    for (const auto& u : results) {
      if (auto e = bot::parse_telegram_update(u)) {
        out.push_back(std::move(e).value());
      } else {  // skipped whole (an over-long id is never cut), and said why
        std::cerr << "dondoc serve: telegram getUpdates: update skipped: " << e.error() << "\n";
      }
      if (u.contains("update_id") && u["update_id"].is_number_integer()) {
        offset = std::max(offset, u["update_id"].get<long long>() + 1);
      }
    }
    return out;
  }

  std::optional<HttpRequest> webhook_request(const ChannelConfig& c,
                                             const std::string& url) const override {
    if (url.empty()) return bot_api_request(c, "deleteWebhook", json::object());
    return bot_api_request(
        c, "setWebhook",
        {{"url", url}, {"secret_token", c.webhook_secret}, {"allowed_updates", kAllowedUpdates}});
  }
};

}  // namespace

const ChatChannel& telegram_channel() {
  static const Telegram t;
  return t;
}

}  // namespace dondoc::app
