// `dondoc tick --now ISO [--json]`: one scheduler tick at that time, committed in one transaction.
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "service/tick.h"

namespace dondoc {
namespace {

int run(const cli::Args& args, cli::Io& io) {
  std::string error;
  auto now = cli::now(args, io, error);
  if (!now) return cli::bad_input(io, error);
  Database db(cli::db_path(args));
  auto r = service::tick(db, FixedClock(*now));
  if (!r) return cli::bad_input(io, r.error());
  std::map<std::string, int> by_kind;
  for (const auto& m : r->messages) ++by_kind[std::string(to_string(m.kind))];
  if (args.json()) {
    nlohmann::ordered_json j = {{"queued", r->queued}, {"by_kind", by_kind}};
    io.out << j.dump() << "\n";
  } else {
    io.out << "Đã xếp hàng " << r->queued << " tin nhắn lúc " << format_instant(*now) << ".\n";
    for (const auto& [k, n] : by_kind) io.out << "  " << k << ": " << n << "\n";
  }
  return cli::kExitOk;
}

const cli::Registration kReg{"tick", "tick --now ISO [--json]  (một lượt nhắc việc)", &run};

}  // namespace
}  // namespace dondoc
