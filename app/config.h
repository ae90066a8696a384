// The `serve` configuration: where to listen, which chat platforms (each described by its file
// under app/channels/) with their tokens, modes and secrets, and the sender's pacing and retry
// limits. Read from a JSON file with comments through rules/jsonc, so every error is
// `FILE:LINE:COL: message`; tokens and secrets may come from the environment. Main thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/payloads.h"
#include "rules/result.h"

namespace dondoc::app {

// One platform's settings; the fields a platform does not use stay empty.
struct ChannelConfig {
  bool enabled = false;
  std::string token;
  std::string api_base;
  std::string mode = "polling";  // "polling" | "webhook"
  std::string webhook_secret;    // checked on the platform's webhook
  std::string outbound_url;      // generic: where messages are POSTed; empty: they stay queued
};

// A commune's own bot (service/commune_bots.h), its secrets resolved by app/commune_bots.cc.
struct CommuneBotConfig {
  std::int64_t commune = 0;  // communes.key
  std::string commune_id;
  bot::Channel channel = bot::Channel::telegram;
  ChannelConfig settings;  // enabled, with its token, mode, secret and api_base
};

struct SenderConfig {
  int per_chat_interval_ms = 1000;  // 1 message/s per chat
  int group_per_minute = 20;        // per group chat
  int global_per_second = 30;
  int max_attempts = 8;
  int timeout_ms = 15000;
  int backoff_base_ms = 1000;
  int backoff_max_ms = 300000;
  // How long (real seconds) a message the sender took stays its own before another process may
  // take it; renewed while it is being sent, so only a dead sender's claims run out.
  int claim_s = 60;
};

struct ServeConfig {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::map<bot::Channel, ChannelConfig> channels;  // those the file configures (enabled)
  SenderConfig sender;
  int poll_timeout_s = 25;   // long-poll timeout sent to getUpdates
  int tick_interval_s = 60;  // scheduler timer
  int http_timeout_s = 30;   // reading one request / writing its response, per connection
  // Descriptors and stopping (docs/config.md): client connections open at once (lowered at start
  // to fit the descriptor limit), and how long SIGTERM/SIGINT may take before serve exits anyway.
  int max_connections = 256;
  int shutdown_timeout_s = 10;

  // Health and exposure (issue 13).
  int writer_stuck_s = 30;    // /healthz answers 503 when a write has waited longer
  std::string metrics_token;  // when set, /metrics wants "Authorization: Bearer <token>"
  // The dashboard's address as people reach it (chat sign-in links; https: Secure cookies);
  // "" = http://HOST:PORT.
  std::string public_url;

  std::vector<CommuneBotConfig> commune_bots;  // from the database, not the file

  // The platform's settings, a disabled one when the file does not configure it.
  const ChannelConfig& channel(bot::Channel c) const;
  // The settings of the bot that serves `commune`'s chats on `c`: its own bot, else channel(c).
  const ChannelConfig& channel_for(bot::Channel c, std::int64_t commune) const;
};

// Every webhook secret and the metrics token: at least this long, at most kMaxSecretLength, of
// printable ASCII without spaces (Telegram's secret: only A-Z a-z 0-9 _ -).
inline constexpr std::size_t kMinSecretLength = 16;
inline constexpr std::size_t kMaxSecretLength = 256;

// Why a secret is not acceptable (never quoting it), nullopt when it is.
std::optional<std::string> secret_problem(const std::string& s, bool token_chars);

using Getenv = const char* (*)(const char*);

// Parses the text of `file` (named in errors as FILE:LINE:COL: message). `getenv` supplies each
// platform's token and secret where the file leaves them empty (DONDOC_TELEGRAM_TOKEN, ...).
Result<ServeConfig> parse_serve_config(std::string_view text, std::string_view file, Getenv getenv);
// Reads the file (at most 1 MiB) and parses it.
Result<ServeConfig> load_serve_config(const std::string& path, Getenv getenv);

// The defaults without a file: 127.0.0.1:8080, no channel.
ServeConfig default_serve_config();

bool has_chat_channel(const ServeConfig& c);

// The warning `serve` prints at start when `listen` is not a loopback address; nullopt when it is.
std::optional<std::string> exposure_warning(const ServeConfig& c);

}  // namespace dondoc::app
