// `dondoc status [--json] [--body B] [--overdue] [--now ISO]`: every obligation in the engine's
// window with its recorded status (continuous tasks first, with no due date); overdue is computed
// at --now (default: the clock). Without --json, a Vietnamese table with names, not ids.
#include <chrono>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "engine/messages_vi.h"
#include "engine/plan_index.h"
#include "engine/scheduler.h"
#include "storage/engine_store.h"

namespace dondoc {
namespace {

nlohmann::ordered_json or_null(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}

// "- Nhiệm vụ 2: Hoàn thành xây dựng… | Phòng Văn hóa - Xã hội (chủ trì) | đang thực hiện 60% |
// hạn 30/09/2025 | QUÁ HẠN".
std::string table_row(const Obligation& o, const ObligationState& s, Date due, bool overdue,
                      const PlanIndex& index, const Rules& rules) {
  const Body* b = index.body(o.body);
  std::string row = "- " + vi::short_label(o, index, rules) + " | " + (b ? b->name : o.body);
  if (!o.task.empty()) {
    row += o.role == Assignee::Role::lead ? " (chủ trì)" : " (phối hợp)";
  }
  row += " | " + vi::status_phrase(s, o.dated ? std::optional<Date>(due) : std::nullopt);
  row += o.dated ? " | hạn " + format_date_vn(due) : " | thường xuyên";
  if (overdue) row += " | QUÁ HẠN";
  return row + "\n";
}

int run(const cli::Args& args, cli::Io& io) {
  std::string error;
  auto at = cli::now(args, io, error);
  if (!at) return cli::bad_input(io, error);
  Instant now = *at;
  std::string body = args.option("body").value_or("");
  Database db(cli::db_path(args));
  SqliteEngineStore store(db);
  auto st = store.load();
  if (!st) return cli::bad_input(io, st.error());
  if (!body.empty() && !st->plan.find_body(body)) {
    return cli::bad_input(io, "--body: không có cơ quan \"" + body + "\"");
  }
  auto all = compute_obligations(st->plan, st->rules, st->calendar, st->obligations,
                                 tick_window(*st, now));
  auto continuous = continuous_obligations(st->plan);  // no due date, never overdue
  all.insert(all.begin(), continuous.begin(), continuous.end());
  auto arr = nlohmann::ordered_json::array();
  PlanIndex index(st->plan);
  std::string table;
  for (const auto& o : all) {
    if (!body.empty() && o.body != body) continue;
    ObligationState s;
    if (auto it = st->obligations.find(o.id); it != st->obligations.end()) s = it->second;
    bool overdue = o.dated && is_overdue(s, o.due, now);
    if (args.flag("overdue") && !overdue) continue;
    Date due = effective_due(s, o.due);
    arr.push_back(
        {{"task", or_null(o.task)},
         {"body", o.body},
         {"role", to_string(o.role)},
         {"cycle", or_null(o.cycle)},
         {"period", or_null(o.period)},
         {"status", to_string(s.status)},
         {"percent", s.percent},
         {"due",
          o.dated ? nlohmann::ordered_json(format_date(due)) : nlohmann::ordered_json(nullptr)},
         {"overdue", overdue},
         {"last_reply", s.last_reply ? nlohmann::ordered_json(format_instant(*s.last_reply))
                                     : nlohmann::ordered_json(nullptr)}});
    if (!args.json()) table += table_row(o, s, due, overdue, index, st->rules);
  }
  if (args.json()) {
    io.out << nlohmann::ordered_json{{"obligations", arr}}.dump() << "\n";
    return cli::kExitOk;
  }
  if (arr.empty()) {
    io.out << (args.flag("overdue") ? "Không có nội dung nào quá hạn.\n"
                                    : "Không có nghĩa vụ nào trong kế hoạch.\n");
    return cli::kExitOk;
  }
  io.out << "Tình hình thực hiện ngày " << format_date_vn(local_date(now)) << " (" << arr.size()
         << " nội dung)\n"
         << table;
  return cli::kExitOk;
}

const cli::Registration kReg{"status", "status [--json] [--body B] [--overdue] [--now ISO]", &run};

}  // namespace
}  // namespace dondoc
