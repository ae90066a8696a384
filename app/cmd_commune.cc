// `dondoc commune add|list|rename`: the communes (xã, phường, đặc khu) one database serves.
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "service/commune_bots.h"
#include "service/communes.h"
#include "storage/commune_store.h"
#include "storage/plan_store.h"

namespace dondoc {
namespace {

nlohmann::ordered_json commune_json(const Commune& c) {
  return {{"id", c.id}, {"name", c.name}, {"created_at", c.created_at}};
}

int run_add(const cli::Args& args, cli::Io& io) {
  if (args.positional.size() != 1) {
    return cli::bad_input(io, "cách dùng: commune add ID --name \"Xã ...\"");
  }
  Database db(cli::db_path(args));
  auto c = service::add_commune(db, args.positional[0], args.option("name").value_or(""),
                                io.clock.now(), "cli");
  if (!c) return cli::bad_input(io, "commune add: " + c.error());
  if (args.json()) {
    io.out << commune_json(*c).dump() << "\n";
  } else {
    io.out << "Đã thêm " << c->id << " (" << c->name << "). Tiếp theo: dondoc --commune " << c->id
           << " import plan FILE.json, hoặc dondoc --commune " << c->id << " init --demo\n";
  }
  return cli::kExitOk;
}

int run_list(const cli::Args& args, cli::Io& io) {
  if (!args.positional.empty()) return cli::bad_input(io, "commune list không nhận tham số");
  Database db(cli::db_path(args));
  auto communes = list_communes(db);
  auto arr = nlohmann::ordered_json::array();
  if (!args.json()) io.out << communes.size() << " xã\n";
  for (const auto& c : communes) {
    CommuneScope scope(db, c.key);
    PlanCounts n = count_plan(db);
    auto j = commune_json(c);
    j["bodies"] = n.bodies;
    j["tasks"] = n.tasks;
    std::string bots;
    auto jb = nlohmann::ordered_json::array();
    for (const auto& b : service::commune_bots_of(c)) {
      bots += (bots.empty() ? "; bot riêng: " : ", ") + b.channel;
      jb.push_back(b.channel);
    }
    j["bots"] = jb;
    arr.push_back(j);
    if (!args.json()) {
      io.out << "  " << c.id << "  " << c.name << "  (" << n.bodies << " cơ quan, " << n.tasks
             << " nhiệm vụ" << bots << ")\n";
    }
  }
  if (args.json()) io.out << nlohmann::ordered_json{{"communes", arr}}.dump() << "\n";
  return cli::kExitOk;
}

int run_rename(const cli::Args& args, cli::Io& io) {
  if (args.positional.size() != 1 || (!args.option("id") && !args.option("name"))) {
    return cli::bad_input(io, "cách dùng: commune rename ID [--id MỚI] [--name \"Xã ...\"]");
  }
  Database db(cli::db_path(args));
  auto c = service::rename_commune(db, args.positional[0], args.option("id").value_or(""),
                                   args.option("name").value_or(""), io.clock.now());
  if (!c) return cli::bad_input(io, "commune rename: " + c.error());
  if (args.json()) {
    io.out << commune_json(*c).dump() << "\n";
  } else {
    io.out << "Đã đổi thành " << c->id << " (" << c->name << ").\n";
  }
  return cli::kExitOk;
}

// `commune set ID --telegram-token-env VAR [--telegram-secret-env VAR] [--telegram-mode webhook]`
// (or -file PATH for either, zalo- likewise; --no-telegram removes it). Only where the secrets are
// is stored; serve reads them at start.
int run_set(const cli::Args& args, cli::Io& io) {
  const std::string usage =
      "cách dùng: commune set ID (--telegram-token-env BIẾN | --telegram-token-file TỆP) "
      "[--telegram-secret-env BIẾN | --telegram-secret-file TỆP] [--telegram-mode polling|webhook] "
      "[--telegram-api-base URL] | --no-telegram (zalo- tương tự)";
  if (args.positional.size() != 1) return cli::bad_input(io, usage);
  Database db(cli::db_path(args));
  bool changed = false;
  for (std::string ch : {"telegram", "zalo"}) {
    auto opt = [&](const char* what) { return args.option(ch + "-" + what).value_or(""); };
    if (args.flag("no-" + ch)) {
      auto r = service::clear_commune_bot(db, args.positional[0], ch, io.clock.now());
      if (!r) return cli::bad_input(io, "commune set: " + r.error());
      io.out << (*r ? "Đã bỏ bot " + ch + " riêng của xã " : "Xã không có bot " + ch + " riêng: ")
             << args.positional[0] << ".\n";
      changed = true;
      continue;
    }
    if (opt("token-env").empty() && opt("token-file").empty()) continue;
    service::CommuneBot b;
    b.channel = ch;
    b.token_env = opt("token-env");
    b.token_file = opt("token-file");
    b.secret_env = opt("secret-env");
    b.secret_file = opt("secret-file");
    b.mode = args.option(ch + "-mode").value_or("polling");
    b.api_base = opt("api-base");
    auto r = service::set_commune_bot(db, args.positional[0], b, io.clock.now());
    if (!r) return cli::bad_input(io, "commune set: " + r.error());
    io.out << "Xã " << r->commune_id << " có bot " << ch << " riêng (" << r->mode
           << "); token đọc từ "
           << (b.token_env.empty() ? "tệp " + b.token_file : "biến môi trường " + b.token_env)
           << " khi serve khởi động.\n";
    changed = true;
  }
  return changed ? cli::kExitOk : cli::bad_input(io, usage);
}

const cli::Registration kAdd{"commune add", "commune add ID --name \"Xã ...\" [--json]", &run_add};
const cli::Registration kList{"commune list", "commune list [--json]", &run_list};
const cli::Registration kSet{
    "commune set",
    "commune set ID (--telegram-token-env VAR | --telegram-token-file FILE) [--telegram-secret-env "
    "VAR | --telegram-secret-file FILE] [--telegram-mode polling|webhook] | --no-telegram (zalo- "
    "likewise)",
    &run_set,
    {"telegram-api-base", "zalo-token-env", "zalo-token-file", "zalo-secret-env",
     "zalo-secret-file", "zalo-mode", "zalo-api-base", "no-zalo"}};
const cli::Registration kRename{
    "commune rename", "commune rename ID [--id MỚI] [--name \"Xã ...\"] [--json]", &run_rename};

}  // namespace
}  // namespace dondoc
