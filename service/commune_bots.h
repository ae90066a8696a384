// One bot per commune: a commune's own chat bot (Telegram, Zalo) named in its settings, where its
// token and webhook secret are to be found (environment variables or files: the database never
// holds them), and how the chats of such a bot are stored: "@<commune key>:<platform chat id>", so
// the same person talking to the province's bot and to a commune's bot are two chats, and the
// sender knows which bot answers. For the CLI (`commune set`) and `serve`; owner thread of the db.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/date.h"
#include "rules/result.h"
#include "storage/commune_store.h"
#include "storage/database.h"

namespace dondoc::service {

// Where one commune bot's secrets are: an environment variable or a file, per secret.
struct CommuneBot {
  std::int64_t commune = 0;  // communes.key
  std::string commune_id;
  std::string channel;  // "telegram" | "zalo"
  std::string token_env, token_file;
  std::string secret_env, secret_file;  // the webhook secret (required in webhook mode)
  std::string mode = "polling";         // "polling" | "webhook"
  std::string api_base;                 // "" = the platform's (or the serve config's)
};

// Sets (replaces) the commune's bot of `bot.channel`. Errors: unknown commune, unknown channel,
// a bad mode, no token source, both an env and a file for one secret, a webhook without secret.
// Audited without any secret (only where they are read from).
Result<CommuneBot> set_commune_bot(Database& db, const std::string& commune_id, CommuneBot bot,
                                   Instant now);
// Removes the commune's bot of `channel`; false when it had none.
Result<bool> clear_commune_bot(Database& db, const std::string& commune_id,
                               const std::string& channel, Instant now);
// Every commune bot of the database, by commune id then channel.
std::vector<CommuneBot> commune_bots(Database& db);
std::vector<CommuneBot> commune_bots_of(const Commune& c);

// "@12:4711" for chat "4711" of commune 12's own bot.
std::string commune_chat_id(std::int64_t commune, std::string_view platform_chat_id);
// The commune of a chat id stored by commune_chat_id, and the platform's id; {kNoCommune, id}
// for a chat of the province's bot.
struct BotChat {
  std::int64_t commune = 0;
  std::string chat_id;
};
BotChat split_commune_chat(std::string_view stored_chat_id);

}  // namespace dondoc::service
