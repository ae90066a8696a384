// `dondoc --db F calendar import FILE`: official holiday overrides from JSON or ICS
// (docs/calendar.md) through service::import_calendar; every problem is printed as
// FILE:LINE:COL: message and nothing is stored (exit 2). Main thread only (libical's error state
// is global).
#include <chrono>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "app/cli.h"
#include "rules/overrides_file.h"
#include "service/import_calendar.h"

namespace dondoc {
namespace {

int print_errors(cli::Io& io, const std::string& file, const service::CalendarImport& r) {
  for (const auto& e : r.errors) io.err << format(e) << "\n";
  return cli::bad_input(io, file + ": " + std::to_string(r.errors.size()) +
                                " lỗi, không nạp ngày nào (nothing imported)");
}

int run_import(const cli::Args& args, cli::Io& io) {
  if (args.positional.size() != 1) {
    return cli::bad_input(io, "cách dùng: dondoc --db FILE calendar import HOLIDAYS.json|.ics");
  }
  const std::string& file = args.positional[0];
  std::string error;
  auto text = cli::read_file(file, kMaxOverrideFileBytes, error);
  if (!text) return cli::bad_input(io, error);
  const Instant now = io.clock.now();
  Database db(cli::db_path(args));
  // Official days off are the nation's, for every commune; --commune keeps them to one.
  std::optional<Commune> commune;
  if (args.option("commune")) {
    commune = cli::commune(args, io, db);
    if (!commune) return cli::kExitBadInput;
  }
  CommuneScope scope(db, commune ? commune->key : kNoCommune);
  auto r = service::import_calendar(db, file, *text, now);
  if (!r.ok()) return print_errors(io, file, r);
  if (args.json()) {
    io.out << nlohmann::json{{"imported", r.imported}}.dump() << "\n";
  } else {
    io.out << "Đã nạp " << r.imported << " ngày điều chỉnh lịch từ " << file
           << (commune ? " cho " + commune->name : std::string(" cho mọi xã")) << "\n";
  }
  return cli::kExitOk;
}

const cli::Registration kImport{"calendar import", "calendar import FILE.json|FILE.ics [--json]",
                                &run_import};

}  // namespace
}  // namespace dondoc
