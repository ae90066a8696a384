// `dondoc status [--json] [--body B] [--overdue] [--now ISO]`: every obligation in the engine's
// window with its recorded status (continuous tasks first, with no due date); overdue is computed
// at --now (default: the clock). Without --json, a Vietnamese table with names, not ids; with it,
// also the "summary" counts (service/dashboard_json.h), the same as GET /api/v1/summary.
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "service/bodies.h"
#include "service/dashboard.h"
#include "service/dashboard_json.h"
#include "service/status.h"

namespace dondoc {
namespace {

// "- Nhiệm vụ 2: Hoàn thành xây dựng… | Phòng Văn hóa - Xã hội (chủ trì) | đang thực hiện 60% |
// hạn 30/09/2025 | QUÁ HẠN".
std::string table_row(const service::StatusRow& r) {
  const Obligation& o = r.obligation;
  std::string row = "- " + r.label + " | " + r.body_name;
  if (!o.task.empty()) {
    row += o.role == Assignee::Role::lead ? " (chủ trì)" : " (phối hợp)";
  }
  row += " | " + r.status;
  row += r.due ? " | hạn " + format_date_vn(*r.due) : " | thường xuyên";
  if (r.overdue) row += " | QUÁ HẠN";
  return row + "\n";
}

// The summary of what the query covers: the whole commune, or the one body of --body.
int print_json(Database& db, Instant now, const service::StatusQuery& q,
               const service::StatusView& view, cli::Io& io) {
  service::Viewer v;
  v.name = "cli";
  v.commune = db.commune();
  v.role = q.body.empty() ? service::Role::admin : service::Role::head;
  v.body = q.body;
  auto summary = service::summary(db, now, v);
  if (!summary) return cli::bad_input(io, summary.error());
  auto arr = nlohmann::ordered_json::array();
  for (const auto& r : view.rows) arr.push_back(service::obligation_json(r));
  io.out << nlohmann::ordered_json{{"obligations", arr},
                                   {"summary", service::summary_json(*summary)}}
                .dump()
         << "\n";
  return cli::kExitOk;
}

int run(const cli::Args& args, cli::Io& io) {
  std::string error;
  auto now = cli::now(args, io, error);
  if (!now) return cli::bad_input(io, error);
  Database db(cli::db_path(args), Database::Access::read_only);
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  service::StatusQuery q{args.option("body").value_or(""), args.flag("overdue"), false};
  if (!q.body.empty()) {
    auto id = service::body_id(db, q.body);
    if (!id) return cli::bad_input(io, "--body: " + id.error());
    q.body = *id;
  }
  auto view = service::plan_status(db, *now, q);
  if (!view) return cli::bad_input(io, "--body: " + view.error());
  if (args.json()) return print_json(db, *now, q, *view, io);
  if (view->rows.empty()) {
    io.out << (q.overdue_only ? "Không có nội dung nào quá hạn.\n"
                              : "Không có nghĩa vụ nào trong kế hoạch.\n");
    return cli::kExitOk;
  }
  io.out << "Tình hình thực hiện ngày " << format_date_vn(local_date(*now)) << " ("
         << view->rows.size() << " nội dung)\n";
  for (const auto& r : view->rows) io.out << table_row(r);
  return cli::kExitOk;
}

const cli::Registration kReg{"status", "status [--json] [--body B] [--overdue] [--now ISO]", &run};

}  // namespace
}  // namespace dondoc
