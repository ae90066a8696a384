#include "service/commune_bots.h"

#include <charconv>
#include <nlohmann/json.hpp>

namespace dondoc::service {
namespace {

using nlohmann::json;

Result<CommuneBot> check(const CommuneBot& b) {
  auto fail = [](std::string m) { return Result<CommuneBot>::fail(std::move(m)); };
  if (b.channel != "telegram" && b.channel != "zalo") {
    return fail("nền tảng \"" + b.channel + "\" không có bot riêng cho xã (dùng telegram, zalo)");
  }
  if (b.mode != "polling" && b.mode != "webhook") {
    return fail("chế độ \"" + b.mode + "\" không hợp lệ (polling hoặc webhook)");
  }
  if (b.token_env.empty() == b.token_file.empty()) {
    return fail("cần đúng một nguồn cho token: --" + b.channel + "-token-env BIẾN hoặc --" +
                b.channel + "-token-file TỆP");
  }
  if (!b.secret_env.empty() && !b.secret_file.empty()) {
    return fail("secret chỉ lấy từ một nguồn: biến môi trường hoặc tệp");
  }
  if (b.mode == "webhook" && b.secret_env.empty() && b.secret_file.empty()) {
    return fail("chế độ webhook cần secret: --" + b.channel + "-secret-env BIẾN hoặc --" +
                b.channel + "-secret-file TỆP");
  }
  return b;
}

json to_json(const CommuneBot& b) {
  json j = {{"mode", b.mode}};
  auto put = [&j](const char* k, const std::string& v) {
    if (!v.empty()) j[k] = v;
  };
  put("token_env", b.token_env);
  put("token_file", b.token_file);
  put("secret_env", b.secret_env);
  put("secret_file", b.secret_file);
  put("api_base", b.api_base);
  return j;
}

json settings_of(const Commune& c) {
  json s = json::parse(c.settings, nullptr, false);
  return s.is_object() ? s : json::object();
}

void save(Database& db, const Commune& c, const json& settings, const std::string& what,
          Instant now) {
  set_commune_settings(db, c.key, settings.dump());
  CommuneScope scope(db, c.key);
  db.audit("commune_bot_set", "commune:" + c.id, "cli", what, format_instant(now));
}

}  // namespace

Result<CommuneBot> set_commune_bot(Database& db, const std::string& commune_id, CommuneBot bot,
                                   Instant now) {
  auto c = find_commune(db, commune_id);
  if (!c) return Result<CommuneBot>::fail("không có xã \"" + commune_id + "\"");
  auto ok = check(bot);
  if (!ok) return ok;
  bot.commune = c->key;
  bot.commune_id = c->id;
  json s = settings_of(*c);
  s["bots"][bot.channel] = to_json(bot);
  json detail = {{"channel", bot.channel}, {"bot", to_json(bot)}};  // names of sources only
  save(db, *c, s, detail.dump(), now);
  return bot;
}

Result<bool> clear_commune_bot(Database& db, const std::string& commune_id,
                               const std::string& channel, Instant now) {
  auto c = find_commune(db, commune_id);
  if (!c) return Result<bool>::fail("không có xã \"" + commune_id + "\"");
  json s = settings_of(*c);
  if (!s.contains("bots") || !s["bots"].is_object() || s["bots"].erase(channel) == 0) return false;
  save(db, *c, s, json{{"channel", channel}, {"removed", true}}.dump(), now);
  return true;
}

std::vector<CommuneBot> commune_bots_of(const Commune& c) {
  std::vector<CommuneBot> out;
  json s = settings_of(c);
  if (!s.contains("bots") || !s["bots"].is_object()) return out;
  for (const auto& [channel, j] : s["bots"].items()) {
    if (!j.is_object()) continue;
    CommuneBot b;
    b.commune = c.key;
    b.commune_id = c.id;
    b.channel = channel;
    b.mode = j.value("mode", "polling");
    b.token_env = j.value("token_env", "");
    b.token_file = j.value("token_file", "");
    b.secret_env = j.value("secret_env", "");
    b.secret_file = j.value("secret_file", "");
    b.api_base = j.value("api_base", "");
    out.push_back(std::move(b));
  }
  return out;
}

std::vector<CommuneBot> commune_bots(Database& db) {
  std::vector<CommuneBot> out;
  for (const auto& c : list_communes(db))
    for (auto& b : commune_bots_of(c)) out.push_back(std::move(b));
  return out;
}

std::string commune_chat_id(std::int64_t commune, std::string_view platform_chat_id) {
  return "@" + std::to_string(commune) + ":" + std::string(platform_chat_id);
}

BotChat split_commune_chat(std::string_view stored) {
  BotChat plain{kNoCommune, std::string(stored)};
  if (stored.size() < 3 || stored[0] != '@') return plain;
  auto colon = stored.find(':');
  if (colon == std::string_view::npos || colon < 2) return plain;
  std::int64_t key = 0;
  auto [end, ec] = std::from_chars(stored.data() + 1, stored.data() + colon, key);
  if (ec != std::errc() || end != stored.data() + colon || key <= 0) return plain;
  return {key, std::string(stored.substr(colon + 1))};
}

}  // namespace dondoc::service
