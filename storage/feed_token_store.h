// Calendar feed subscription tokens as rows (migration 130): the token arrives here already hashed
// (feed_token_hash), so no plaintext token is ever stored. For service/calendar_feed only; same
// thread as the Database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"

namespace dondoc {

// The hash under which a feed token is stored (BLAKE2b-256 hex, as storage/code_hash).
std::string feed_token_hash(std::string_view token);

struct FeedTokenRow {
  std::int64_t id = 0;
  std::string token_hash;
  std::int64_t commune = 0;
  std::string body;  // "" = the whole plan
  std::string created_by;
  std::string created_at;
  std::optional<std::string> revoked_at;
};

// The new row's id; nullopt when the hash exists already (the caller draws another token).
std::optional<std::int64_t> insert_feed_token(Database& db, const FeedTokenRow& row);
// Any commune (a subscription URL carries none): the row whose hash equals `token_hash`, checked
// again in constant time; revoked rows included (the caller decides).
std::optional<FeedTokenRow> find_feed_token(Database& db, std::string_view token_hash);
// In the current commune scope.
std::optional<FeedTokenRow> feed_token_by_id(Database& db, std::int64_t id);
std::vector<FeedTokenRow> list_feed_token_rows(Database& db);
// False when there is no live token `id` in the current commune.
bool revoke_feed_token_row(Database& db, std::int64_t id, std::string_view at_iso);

}  // namespace dondoc
