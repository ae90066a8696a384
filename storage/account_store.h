// Dashboard accounts as rows: users, sessions, API tokens, sign-in failure counters and one-time
// chat sign-in tokens (migration 80). Secrets arrive here already hashed (the caller hashes with
// storage/code_hash.h) and lookups by hash confirm it in constant time. No rules here: the use
// cases are service/accounts.h. Call from the thread that owns the Database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"

namespace dondoc {

// The hash under which a session, API or chat sign-in token is stored (BLAKE2b, hex).
std::string account_token_hash(std::string_view token);

struct UserRow {
  std::int64_t id = 0;
  std::string name;
  std::string role;  // service::Role as its English id
  std::string body;
  std::int64_t commune = 0;  // 0: a province role
  std::optional<std::string> password_hash;
  bool disabled = false;
  std::string created_at;
  std::optional<std::string> last_sign_in;
};

// The new user's id; nullopt when the name is taken (nothing stored).
std::optional<std::int64_t> insert_user(Database& db, const UserRow& u);
std::optional<UserRow> find_user(Database& db, std::string_view name);
std::optional<UserRow> user_by_id(Database& db, std::int64_t id);
// The head account of `body` in `commune` (the first one added), if any.
std::optional<UserRow> head_user_of(Database& db, std::int64_t commune, std::string_view body);
// commune != 0: that commune's users and the province users; 0: every user. By name.
std::vector<UserRow> list_user_rows(Database& db, std::int64_t commune);
void set_password_hash(Database& db, std::int64_t user, std::string_view hash);
void set_user_disabled(Database& db, std::int64_t user);
void set_last_sign_in(Database& db, std::int64_t user, std::string_view at_iso);

struct SessionRow {
  std::string token_hash;
  std::int64_t user = 0;
  std::string csrf;
  std::string created_at, last_seen;
  std::optional<std::string> signed_out;
};
void insert_session(Database& db, const SessionRow& s);
std::optional<SessionRow> find_session(Database& db, std::string_view token_hash);
void touch_session(Database& db, std::string_view token_hash, std::string_view at_iso);
void end_session(Database& db, std::string_view token_hash, std::string_view at_iso);
void end_user_sessions(Database& db, std::int64_t user, std::string_view at_iso);

struct ApiTokenRow {
  std::int64_t id = 0;
  std::string token_hash;
  std::string role, body;
  std::int64_t commune = 0;
  std::string label, created_by, created_at;
  std::optional<std::string> revoked_at;
};
// The new token's id; nullopt when the hash exists already (the caller draws another).
std::optional<std::int64_t> insert_api_token(Database& db, const ApiTokenRow& t);
std::optional<ApiTokenRow> find_api_token(Database& db, std::string_view token_hash);
std::optional<ApiTokenRow> api_token_by_id(Database& db, std::int64_t id);
std::vector<ApiTokenRow> list_api_token_rows(Database& db, std::int64_t commune);  // 0 = all
void revoke_api_token_row(Database& db, std::int64_t id, std::string_view at_iso);
// Revokes the live tokens created by `created_by`; how many.
int revoke_api_tokens_by(Database& db, std::string_view created_by, std::string_view at_iso);

// Failed sign-ins of one account name or one client address in the current window.
enum class FailureScope { account, address };
struct FailureRow {
  int count = 0;
  std::string window_start;
  std::optional<std::string> locked_until;
};
std::optional<FailureRow> find_failures(Database& db, FailureScope scope, std::string_view key);
void save_failures(Database& db, FailureScope scope, std::string_view key, const FailureRow& f);
void clear_failures(Database& db, FailureScope scope, std::string_view key);

struct ChatSignInRow {
  std::string token_hash;
  std::int64_t user = 0;
  std::string created_at;
  std::optional<std::string> used_at;
};
void insert_chat_sign_in(Database& db, const ChatSignInRow& c);
std::optional<ChatSignInRow> find_chat_sign_in(Database& db, std::string_view token_hash);
// Marks it used; false when it was used already (so a link signs in once, even racing).
bool mark_chat_sign_in_used(Database& db, std::string_view token_hash, std::string_view at_iso);
// Marks every unused chat sign-in of `user` used (the user was disabled).
void drop_chat_sign_ins(Database& db, std::int64_t user, std::string_view at_iso);

}  // namespace dondoc
