// `dondoc audit [--json] [--since ISO]`: the append-only audit trail.
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "storage/engine_store.h"

namespace dondoc {
namespace {

int run(const cli::Args& args, cli::Io& io) {
  std::optional<Instant> since;
  if (auto s = args.option("since")) {
    since = parse_instant(*s);
    if (!since) return cli::bad_input(io, "--since: thời điểm không hợp lệ \"" + *s + "\"");
  }
  Database db(cli::db_path(args), Database::Access::read_only);
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  auto rows = list_audit(db, since);
  if (!args.json()) {
    for (const auto& r : rows)
      io.out << r.at << "  " << r.kind << "  " << r.subject << "  (" << r.source << ")\n";
    return cli::kExitOk;
  }
  auto arr = nlohmann::ordered_json::array();
  for (const auto& r : rows) {
    auto detail = nlohmann::ordered_json::parse(r.detail, nullptr, false);
    if (detail.is_discarded()) detail = r.detail;
    arr.push_back({{"at", r.at},
                   {"kind", r.kind},
                   {"subject", r.subject},
                   {"source", r.source},
                   {"detail", detail}});
  }
  io.out << nlohmann::ordered_json{{"entries", arr}}.dump() << "\n";
  return cli::kExitOk;
}

const cli::Registration kReg{"audit", "audit [--json] [--since ISO]", &run};

}  // namespace
}  // namespace dondoc
