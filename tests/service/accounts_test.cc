// Accounts as a user of the dashboard meets them (service/accounts.h): users and their checks,
// sign-in with its limits, sessions and their expiry, API tokens, the chat sign-in link, and an
// audit trail that never holds a password or a token. Real SQLite file with the example plan.
#include <catch2/catch.hpp>

#include <chrono>

#include "service/accounts.h"
#include "tests/service/chat_fixture.h"

using namespace dondoc;
using namespace dondoc::testing;
using std::chrono::hours;
using std::chrono::minutes;

namespace {

const std::string kPassword = "mật-khẩu-dài-đủ";

// Distinct bytes on every call, so every token drawn differs.
service::RandomBytes counting_random() {
  auto n = std::make_shared<std::uint8_t>(0);
  return [n](std::vector<std::uint8_t>& bytes) {
    for (auto& b : bytes) b = ++*n;
    bytes[0] = static_cast<std::uint8_t>(bytes[0] ^ bytes.size());
    ++*n;
    return true;
  };
}

struct Accounts : ChatFixture {
  Instant t0 = at("2026-11-02T09:00+07:00");
  service::RandomBytes random = counting_random();

  Result<service::User> add(const std::string& name, service::Role role, std::string body = "",
                            std::string password = kPassword) {
    std::int64_t commune = db.commune();
    return service::add_user(db, {name, role, body, commune, password, "test"}, t0);
  }
  Result<service::Session> sign(const std::string& name, const std::string& password, Instant now,
                                const std::string& address = "10.0.0.1") {
    return service::sign_in(db, {name, password, address, now}, random);
  }
  std::string all_audit() {
    std::string out;
    sql::Statement st(db.sql(), "SELECT kind || ' ' || subject || ' ' || detail FROM audit");
    while (st.step()) out += st.column(0).text() + "\n";
    return out;
  }
};

}  // namespace

TEST_CASE_METHOD(Accounts, "accounts: add, list and disable users; the checks on input") {
  auto lan = add("Lan", service::Role::secretariat);
  REQUIRE(lan);
  CHECK(lan->name == "lan");
  CHECK(lan->has_password);
  REQUIRE(add("vhxh", service::Role::head, "vh_xh", ""));
  REQUIRE(add("tinh", service::Role::province_viewer));

  CHECK(add("lan", service::Role::leader).error().find("đã có") != std::string::npos);
  CHECK(add("truong", service::Role::head).error().find("--body") != std::string::npos);
  CHECK(add("truong", service::Role::head, "khong_co").error().find("khong_co") !=
        std::string::npos);
  CHECK(add("thu", service::Role::leader, "vh_xh").error().find("--body") != std::string::npos);
  CHECK(add("ngan", service::Role::leader, "", "ngắn").error().find("10 ký tự") !=
        std::string::npos);
  CHECK(add("a b", service::Role::leader).error().find("không hợp lệ") != std::string::npos);

  auto users = service::list_users(db, db.commune());
  REQUIRE(users.size() == 3);
  CHECK(users[2].name == "vhxh");
  CHECK(users[2].body == "vh_xh");
  CHECK_FALSE(users[2].has_password);
  CHECK(users[1].commune == 0);  // tinh: a province role

  REQUIRE(service::disable_user(db, "lan", t0, "test"));
  CHECK(service::list_users(db, 0)[0].disabled);
  CHECK_FALSE(service::disable_user(db, "lan", t0, "test"));
  CHECK(count("SELECT COUNT(*) FROM audit WHERE kind = 'user_added'") == 3);
}

TEST_CASE_METHOD(Accounts, "accounts: sign-in, wrong password, lock after 5 and its end") {
  REQUIRE(add("lan", service::Role::leader));
  auto ok = sign("LAN", kPassword, t0);
  REQUIRE(ok);
  CHECK(ok->viewer.name == "lan");
  CHECK(ok->viewer.role == service::Role::leader);
  CHECK(ok->viewer.commune == db.commune());
  CHECK(ok->csrf.size() == 64);
  CHECK(ok->token != ok->csrf);

  for (int i = 0; i < service::kMaxFailedSignIns - 1; ++i) {
    CHECK(sign("lan", "sai-mat-khau", t0 + minutes(i)).error() ==
          "Tên đăng nhập hoặc mật khẩu không đúng.");
  }
  auto fifth = sign("lan", "sai-mat-khau", t0 + minutes(5));
  CHECK(fifth.error() == "Tài khoản tạm khóa đến 09:20 do nhập sai nhiều lần.");
  // The right password during the lock is still refused, with the lock.
  CHECK(sign("lan", kPassword, t0 + minutes(10)).error().find("tạm khóa đến 09:20") !=
        std::string::npos);
  CHECK(sign("lan", kPassword, t0 + minutes(20)));  // the lock ended
  CHECK(sign("khong_co", kPassword, t0 + minutes(21)).error() ==
        "Tên đăng nhập hoặc mật khẩu không đúng.");
  CHECK(count("SELECT COUNT(*) FROM audit WHERE kind = 'signed_in'") == 2);
  CHECK(count("SELECT COUNT(*) FROM audit WHERE kind = 'sign_in_failed'") == 6);
}

TEST_CASE_METHOD(Accounts, "accounts: failures from one address lock that address") {
  REQUIRE(add("lan", service::Role::leader));
  for (int i = 0; i < 20; ++i) {
    // Different names each time, so no account locks: only the address counts up.
    CHECK_FALSE(sign("ten" + std::to_string(i), "x", t0, "192.0.2.9"));
  }
  auto refused = sign("lan", kPassword, t0 + minutes(1), "192.0.2.9");
  CHECK(refused.error().find("Máy này tạm bị chặn") != std::string::npos);
  CHECK(sign("lan", kPassword, t0 + minutes(1), "192.0.2.10"));  // another address
}

TEST_CASE_METHOD(Accounts,
                 "accounts: sessions expire idle and absolutely, sign out, die with "
                 "their disabled user") {
  REQUIRE(add("lan", service::Role::leader));
  auto s = sign("lan", kPassword, t0);
  REQUIRE(s);
  CHECK(s->expires == t0 + minutes(service::kSessionIdleMinutes));
  auto later = service::resume_session(db, s->token, t0 + minutes(100));
  REQUIRE(later);
  CHECK(later->csrf == s->csrf);
  CHECK(later->viewer.name == "lan");
  CHECK_FALSE(service::resume_session(db, "khong-phai-token", t0));
  // Idle: 2 h after the last request.
  CHECK_FALSE(service::resume_session(db, s->token, t0 + minutes(100 + 121)));

  // Absolute: 12 h whatever the requests.
  auto busy = sign("lan", kPassword, t0);
  REQUIRE(busy);
  Instant t = t0;
  for (; t < t0 + hours(12) - minutes(90); t += minutes(90)) {
    REQUIRE(service::resume_session(db, busy->token, t));
  }
  CHECK_FALSE(service::resume_session(db, busy->token, t0 + hours(12)));

  auto out = sign("lan", kPassword, t0);
  REQUIRE(out);
  service::sign_out(db, out->token, t0 + minutes(1));
  CHECK_FALSE(service::resume_session(db, out->token, t0 + minutes(2)));

  auto live = sign("lan", kPassword, t0);
  REQUIRE(live);
  REQUIRE(service::disable_user(db, "lan", t0 + minutes(3), "test"));
  CHECK_FALSE(service::resume_session(db, live->token, t0 + minutes(4)));
  CHECK(sign("lan", kPassword, t0 + minutes(5)).error() ==
        "Tên đăng nhập hoặc mật khẩu không đúng.");
}

TEST_CASE_METHOD(Accounts, "accounts: API tokens give a viewer until revoked") {
  auto t = service::add_api_token(
      db, {service::Role::head, "vh_xh", db.commune(), "báo cáo", "test"}, t0, random);
  REQUIRE(t);
  auto v = service::token_viewer(db, t->token);
  REQUIRE(v);
  CHECK(v->role == service::Role::head);
  CHECK(v->body == "vh_xh");
  CHECK(v->user_id == 0);
  CHECK(v->name == "token:" + std::to_string(t->info.id));
  CHECK_FALSE(service::token_viewer(db, t->token + "0"));
  CHECK_FALSE(
      service::add_api_token(db, {service::Role::head, "", db.commune(), "", "test"}, t0, random));

  REQUIRE(service::list_api_tokens(db, db.commune()).size() == 1);
  REQUIRE(service::revoke_api_token(db, t->info.id, t0, "test"));
  CHECK_FALSE(service::token_viewer(db, t->token));
  CHECK(service::list_api_tokens(db, 0)[0].revoked_at);
  CHECK_FALSE(service::revoke_api_token(db, 999, t0, "test"));
}

TEST_CASE_METHOD(Accounts, "accounts: a chat sign-in link signs in once, within 10 minutes") {
  auto token = service::create_chat_sign_in(db, "vh_xh", t0, random);
  REQUIRE(token);
  CHECK(service::chat_sign_in_valid(db, *token, t0 + minutes(9)));
  auto s = service::use_chat_sign_in(db, *token, t0 + minutes(1), random);
  REQUIRE(s);
  CHECK(s->viewer.role == service::Role::head);
  CHECK(s->viewer.body == "vh_xh");
  CHECK(s->viewer.name == "xa.vh_xh");  // the body's head account, made without a password
  CHECK(service::use_chat_sign_in(db, *token, t0 + minutes(2), random).error() ==
        "Liên kết đăng nhập đã hết hạn hoặc đã dùng.");
  CHECK_FALSE(service::chat_sign_in_valid(db, *token, t0 + minutes(2)));

  auto old = service::create_chat_sign_in(db, "vh_xh", t0, random);
  REQUIRE(old);
  CHECK_FALSE(service::chat_sign_in_valid(db, *old, t0 + minutes(10)));
  CHECK_FALSE(service::use_chat_sign_in(db, *old, t0 + minutes(10), random));
  CHECK(count("SELECT COUNT(*) FROM users") == 1);  // the same account both times
}

TEST_CASE_METHOD(Accounts, "accounts: the audit never holds a password or a token") {
  REQUIRE(add("lan", service::Role::leader));
  REQUIRE(service::set_password(db, "lan", "mật-khẩu-mới-12", t0, "test"));
  CHECK_FALSE(sign("lan", kPassword, t0));  // the old one no longer works
  CHECK_FALSE(sign("lan", "mật-khẩu-mới-12 ", t0));
  auto s = sign("lan", "mật-khẩu-mới-12", t0);
  REQUIRE(s);
  service::sign_out(db, s->token, t0);
  auto api =
      service::add_api_token(db, {service::Role::leader, "", db.commune(), "", "test"}, t0, random);
  REQUIRE(api);
  auto chat = service::create_chat_sign_in(db, "vh_xh", t0, random);
  REQUIRE(chat);
  std::string audit = all_audit();
  for (const std::string& secret :
       {kPassword, std::string("mật-khẩu-mới-12"), s->token, s->csrf, api->token, *chat}) {
    CHECK(audit.find(secret) == std::string::npos);
  }
  for (const char* kind : {"user_added", "password_changed", "signed_in", "sign_in_failed",
                           "signed_out", "token_added", "chat_sign_in_created"}) {
    CHECK(audit.find(kind) != std::string::npos);
  }
}
