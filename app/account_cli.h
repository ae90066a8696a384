// Shared by `dondoc user` and `dondoc token` (app/cmd_user.cc, app/cmd_token.cc): the --role,
// --body and commune an account or token is for, checked before anything is stored, and the
// system's random bytes. Main thread only.
#pragma once

#include <optional>
#include <string>

#include "app/cli.h"
#include "service/accounts.h"

namespace dondoc::app {

struct AccountScope {
  service::Role role = service::Role::head;
  std::string body;          // the body's id (head only)
  std::int64_t commune = 0;  // 0 for a province role
};

// --role R [--body B] and the commune (--commune, or the only one; none for a province role).
// nullopt after printing why (exit 2): the message names the option. `what`: "user add", ...
std::optional<AccountScope> account_scope(const cli::Args& args, cli::Io& io, Database& db,
                                          const std::string& what);

// The commune's id for listings ("" for 0, the province).
std::string commune_id(Database& db, std::int64_t key);

// The system's random bytes (OpenSSL RAND_bytes), as the service layer takes them.
service::RandomBytes system_random();

}  // namespace dondoc::app
