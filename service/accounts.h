// Accounts, sessions and API tokens for the dashboard and the JSON API: users with a role (and a
// body for a head, a commune for commune roles), passwords hashed with Argon2id (libsodium),
// sign-in limited per account and per address, server-side sessions and API tokens stored only
// as hashes, and the one-time sign-in link a linked chat asks for with "đăng nhập". Every change
// is one transaction with its audit row (the password and tokens never appear in it). Call from
// the thread that owns the Database; the sign-in and the session lookup write (attempt counters,
// last_seen), so the web layer runs them on the writer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rules/date.h"
#include "rules/result.h"
#include "service/link.h"  // RandomBytes
#include "service/viewer.h"
#include "storage/database.h"

namespace dondoc::service {

// ---- Users (`dondoc user add|passwd|list|disable`) ----
struct User {
  std::int64_t id = 0;
  std::string name;  // unique in the deployment: what one types to sign in
  Role role = Role::head;
  std::string body;          // head: its body id; else ""
  std::int64_t commune = 0;  // communes.key; 0 for province roles
  bool disabled = false;
  bool has_password = false;  // false: signs in only by a chat link
  std::string created_at;
  std::optional<std::string> last_sign_in;
};

struct NewUser {
  std::string name;
  Role role = Role::head;
  std::string body;          // required for head (a body of the commune), refused otherwise
  std::int64_t commune = 0;  // the current commune for commune roles; 0 for province roles
  std::string password;      // "" = no password (chat sign-in only); else >= 10 characters
  std::string by;            // actor for the audit ("cli", a user name)
};

// Errors (in Vietnamese, naming the field; nothing stored): a name taken or malformed, an unknown
// body, a head without --body, a password too short.
Result<User> add_user(Database& db, const NewUser& u, Instant now);
Result<User> set_password(Database& db, const std::string& name, const std::string& password,
                          Instant now, const std::string& by);
Result<User> disable_user(Database& db, const std::string& name, Instant now,
                          const std::string& by);  // also ends its sessions and tokens
// Users of one commune (and the province users) when commune != 0; every user when 0.
std::vector<User> list_users(Database& db, std::int64_t commune);

// ---- Sessions ----
inline constexpr int kSessionIdleMinutes = 120;   // signed out after 2 h without a request
inline constexpr int kSessionAbsoluteHours = 12;  // and 12 h after sign-in in any case
inline constexpr int kMaxFailedSignIns = 5;       // then the account is locked...
inline constexpr int kLockMinutes = 15;           // ...for this long (the address too)

struct Session {
  std::string token;  // the cookie's value (only its hash is stored)
  std::string csrf;   // the per-session token every POST carries
  Viewer viewer;
  Instant expires{};  // the sooner of the idle and absolute expiry
};

struct SignIn {
  std::string name, password;
  std::string address;  // the client's IP, for the per-address limit
  Instant now{};
};

// Error: one message for a wrong name or password ("Tên đăng nhập hoặc mật khẩu không đúng."), or
// the lock with its end ("Tài khoản tạm khóa đến 10:45 do nhập sai nhiều lần."). Counts the
// failure (per account and per address) in the same transaction.
Result<Session> sign_in(Database& db, const SignIn& req, const RandomBytes& random);
// The live session of a cookie token, its last_seen moved to now; nullopt when unknown, expired,
// signed out or its user disabled.
std::optional<Session> resume_session(Database& db, const std::string& token, Instant now);
// resume_session without its write, for a read-only connection: the live session (same checks)
// and whether last_seen is a minute old or more; then note_session_seen (a write) moves it to now.
struct SessionCheck {
  Session session;
  bool stale = false;
};
std::optional<SessionCheck> check_session(Database& db, const std::string& token, Instant now);
void note_session_seen(Database& db, const std::string& token, Instant now);
void sign_out(Database& db, const std::string& token, Instant now);

// ---- API tokens (`dondoc token add|list|revoke`) ----
struct ApiToken {
  std::int64_t id = 0;
  Role role = Role::head;
  std::string body;
  std::int64_t commune = 0;
  std::string label;
  std::string created_at;
  std::optional<std::string> revoked_at;
};
struct NewApiToken {
  Role role = Role::head;
  std::string body;          // required for head
  std::int64_t commune = 0;  // as for users
  std::string label;
  std::string by;
};
struct ApiTokenOut {
  ApiToken info;
  std::string token;  // shown once; only its hash is stored
};
Result<ApiTokenOut> add_api_token(Database& db, const NewApiToken& t, Instant now,
                                  const RandomBytes& random);
std::vector<ApiToken> list_api_tokens(Database& db, std::int64_t commune);  // 0 = all
Result<ApiToken> revoke_api_token(Database& db, std::int64_t id, Instant now,
                                  const std::string& by);
// The viewer of a bearer token; nullopt when unknown or revoked.
std::optional<Viewer> token_viewer(Database& db, const std::string& token);

// ---- Sign-in from the chat ----
inline constexpr int kChatSignInMinutes = 10;

// A one-time sign-in token for the chat linked to `body` (the caller is service/chat_event, in the
// chat's commune): the user it signs in as is that body's head account, created without a password
// when the body has none. The link is base_url + "/dang-nhap/" + token.
Result<std::string> create_chat_sign_in(Database& db, const std::string& body, Instant now,
                                        const RandomBytes& random);
// Opening the link shows a page with a button; its POST calls this: the session, once. Error when
// unknown, used or older than kChatSignInMinutes ("Liên kết đăng nhập đã hết hạn hoặc đã dùng.").
Result<Session> use_chat_sign_in(Database& db, const std::string& token, Instant now,
                                 const RandomBytes& random);
// Whether a chat sign-in token is still usable (the GET page says so before the button).
bool chat_sign_in_valid(Database& db, const std::string& token, Instant now);

}  // namespace dondoc::service
