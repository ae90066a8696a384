#include "app/config.h"

#include <nlohmann/json.hpp>

namespace dondoc::app {
namespace {

using nlohmann::json;

// Reads an optional string field; false (and error) when it is present but not a string.
bool read_string(const json& obj, const char* key, std::string& out, const std::string& where,
                 std::string& error) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return true;
  if (!it->is_string()) {
    error = where + "." + key + ": phải là chuỗi (must be a string)";
    return false;
  }
  out = it->get<std::string>();
  return true;
}

bool read_int(const json& obj, const char* key, int& out, int lo, int hi, const std::string& where,
              std::string& error) {
  auto it = obj.find(key);
  if (it == obj.end()) return true;
  if (!it->is_number_integer() || it->get<long long>() < lo || it->get<long long>() > hi) {
    error = where + "." + key + ": phải là số nguyên từ " + std::to_string(lo) + " đến " +
            std::to_string(hi);
    return false;
  }
  out = it->get<int>();
  return true;
}

std::string env_or(const std::string& value, const char* name, const char* (*getenv)(const char*)) {
  if (!value.empty() || getenv == nullptr) return value;
  const char* v = getenv(name);
  return v != nullptr ? std::string(v) : std::string();
}

bool read_channel(const json& root, const char* name, const char* default_base, ChannelConfig& out,
                  std::string& error) {
  auto it = root.find(name);
  if (it == root.end() || it->is_null()) return true;
  if (!it->is_object()) {
    error = std::string(name) + ": phải là đối tượng JSON (must be an object)";
    return false;
  }
  out.enabled = true;
  out.api_base = default_base;
  std::string where = name;
  if (!read_string(*it, "token", out.token, where, error) ||
      !read_string(*it, "api_base", out.api_base, where, error) ||
      !read_string(*it, "mode", out.mode, where, error) ||
      !read_string(*it, "webhook_secret", out.webhook_secret, where, error)) {
    return false;
  }
  if (out.mode != "polling" && out.mode != "webhook") {
    error = where + ".mode: \"polling\" hoặc \"webhook\", không phải \"" + out.mode + "\"";
    return false;
  }
  while (!out.api_base.empty() && out.api_base.back() == '/') out.api_base.pop_back();
  return true;
}

bool read_listen(const json& root, ServeConfig& c, std::string& error) {
  std::string listen;
  if (!read_string(root, "listen", listen, "config", error)) return false;
  if (listen.empty()) return true;
  auto colon = listen.rfind(':');
  char* end = nullptr;
  long port = colon == std::string::npos ? -1 : std::strtol(listen.c_str() + colon + 1, &end, 10);
  if (colon == std::string::npos || colon == 0 || port < 0 || port > 65535 || *end != '\0') {
    error = "listen: cần dạng \"host:port\", ví dụ \"127.0.0.1:8080\" (got \"" + listen + "\")";
    return false;
  }
  c.host = listen.substr(0, colon);
  c.port = static_cast<int>(port);
  return true;
}

bool read_sender(const json& root, SenderConfig& s, std::string& error) {
  auto it = root.find("sender");
  if (it == root.end()) return true;
  if (!it->is_object()) {
    error = "sender: phải là đối tượng JSON (must be an object)";
    return false;
  }
  return read_int(*it, "per_chat_interval_ms", s.per_chat_interval_ms, 0, 3600000, "sender",
                  error) &&
         read_int(*it, "group_per_minute", s.group_per_minute, 1, 100000, "sender", error) &&
         read_int(*it, "global_per_second", s.global_per_second, 1, 100000, "sender", error) &&
         read_int(*it, "max_attempts", s.max_attempts, 1, 100, "sender", error) &&
         read_int(*it, "timeout_ms", s.timeout_ms, 100, 600000, "sender", error) &&
         read_int(*it, "backoff_base_ms", s.backoff_base_ms, 1, 3600000, "sender", error) &&
         read_int(*it, "backoff_max_ms", s.backoff_max_ms, 1, 86400000, "sender", error);
}

}  // namespace

ServeConfig default_serve_config() { return ServeConfig{}; }

bool has_chat_channel(const ServeConfig& c) {
  return c.telegram.enabled || c.zalo.enabled || c.generic.enabled;
}

Result<ServeConfig> parse_serve_config(const std::string& json_text,
                                       const char* (*getenv)(const char*)) {
  json root = json::parse(json_text, nullptr, false, /*ignore_comments=*/true);
  if (root.is_discarded() || !root.is_object()) {
    return Result<ServeConfig>::fail("cấu hình không phải JSON hợp lệ (invalid JSON object)");
  }
  ServeConfig c;
  std::string error;
  if (!read_listen(root, c, error) ||
      !read_channel(root, "telegram", kTelegramApiBase, c.telegram, error) ||
      !read_channel(root, "zalo", kZaloApiBase, c.zalo, error) ||
      !read_sender(root, c.sender, error) ||
      !read_int(root, "poll_timeout_s", c.poll_timeout_s, 0, 50, "config", error) ||
      !read_int(root, "tick_interval_s", c.tick_interval_s, 1, 86400, "config", error) ||
      !read_int(root, "http_timeout_s", c.http_timeout_s, 1, 300, "config", error)) {
    return Result<ServeConfig>::fail(error);
  }
  if (auto g = root.find("generic"); g != root.end() && !g->is_null()) {
    if (!g->is_object()) return Result<ServeConfig>::fail("generic: phải là đối tượng JSON");
    c.generic.enabled = true;
    if (!read_string(*g, "secret", c.generic.secret, "generic", error) ||
        !read_string(*g, "outbound_url", c.generic.outbound_url, "generic", error)) {
      return Result<ServeConfig>::fail(error);
    }
  }
  c.telegram.token = env_or(c.telegram.token, "DONDOC_TELEGRAM_TOKEN", getenv);
  c.telegram.webhook_secret =
      env_or(c.telegram.webhook_secret, "DONDOC_TELEGRAM_WEBHOOK_SECRET", getenv);
  c.zalo.token = env_or(c.zalo.token, "DONDOC_ZALO_TOKEN", getenv);
  c.zalo.webhook_secret = env_or(c.zalo.webhook_secret, "DONDOC_ZALO_WEBHOOK_SECRET", getenv);
  c.generic.secret = env_or(c.generic.secret, "DONDOC_GENERIC_SECRET", getenv);
  for (auto [ch, name] : {std::pair{&c.telegram, "telegram"}, std::pair{&c.zalo, "zalo"}}) {
    if (ch->enabled && ch->token.empty()) {
      return Result<ServeConfig>::fail(std::string(name) +
                                       ".token: thiếu token (hoặc biến môi "
                                       "trường DONDOC_" +
                                       (ch == &c.telegram ? "TELEGRAM" : "ZALO") + "_TOKEN)");
    }
    if (ch->enabled && ch->mode == "webhook" && ch->webhook_secret.size() < 8) {
      return Result<ServeConfig>::fail(std::string(name) +
                                       ".webhook_secret: cần ít nhất 8 ký tự ở chế độ webhook");
    }
  }
  if (c.generic.enabled && c.generic.secret.empty()) {
    return Result<ServeConfig>::fail("generic.secret: thiếu (hoặc DONDOC_GENERIC_SECRET)");
  }
  return c;
}

}  // namespace dondoc::app
