// The secret tokens of the calendar feeds' subscription URLs (service/calendar_feed.h): drawn from
// libsodium's random source, shown once, stored as a BLAKE2b hash (storage/feed_token_store.h).
#include <sodium.h>

#include <array>
#include <nlohmann/json.hpp>

#include "engine/kinds.h"
#include "service/bodies.h"
#include "service/calendar_feed.h"
#include "storage/feed_token_store.h"

namespace dondoc::service {
namespace {

constexpr std::size_t kTokenBytes = 24;      // 192 bits, 48 hex digits
constexpr std::size_t kMaxTokenChars = 128;  // longer: not one of ours, not even hashed

std::string random_token() {
  if (sodium_init() < 0) return "";
  std::array<unsigned char, kTokenBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, kTokenBytes * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  sodium_memzero(bytes.data(), bytes.size());
  return std::string(hex.data(), kTokenBytes * 2);
}

FeedToken token_of(const FeedTokenRow& row) {
  FeedToken t;
  t.id = row.id;
  t.commune = row.commune;
  t.body = row.body;
  t.created = parse_instant(row.created_at).value_or(Instant{});
  t.revoked = row.revoked_at.has_value();
  return t;
}

// The body id `text` names in the stored plan ("" stays "": the whole plan).
Result<std::string> body_of(Database& db, const std::string& text) {
  if (text.empty()) return std::string();
  return body_id(db, text);
}

}  // namespace

Result<FeedToken> create_feed_token(Database& db, const std::string& body, const std::string& by,
                                    Instant now) {
  auto id = body_of(db, body);
  if (!id) return Error{id.error()};
  WriteTransaction tx(db);
  FeedTokenRow row;
  row.commune = db.commune();
  row.body = *id;
  row.created_by = by;
  row.created_at = format_instant(now);
  std::string token;
  std::optional<std::int64_t> inserted;
  for (int attempt = 0; attempt < 4 && !inserted; ++attempt) {
    token = random_token();
    if (token.empty()) return Error{"không tạo được mã bí mật (libsodium)"};
    row.token_hash = feed_token_hash(token);
    inserted = insert_feed_token(db, row);
  }
  if (!inserted) return Error{"không tạo được mã bí mật mới"};
  row.id = *inserted;
  db.audit(audit_kind::kFeedTokenCreated, "feed_token:" + std::to_string(row.id), by,
           nlohmann::json{{"body", row.body}}.dump(), row.created_at);
  tx.commit();
  FeedToken t = token_of(row);
  t.token = token;
  return t;
}

Result<FeedToken> revoke_feed_token(Database& db, std::int64_t id, const std::string& by,
                                    Instant now) {
  WriteTransaction tx(db);
  auto row = feed_token_by_id(db, id);
  if (!row) return Error{"not_found"};
  std::string at = format_instant(now);
  if (revoke_feed_token_row(db, id, at)) {
    db.audit(audit_kind::kFeedTokenRevoked, "feed_token:" + std::to_string(id), by,
             nlohmann::json{{"body", row->body}}.dump(), at);
    row->revoked_at = at;
  }
  tx.commit();
  return token_of(*row);
}

Result<std::vector<FeedToken>> list_feed_tokens(Database& db) {
  std::vector<FeedToken> out;
  for (const auto& row : list_feed_token_rows(db)) out.push_back(token_of(row));
  return out;
}

Result<FeedToken> feed_token_lookup(Database& db, const std::string& token) {
  if (token.empty() || token.size() > kMaxTokenChars) return Error{"not_found"};
  auto row = find_feed_token(db, feed_token_hash(token));
  if (!row || row->revoked_at) return Error{"not_found"};
  return token_of(*row);
}

}  // namespace dondoc::service
