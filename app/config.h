// The `serve` configuration: where to listen, which chat channels (Telegram, Zalo, generic JSON
// webhook) with their tokens, modes and secrets, and the sender's pacing and retry limits. Read
// from a JSON file (comments allowed) with tokens also from the environment. Main thread only.
#pragma once

#include <string>

#include "rules/result.h"

namespace dondoc::app {

struct ChannelConfig {
  bool enabled = false;
  std::string token;
  std::string api_base;
  std::string mode = "polling";  // "polling" | "webhook"
  std::string webhook_secret;
};

struct GenericConfig {
  bool enabled = false;
  std::string secret;
  std::string outbound_url;  // may be empty: replies are then kept in the outbox only
};

struct SenderConfig {
  int per_chat_interval_ms = 1000;  // 1 message/s per chat
  int group_per_minute = 20;        // per group chat
  int global_per_second = 30;
  int max_attempts = 8;
  int timeout_ms = 15000;
  int backoff_base_ms = 1000;
  int backoff_max_ms = 300000;
};

struct ServeConfig {
  std::string host = "127.0.0.1";
  int port = 8080;
  ChannelConfig telegram;
  ChannelConfig zalo;
  GenericConfig generic;
  SenderConfig sender;
  int poll_timeout_s = 25;   // long-poll timeout sent to getUpdates
  int tick_interval_s = 60;  // scheduler timer
  int http_timeout_s = 30;   // reading one request / writing its response, per connection
};

inline constexpr const char* kTelegramApiBase = "https://api.telegram.org";
inline constexpr const char* kZaloApiBase = "https://bot-api.zaloplatforms.com";

// Parses the JSON text; `getenv` supplies DONDOC_TELEGRAM_TOKEN, DONDOC_ZALO_TOKEN,
// DONDOC_TELEGRAM_WEBHOOK_SECRET, DONDOC_ZALO_WEBHOOK_SECRET and DONDOC_GENERIC_SECRET where the
// file leaves them empty. Errors name the field.
Result<ServeConfig> parse_serve_config(const std::string& json_text,
                                       const char* (*getenv)(const char*));

// The defaults without a file: 127.0.0.1:8080, no channel.
ServeConfig default_serve_config();

bool has_chat_channel(const ServeConfig& c);

}  // namespace dondoc::app
