#include "app/commune_bots.h"

#include <fstream>
#include <sstream>

#include "app/channels/channel.h"
#include "service/commune_bots.h"

namespace dondoc::app {
namespace {

// The secret named by an env variable or a file (trailing newlines dropped); an error naming
// only the source.
Result<std::string> read_secret(const std::string& env, const std::string& file, Getenv getenv,
                                const std::string& what) {
  if (!env.empty()) {
    const char* v = getenv ? getenv(env.c_str()) : nullptr;
    if (v == nullptr || *v == '\0') {
      return Result<std::string>::fail(what + ": biến môi trường " + env + " chưa đặt");
    }
    return std::string(v);
  }
  if (file.empty()) return std::string();
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  if (!in || !(text << in.rdbuf())) {
    return Result<std::string>::fail(what + ": không đọc được tệp " + file);
  }
  std::string s = text.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

Result<CommuneBotConfig> resolve(const service::CommuneBot& b, const ServeConfig& config,
                                 Getenv getenv) {
  using R = Result<CommuneBotConfig>;
  const ChatChannel* platform = find_chat_channel(b.channel);
  std::string what = "xã " + b.commune_id + ", bot " + b.channel;
  if (platform == nullptr) return R::fail(what + ": nền tảng không có");
  auto token = read_secret(b.token_env, b.token_file, getenv, what + " token");
  if (!token) return R::fail(token.error());
  auto secret = read_secret(b.secret_env, b.secret_file, getenv, what + " secret");
  if (!secret) return R::fail(secret.error());
  CommuneBotConfig out{b.commune, b.commune_id, platform->id(), {}};
  ChannelConfig& c = out.settings;
  c.enabled = true;
  c.token = *token;
  c.webhook_secret = *secret;
  c.mode = b.mode;
  const ChannelConfig& province = config.channel(platform->id());
  c.api_base = !b.api_base.empty()          ? b.api_base
               : !province.api_base.empty() ? province.api_base
                                            : platform->config_spec().default_api_base;
  while (!c.api_base.empty() && c.api_base.back() == '/') c.api_base.pop_back();
  if (c.token.empty()) return R::fail(what + ": token rỗng");
  if (!c.webhook_secret.empty()) {
    if (auto why = secret_problem(c.webhook_secret, platform->config_spec().secret_token_chars)) {
      return R::fail(what + " secret: " + *why);
    }
  }
  return out;
}

}  // namespace

Result<bool> load_commune_bots(Database& db, ServeConfig& config, Getenv getenv) {
  config.commune_bots.clear();
  for (const auto& b : service::commune_bots(db)) {
    auto r = resolve(b, config, getenv);
    if (!r) return Result<bool>::fail(r.error());
    config.commune_bots.push_back(std::move(r).value());
  }
  return true;
}

const CommuneBotConfig* commune_bot_for_path(const ServeConfig& config, const std::string& target) {
  for (const auto& b : config.commune_bots) {
    if (b.settings.mode != "webhook") continue;
    if (target == chat_channel(b.channel).webhook_path() + "/" + b.commune_id) return &b;
  }
  return nullptr;
}

void into_commune(bot::InboundEvent& event, std::int64_t commune) {
  event.chat_id = service::commune_chat_id(commune, event.chat_id);
  event.event_key = service::commune_chat_id(commune, event.event_key);
}

}  // namespace dondoc::app
