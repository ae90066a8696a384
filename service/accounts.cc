// Users and API tokens (service/accounts.h); sign-in, sessions and chat sign-in are in
// service/sign_in.cc.
#include "service/accounts.h"

#include <sodium.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "engine/kinds.h"
#include "service/account_parts.h"
#include "storage/commune_store.h"
#include "storage/plan_store.h"

namespace dondoc::service {
namespace {

constexpr std::size_t kMinPassword = 10;   // characters
constexpr std::size_t kMaxPassword = 256;  // bytes: Argon2 takes any length, the form does not
constexpr std::size_t kMaxName = 40;
constexpr std::size_t kMaxLabel = 100;

void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

std::optional<std::string> name_problem(const std::string& name) {
  bool ok = name.size() >= 3 && name.size() <= kMaxName && name_char(name[0]) && name[0] != '.';
  for (char c : name) ok = ok && name_char(c);
  if (ok) return std::nullopt;
  return "Tên đăng nhập \"" + name.substr(0, kMaxName) +
         "\" không hợp lệ: 3–40 ký tự, chỉ chữ không dấu, số và . _ -";
}

std::size_t utf8_length(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::optional<std::string> password_problem(const std::string& pw) {
  if (utf8_length(pw) < kMinPassword) return "Mật khẩu quá ngắn: cần ít nhất 10 ký tự.";
  if (pw.size() > kMaxPassword) return "Mật khẩu quá dài: tối đa 256 byte.";
  return std::nullopt;
}

Result<std::string> hash_password(const std::string& pw) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, pw.data(), pw.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Error{"Không đủ bộ nhớ để băm mật khẩu, xin thử lại."};
  }
  return std::string(out);
}

bool body_exists(Database& db, std::int64_t commune, const std::string& body) {
  CommuneScope scope(db, commune);
  for (const auto& b : load_bodies(db))
    if (b.id == body) return true;
  return false;
}

// Who may hold `role`: a head needs a body of its commune, the others none; commune roles need a
// commune, province roles get 0. On success `commune` is what to store.
std::optional<std::string> scope_problem(Database& db, Role role, const std::string& body,
                                         std::int64_t& commune) {
  bool province = role == Role::province_admin || role == Role::province_viewer;
  if (province) commune = 0;
  if (!province && commune == 0) return "Vai trò này thuộc một xã: cần --commune.";
  if (role != Role::head && !body.empty()) return "Chỉ vai trò head mới có --body.";
  if (role == Role::head && body.empty()) return "Vai trò head cần --body <cơ quan>.";
  if (role == Role::head && !body_exists(db, commune, body)) {
    return "Không có cơ quan \"" + body + "\" trong kế hoạch của xã.";
  }
  return std::nullopt;
}

User user_of(const UserRow& r) {
  return User{r.id,
              r.name,
              role_from_string(r.role).value_or(Role::head),
              r.body,
              r.commune,
              r.disabled,
              r.password_hash.has_value(),
              r.created_at,
              r.last_sign_in};
}

ApiToken token_of(const ApiTokenRow& r) {
  return ApiToken{r.id,        role_from_string(r.role).value_or(Role::head),
                  r.body,      r.commune,
                  r.label,     r.created_at,
                  r.revoked_at};
}

void audit_user(Database& db, std::string_view kind, const UserRow& u, const std::string& by,
                const std::string& at, nlohmann::json detail) {
  CommuneScope scope(db, u.commune);
  db.audit(kind, u.name, by, detail.dump(), at);
}

Result<UserRow> insert_new_user(Database& db, UserRow row, const std::string& by) {
  WriteTransaction tx(db);
  auto id = insert_user(db, row);
  if (!id) return Error{"Tên đăng nhập \"" + row.name + "\" đã có người dùng."};
  row.id = *id;
  audit_user(db, audit_kind::kUserAdded, row, by, row.created_at,
             {{"role", row.role}, {"body", row.body}, {"password", row.password_hash.has_value()}});
  tx.commit();
  return row;
}

}  // namespace

namespace detail {

std::optional<std::string> random_token(const RandomBytes& random) {
  std::vector<std::uint8_t> bytes(32);
  if (!random(bytes)) return std::nullopt;
  ensure_sodium();
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, bytes.data(), bytes.size());
  sodium_memzero(bytes.data(), bytes.size());
  return std::string(hex, 64);
}

Viewer viewer_of(const UserRow& u) {
  return Viewer{u.id, u.name, role_from_string(u.role).value_or(Role::head), u.body, u.commune};
}

Result<UserRow> add_chat_head(Database& db, const std::string& body, Instant now) {
  std::int64_t commune = db.commune();
  auto c = commune_by_key(db, commune);
  std::string base = lower_ascii((c ? c->id : std::to_string(commune)) + "." + body);
  for (char& ch : base)
    if (!name_char(ch)) ch = '_';
  base = base.substr(0, kMaxName - 3);
  UserRow row{0,
              base,
              std::string(to_string(Role::head)),
              body,
              commune,
              std::nullopt,
              false,
              format_instant(now),
              std::nullopt};
  for (int n = 2; find_user(db, row.name) && n < 100; ++n)
    row.name = base + "-" + std::to_string(n);
  return insert_new_user(db, row, "chat");
}

}  // namespace detail

Result<User> add_user(Database& db, const NewUser& u, Instant now) {
  std::string name = lower_ascii(u.name);
  if (auto p = name_problem(name)) return Error{*p};
  std::int64_t commune = u.commune;
  if (auto p = scope_problem(db, u.role, u.body, commune)) return Error{*p};
  std::optional<std::string> hash;
  if (!u.password.empty()) {
    if (auto p = password_problem(u.password)) return Error{*p};
    auto h = hash_password(u.password);
    if (!h) return Error{h.error()};
    hash = *h;
  }
  UserRow row{0,
              name,
              std::string(to_string(u.role)),
              u.body,
              commune,
              hash,
              false,
              format_instant(now),
              std::nullopt};
  auto r = insert_new_user(db, row, u.by);
  if (!r) return Error{r.error()};
  return user_of(*r);
}

Result<User> set_password(Database& db, const std::string& name, const std::string& password,
                          Instant now, const std::string& by) {
  auto row = find_user(db, lower_ascii(name));
  if (!row) return Error{"Không có tài khoản \"" + name + "\"."};
  if (auto p = password_problem(password)) return Error{*p};
  auto h = hash_password(password);
  if (!h) return Error{h.error()};
  std::string at = format_instant(now);
  WriteTransaction tx(db);
  set_password_hash(db, row->id, *h);
  end_user_sessions(db, row->id, at);  // a new password signs every browser out
  audit_user(db, audit_kind::kPasswordChanged, *row, by, at, nlohmann::json::object());
  tx.commit();
  row->password_hash = *h;
  return user_of(*row);
}

Result<User> disable_user(Database& db, const std::string& name, Instant now,
                          const std::string& by) {
  auto row = find_user(db, lower_ascii(name));
  if (!row) return Error{"Không có tài khoản \"" + name + "\"."};
  if (row->disabled) return Error{"Tài khoản \"" + row->name + "\" đã bị vô hiệu hóa trước đó."};
  std::string at = format_instant(now);
  WriteTransaction tx(db);
  set_user_disabled(db, row->id);
  end_user_sessions(db, row->id, at);
  drop_chat_sign_ins(db, row->id, at);
  int tokens = revoke_api_tokens_by(db, row->name, at);
  audit_user(db, audit_kind::kUserDisabled, *row, by, at, {{"tokens_revoked", tokens}});
  tx.commit();
  row->disabled = true;
  return user_of(*row);
}

std::vector<User> list_users(Database& db, std::int64_t commune) {
  std::vector<User> out;
  for (const auto& r : list_user_rows(db, commune)) out.push_back(user_of(r));
  return out;
}

Result<ApiTokenOut> add_api_token(Database& db, const NewApiToken& t, Instant now,
                                  const RandomBytes& random) {
  std::int64_t commune = t.commune;
  if (auto p = scope_problem(db, t.role, t.body, commune)) return Error{*p};
  if (t.label.size() > kMaxLabel) return Error{"Nhãn (--label) quá dài: tối đa 100 byte."};
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto token = detail::random_token(random);
    if (!token) return Error{"Không lấy được số ngẫu nhiên để tạo mã."};
    ApiTokenRow row{0,
                    account_token_hash(*token),
                    std::string(to_string(t.role)),
                    t.body,
                    commune,
                    t.label,
                    t.by,
                    format_instant(now),
                    std::nullopt};
    WriteTransaction tx(db);
    auto id = insert_api_token(db, row);
    if (!id) continue;
    row.id = *id;
    CommuneScope scope(db, commune);
    db.audit(audit_kind::kTokenAdded, "token:" + std::to_string(row.id), t.by,
             nlohmann::json{{"role", row.role}, {"body", row.body}, {"label", row.label}}.dump(),
             row.created_at);
    tx.commit();
    return ApiTokenOut{token_of(row), *token};
  }
  return Error{"Không tạo được mã mới, xin thử lại."};
}

std::vector<ApiToken> list_api_tokens(Database& db, std::int64_t commune) {
  std::vector<ApiToken> out;
  for (const auto& r : list_api_token_rows(db, commune)) out.push_back(token_of(r));
  return out;
}

Result<ApiToken> revoke_api_token(Database& db, std::int64_t id, Instant now,
                                  const std::string& by) {
  auto row = api_token_by_id(db, id);
  if (!row) return Error{"Không có mã API số " + std::to_string(id) + "."};
  if (row->revoked_at) return Error{"Mã API số " + std::to_string(id) + " đã bị thu hồi."};
  std::string at = format_instant(now);
  WriteTransaction tx(db);
  revoke_api_token_row(db, id, at);
  CommuneScope scope(db, row->commune);
  db.audit(audit_kind::kTokenRevoked, "token:" + std::to_string(id), by, "{}", at);
  tx.commit();
  row->revoked_at = at;
  return token_of(*row);
}

std::optional<Viewer> token_viewer(Database& db, const std::string& token) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  auto row = find_api_token(db, account_token_hash(token));
  if (!row || row->revoked_at) return std::nullopt;
  auto role = role_from_string(row->role);
  if (!role) return std::nullopt;
  return Viewer{0, "token:" + std::to_string(row->id), *role, row->body, row->commune};
}

}  // namespace dondoc::service
