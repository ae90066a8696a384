// Sign-in with a password (limited per account and per address), server-side sessions, sign-out
// and the one-time sign-in link a linked chat asks for (service/accounts.h).
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "engine/kinds.h"
#include "service/account_parts.h"
#include "service/accounts.h"

namespace dondoc::service {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

constexpr int kMaxFailedPerAddress = 20;  // many people may share an office's address
constexpr std::size_t kMaxSecret = 256;   // name, password or token as received

const std::string kWrong = "Tên đăng nhập hoặc mật khẩu không đúng.";

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string local_hhmm(Instant t) {
  int m = local_minute_of_day(t);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%02d:%02d", m / 60, m % 60);
  return buf;
}

std::optional<Instant> locked_until(const std::optional<FailureRow>& f, Instant now) {
  if (!f || !f->locked_until) return std::nullopt;
  auto until = parse_instant(*f->locked_until);
  if (!until || now >= *until) return std::nullopt;
  return until;
}

// One more failure in the window (kLockMinutes from its first failure); at `limit`, a lock.
FailureRow bump(const std::optional<FailureRow>& f, Instant now, int limit) {
  auto start = f ? parse_instant(f->window_start) : std::nullopt;
  FailureRow out{1, format_instant(now), std::nullopt};
  if (start && now < *start + minutes(kLockMinutes) && !f->locked_until) {
    out = FailureRow{f->count + 1, f->window_start, std::nullopt};
  }
  if (out.count >= limit) out.locked_until = format_instant(now + minutes(kLockMinutes));
  return out;
}

// Verifies against the user's hash, or against a throwaway one so an unknown name takes as long.
bool password_matches(const std::optional<UserRow>& user, const std::string& password) {
  static const std::string dummy = [] {
    char out[crypto_pwhash_STRBYTES] = {};
    if (crypto_pwhash_str(out, "x", 1, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
      return std::string();
    }
    return std::string(out);
  }();
  bool usable = user && !user->disabled && user->password_hash;
  const std::string& hash = usable ? *user->password_hash : dummy;
  if (hash.empty()) return false;
  bool ok = crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
  return ok && usable;
}

Instant expiry(Instant created, Instant last_seen) {
  return std::min(last_seen + minutes(kSessionIdleMinutes), created + hours(kSessionAbsoluteHours));
}

// Stores a new session for `user` (inside the caller's transaction).
Result<Session> open_session(Database& db, const UserRow& user, Instant now,
                             const RandomBytes& random) {
  auto token = detail::random_token(random);
  auto csrf = detail::random_token(random);
  if (!token || !csrf) return Error{"Không lấy được số ngẫu nhiên để tạo phiên, xin thử lại."};
  std::string at = format_instant(now);
  insert_session(db, SessionRow{account_token_hash(*token), user.id, *csrf, at, at, std::nullopt});
  set_last_sign_in(db, user.id, at);
  return Session{*token, *csrf, detail::viewer_of(user), expiry(now, now)};
}

Result<Session> refuse_locked(Instant until, bool account) {
  if (account) {
    return Error{"Tài khoản tạm khóa đến " + local_hhmm(until) + " do nhập sai nhiều lần."};
  }
  return Error{"Máy này tạm bị chặn đăng nhập đến " + local_hhmm(until) +
               " do nhập sai nhiều lần."};
}

// Counts the failure against the name and the address, audited (never the password; the name
// only when it is an account's, in case a password was typed into it).
Result<Session> count_failure(Database& db, const SignIn& req, const std::string& name,
                              const std::optional<UserRow>& user) {
  WriteTransaction tx(db);
  FailureRow account =
      bump(find_failures(db, FailureScope::account, name), req.now, kMaxFailedSignIns);
  FailureRow address =
      bump(find_failures(db, FailureScope::address, req.address), req.now, kMaxFailedPerAddress);
  save_failures(db, FailureScope::account, name, account);
  save_failures(db, FailureScope::address, req.address, address);
  nlohmann::json detail{{"address", req.address}, {"failures", account.count}};
  if (account.locked_until) detail["locked_until"] = *account.locked_until;
  if (address.locked_until) detail["address_locked_until"] = *address.locked_until;
  CommuneScope scope(db, user ? user->commune : kNoCommune);
  db.audit(audit_kind::kSignInFailed, user ? user->name : "?", "web", detail.dump(),
           format_instant(req.now));
  tx.commit();
  if (account.locked_until) return refuse_locked(*parse_instant(*account.locked_until), true);
  return Error{kWrong};
}

}  // namespace

Result<Session> sign_in(Database& db, const SignIn& req, const RandomBytes& random) {
  if (req.name.size() > kMaxSecret || req.password.size() > kMaxSecret) return Error{kWrong};
  std::string name = lower_ascii(req.name);
  if (auto until = locked_until(find_failures(db, FailureScope::account, name), req.now)) {
    return refuse_locked(*until, true);
  }
  if (auto until = locked_until(find_failures(db, FailureScope::address, req.address), req.now)) {
    return refuse_locked(*until, false);
  }
  auto user = find_user(db, name);
  if (!password_matches(user, req.password)) return count_failure(db, req, name, user);
  WriteTransaction tx(db);
  clear_failures(db, FailureScope::account, name);
  auto session = open_session(db, *user, req.now, random);
  if (!session) return session;
  CommuneScope scope(db, user->commune);
  db.audit(audit_kind::kSignedIn, user->name, "web",
           nlohmann::json{{"address", req.address}, {"how", "password"}}.dump(),
           format_instant(req.now));
  tx.commit();
  return session;
}

std::optional<SessionCheck> check_session(Database& db, const std::string& token, Instant now) {
  if (token.empty() || token.size() > kMaxSecret) return std::nullopt;
  auto s = find_session(db, account_token_hash(token));
  if (!s || s->signed_out) return std::nullopt;
  auto created = parse_instant(s->created_at);
  auto seen = parse_instant(s->last_seen);
  if (!created || !seen || now >= expiry(*created, *seen)) return std::nullopt;
  auto user = user_by_id(db, s->user);
  if (!user || user->disabled) return std::nullopt;
  Session session{token, s->csrf, detail::viewer_of(*user), expiry(*created, std::max(now, *seen))};
  return SessionCheck{std::move(session), now - *seen >= minutes(1)};  // fewer writes
}

void note_session_seen(Database& db, const std::string& token, Instant now) {
  if (token.empty() || token.size() > kMaxSecret) return;
  touch_session(db, account_token_hash(token), format_instant(now));
}

std::optional<Session> resume_session(Database& db, const std::string& token, Instant now) {
  auto check = check_session(db, token, now);
  if (!check) return std::nullopt;
  if (check->stale) note_session_seen(db, token, now);
  return std::move(check->session);
}

void sign_out(Database& db, const std::string& token, Instant now) {
  if (token.empty() || token.size() > kMaxSecret) return;
  std::string hash = account_token_hash(token);
  auto s = find_session(db, hash);
  if (!s || s->signed_out) return;
  auto user = user_by_id(db, s->user);
  std::string at = format_instant(now);
  WriteTransaction tx(db);
  end_session(db, hash, at);
  CommuneScope scope(db, user ? user->commune : kNoCommune);
  db.audit(audit_kind::kSignedOut, user ? user->name : "?", "web", "{}", at);
  tx.commit();
}

Result<std::string> create_chat_sign_in(Database& db, const std::string& body, Instant now,
                                        const RandomBytes& random) {
  auto token = detail::random_token(random);
  if (!token) return Error{"Không lấy được số ngẫu nhiên để tạo liên kết."};
  WriteTransaction tx(db);
  auto user = head_user_of(db, db.commune(), body);
  if (!user) {
    auto added = detail::add_chat_head(db, body, now);
    if (!added) return Error{added.error()};
    user = *added;
  }
  if (user->disabled) {
    return Error{"Tài khoản của cơ quan đã bị vô hiệu hóa; xin liên hệ Văn phòng."};
  }
  std::string at = format_instant(now);
  insert_chat_sign_in(db, ChatSignInRow{account_token_hash(*token), user->id, at, std::nullopt});
  db.audit(audit_kind::kChatSignInCreated, user->name, "chat", "{}", at);
  tx.commit();
  return *token;
}

namespace {

// The user a chat sign-in token signs in as, when it is still usable.
std::optional<UserRow> chat_sign_in_user(Database& db, const std::string& hash, Instant now) {
  auto c = find_chat_sign_in(db, hash);
  if (!c || c->used_at) return std::nullopt;
  auto created = parse_instant(c->created_at);
  if (!created || now >= *created + minutes(kChatSignInMinutes) || now < *created) {
    return std::nullopt;
  }
  auto user = user_by_id(db, c->user);
  if (!user || user->disabled) return std::nullopt;
  return user;
}

}  // namespace

Result<Session> use_chat_sign_in(Database& db, const std::string& token, Instant now,
                                 const RandomBytes& random) {
  const Error gone{"Liên kết đăng nhập đã hết hạn hoặc đã dùng."};
  if (token.empty() || token.size() > kMaxSecret) return gone;
  std::string hash = account_token_hash(token);
  WriteTransaction tx(db);
  auto user = chat_sign_in_user(db, hash, now);
  if (!user || !mark_chat_sign_in_used(db, hash, format_instant(now))) return gone;
  auto session = open_session(db, *user, now, random);
  if (!session) return session;
  CommuneScope scope(db, user->commune);
  db.audit(audit_kind::kChatSignInUsed, user->name, "web", "{}", format_instant(now));
  tx.commit();
  return session;
}

bool chat_sign_in_valid(Database& db, const std::string& token, Instant now) {
  if (token.empty() || token.size() > kMaxSecret) return false;
  return chat_sign_in_user(db, account_token_hash(token), now).has_value();
}

}  // namespace dondoc::service
