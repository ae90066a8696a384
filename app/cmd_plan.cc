// `dondoc tasks [--json]`, `dondoc bodies [--json]`: the stored plan, as JSON or as a readable
// Vietnamese table; `dondoc init [--demo] [--force]`: a fresh database, with the demo plan and
// rules compiled into the binary.
#include <chrono>
#include <ostream>

#include "app/cli.h"
#include "app/demo_data.h"
#include "engine/plan_import.h"
#include "engine/plan_json.h"
#include "rules/date.h"
#include "rules/text.h"
#include "service/communes.h"
#include "service/import_plan.h"
#include "service/import_rules.h"
#include "storage/plan_store.h"
#include "storage/rules_store.h"
#include "storage/tracking_reset.h"

namespace dondoc {
namespace {

// At most `width` code points of the whitespace-collapsed text, "…" when cut, padded to width.
std::string fit(std::string_view s, std::size_t width) {
  std::string t = text::collapse_space(s);
  std::size_t n = text::length(t);
  if (n > width) {
    t.resize(text::code_points_prefix_bytes(t, width - 1));
    while (!t.empty() && t.back() == ' ') t.pop_back();
    t += "…";
    n = text::length(t);
  }
  return t + std::string(width - n, ' ');
}

std::string names_of(const std::vector<std::string>& ids, const Plan& plan) {
  std::string out;
  for (const auto& id : ids) {
    const Body* b = plan.find_body(id);
    out += (out.empty() ? "" : "; ") + (b != nullptr ? b->name : id);
  }
  return out.empty() ? "-" : out;
}

std::string due_text(const Task& t) {
  std::string s = t.deadline_text;
  if (t.deadline.kind == DeadlineSpec::Kind::once && t.deadline.due) {
    s += " (" + format_date_vn(*t.deadline.due) + ")";
  }
  return s;
}

// Opens an existing database read-only; nullptr after a message when there is none.
std::unique_ptr<Database> open_existing(const cli::Args& args, cli::Io& io) {
  std::string path = cli::db_path(args);
  if (!cli::database_exists(path)) {
    cli::bad_input(io, "chưa có cơ sở dữ liệu " + path + "; hãy chạy: dondoc --db " + path +
                           " init --demo, hoặc dondoc import");
    return nullptr;
  }
  return std::make_unique<Database>(path, Database::Access::read_only);
}

// open_existing() on the command's commune (cli::commune); nullptr after saying why not.
struct CommuneDb {
  std::unique_ptr<Database> db;
  std::unique_ptr<CommuneScope> scope;  // after db: ends first
};
std::optional<CommuneDb> open_commune(const cli::Args& args, cli::Io& io) {
  CommuneDb out{open_existing(args, io), nullptr};
  if (!out.db) return std::nullopt;
  auto commune = cli::commune(args, io, *out.db);
  if (!commune) return std::nullopt;
  out.scope = std::make_unique<CommuneScope>(*out.db, commune->key);
  return out;
}

void print_tasks_table(const Plan& plan, std::ostream& out) {
  out << "Kế hoạch có " << plan.tasks.size() << " nhiệm vụ.\n";
  std::string section = "\x01";
  for (const auto& t : plan.tasks) {
    if (t.section != section) {
      section = t.section;
      if (!section.empty()) out << "\n" << section << ". " << fit(t.section_title, 100) << "\n";
      out << "  " << fit("TT", 5) << fit("Nhiệm vụ", 52) << "  " << fit("Chủ trì", 30) << "  Hạn\n";
    }
    out << "  " << fit(t.id, 5) << fit(t.title, 52) << "  " << fit(names_of(t.lead, plan), 30)
        << "  " << due_text(t) << "\n";
  }
}

int show_tasks(const cli::Args& args, cli::Io& io) {
  auto opened = open_commune(args, io);
  if (!opened) return cli::kExitBadInput;
  Plan plan = load_plan(*opened->db);
  if (args.json()) {
    io.out << tasks_to_json(plan.tasks).dump(2) << "\n";
  } else {
    print_tasks_table(plan, io.out);
  }
  return cli::kExitOk;
}

std::string_view kind_vn(Body::Kind k) {
  switch (k) {
    case Body::Kind::unit:
      return "đơn vị";
    case Body::Kind::group:
      return "nhóm";
    case Body::Kind::person:
      return "cá nhân";
    case Body::Kind::committee:
      return "tập thể";
  }
  return "";
}

int show_bodies(const cli::Args& args, cli::Io& io) {
  auto opened = open_commune(args, io);
  if (!opened) return cli::kExitBadInput;
  Plan plan = load_plan(*opened->db);
  if (args.json()) {
    io.out << bodies_to_json(plan.bodies).dump(2) << "\n";
    return cli::kExitOk;
  }
  io.out << plan.bodies.size() << " cơ quan.\n  " << fit("Mã", 14) << fit("Tên", 40) << "  "
         << fit("Loại", 9) << "Thành viên / Phụ trách\n";
  for (const auto& b : plan.bodies) {
    std::string extra = b.members.empty() ? "" : "gồm " + names_of(b.members, plan);
    if (!b.leader.empty())
      extra += (extra.empty() ? "" : "; ") + ("phụ trách: " + names_of({b.leader}, plan));
    io.out << "  " << fit(b.id, 14) << fit(b.name, 40) << "  " << fit(kind_vn(b.kind), 9) << extra
           << "\n";
  }
  return cli::kExitOk;
}

// The commune `init --demo` fills when the database has none and --commune names none.
constexpr const char* kDemoCommuneId = "truong_giang";
constexpr const char* kDemoCommuneName = "Xã Trường Giang";

// The demo plan compiled into the binary. Its problems are our bug: exit 1.
std::optional<Plan> demo_plan(cli::Io& io) {
  auto r = import_plan_json(embedded_file("plan.json"), {});
  if (r.problems.empty() && !r.plan.tasks.empty()) return r.plan;
  for (const auto& p : r.problems)
    io.err << "plan.json (nhúng):" << p.line << ": " << p.message << "\n";
  io.err << "dondoc: lỗi nội bộ: kế hoạch mẫu nhúng trong chương trình không hợp lệ\n";
  return std::nullopt;
}

// Loads the embedded rules as the active rules: for the demo as written, else made to fit the
// plan (service/default_rules.h). False after printing why not.
bool load_init_rules(Database& db, cli::Io& io, bool demo, Instant now, bool& loaded) {
  std::string_view text = embedded_file("rules.jsonc");
  loaded = false;
  if (text.empty()) return true;
  std::vector<InputError> errors;
  if (demo) {
    errors = service::import_rules(db, text, "rules.jsonc (mẫu)", now).errors;
  } else {
    errors = service::load_default_rules(db, text, now);
  }
  for (const auto& d : errors) {
    io.err << "rules.jsonc (nhúng):" << d.line << ":" << d.col << ": " << d.message << "\n";
  }
  loaded = errors.empty();
  return errors.empty();
}

int init(const cli::Args& args, cli::Io& io) {
  std::string path = cli::db_path(args);
  Database db(path);
  Instant now = io.clock.now();
  bool demo = args.flag("demo");
  WriteTransaction tx(db);  // commune, reset, plan and rules together, or nothing
  // A new commune is named by --name, else after its id; the first one without --commune is the
  // demo's commune (or "xa", "Xã" for an empty start).
  std::string name = args.option("name").value_or("");
  if (!args.option("commune") && name.empty()) name = demo ? kDemoCommuneName : "Xã";
  auto commune = service::commune_to_fill(db, args.option("commune"), name,
                                          demo ? kDemoCommuneId : "xa", now, "init");
  if (!commune) return cli::bad_input(io, commune.error());
  CommuneScope scope(db, commune->key);
  if (!plan_is_empty(db) && !args.flag("force")) {
    Plan old = load_plan(db);
    return cli::bad_input(io, "cơ sở dữ liệu " + path + " đã có kế hoạch cho " + commune->name +
                                  " (" + std::to_string(old.bodies.size()) + " cơ quan, " +
                                  std::to_string(old.tasks.size()) +
                                  " nhiệm vụ); không thay đổi gì. Dùng --force để thay thế.");
  }
  if (args.flag("force")) {
    // A fresh start: what was tracked for the old plan must not stick to new tasks with old ids.
    auto rows = reset_tracking(db);
    db.audit("tracking_reset", "", "init --force", "{\"rows\":" + std::to_string(rows) + "}",
             format_instant(now));
    if (rows > 0) io.out << "Đã xóa trạng thái theo dõi của kế hoạch cũ (" << rows << " dòng).\n";
  }
  std::optional<Plan> plan = demo ? demo_plan(io) : Plan{};
  if (!plan) return cli::kExitInternal;
  PlanSaveCounts c;
  if (demo || args.flag("force")) {
    c = service::replace_plan_at(db, *plan, demo ? "demo" : "init", demo ? "plan.json (mẫu)" : "",
                                 now);
  }
  bool rules_loaded = false;
  if (!load_init_rules(db, io, demo, now, rules_loaded)) return cli::kExitInternal;
  tx.commit();
  if (!demo) {
    io.out << "Đã tạo " << commune->id << " (" << commune->name << ") trong " << path
           << (rules_loaded ? " với quy tắc mặc định (áp theo kế hoạch khi nhập)" : "") << "\n";
    return cli::kExitOk;
  }
  io.out << "Đã nạp kế hoạch mẫu (xã Trường Giang) cho " << commune->id << " (" << commune->name
         << ") trong " << path << ": " << c.bodies.total() << " cơ quan, " << c.tasks.total()
         << " nhiệm vụ, " << c.indicators.total() << " chỉ tiêu"
         << (rules_loaded ? ", quy tắc mặc định" : "") << "\n";
  return cli::kExitOk;
}

const cli::Registration kTasks{"tasks", "tasks [--json]", &show_tasks};
const cli::Registration kBodies{"bodies", "bodies [--json]", &show_bodies};
const cli::Registration kInit{"init", "init [--demo] [--force] [--name \"Xã ...\"]", &init};

}  // namespace
}  // namespace dondoc
