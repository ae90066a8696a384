// Internal to service/accounts.cc and service/sign_in.cc: the pieces both need (random tokens,
// the viewer of a user row, who may hold which role). Writer thread, like service/accounts.h.
#pragma once

#include <optional>
#include <string>

#include "service/accounts.h"
#include "storage/account_store.h"

namespace dondoc::service::detail {

// 32 random bytes as 64 lower-case hex digits; nullopt when the generator fails.
std::optional<std::string> random_token(const RandomBytes& random);
Viewer viewer_of(const UserRow& u);
// Adds a head account for `body` of the current commune, without a password, named after the
// commune and body ("truong_giang.cong_an", a number added when taken). Audited as by "chat".
Result<UserRow> add_chat_head(Database& db, const std::string& body, Instant now);

}  // namespace dondoc::service::detail
