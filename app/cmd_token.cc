// `dondoc token add|list|revoke`: API tokens for the JSON API (docs/accounts.md). A token is
// printed once, when added; only its hash is stored.
#include <charconv>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/account_cli.h"
#include "service/accounts.h"

namespace dondoc::app {
namespace {

nlohmann::ordered_json token_json(Database& db, const service::ApiToken& t) {
  return {{"id", t.id},
          {"role", service::to_string(t.role)},
          {"body", t.body},
          {"commune", commune_id(db, t.commune)},
          {"label", t.label},
          {"created_at", t.created_at},
          {"revoked_at", t.revoked_at ? nlohmann::ordered_json(*t.revoked_at) : nullptr}};
}

int run_add(const cli::Args& args, cli::Io& io) {
  if (!args.positional.empty()) {
    return cli::bad_input(io, "cách dùng: token add --role R [--body B] [--label L] [--json]");
  }
  Database db(cli::db_path(args));
  auto scope = account_scope(args, io, db, "token add");
  if (!scope) return cli::kExitBadInput;
  auto t = service::add_api_token(
      db, {scope->role, scope->body, scope->commune, args.option("label").value_or(""), "cli"},
      io.clock.now(), system_random());
  if (!t) return cli::bad_input(io, "token add: " + t.error());
  if (args.json()) {
    io.out << nlohmann::ordered_json{{"token", t->token}, {"id", t->info.id}}.dump() << "\n";
  } else {
    io.out << "Mã API số " << t->info.id << " (" << service::role_label_vi(t->info.role)
           << "), chỉ hiện một lần:\n"
           << t->token << "\nDùng: Authorization: Bearer <mã>\n";
  }
  return cli::kExitOk;
}

int run_list(const cli::Args& args, cli::Io& io) {
  if (!args.positional.empty()) return cli::bad_input(io, "token list không nhận tham số");
  Database db(cli::db_path(args), Database::Access::read_only);
  std::int64_t commune = 0;
  if (args.option("commune")) {
    auto c = cli::commune(args, io, db);
    if (!c) return cli::kExitBadInput;
    commune = c->key;
  }
  auto tokens = service::list_api_tokens(db, commune);
  auto arr = nlohmann::ordered_json::array();
  for (const auto& t : tokens) arr.push_back(token_json(db, t));
  if (args.json()) {
    io.out << nlohmann::ordered_json{{"tokens", arr}}.dump() << "\n";
    return cli::kExitOk;
  }
  io.out << tokens.size() << " mã API\n";
  for (const auto& t : tokens) {
    io.out << "  " << t.id << "  " << service::role_label_vi(t.role)
           << (t.body.empty() ? "" : " " + t.body) << "  "
           << (t.commune == 0 ? "cấp tỉnh" : commune_id(db, t.commune)) << "  " << t.label
           << (t.revoked_at ? "  (đã thu hồi)" : "") << "\n";
  }
  return cli::kExitOk;
}

int run_revoke(const cli::Args& args, cli::Io& io) {
  std::int64_t id = 0;
  const std::string* text = args.positional.size() == 1 ? &args.positional[0] : nullptr;
  auto [end, ec] = text ? std::from_chars(text->data(), text->data() + text->size(), id)
                        : std::from_chars_result{nullptr, std::errc::invalid_argument};
  if (!text || ec != std::errc{} || end != text->data() + text->size() || id <= 0) {
    return cli::bad_input(io, "cách dùng: token revoke ID (ID: số của mã, xem token list)");
  }
  Database db(cli::db_path(args));
  auto t = service::revoke_api_token(db, id, io.clock.now(), "cli");
  if (!t) return cli::bad_input(io, "token revoke: " + t.error());
  if (args.json()) {
    io.out << token_json(db, *t).dump() << "\n";
  } else {
    io.out << "Đã thu hồi mã API số " << id << ".\n";
  }
  return cli::kExitOk;
}

const cli::Registration kAdd{"token add", "token add --role R [--body B] [--label L] [--json]",
                             &run_add};
const cli::Registration kList{"token list", "token list [--json]", &run_list};
const cli::Registration kRevoke{"token revoke", "token revoke ID [--json]", &run_revoke};

}  // namespace
}  // namespace dondoc::app
