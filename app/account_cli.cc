#include "app/account_cli.h"

#include <openssl/rand.h>

#include "service/bodies.h"
#include "storage/commune_store.h"

namespace dondoc::app {

std::optional<AccountScope> account_scope(const cli::Args& args, cli::Io& io, Database& db,
                                          const std::string& what) {
  auto role_text = args.option("role");
  auto role = role_text ? service::role_from_string(*role_text) : std::nullopt;
  if (!role) {
    cli::bad_input(io, what +
                           ": --role phải là một trong admin, secretariat, leader, head, "
                           "province_admin, province_viewer");
    return std::nullopt;
  }
  AccountScope out{*role, "", 0};
  auto body = args.option("body");
  bool province = *role == service::Role::province_admin || *role == service::Role::province_viewer;
  if (province) {
    if (args.option("commune")) {
      cli::bad_input(io, what + ": vai trò cấp tỉnh không thuộc xã nào: bỏ --commune");
      return std::nullopt;
    }
    if (body) {
      cli::bad_input(io, what + ": chỉ vai trò head mới có --body");
      return std::nullopt;
    }
    return out;
  }
  auto c = cli::commune(args, io, db);
  if (!c) return std::nullopt;
  out.commune = c->key;
  if (*role != service::Role::head && body) {
    cli::bad_input(io, what + ": chỉ vai trò head mới có --body");
    return std::nullopt;
  }
  if (*role == service::Role::head) {
    if (!body || body->empty()) {
      cli::bad_input(io, what + ": vai trò head cần --body <cơ quan>");
      return std::nullopt;
    }
    CommuneScope scope(db, c->key);
    auto id = service::body_id(db, *body);
    if (!id) {
      cli::bad_input(io, what + ": --body: " + id.error());
      return std::nullopt;
    }
    out.body = *id;
  }
  return out;
}

std::string commune_id(Database& db, std::int64_t key) {
  if (key == 0) return "";
  auto c = commune_by_key(db, key);
  return c ? c->id : std::to_string(key);
}

service::RandomBytes system_random() {
  return [](std::vector<std::uint8_t>& bytes) {
    return RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) == 1;
  };
}

}  // namespace dondoc::app
