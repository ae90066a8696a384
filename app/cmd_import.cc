// `dondoc import bodies|tasks|plan FILE`: reads a plan file, checks every row, and stores it in
// one transaction, or lists every problem as FILE:LINE[:COL]: message and changes nothing (exit 2).
#include <chrono>
#include <filesystem>
#include <ostream>

#include "app/cli.h"
#include "engine/plan_import.h"
#include "rules/date.h"
#include "storage/plan_store.h"

namespace dondoc {
namespace {

constexpr std::size_t kMaxFileBytes = 10 * 1024 * 1024;

std::string now_iso() {
  return format_instant(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

int report_problems(cli::Io& io, const std::string& file, const std::vector<LineProblem>& problems,
                    bool no_bodies_yet) {
  for (LineProblem p : problems) {
    p.file = file;
    io.err << format(p) << "\n";
  }
  if (no_bodies_yet) {
    io.err << "dondoc: cơ sở dữ liệu chưa có cơ quan nào; hãy nhập trước: dondoc import bodies "
              "FILE.csv\n";
  }
  io.err << "dondoc: " << problems.size()
         << " lỗi; không nhập gì, cơ sở dữ liệu giữ nguyên như trước.\n";
  return cli::kExitBadInput;
}

// The stored bodies, without creating the database file when it does not exist yet.
std::vector<Body> stored_bodies(const std::string& db_path) {
  if (!std::filesystem::exists(db_path)) return {};
  Database db(db_path);
  return load_bodies(db);
}

// Reads the one FILE argument; nullopt after printing the reason.
std::optional<std::string> read_input(const cli::Args& args, cli::Io& io, const char* usage) {
  if (args.positional.size() != 1) {
    cli::bad_input(io, std::string("cách dùng: dondoc ") + usage);
    return std::nullopt;
  }
  std::string error;
  auto text = cli::read_file(args.positional[0], kMaxFileBytes, error);
  if (!text) cli::bad_input(io, error + "; không nhập gì, cơ sở dữ liệu giữ nguyên như trước.");
  return text;
}

std::string counts(const SaveCounts& c) {
  return "(" + std::to_string(c.inserted) + " mới, " + std::to_string(c.updated) + " cập nhật)";
}

int import_bodies(const cli::Args& args, cli::Io& io) {
  auto text = read_input(args, io, "import bodies FILE.csv");
  if (!text) return cli::kExitBadInput;
  const std::string& file = args.positional[0];
  std::string path = cli::db_path(args);
  auto r = import_bodies_csv(*text, stored_bodies(path));
  if (!r.problems.empty()) return report_problems(io, file, r.problems, false);
  Database db(path);
  auto c = save_bodies(db, r.bodies, {"bodies", file, now_iso()});
  io.out << "Đã nhập " << c.total() << " cơ quan từ " << file << " " << counts(c) << "\n";
  return cli::kExitOk;
}

int import_tasks(const cli::Args& args, cli::Io& io) {
  auto text = read_input(args, io, "import tasks FILE.csv");
  if (!text) return cli::kExitBadInput;
  const std::string& file = args.positional[0];
  std::string path = cli::db_path(args);
  auto bodies = stored_bodies(path);
  auto r = import_tasks_csv(*text, bodies);
  if (!r.problems.empty()) return report_problems(io, file, r.problems, bodies.empty());
  Database db(path);
  auto c = save_tasks(db, r.tasks, {"tasks", file, now_iso()});
  io.out << "Đã nhập " << c.total() << " nhiệm vụ từ " << file << " " << counts(c) << "\n";
  return cli::kExitOk;
}

int import_plan(const cli::Args& args, cli::Io& io) {
  auto text = read_input(args, io, "import plan FILE.json");
  if (!text) return cli::kExitBadInput;
  const std::string& file = args.positional[0];
  std::string path = cli::db_path(args);
  auto r = import_plan_json(*text, stored_bodies(path));
  if (!r.problems.empty()) return report_problems(io, file, r.problems, false);
  Database db(path);
  auto c = save_plan(db, r.plan, {"plan", file, now_iso()});
  io.out << "Đã nhập kế hoạch từ " << file << ": " << c.bodies.total() << " cơ quan, "
         << c.tasks.total() << " nhiệm vụ, " << c.indicators.total() << " chỉ tiêu\n";
  return cli::kExitOk;
}

const cli::Registration kBodies{"import bodies", "import bodies FILE.csv", &import_bodies};
const cli::Registration kTasks{"import tasks", "import tasks FILE.csv", &import_tasks};
const cli::Registration kPlan{"import plan", "import plan FILE.json", &import_plan};

}  // namespace
}  // namespace dondoc
