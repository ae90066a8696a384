// `dondoc province summary [--now ISO] [--json]`: every commune of the database ranked by on-time
// rate, with what is late or blocked, each cycle's reports sent, and the chats linked.
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "rules/text.h"
#include "service/province.h"

namespace dondoc {
namespace {

using nlohmann::ordered_json;

ordered_json rate_json(std::optional<double> r) {
  if (!r) return nullptr;
  return std::round(*r * 1000) / 1000;
}

ordered_json summary_json(const service::CommuneSummary& s) {
  ordered_json reports = ordered_json::object();
  for (const auto& [cycle, r] : s.reports) {
    std::optional<double> rate;
    if (r.due > 0) rate = static_cast<double>(r.submitted) / r.due;
    reports[cycle] = {{"due", r.due}, {"submitted", r.submitted}, {"rate", rate_json(rate)}};
  }
  ordered_json j = {{"id", s.commune.id},   {"name", s.commune.name},
                    {"rank", s.rank},       {"on_time_rate", rate_json(s.on_time_rate)},
                    {"due", s.due},         {"on_time", s.on_time},
                    {"overdue", s.overdue}, {"blocked", s.blocked},
                    {"reports", reports},   {"linked_chats", s.linked_chats}};
  if (!s.problem.empty()) j["problem"] = s.problem;
  return j;
}

std::string percent(std::optional<double> r) {
  if (!r) return "–";
  return std::to_string(static_cast<int>(std::lround(*r * 100))) + "%";
}

// The usual cycles by their Vietnamese names; a commune's own cycle by its rules' name.
std::string cycle_vn(const std::string& cycle) {
  static const std::map<std::string, std::string> kNames = {
      {"monthly", "tháng"}, {"quarterly", "quý"}, {"half_year", "6 tháng"}, {"annual", "năm"}};
  auto it = kNames.find(cycle);
  return it == kNames.end() ? cycle : it->second;
}

void print_text(const std::vector<service::CommuneSummary>& all, Instant now, std::ostream& out) {
  out << "Tình hình " << all.size() << " xã ngày " << format_date_vn(local_date(now))
      << " (xếp theo tỷ lệ đúng hạn)\n";
  for (const auto& s : all) {
    out << s.rank << ". " << s.commune.name << " (" << s.commune.id << "): ";
    if (!s.problem.empty()) {
      out << s.problem << "\n";
      continue;
    }
    out << "đúng hạn " << percent(s.on_time_rate) << " (" << s.on_time << "/" << s.due
        << "), quá hạn " << s.overdue << ", vướng mắc " << s.blocked;
    for (const auto& [cycle, r] : s.reports) {
      out << ", báo cáo " << cycle_vn(cycle) << " đã gửi " << r.submitted << "/" << r.due;
    }
    out << (s.linked_chats == 0 ? "; chưa có nhóm chat nào liên kết" : "") << "\n";
  }
}

int run_summary(const cli::Args& args, cli::Io& io) {
  std::string error;
  auto now = cli::now(args, io, error);
  if (!now) return cli::bad_input(io, error);
  Database db(cli::db_path(args));
  auto all = service::province_summary(db, *now);
  if (args.json()) {
    ordered_json arr = ordered_json::array();
    for (const auto& s : all) arr.push_back(summary_json(s));
    io.out << ordered_json{{"at", format_instant(*now)}, {"communes", arr}}.dump() << "\n";
  } else {
    print_text(all, *now, io.out);
  }
  return cli::kExitOk;
}

const cli::Registration kSummary{
    "province summary", "province summary [--now ISO] [--json]  (mọi xã, xếp hạng)", &run_summary};

}  // namespace
}  // namespace dondoc
