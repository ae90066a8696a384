// `dondoc report --cycle C --period P --format md|html|csv|xlsx|docx|pdf [-o FILE] [--now ISO]`:
// the consolidated report (service/consolidated_report.h) of one cycle and period, written to
// FILE, or to stdout for the text formats. Bad cycle, period or format: exit 2 naming the option.
#include <fstream>
#include <ostream>

#include "app/cli.h"
#include "service/consolidated_report.h"

namespace dondoc {
namespace {

// `-o FILE` (a single dash, so it arrives as two words), else --output FILE.
std::optional<std::string> output_path(const cli::Args& args) {
  const auto& p = args.positional;
  for (std::size_t i = 0; i + 1 < p.size(); ++i) {
    if (p[i] == "-o") return p[i + 1];
  }
  return args.option("output");
}

// The option a gather error is about (the service's messages name a cycle or a period).
std::string option_of(const std::string& error) {
  if (error.rfind("Không có chu kỳ", 0) == 0) return "--cycle: ";
  if (error.rfind("Kỳ báo cáo", 0) == 0 || error.rfind("Báo cáo \"", 0) == 0) return "--period: ";
  return "";
}

int run(const cli::Args& args, cli::Io& io) {
  auto cycle = args.option("cycle");
  auto period = args.option("period");
  auto format_text = args.option("format").value_or("md");
  if (!cycle) return cli::bad_input(io, "--cycle: cần chu kỳ báo cáo (monthly, quarterly, ...)");
  if (!period) return cli::bad_input(io, "--period: cần kỳ báo cáo (2026-11, 2026-Q4, 2026)");
  auto format = service::report_format_from_string(format_text);
  if (!format) {
    return cli::bad_input(
        io, "--format: \"" + format_text + "\" không hỗ trợ (md, html, csv, xlsx, docx, pdf)");
  }
  auto out_path = output_path(args);
  bool binary = *format == service::ReportFormat::xlsx || *format == service::ReportFormat::docx ||
                *format == service::ReportFormat::pdf;
  if (binary && !out_path)
    return cli::bad_input(io, "-o: định dạng " + format_text + " cần -o FILE");
  std::string error;
  auto now = cli::now(args, io, error);
  if (!now) return cli::bad_input(io, error);
  Database db(cli::db_path(args), Database::Access::read_only);
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  auto report = service::gather_report(db, *cycle, *period, *now);
  if (!report) return cli::bad_input(io, option_of(report.error()) + report.error());
  auto bytes = service::write_report(*report, *format);
  if (!bytes) return cli::bad_input(io, "--format: " + bytes.error());
  if (!out_path) {
    io.out << *bytes;
    return cli::kExitOk;
  }
  std::ofstream f(*out_path, std::ios::binary | std::ios::trunc);
  f << *bytes;
  f.close();
  if (!f) return cli::bad_input(io, "-o: không ghi được tệp " + *out_path);
  return cli::kExitOk;
}

const cli::Registration kReg{
    "report",
    "report --cycle C --period P --format md|html|csv|xlsx|docx|pdf [-o FILE] [--now ISO]", &run};

}  // namespace
}  // namespace dondoc
