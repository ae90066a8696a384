// `dondoc import bodies|tasks|plan FILE [--issued YYYY-MM-DD]`: reads a plan file and hands it to
// service/import_plan, which checks every row and stores it in one transaction; or lists every
// problem as FILE:LINE[:COL]: message and changes nothing (exit 2).
#include <chrono>
#include <filesystem>
#include <ostream>

#include "app/cli.h"
#include "app/demo_data.h"
#include "rules/date.h"
#include "service/communes.h"
#include "service/import_plan.h"

namespace dondoc {
namespace {

constexpr std::size_t kMaxFileBytes = 10 * 1024 * 1024;

int report_problems(cli::Io& io, const std::vector<LineProblem>& problems, bool no_bodies_yet) {
  for (const LineProblem& p : problems) io.err << format(p) << "\n";
  if (no_bodies_yet) {
    io.err << "dondoc: cơ sở dữ liệu chưa có cơ quan nào; hãy nhập trước: dondoc import bodies "
              "FILE.csv\n";
  }
  io.err << "dondoc: " << problems.size()
         << " lỗi; không nhập gì, cơ sở dữ liệu giữ nguyên như trước.\n";
  return cli::kExitBadInput;
}

void remove_database(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path + suffix, ec);
  }
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

// `--issued YYYY-MM-DD`: the plan's date; nullopt when absent, false after a message when bad.
bool issued_option(const cli::Args& args, cli::Io& io, std::optional<Date>& out) {
  auto v = args.option("issued");
  if (!v) return true;
  out = parse_date(*v);
  if (!out) {
    cli::bad_input(io, "--issued " + *v + ": cần ngày ban hành dạng YYYY-MM-DD; không nhập gì.");
  }
  return out.has_value();
}

// Reads FILE, imports it through the service and prints what was stored; `what` says how.
int run_import(const cli::Args& args, cli::Io& io, service::PlanFile kind, const char* usage) {
  auto text = read_input(args, io, usage);
  if (!text) return cli::kExitBadInput;
  std::optional<Date> issued;
  if (kind != service::PlanFile::bodies && !issued_option(args, io, issued)) {
    return cli::kExitBadInput;
  }
  Instant now = io.clock.now();
  std::string path = cli::db_path(args);
  bool existed = cli::database_exists(path);
  service::PlanImportResult r;
  std::string scope_error;
  {
    Database db(path);
    WriteTransaction tx(db);  // a new commune only with its plan
    auto commune = service::commune_to_fill(
        db, args.option("commune"), args.option("name").value_or("Xã"), "xa", now, "import");
    if (!commune) {
      scope_error = commune.error();
    } else {
      CommuneScope scope(db, commune->key);
      r = service::import_plan_file(
          db, {kind, args.positional[0], *text, issued, embedded_file("rules.jsonc")}, now);
      if (r.ok()) tx.commit();
    }
  }
  if (!scope_error.empty()) {
    if (!existed) remove_database(path);
    return cli::bad_input(io, scope_error);
  }
  if (!r.ok()) {
    if (!existed) remove_database(path);  // a failed import leaves no file behind
    return report_problems(io, r.problems, r.no_bodies_yet);
  }
  const std::string& file = args.positional[0];
  const auto& c = r.counts;
  if (kind == service::PlanFile::bodies) {
    io.out << "Đã nhập " << c.bodies.total() << " cơ quan từ " << file << " " << counts(c.bodies);
  } else if (kind == service::PlanFile::tasks) {
    io.out << "Đã nhập " << c.tasks.total() << " nhiệm vụ từ " << file << " " << counts(c.tasks);
  } else {
    io.out << "Đã nhập kế hoạch từ " << file << ": " << c.bodies.total() << " cơ quan, "
           << c.tasks.total() << " nhiệm vụ, " << c.indicators.total() << " chỉ tiêu";
  }
  if (kind != service::PlanFile::bodies && r.issued) {
    io.out << "; ngày ban hành " << format_date_vn(*r.issued);
  }
  io.out << "\n";
  if (r.rules_remade) io.out << "Đã áp quy tắc mặc định theo các cơ quan của kế hoạch.\n";
  return cli::kExitOk;
}

int import_bodies(const cli::Args& args, cli::Io& io) {
  return run_import(args, io, service::PlanFile::bodies,
                    "import bodies FILE.csv [--name \"Xã ...\"]");
}

int import_tasks(const cli::Args& args, cli::Io& io) {
  return run_import(args, io, service::PlanFile::tasks,
                    "import tasks FILE.csv [--issued YYYY-MM-DD] [--name \"Xã ...\"]");
}

int import_plan(const cli::Args& args, cli::Io& io) {
  return run_import(args, io, service::PlanFile::plan,
                    "import plan FILE.json [--issued YYYY-MM-DD] [--name \"Xã ...\"]");
}

const cli::Registration kBodies{"import bodies", "import bodies FILE.csv [--name \"Xã ...\"]",
                                &import_bodies};
const cli::Registration kTasks{"import tasks",
                               "import tasks FILE.csv [--issued YYYY-MM-DD] [--name \"Xã ...\"]",
                               &import_tasks};
const cli::Registration kPlan{
    "import plan", "import plan FILE.json [--issued YYYY-MM-DD] [--name \"Xã ...\"]", &import_plan};

}  // namespace
}  // namespace dondoc
