#include "storage/account_store.h"

#include "storage/code_hash.h"

namespace dondoc {
namespace {

std::optional<std::string> optional_text(const sql::Column& c) {
  if (c.is_null()) return std::nullopt;
  return c.text();
}

void bind_optional(sql::Statement& st, int i, const std::optional<std::string>& v) {
  if (v) {
    st.bind(i, *v);
  } else {
    st.bind(i);
  }
}

constexpr const char* kUserColumns =
    "SELECT id, name, role, body, commune, password_hash, disabled, created_at, last_sign_in "
    "FROM users ";

UserRow user_of(sql::Statement& st) {
  return UserRow{st.column(0).as_int64(),    st.column(1).text(),     st.column(2).text(),
                 st.column(3).text(),        st.column(4).as_int64(), optional_text(st.column(5)),
                 st.column(6).as_int() != 0, st.column(7).text(),     optional_text(st.column(8))};
}

std::optional<UserRow> one_user(sql::Statement& st) {
  if (!st.step()) return std::nullopt;
  return user_of(st);
}

constexpr const char* kTokenColumns =
    "SELECT id, token_hash, role, body, commune, label, created_by, created_at, revoked_at "
    "FROM api_tokens ";

ApiTokenRow token_of(sql::Statement& st) {
  return ApiTokenRow{st.column(0).as_int64(), st.column(1).text(),     st.column(2).text(),
                     st.column(3).text(),     st.column(4).as_int64(), st.column(5).text(),
                     st.column(6).text(),     st.column(7).text(),     optional_text(st.column(8))};
}

std::string_view scope_name(FailureScope s) {
  return s == FailureScope::account ? "account" : "address";
}

void exec_with(Database& db, const char* sql, std::string_view a, std::int64_t b) {
  sql::Statement st(db.sql(), sql);
  st.bind(1, std::string(a));
  st.bind(2, b);
  st.exec();
}

}  // namespace

std::string account_token_hash(std::string_view token) { return link_code_hash(token); }

std::optional<std::int64_t> insert_user(Database& db, const UserRow& u) {
  sql::Statement st(db.sql(),
                    "INSERT INTO users(name, role, body, commune, password_hash, created_at) "
                    "VALUES (?,?,?,?,?,?) ON CONFLICT(name) DO NOTHING RETURNING id");
  st.bind(1, u.name);
  st.bind(2, u.role);
  st.bind(3, u.body);
  st.bind(4, u.commune);
  bind_optional(st, 5, u.password_hash);
  st.bind(6, u.created_at);
  return returned_id(st);
}

std::optional<UserRow> find_user(Database& db, std::string_view name) {
  sql::Statement st(db.sql(), std::string(kUserColumns) + "WHERE name = ?");
  st.bind(1, std::string(name));
  return one_user(st);
}

std::optional<UserRow> user_by_id(Database& db, std::int64_t id) {
  sql::Statement st(db.sql(), std::string(kUserColumns) + "WHERE id = ?");
  st.bind(1, id);
  return one_user(st);
}

std::optional<UserRow> head_user_of(Database& db, std::int64_t commune, std::string_view body) {
  sql::Statement st(db.sql(),
                    std::string(kUserColumns) +
                        "WHERE commune = ? AND role = 'head' AND body = ? ORDER BY id LIMIT 1");
  st.bind(1, commune);
  st.bind(2, std::string(body));
  return one_user(st);
}

std::vector<UserRow> list_user_rows(Database& db, std::int64_t commune) {
  sql::Statement st(db.sql(), std::string(kUserColumns) +
                                  "WHERE ? = 0 OR commune = ? OR commune = 0 ORDER BY name");
  st.bind(1, commune);
  st.bind(2, commune);
  std::vector<UserRow> out;
  while (st.step()) out.push_back(user_of(st));
  return out;
}

void set_password_hash(Database& db, std::int64_t user, std::string_view hash) {
  exec_with(db, "UPDATE users SET password_hash = ? WHERE id = ?", hash, user);
}

void set_user_disabled(Database& db, std::int64_t user) {
  sql::Statement st(db.sql(), "UPDATE users SET disabled = 1 WHERE id = ?");
  st.bind(1, user);
  st.exec();
}

void set_last_sign_in(Database& db, std::int64_t user, std::string_view at_iso) {
  exec_with(db, "UPDATE users SET last_sign_in = ? WHERE id = ?", at_iso, user);
}

void insert_session(Database& db, const SessionRow& s) {
  sql::Statement st(db.sql(),
                    "INSERT INTO sessions(token_hash, \"user\", csrf, created_at, last_seen) "
                    "VALUES (?,?,?,?,?)");
  st.bind(1, s.token_hash);
  st.bind(2, s.user);
  st.bind(3, s.csrf);
  st.bind(4, s.created_at);
  st.bind(5, s.last_seen);
  st.exec();
}

std::optional<SessionRow> find_session(Database& db, std::string_view token_hash) {
  sql::Statement st(db.sql(),
                    "SELECT token_hash, \"user\", csrf, created_at, last_seen, signed_out "
                    "FROM sessions WHERE token_hash = ?");
  st.bind(1, std::string(token_hash));
  if (!st.step() || !equal_in_constant_time(st.column(0).text(), token_hash)) {
    return std::nullopt;
  }
  return SessionRow{st.column(0).text(), st.column(1).as_int64(), st.column(2).text(),
                    st.column(3).text(), st.column(4).text(),     optional_text(st.column(5))};
}

void touch_session(Database& db, std::string_view token_hash, std::string_view at_iso) {
  sql::Statement st(db.sql(), "UPDATE sessions SET last_seen = ? WHERE token_hash = ?");
  st.bind(1, std::string(at_iso));
  st.bind(2, std::string(token_hash));
  st.exec();
}

void end_session(Database& db, std::string_view token_hash, std::string_view at_iso) {
  sql::Statement st(db.sql(),
                    "UPDATE sessions SET signed_out = ? WHERE token_hash = ? AND signed_out "
                    "IS NULL");
  st.bind(1, std::string(at_iso));
  st.bind(2, std::string(token_hash));
  st.exec();
}

void end_user_sessions(Database& db, std::int64_t user, std::string_view at_iso) {
  exec_with(db, "UPDATE sessions SET signed_out = ? WHERE \"user\" = ? AND signed_out IS NULL",
            at_iso, user);
}

std::optional<std::int64_t> insert_api_token(Database& db, const ApiTokenRow& t) {
  sql::Statement st(db.sql(),
                    "INSERT INTO api_tokens(token_hash, role, body, commune, label, "
                    "created_by, created_at) VALUES (?,?,?,?,?,?,?) "
                    "ON CONFLICT(token_hash) DO NOTHING RETURNING id");
  st.bind(1, t.token_hash);
  st.bind(2, t.role);
  st.bind(3, t.body);
  st.bind(4, t.commune);
  st.bind(5, t.label);
  st.bind(6, t.created_by);
  st.bind(7, t.created_at);
  return returned_id(st);
}

std::optional<ApiTokenRow> find_api_token(Database& db, std::string_view token_hash) {
  sql::Statement st(db.sql(), std::string(kTokenColumns) + "WHERE token_hash = ?");
  st.bind(1, std::string(token_hash));
  if (!st.step() || !equal_in_constant_time(st.column(1).text(), token_hash)) {
    return std::nullopt;
  }
  return token_of(st);
}

std::optional<ApiTokenRow> api_token_by_id(Database& db, std::int64_t id) {
  sql::Statement st(db.sql(), std::string(kTokenColumns) + "WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return token_of(st);
}

std::vector<ApiTokenRow> list_api_token_rows(Database& db, std::int64_t commune) {
  sql::Statement st(db.sql(),
                    std::string(kTokenColumns) + "WHERE ? = 0 OR commune = ? ORDER BY id");
  st.bind(1, commune);
  st.bind(2, commune);
  std::vector<ApiTokenRow> out;
  while (st.step()) out.push_back(token_of(st));
  return out;
}

void revoke_api_token_row(Database& db, std::int64_t id, std::string_view at_iso) {
  exec_with(db, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", at_iso,
            id);
}

int revoke_api_tokens_by(Database& db, std::string_view created_by, std::string_view at_iso) {
  sql::Statement st(db.sql(),
                    "UPDATE api_tokens SET revoked_at = ? WHERE created_by = ? AND "
                    "revoked_at IS NULL");
  st.bind(1, std::string(at_iso));
  st.bind(2, std::string(created_by));
  return st.exec();
}

std::optional<FailureRow> find_failures(Database& db, FailureScope scope, std::string_view key) {
  sql::Statement st(db.sql(),
                    "SELECT count, window_start, locked_until FROM sign_in_failures "
                    "WHERE scope = ? AND key = ?");
  st.bind(1, std::string(scope_name(scope)));
  st.bind(2, std::string(key));
  if (!st.step()) return std::nullopt;
  return FailureRow{st.column(0).as_int(), st.column(1).text(), optional_text(st.column(2))};
}

void save_failures(Database& db, FailureScope scope, std::string_view key, const FailureRow& f) {
  sql::Statement st(db.sql(),
                    "INSERT INTO sign_in_failures(scope, key, count, window_start, "
                    "locked_until) VALUES (?,?,?,?,?) ON CONFLICT(scope, key) DO UPDATE SET "
                    "count = excluded.count, window_start = excluded.window_start, "
                    "locked_until = excluded.locked_until");
  st.bind(1, std::string(scope_name(scope)));
  st.bind(2, std::string(key));
  st.bind(3, f.count);
  st.bind(4, f.window_start);
  bind_optional(st, 5, f.locked_until);
  st.exec();
}

void clear_failures(Database& db, FailureScope scope, std::string_view key) {
  sql::Statement st(db.sql(), "DELETE FROM sign_in_failures WHERE scope = ? AND key = ?");
  st.bind(1, std::string(scope_name(scope)));
  st.bind(2, std::string(key));
  st.exec();
}

void insert_chat_sign_in(Database& db, const ChatSignInRow& c) {
  sql::Statement st(db.sql(),
                    "INSERT INTO chat_sign_ins(token_hash, \"user\", created_at) VALUES (?,?,?)");
  st.bind(1, c.token_hash);
  st.bind(2, c.user);
  st.bind(3, c.created_at);
  st.exec();
}

std::optional<ChatSignInRow> find_chat_sign_in(Database& db, std::string_view token_hash) {
  sql::Statement st(db.sql(),
                    "SELECT token_hash, \"user\", created_at, used_at FROM chat_sign_ins "
                    "WHERE token_hash = ?");
  st.bind(1, std::string(token_hash));
  if (!st.step() || !equal_in_constant_time(st.column(0).text(), token_hash)) {
    return std::nullopt;
  }
  return ChatSignInRow{st.column(0).text(), st.column(1).as_int64(), st.column(2).text(),
                       optional_text(st.column(3))};
}

bool mark_chat_sign_in_used(Database& db, std::string_view token_hash, std::string_view at_iso) {
  sql::Statement st(db.sql(),
                    "UPDATE chat_sign_ins SET used_at = ? WHERE token_hash = ? AND used_at "
                    "IS NULL");
  st.bind(1, std::string(at_iso));
  st.bind(2, std::string(token_hash));
  return st.exec() == 1;
}

void drop_chat_sign_ins(Database& db, std::int64_t user, std::string_view at_iso) {
  exec_with(db, "UPDATE chat_sign_ins SET used_at = ? WHERE \"user\" = ? AND used_at IS NULL",
            at_iso, user);
}

}  // namespace dondoc
