// `dondoc backup FILE`: a consistent copy of the whole database (every commune) while `serve` keeps
// running; restore by stopping serve and putting the copy in the database's place.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "storage/commune_store.h"

namespace dondoc {
namespace {

int run(const cli::Args& args, cli::Io& io) {
  if (args.positional.size() != 1) return cli::bad_input(io, "cách dùng: backup FILE");
  const std::string& target = args.positional[0];
  std::error_code ec;
  if (std::filesystem::exists(target, ec)) {
    return cli::bad_input(io, "backup: " + target + " đã có; không ghi đè (chọn tên khác)");
  }
  std::string path = cli::db_path(args);
  if (!cli::database_exists(path)) {
    return cli::bad_input(io, "backup: không tìm thấy cơ sở dữ liệu " + path);
  }
  Database db(path);
  try {
    db.backup_to(target);
  } catch (const std::exception& e) {
    return cli::bad_input(io, "backup: không ghi được " + target + ": " + e.what());
  }
  auto bytes = std::filesystem::file_size(target, ec);
  auto communes = list_communes(db).size();
  if (args.json()) {
    io.out << nlohmann::json{{"file", target}, {"bytes", bytes}, {"communes", communes}}.dump()
           << "\n";
  } else {
    io.out << "Đã sao lưu " << path << " (" << communes << " xã, " << bytes << " byte) vào "
           << target << "\n";
  }
  return cli::kExitOk;
}

const cli::Registration kReg{"backup", "backup FILE [--json]  (sao lưu khi đang chạy)", &run};

}  // namespace
}  // namespace dondoc
