// `dondoc user add|passwd|list|disable`: dashboard accounts (docs/accounts.md). A password comes
// from stdin with --password-stdin, else from the terminal with echo off; never from argv.
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/account_cli.h"
#include "service/accounts.h"

namespace dondoc::app {
namespace {

constexpr std::size_t kMaxPasswordInput = 4096;

// One line from the terminal with echo off (the prompt on stderr).
std::optional<std::string> read_hidden(cli::Io& io, const char* prompt) {
  termios old{};
  if (tcgetattr(STDIN_FILENO, &old) != 0) return std::nullopt;
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  io.err << prompt << std::flush;
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  std::string line;
  bool ok = static_cast<bool>(std::getline(std::cin, line));
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
  io.err << "\n";
  if (!ok) return std::nullopt;
  return line;
}

// The new password: stdin's text (one trailing newline dropped) with --password-stdin, else typed
// twice on the terminal. nullopt after printing why.
std::optional<std::string> read_password(const cli::Args& args, cli::Io& io,
                                         const std::string& what) {
  if (args.flag("password-stdin")) {
    std::string text(kMaxPasswordInput + 1, '\0');
    std::cin.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(std::cin.gcount()));
    if (text.size() > kMaxPasswordInput) {
      cli::bad_input(io, what + ": --password-stdin: mật khẩu quá dài");
      return std::nullopt;
    }
    if (!text.empty() && text.back() == '\n') text.pop_back();
    if (!text.empty() && text.back() == '\r') text.pop_back();
    return text;
  }
  if (!isatty(STDIN_FILENO)) {
    cli::bad_input(io, what + ": stdin không phải terminal: dùng --password-stdin");
    return std::nullopt;
  }
  auto first = read_hidden(io, "Mật khẩu: ");
  auto again = first ? read_hidden(io, "Nhập lại mật khẩu: ") : std::nullopt;
  if (!first || !again || *first != *again) {
    cli::bad_input(io, what + ": hai lần nhập mật khẩu không khớp");
    return std::nullopt;
  }
  return first;
}

nlohmann::ordered_json user_json(Database& db, const service::User& u) {
  return {{"name", u.name},
          {"role", service::to_string(u.role)},
          {"role_label", service::role_label_vi(u.role)},
          {"body", u.body},
          {"commune", commune_id(db, u.commune)},
          {"disabled", u.disabled},
          {"has_password", u.has_password},
          {"created_at", u.created_at},
          {"last_sign_in", u.last_sign_in ? nlohmann::ordered_json(*u.last_sign_in) : nullptr}};
}

int print_user(const cli::Args& args, cli::Io& io, Database& db, const service::User& u,
               const std::string& done) {
  if (args.json()) {
    io.out << user_json(db, u).dump() << "\n";
  } else {
    io.out << done << " " << u.name << " (" << service::role_label_vi(u.role)
           << (u.body.empty() ? "" : ", " + u.body) << ").\n";
  }
  return cli::kExitOk;
}

int run_add(const cli::Args& args, cli::Io& io) {
  if (args.positional.size() != 1) {
    return cli::bad_input(io, "cách dùng: user add NAME --role R [--body B] [--password-stdin]");
  }
  Database db(cli::db_path(args));
  auto scope = account_scope(args, io, db, "user add");
  if (!scope) return cli::kExitBadInput;
  auto password = read_password(args, io, "user add");
  if (!password) return cli::kExitBadInput;
  if (password->empty() && scope->role != service::Role::head) {
    return cli::bad_input(io, "user add: vai trò này cần mật khẩu (chỉ head đăng nhập qua chat)");
  }
  auto u = service::add_user(
      db, {args.positional[0], scope->role, scope->body, scope->commune, *password, "cli"},
      io.clock.now());
  if (!u) return cli::bad_input(io, "user add: " + u.error());
  return print_user(args, io, db, *u, "Đã thêm tài khoản");
}

int run_passwd(const cli::Args& args, cli::Io& io) {
  if (args.positional.size() != 1) {
    return cli::bad_input(io, "cách dùng: user passwd NAME [--password-stdin]");
  }
  Database db(cli::db_path(args));
  auto password = read_password(args, io, "user passwd");
  if (!password) return cli::kExitBadInput;
  auto u = service::set_password(db, args.positional[0], *password, io.clock.now(), "cli");
  if (!u) return cli::bad_input(io, "user passwd: " + u.error());
  return print_user(args, io, db, *u, "Đã đổi mật khẩu của");
}

int run_disable(const cli::Args& args, cli::Io& io) {
  if (args.positional.size() != 1) return cli::bad_input(io, "cách dùng: user disable NAME");
  Database db(cli::db_path(args));
  auto u = service::disable_user(db, args.positional[0], io.clock.now(), "cli");
  if (!u) return cli::bad_input(io, "user disable: " + u.error());
  return print_user(args, io, db, *u, "Đã vô hiệu hóa");
}

int run_list(const cli::Args& args, cli::Io& io) {
  if (!args.positional.empty()) return cli::bad_input(io, "user list không nhận tham số");
  Database db(cli::db_path(args), Database::Access::read_only);
  std::int64_t commune = 0;  // every user, unless --commune names one
  if (args.option("commune")) {
    auto c = cli::commune(args, io, db);
    if (!c) return cli::kExitBadInput;
    commune = c->key;
  }
  auto users = service::list_users(db, commune);
  auto arr = nlohmann::ordered_json::array();
  for (const auto& u : users) arr.push_back(user_json(db, u));
  if (args.json()) {
    io.out << nlohmann::ordered_json{{"users", arr}}.dump() << "\n";
    return cli::kExitOk;
  }
  io.out << users.size() << " tài khoản\n";
  for (const auto& u : users) {
    std::string where = u.commune == 0 ? "cấp tỉnh" : commune_id(db, u.commune);
    io.out << "  " << u.name << "  " << service::role_label_vi(u.role)
           << (u.body.empty() ? "" : " " + u.body) << "  " << where
           << (u.disabled ? "  (đã vô hiệu hóa)" : "") << (u.has_password ? "" : "  (chỉ qua chat)")
           << "\n";
  }
  return cli::kExitOk;
}

const cli::Registration kAdd{
    "user add", "user add NAME --role R [--body B] [--password-stdin] [--json]", &run_add};
const cli::Registration kPasswd{"user passwd", "user passwd NAME [--password-stdin] [--json]",
                                &run_passwd};
const cli::Registration kList{"user list", "user list [--json]", &run_list};
const cli::Registration kDisable{"user disable", "user disable NAME [--json]", &run_disable};

}  // namespace
}  // namespace dondoc::app
