// `dondoc migrate --from FILE.db --to postgresql://…`: moves a deployment from its SQLite file to
// a PostgreSQL server (issue 17 §3), all or nothing; the file is only read.
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "service/migrate_database.h"

namespace dondoc {
namespace {

int run(const cli::Args& args, cli::Io& io) {
  auto from = args.option("from");
  auto to = args.option("to");
  if (!from || !to || !args.positional.empty()) {
    return cli::bad_input(io, "cách dùng: migrate --from FILE.db --to postgresql://USER@HOST/DB");
  }
  auto moved = service::migrate_database(*from, *to);
  if (!moved) return cli::bad_input(io, "migrate: " + moved.error());
  if (args.json()) {
    nlohmann::ordered_json tables = nlohmann::ordered_json::object();
    for (const auto& [table, rows] : moved->tables) tables[table] = rows;
    io.out << nlohmann::ordered_json{{"from", moved->from},
                                     {"to", moved->to},
                                     {"rows", moved->rows},
                                     {"tables", tables}}
                  .dump()
           << "\n";
  } else {
    io.out << "Đã chép " << moved->rows << " dòng (" << moved->tables.size() << " bảng) từ "
           << moved->from << " sang " << moved->to << ". Từ nay chạy dondoc với --db " << moved->to
           << " (hoặc DONDOC_DB).\n";
  }
  return cli::kExitOk;
}

const cli::Registration kReg{"migrate",
                             "migrate --from FILE.db --to postgresql://… [--json]  (chuyển sang "
                             "PostgreSQL)",
                             &run};

}  // namespace
}  // namespace dondoc
