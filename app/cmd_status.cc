// `dondoc status [--json] [--body B] [--overdue] [--now ISO]`: every obligation in the engine's
// window with its recorded status (continuous tasks first, with no due date); overdue is computed
// at
// --now (default: the clock).
#include <chrono>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "engine/scheduler.h"
#include "storage/engine_store.h"

namespace dondoc {
namespace {

nlohmann::ordered_json or_null(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}

int run(const cli::Args& args, cli::Io& io) {
  Instant now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  if (auto n = args.option("now")) {
    auto t = parse_instant(*n);
    if (!t) return cli::bad_input(io, "--now: thời điểm không hợp lệ \"" + *n + "\"");
    now = *t;
  }
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
  for (const auto& o : all) {
    if (!body.empty() && o.body != body) continue;
    ObligationState s;
    if (auto it = st->obligations.find(o.id); it != st->obligations.end()) s = it->second;
    bool overdue = o.dated && is_overdue(s, o.due, now);
    if (args.flag("overdue") && !overdue) continue;
    arr.push_back(
        {{"task", or_null(o.task)},
         {"body", o.body},
         {"role", to_string(o.role)},
         {"cycle", or_null(o.cycle)},
         {"period", or_null(o.period)},
         {"status", to_string(s.status)},
         {"percent", s.percent},
         {"due", o.dated ? nlohmann::ordered_json(format_date(effective_due(s, o.due)))
                         : nlohmann::ordered_json(nullptr)},
         {"overdue", overdue},
         {"last_reply", s.last_reply ? nlohmann::ordered_json(format_instant(*s.last_reply))
                                     : nlohmann::ordered_json(nullptr)}});
  }
  if (args.json()) {
    io.out << nlohmann::ordered_json{{"obligations", arr}}.dump() << "\n";
    return cli::kExitOk;
  }
  io.out << "Nhiệm vụ | Cơ quan | Vai trò | Chu kỳ | Kỳ | Trạng thái | Hạn | Quá hạn\n";
  for (const auto& j : arr) {
    io.out << (j["task"].is_null() ? "-" : j["task"].get<std::string>()) << " | "
           << j["body"].get<std::string>() << " | " << j["role"].get<std::string>() << " | "
           << (j["cycle"].is_null() ? "-" : j["cycle"].get<std::string>()) << " | "
           << (j["period"].is_null() ? "-" : j["period"].get<std::string>()) << " | "
           << j["status"].get<std::string>() << " | "
           << (j["due"].is_null() ? "thường xuyên" : j["due"].get<std::string>()) << " | "
           << (j["overdue"].get<bool>() ? "quá hạn" : "") << "\n";
  }
  return cli::kExitOk;
}

const cli::Registration kReg{"status", "status [--json] [--body B] [--overdue] [--now ISO]", &run};

}  // namespace
}  // namespace dondoc
