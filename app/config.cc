#include "app/config.h"

#include <cctype>
#include <cstdlib>

#include "app/channels/channel.h"
#include "app/cli.h"
#include "rules/jsonc.h"

namespace dondoc::app {
namespace {

using nlohmann::json;

// Reads values of a parsed file by JSON pointer and keeps the first error with its position.
class Reader {
 public:
  Reader(const JsoncDoc& doc, std::string_view file) : doc_(doc), file_(file) {}

  const std::string& error() const { return error_; }

  // Records "FILE:LINE:COL: message" at the value of pointer (or the nearest enclosing one).
  bool fail(std::string_view pointer, const std::string& message) {
    SourcePos p = doc_.value_at(pointer);
    if (error_.empty()) {
      error_ = file_ + ":" + std::to_string(p.line) + ":" + std::to_string(p.col) + ": " + message;
    }
    return false;
  }

  // The member `key` of the object at `object`, nullptr when absent or null.
  const json* find(std::string_view object, const char* key) const {
    const json& o = doc_.value.at(json::json_pointer(std::string(object)));
    auto it = o.find(key);
    return it == o.end() || it->is_null() ? nullptr : &*it;
  }

  // An optional object member; false (and the error) when present but not an object.
  bool object(std::string_view parent, const char* key, const std::string& where, bool& present) {
    const json* v = find(parent, key);
    present = v != nullptr;
    if (v && !v->is_object()) {
      return fail(pointer_append(parent, key),
                  where + ": phải là đối tượng JSON (must be an object)");
    }
    return true;
  }

  bool string(std::string_view object, const char* key, std::string& out,
              const std::string& where) {
    const json* v = find(object, key);
    if (!v) return true;
    if (!v->is_string()) {
      return fail(pointer_append(object, key),
                  where + "." + key + ": phải là chuỗi (must be a string)");
    }
    out = v->get<std::string>();
    return true;
  }

  bool integer(std::string_view object, const char* key, int& out, int lo, int hi,
               const std::string& where) {
    const json* v = find(object, key);
    if (!v) return true;
    if (!v->is_number_integer() || v->get<long long>() < lo || v->get<long long>() > hi) {
      return fail(pointer_append(object, key), where + "." + key + ": phải là số nguyên từ " +
                                                   std::to_string(lo) + " đến " +
                                                   std::to_string(hi));
    }
    out = v->get<int>();
    return true;
  }

 private:
  const JsoncDoc& doc_;
  std::string file_;
  std::string error_;
};

std::string env_or(const std::string& value, const char* name, Getenv getenv) {
  if (!value.empty() || getenv == nullptr || *name == '\0') return value;
  const char* v = getenv(name);
  return v != nullptr ? std::string(v) : std::string();
}

bool read_listen(Reader& r, ServeConfig& c) {
  std::string listen;
  if (!r.string("", "listen", listen, "config")) return false;
  if (listen.empty()) return true;
  auto colon = listen.rfind(':');
  char* end = nullptr;
  long port = colon == std::string::npos ? -1 : std::strtol(listen.c_str() + colon + 1, &end, 10);
  if (colon == std::string::npos || colon == 0 || port < 0 || port > 65535 || *end != '\0') {
    return r.fail("/listen", "listen: cần dạng \"host:port\", ví dụ \"127.0.0.1:8080\" (got \"" +
                                 listen + "\")");
  }
  c.host = listen.substr(0, colon);
  c.port = static_cast<int>(port);
  return true;
}

// The keys of one platform's object, as its ConfigSpec says.
bool read_channel_keys(Reader& r, const std::string& name, const ConfigSpec& spec,
                       ChannelConfig& out) {
  std::string at = "/" + name;
  if (*spec.token_env != '\0' && !r.string(at, "token", out.token, name)) return false;
  if (*spec.default_api_base != '\0' && !r.string(at, "api_base", out.api_base, name)) return false;
  if (spec.has_mode && !r.string(at, "mode", out.mode, name)) return false;
  if (spec.has_outbound_url && !r.string(at, "outbound_url", out.outbound_url, name)) return false;
  if (!r.string(at, spec.secret_key, out.webhook_secret, name)) return false;
  if (spec.has_mode && out.mode != "polling" && out.mode != "webhook") {
    return r.fail(at + "/mode",
                  name + ".mode: \"polling\" hoặc \"webhook\", không phải \"" + out.mode + "\"");
  }
  while (!out.api_base.empty() && out.api_base.back() == '/') out.api_base.pop_back();
  return true;
}

}  // namespace

std::optional<std::string> secret_problem(const std::string& s, bool token_chars) {
  if (s.size() < kMinSecretLength || s.size() > kMaxSecretLength) {
    return "cần " + std::to_string(kMinSecretLength) + "–" + std::to_string(kMaxSecretLength) +
           " ký tự (" + std::to_string(kMinSecretLength) + " to " +
           std::to_string(kMaxSecretLength) + " characters), đang có " + std::to_string(s.size());
  }
  for (char ch : s) {
    bool word = std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-';
    if (token_chars && !word) {
      return std::string("chỉ được gồm A-Z a-z 0-9 _ - (quy định của Telegram)");
    }
    if (ch <= ' ' || ch > '~') {
      return std::string("chỉ được gồm ký tự ASCII in được, không dấu cách (printable ASCII)");
    }
  }
  return std::nullopt;
}

namespace {

// A secret read from the file or the environment variable env: checked, the error naming both.
bool check_secret(Reader& r, const std::string& at, const std::string& name,
                  const std::string& value, bool from_env, const char* env, bool token_chars) {
  if (value.empty()) return true;
  auto why = secret_problem(value, token_chars);
  if (!why) return true;
  return r.fail(
      at, name + (from_env ? std::string(" (từ biến môi trường ") + env + ")" : "") + ": " + *why);
}

// What the environment fills in, then what must be there once it has.
bool complete_channel(Reader& r, const std::string& name, const ConfigSpec& spec,
                      ChannelConfig& out, Getenv getenv) {
  std::string at = "/" + name;
  out.token = env_or(out.token, spec.token_env, getenv);
  bool secret_from_env = out.webhook_secret.empty();
  out.webhook_secret = env_or(out.webhook_secret, spec.secret_env, getenv);
  if (*spec.token_env != '\0' && out.token.empty()) {
    return r.fail(at + "/token",
                  name + ".token: thiếu token (hoặc biến môi trường " + spec.token_env + ")");
  }
  std::string secret_at = at + "/" + spec.secret_key;
  std::string secret_name = name + "." + spec.secret_key;
  if (spec.secret_always && out.webhook_secret.empty()) {
    return r.fail(secret_at, secret_name + ": thiếu (hoặc " + spec.secret_env + ")");
  }
  if (spec.has_mode && out.mode == "webhook" && out.webhook_secret.empty()) {
    return r.fail(secret_at,
                  secret_name + ": cần có ở chế độ webhook (hoặc " + spec.secret_env + ")");
  }
  return check_secret(r, secret_at, secret_name, out.webhook_secret, secret_from_env,
                      spec.secret_env, spec.secret_token_chars);
}

bool read_channels(Reader& r, ServeConfig& c, Getenv getenv) {
  for (const ChatChannel* ch : chat_channels()) {
    std::string name = ch->name();
    bool present = false;
    if (!r.object("", name.c_str(), name, present)) return false;
    if (!present) continue;
    ConfigSpec spec = ch->config_spec();
    ChannelConfig cc;
    cc.enabled = true;
    cc.api_base = spec.default_api_base;
    if (!read_channel_keys(r, name, spec, cc) || !complete_channel(r, name, spec, cc, getenv)) {
      return false;
    }
    c.channels[ch->id()] = std::move(cc);
  }
  return true;
}

// The health and exposure block: writer_stuck_s, metrics_token (or DONDOC_METRICS_TOKEN).
bool read_health(Reader& r, ServeConfig& c, Getenv getenv) {
  if (!r.integer("", "writer_stuck_s", c.writer_stuck_s, 1, 3600, "config") ||
      !r.string("", "metrics_token", c.metrics_token, "config")) {
    return false;
  }
  bool from_env = c.metrics_token.empty();
  c.metrics_token = env_or(c.metrics_token, "DONDOC_METRICS_TOKEN", getenv);
  return check_secret(r, "/metrics_token", "metrics_token", c.metrics_token, from_env,
                      "DONDOC_METRICS_TOKEN", false);
}

// public_url: "http://..." or "https://...", no spaces, at most 512 bytes; a trailing "/" dropped.
bool read_public_url(Reader& r, ServeConfig& c) {
  if (!r.string("", "public_url", c.public_url, "config")) return false;
  std::string& u = c.public_url;
  while (!u.empty() && u.back() == '/') u.pop_back();
  if (u.empty()) return true;
  bool scheme = u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0;
  bool clean = u.size() <= 512 && u.find_first_of(" \t\r\n\"<>") == std::string::npos;
  if (scheme && clean && u.size() > 8) return true;
  return r.fail("/public_url", "public_url: cần dạng \"https://tên-miền\" (an http(s) URL)");
}

bool read_sender(Reader& r, SenderConfig& s) {
  bool present = false;
  if (!r.object("", "sender", "sender", present)) return false;
  if (!present) return true;
  const char* at = "/sender";
  return r.integer(at, "per_chat_interval_ms", s.per_chat_interval_ms, 0, 3600000, "sender") &&
         r.integer(at, "group_per_minute", s.group_per_minute, 1, 100000, "sender") &&
         r.integer(at, "global_per_second", s.global_per_second, 1, 100000, "sender") &&
         r.integer(at, "max_attempts", s.max_attempts, 1, 100, "sender") &&
         r.integer(at, "timeout_ms", s.timeout_ms, 100, 600000, "sender") &&
         r.integer(at, "backoff_base_ms", s.backoff_base_ms, 1, 3600000, "sender") &&
         r.integer(at, "backoff_max_ms", s.backoff_max_ms, 1, 86400000, "sender") &&
         r.integer(at, "claim_s", s.claim_s, 5, 3600, "sender");
}

}  // namespace

const ChannelConfig& ServeConfig::channel(bot::Channel c) const {
  static const ChannelConfig kOff;
  auto it = channels.find(c);
  return it == channels.end() ? kOff : it->second;
}

const ChannelConfig& ServeConfig::channel_for(bot::Channel c, std::int64_t commune) const {
  for (const auto& b : commune_bots)
    if (b.commune == commune && b.channel == c) return b.settings;
  return channel(c);
}

ServeConfig default_serve_config() { return ServeConfig{}; }

bool has_chat_channel(const ServeConfig& c) {
  return !c.channels.empty() || !c.commune_bots.empty();
}

std::optional<std::string> exposure_warning(const ServeConfig& c) {
  const std::string& h = c.host;
  if (h == "localhost" || h.rfind("127.", 0) == 0 || h == "::1" || h.rfind("::ffff:127.", 0) == 0) {
    return std::nullopt;
  }
  return "cảnh báo: listen " + h + ":" + std::to_string(c.port) +
         " không phải địa chỉ loopback (not a loopback address): máy khác gọi thẳng được tới "
         "/webhook và /metrics, không qua TLS. Nên nghe ở 127.0.0.1 sau một reverse proxy "
         "HTTPS; nếu không, hãy đặt metrics_token và chặn cổng bằng tường lửa.";
}

Result<ServeConfig> parse_serve_config(std::string_view text, std::string_view file,
                                       Getenv getenv) {
  JsoncParse parsed = parse_jsonc(text);
  if (!parsed.doc) {
    const Diagnostic& d = parsed.error;
    return Result<ServeConfig>::fail(std::string(file) + ":" + std::to_string(d.line) + ":" +
                                     std::to_string(d.col) + ": " + d.message);
  }
  Reader r(*parsed.doc, file);
  if (!parsed.doc->value.is_object()) {
    r.fail("", "cấu hình phải là một đối tượng JSON (must be a JSON object)");
    return Result<ServeConfig>::fail(r.error());
  }
  ServeConfig c;
  if (!read_listen(r, c) || !read_channels(r, c, getenv) || !read_sender(r, c.sender) ||
      !r.integer("", "poll_timeout_s", c.poll_timeout_s, 0, 50, "config") ||
      !r.integer("", "tick_interval_s", c.tick_interval_s, 1, 86400, "config") ||
      !r.integer("", "http_timeout_s", c.http_timeout_s, 1, 300, "config") ||
      !r.integer("", "max_connections", c.max_connections, 1, 1000000, "config") ||
      !r.integer("", "shutdown_timeout_s", c.shutdown_timeout_s, 1, 600, "config") ||
      !read_health(r, c, getenv) || !read_public_url(r, c)) {
    return Result<ServeConfig>::fail(r.error());
  }
  return c;
}

Result<ServeConfig> load_serve_config(const std::string& path, Getenv getenv) {
  std::string error;
  auto text = cli::read_file(path, kJsoncMaxBytes, error);
  if (!text) return Result<ServeConfig>::fail(error);
  return parse_serve_config(*text, path, getenv);
}

}  // namespace dondoc::app
