// `dondoc indicators [--json] [--now ISO]`: each indicator of the plan with its latest value,
// next milestone and standing; `dondoc indicator record ID VALUE [--body B] [--note T] [--by WHO]
// [--now ISO]`: records a value on the monitoring body's behalf (service/indicators.h);
// `dondoc import indicators FILE.csv`: the indicator table, all or nothing (FILE:LINE errors).
#include <ostream>

#include "app/cli.h"
#include "service/bodies.h"
#include "service/import_indicators.h"
#include "service/indicators.h"
#include "service/indicators_json.h"

namespace dondoc {
namespace {

void print_row(std::ostream& out, const service::IndicatorStanding& s) {
  out << s.id << "  " << s.name << "\n    ";
  out << "Số liệu: "
      << (s.latest ? service::with_unit(s.latest->value, s.unit) + " (" +
                         format_date_vn(local_date(s.latest->at)) + ")"
                   : std::string("chưa có"));
  if (s.next_milestone_year > 0) {
    out << " · Mốc " << s.next_milestone_year << ": "
        << service::with_unit(s.next_milestone, s.unit);
  }
  out << " · " << s.state_vi << " · " << s.monitoring_body_name << "\n";
}

int run_list(const cli::Args& args, cli::Io& io) {
  if (!args.positional.empty()) return cli::bad_input(io, "cách dùng: indicators [--json]");
  std::string error;
  auto now = cli::now(args, io, error);
  if (!now) return cli::bad_input(io, error);
  Database db(cli::db_path(args), Database::Access::read_only);
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  auto all = service::indicator_standings(db, *now);
  if (!all) return cli::bad_input(io, all.error());
  if (args.json()) {
    io.out << service::indicators_json(*all).dump() << "\n";
    return cli::kExitOk;
  }
  if (all->empty()) {
    io.out << "Kế hoạch chưa có chỉ tiêu nào (dondoc import indicators FILE.csv).\n";
    return cli::kExitOk;
  }
  io.out << "Chỉ tiêu ngày " << format_date_vn(local_date(*now)) << " (" << all->size()
         << " chỉ tiêu)\n";
  for (const auto& s : *all) print_row(io.out, s);
  return cli::kExitOk;
}

int run_record(const cli::Args& args, cli::Io& io) {
  if (args.positional.size() != 2) {
    return cli::bad_input(io, "cách dùng: indicator record ID VALUE [--body B] [--note T]");
  }
  std::string error;
  auto now = cli::now(args, io, error);
  if (!now) return cli::bad_input(io, error);
  Database db(cli::db_path(args));
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  service::RecordIndicator r;
  r.indicator = args.positional[0];
  r.value = args.positional[1];
  if (auto b = args.option("body")) {
    auto id = service::body_id(db, *b);
    if (!id) return cli::bad_input(io, "--body: " + id.error());
    r.body = *id;
  }
  r.note = args.option("note").value_or("");
  r.by = args.option("by").value_or("operator");
  r.source = "cli";
  r.at = *now;
  auto v = service::record_indicator(db, r);
  if (!v) return cli::bad_input(io, v.error() + " Không ghi gì.");
  if (args.json()) {
    io.out << service::indicator_value_json(*v).dump() << "\n";
  } else {
    io.out << service::indicator_confirmation(db, *v, *now) << "\n";
  }
  return cli::kExitOk;
}

int run_import(const cli::Args& args, cli::Io& io) {
  if (args.positional.size() != 1) {
    return cli::bad_input(io, "cách dùng: dondoc import indicators FILE.csv");
  }
  std::string error;
  auto text = cli::read_file(args.positional[0], 10 * 1024 * 1024, error);
  if (!text) return cli::bad_input(io, error + "; không nhập gì.");
  auto now = cli::now(args, io, error);
  if (!now) return cli::bad_input(io, error);
  Database db(cli::db_path(args));
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  auto r = service::import_indicators_file(db, args.positional[0], *text, *now);
  if (!r.ok()) {
    for (const auto& p : r.problems) io.err << format(p) << "\n";
    io.err << "dondoc: " << r.problems.size()
           << " lỗi; không nhập gì, cơ sở dữ liệu giữ nguyên như trước.\n";
    return cli::kExitBadInput;
  }
  io.out << "Đã nhập " << r.counts.total() << " chỉ tiêu (" << r.counts.inserted << " mới, "
         << r.counts.updated << " cập nhật) từ " << args.positional[0] << ".\n";
  return cli::kExitOk;
}

const cli::Registration kImport{"import indicators", "import indicators FILE.csv [--now ISO]",
                                &run_import};
const cli::Registration kList{"indicators", "indicators [--json] [--now ISO]", &run_list};
const cli::Registration kRecord{
    "indicator record",
    "indicator record ID VALUE [--body B] [--note TEXT] [--by WHO] [--now ISO] [--json]",
    &run_record};

}  // namespace
}  // namespace dondoc
