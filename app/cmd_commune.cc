// `dondoc commune add|list|rename`: the communes (xã, phường, đặc khu) one database serves.
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
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
    Plan plan = load_plan(db);
    auto j = commune_json(c);
    j["bodies"] = plan.bodies.size();
    j["tasks"] = plan.tasks.size();
    arr.push_back(j);
    if (!args.json()) {
      io.out << "  " << c.id << "  " << c.name << "  (" << plan.bodies.size() << " cơ quan, "
             << plan.tasks.size() << " nhiệm vụ)\n";
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

const cli::Registration kAdd{"commune add", "commune add ID --name \"Xã ...\" [--json]", &run_add};
const cli::Registration kList{"commune list", "commune list [--json]", &run_list};
const cli::Registration kRename{
    "commune rename", "commune rename ID [--id MỚI] [--name \"Xã ...\"] [--json]", &run_rename};

}  // namespace
}  // namespace dondoc
