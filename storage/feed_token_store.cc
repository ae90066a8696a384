#include "storage/feed_token_store.h"

#include "storage/code_hash.h"

namespace dondoc {
namespace {

constexpr const char* kColumns =
    "SELECT id, token_hash, commune, body, created_by, created_at, revoked_at FROM feed_tokens ";

FeedTokenRow row_of(sql::Statement& st) {
  FeedTokenRow r;
  r.id = st.column(0).as_int64();
  r.token_hash = st.column(1).text();
  r.commune = st.column(2).as_int64();
  r.body = st.column(3).text();
  r.created_by = st.column(4).text();
  r.created_at = st.column(5).text();
  if (!st.column(6).is_null()) r.revoked_at = st.column(6).text();
  return r;
}

}  // namespace

std::string feed_token_hash(std::string_view token) { return link_code_hash(token); }

std::optional<std::int64_t> insert_feed_token(Database& db, const FeedTokenRow& row) {
  sql::Statement st(db.sql(),
                    "INSERT INTO feed_tokens(token_hash, commune, body, created_by, created_at) "
                    "VALUES (?,?,?,?,?) ON CONFLICT(token_hash) DO NOTHING RETURNING id");
  st.bind(1, row.token_hash);
  st.bind(2, row.commune);
  st.bind(3, row.body);
  st.bind(4, row.created_by);
  st.bind(5, row.created_at);
  return returned_id(st);
}

std::optional<FeedTokenRow> find_feed_token(Database& db, std::string_view token_hash) {
  sql::Statement st(db.sql(), std::string(kColumns) + "WHERE token_hash = ?");
  st.bind(1, std::string(token_hash));
  if (!st.step() || !equal_in_constant_time(st.column(1).text(), token_hash)) {
    return std::nullopt;
  }
  return row_of(st);
}

std::optional<FeedTokenRow> feed_token_by_id(Database& db, std::int64_t id) {
  sql::Statement st(db.sql(), std::string(kColumns) + "WHERE id = ? AND commune = ?");
  st.bind(1, id);
  st.bind(2, db.commune());
  if (!st.step()) return std::nullopt;
  return row_of(st);
}

std::vector<FeedTokenRow> list_feed_token_rows(Database& db) {
  sql::Statement st(db.sql(), std::string(kColumns) + "WHERE commune = ? ORDER BY id");
  st.bind(1, db.commune());
  std::vector<FeedTokenRow> out;
  while (st.step()) out.push_back(row_of(st));
  return out;
}

bool revoke_feed_token_row(Database& db, std::int64_t id, std::string_view at_iso) {
  sql::Statement st(db.sql(),
                    "UPDATE feed_tokens SET revoked_at = ? WHERE id = ? AND commune = ? AND "
                    "revoked_at IS NULL");
  st.bind(1, std::string(at_iso));
  st.bind(2, id);
  st.bind(3, db.commune());
  return st.exec() == 1;
}

}  // namespace dondoc
