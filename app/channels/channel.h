// One chat platform as the server sees it: its keys in the serve config, how a message goes out
// (URL, payload, length limit, inline buttons or a reply hint instead), how events come in
// (webhook route, secret header, envelope; polling with or without an offset) and how a webhook is
// registered. One file per platform under app/channels/, each listed by one line in registry.cc;
// the sender, the pollers, `serve` and `webhook` know platforms only through this interface and
// bot::Channel. Implementations are stateless constants: any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/config.h"
#include "app/http_client.h"
#include "bot/payloads.h"
#include "rules/result.h"

namespace dondoc::app {

// The platform's object in the serve config, named after it ("telegram": {...}). Every platform
// may have "token" and "api_base"; the rest as said here.
struct ConfigSpec {
  const char* default_api_base = "";          // "" for a platform dondoc does not call on its own
  const char* secret_key = "webhook_secret";  // the key of the secret checked on the webhook
  const char* token_env = "";                 // the token's environment variable, "" for none
  const char* secret_env = "";                // the secret's environment variable
  bool has_mode = false;                      // "mode": "polling" | "webhook"
  bool has_outbound_url = false;              // "outbound_url": where messages are POSTed
  bool secret_always = false;       // the secret is required in any mode (else only for webhooks)
  bool secret_token_chars = false;  // the platform allows only A-Z a-z 0-9 _ - in it (Telegram)
};

// One part of one message for one chat, as the sender hands it to the platform.
struct OutgoingPart {
  std::string chat_id;
  std::string text;
  std::vector<bot::Button> buttons;  // only on a platform with buttons
  std::string message_id;            // ours, "outbox:<id>.<part>", for a platform that takes one
};

class ChatChannel {
 public:
  virtual ~ChatChannel() = default;
  virtual bot::Channel id() const = 0;
  std::string name() const { return std::string(bot::to_string(id())); }
  virtual ConfigSpec config_spec() const = 0;

  // Sending. The length limit is in UTF-16 units (bot::split_text). Every nudge ends with the
  // engine's numbered reply hint; a platform with buttons gets them on the nudge's last part too.
  virtual std::size_t max_units() const = 0;
  virtual bool has_buttons() const = 0;
  virtual bool can_send(const ChannelConfig& c) const { return c.enabled; }
  virtual HttpRequest send_request(const ChannelConfig& c, const OutgoingPart& p) const = 0;
  // Said first for a message answering a button press (Telegram's answerCallbackQuery).
  virtual std::optional<HttpRequest> button_answer(const ChannelConfig&, const std::string&) const {
    return std::nullopt;
  }
  // The platform's answer to send_request: delivered (with the platform's message id) or not.
  virtual bot::SendAnswer read_answer(const HttpResponse& r, const OutgoingPart& p) const;

  // Receiving: POST webhook_path() with the secret in secret_header() (lower case).
  std::string webhook_path() const { return "/webhook/" + name(); }
  virtual std::string secret_header() const = 0;
  virtual Result<bot::InboundEvent> parse_webhook(const nlohmann::json& body) const = 0;
  // Polling (getUpdates): whether this configuration polls, the request, and the events of an
  // answer's result array; `offset` is the platform's cursor, advanced past what was read.
  virtual bool polls(const ChannelConfig&) const { return false; }
  virtual HttpRequest poll_request(const ChannelConfig& c, int timeout_s, long long offset) const;
  virtual std::vector<bot::InboundEvent> read_updates(const nlohmann::json& results,
                                                      long long& offset) const;

  // `dondoc webhook set|delete`: the request registering url (deleting when url is empty);
  // nullopt when the platform has no such call.
  virtual std::optional<HttpRequest> webhook_request(const ChannelConfig&,
                                                     const std::string& /*url*/) const {
    return std::nullopt;
  }
};

// The platforms, in registry order (registry.cc).
const std::vector<const ChatChannel*>& chat_channels();
const ChatChannel& chat_channel(bot::Channel c);
// nullptr for a name no platform has.
const ChatChannel* find_chat_channel(std::string_view name);

// For Bot-API-style platforms: api_base + "/bot" + token + "/" + method, POSTing body as JSON.
HttpRequest bot_api_request(const ChannelConfig& c, std::string_view method,
                            const nlohmann::json& body);

// Each platform's file defines one of these; registry.cc lists them.
const ChatChannel& telegram_channel();
const ChatChannel& zalo_channel();
const ChatChannel& generic_channel();

}  // namespace dondoc::app
