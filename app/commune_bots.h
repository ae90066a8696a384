// `serve`'s side of one bot per commune (service/commune_bots.h): the commune bots of the database
// with their secrets read from the environment or their files, and how an event one of them brought
// is placed in its commune (its chat and event ids prefixed "@<commune key>:"). Main thread at
// start; the rest is pure and may run on the io thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/config.h"
#include "bot/payloads.h"
#include "rules/result.h"
#include "storage/database.h"

namespace dondoc::app {

// Reads the commune bots into config.commune_bots. Errors (serve does not start): a token or secret
// whose variable is unset or whose file cannot be read, a secret of the wrong form. Never prints a
// secret, only where it was to be read from.
Result<bool> load_commune_bots(Database& db, ServeConfig& config, Getenv getenv);

// The commune bot whose webhook is `target` ("/webhook/telegram/<commune id>"), nullptr if none.
const CommuneBotConfig* commune_bot_for_path(const ServeConfig& config, const std::string& target);

// Prefixes the event's chat id and event key with its bot's commune.
void into_commune(bot::InboundEvent& event, std::int64_t commune);

}  // namespace dondoc::app
