// `dondoc province summary [--now ISO] [--json]`: every commune of the database ranked by on-time
// rate, with what is late or blocked, each cycle's reports sent, and the chats linked.
// `dondoc province report --cycle C --period P --format xlsx|html|md [-o FILE]`: the province
// report (service/province_report.h); `dondoc province set --name "Tỉnh …"`: the name it carries.
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "rules/text.h"
#include "service/province.h"
#include "service/province_report.h"
#include "storage/province_store.h"

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

// `-o FILE` (a single dash, so it arrives as two words), else --output FILE.
std::optional<std::string> output_path(const cli::Args& args) {
  const auto& p = args.positional;
  for (std::size_t i = 0; i + 1 < p.size(); ++i) {
    if (p[i] == "-o") return p[i + 1];
  }
  return args.option("output");
}

int write_out(const std::string& bytes, const std::optional<std::string>& path, cli::Io& io) {
  if (!path) {
    io.out << bytes;
    return cli::kExitOk;
  }
  std::ofstream f(*path, std::ios::binary | std::ios::trunc);
  if (!f) return cli::bad_input(io, "-o: không ghi được tệp " + *path);
  f << bytes;
  f.close();
  if (!f) return cli::bad_input(io, "-o: không ghi được tệp " + *path);
  return cli::kExitOk;
}

int run_report(const cli::Args& args, cli::Io& io) {
  auto cycle = args.option("cycle"), period = args.option("period");
  auto format_text = args.option("format").value_or("md");
  if (!cycle)
    return cli::bad_input(io, "--cycle: cần chu kỳ (monthly, quarterly, half_year, annual)");
  if (!period) return cli::bad_input(io, "--period: cần kỳ báo cáo (2026-11, 2026-Q4, 2026)");
  auto format = service::report_format_from_string(format_text);
  using F = service::ReportFormat;
  if (!format || (*format != F::xlsx && *format != F::html && *format != F::md)) {
    return cli::bad_input(io, "--format: \"" + format_text + "\" không hỗ trợ (xlsx, html, md)");
  }
  auto out_path = output_path(args);
  if (*format == F::xlsx && !out_path) return cli::bad_input(io, "-o: định dạng xlsx cần -o FILE");
  std::string error;
  auto now = cli::now(args, io, error);
  if (!now) return cli::bad_input(io, error);
  Database db(cli::db_path(args), Database::Access::read_only);
  auto report = service::gather_province_report(db, *cycle, *period, *now);
  if (!report) {
    bool about_cycle = report.error().rfind("Không có chu kỳ", 0) == 0;
    return cli::bad_input(io, (about_cycle ? "--cycle: " : "--period: ") + report.error());
  }
  auto bytes = service::write_province_report(*report, *format);
  if (!bytes) return cli::bad_input(io, "--format: " + bytes.error());
  return write_out(*bytes, out_path, io);
}

int run_set(const cli::Args& args, cli::Io& io) {
  auto name = args.option("name");
  if (!name || name->empty())
    return cli::bad_input(io, "--name: cần tên tỉnh (\"Tỉnh Quảng Nam\")");
  Database db(cli::db_path(args));
  set_province_name(db, *name);
  io.out << "Tên tỉnh: " << *name << "\n";
  return cli::kExitOk;
}

const cli::Registration kReport{
    "province report",
    "province report --cycle C --period P --format xlsx|html|md [-o FILE] [--now ISO]  (toàn tỉnh)",
    &run_report};
const cli::Registration kSet{"province set", "province set --name \"Tỉnh …\"  (tên tỉnh)",
                             &run_set};

const cli::Registration kSummary{
    "province summary", "province summary [--now ISO] [--json]  (mọi xã, xếp hạng)", &run_summary};

}  // namespace
}  // namespace dondoc
