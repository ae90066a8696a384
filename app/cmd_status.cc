// `dondoc status [--json] [--body B] [--overdue] [--now ISO]`: every obligation in the engine's
// window with its recorded status (continuous tasks first, with no due date); overdue is computed
// at --now (default: the clock). Without --json, a Vietnamese table with names, not ids.
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "service/bodies.h"
#include "service/status.h"

namespace dondoc {
namespace {

nlohmann::ordered_json or_null(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}

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

nlohmann::ordered_json row_json(const service::StatusRow& r) {
  const Obligation& o = r.obligation;
  const ObligationState& s = r.state;
  return {{"task", or_null(o.task)},
          {"body", o.body},
          {"role", to_string(o.role)},
          {"cycle", or_null(o.cycle)},
          {"period", or_null(o.period)},
          {"status", to_string(s.status)},
          {"percent", s.percent},
          {"due",
           r.due ? nlohmann::ordered_json(format_date(*r.due)) : nlohmann::ordered_json(nullptr)},
          {"overdue", r.overdue},
          {"last_reply", s.last_reply ? nlohmann::ordered_json(format_instant(*s.last_reply))
                                      : nlohmann::ordered_json(nullptr)}};
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
  if (args.json()) {
    auto arr = nlohmann::ordered_json::array();
    for (const auto& r : view->rows) arr.push_back(row_json(r));
    io.out << nlohmann::ordered_json{{"obligations", arr}}.dump() << "\n";
    return cli::kExitOk;
  }
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
