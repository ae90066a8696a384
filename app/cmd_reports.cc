// `dondoc report submit --body B [--cycle C --period P] (--text T | --file F.txt) [--now ISO]
// [--by WHO]`: a body's report on its behalf; `dondoc reports [--cycle C --period P | --body B]
// [--json]`: the stored reports (service/body_reports.h, docs/reports.md).
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "service/bodies.h"
#include "service/body_reports.h"

namespace dondoc {
namespace {

constexpr std::size_t kMaxFileBytes = 256 * 1024;
constexpr int kDefaultLimit = 24;

// The body's id from --body (an id, a name or an alias); an error message when unknown.
Result<std::string> body_of(Database& db, const std::string& body) {
  auto id = service::body_id(db, body);
  if (!id) return Error{"--body: " + id.error()};
  return *id;
}

std::optional<std::string> fill(const cli::Args& args, cli::Io& io, Database& db,
                                service::ReportSubmission& s) {
  auto body = args.option("body");
  if (!body) return "thiếu --body";
  auto id = body_of(db, *body);
  if (!id) return id.error();
  s.body = *id;
  s.cycle = args.option("cycle").value_or("");
  s.period = args.option("period").value_or("");
  auto text = args.option("text");
  auto file = args.option("file");
  if (text.has_value() == file.has_value()) return "cần đúng một trong --text hoặc --file";
  if (text) s.text = *text;
  if (file) {
    std::string error;
    auto content = cli::read_file(*file, kMaxFileBytes, error);
    if (!content) return "--file: " + error;
    s.text = *content;
  }
  std::string error;
  auto at = cli::now(args, io, error);
  if (!at) return error;
  s.at = *at;
  s.source = "cli";
  s.by = args.option("by").value_or("operator");
  return std::nullopt;
}

int run_submit(const cli::Args& args, cli::Io& io) {
  Database db(cli::db_path(args));
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  service::ReportSubmission s;
  if (auto e = fill(args, io, db, s)) return cli::bad_input(io, *e);
  auto r = service::submit_report(db, s);
  if (!r) return cli::bad_input(io, r.error());
  if (args.json()) {
    nlohmann::ordered_json j = {{"body", r->report.body},         {"cycle", r->report.cycle},
                                {"period", r->report.period},     {"on_time", r->report.on_time},
                                {"versions", r->report.versions}, {"amended", r->amended},
                                {"message", r->message}};
    io.out << j.dump() << "\n";
  } else {
    io.out << r->message << "\n";
  }
  return cli::kExitOk;
}

nlohmann::ordered_json to_json(const service::BodyReport& r) {
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const auto& a : r.attachments) {
    files.push_back(
        {{"id", a.id}, {"channel", a.channel}, {"ref", a.ref}, {"name", a.name}, {"mime", a.mime}});
  }
  return {{"body", r.body},
          {"body_name", r.body_name},
          {"cycle", r.cycle},
          {"period", r.period},
          {"period_label", r.period_label},
          {"due", format_date(r.due)},
          {"received", format_instant(r.received)},
          {"updated", format_instant(r.updated)},
          {"versions", r.versions},
          {"on_time", r.on_time},
          {"source", r.source},
          {"by", r.by},
          {"text", r.text},
          {"sections",
           {{"results", r.sections.results},
            {"obstacles", r.sections.obstacles},
            {"proposals", r.sections.proposals}}},
          {"attachments", files}};
}

void print_text(std::ostream& out, const service::BodyReport& r) {
  out << r.body_name << " — " << r.period_label << " (" << r.cycle << " " << r.period
      << "): " << (r.on_time ? "đúng hạn" : "nộp muộn") << ", nhận " << format_instant(r.received)
      << (r.versions > 1 ? ", " + std::to_string(r.versions) + " lần gửi" : "") << "\n";
  auto part = [&out](const char* head, const std::string& text) {
    if (!text.empty()) out << "  " << head << ": " << text << "\n";
  };
  part("Kết quả", r.sections.results);
  part("Khó khăn, vướng mắc", r.sections.obstacles);
  part("Đề xuất, kiến nghị", r.sections.proposals);
  for (const auto& a : r.attachments) out << "  Tệp: " << a.channel << " " << a.ref << "\n";
}

int run_list(const cli::Args& args, cli::Io& io) {
  Database db(cli::db_path(args), Database::Access::read_only);
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  auto cycle = args.option("cycle");
  auto period = args.option("period");
  auto body = args.option("body");
  if (cycle.has_value() != period.has_value()) return cli::bad_input(io, "--cycle cần --period");
  if (body.has_value() == cycle.has_value()) {
    return cli::bad_input(io, "cần --cycle C --period P hoặc --body B");
  }
  Result<std::vector<service::BodyReport>> r = Error{""};
  if (body) {
    auto id = body_of(db, *body);
    if (!id) return cli::bad_input(io, id.error());
    r = service::reports_of_body(db, *id, kDefaultLimit);
  } else {
    r = service::reports_for_period(db, *cycle, *period);
  }
  if (!r) return cli::bad_input(io, r.error());
  if (args.json()) {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const auto& rep : *r) j.push_back(to_json(rep));
    io.out << j.dump() << "\n";
    return cli::kExitOk;
  }
  if (r->empty()) io.out << "Chưa có báo cáo nào.\n";
  for (const auto& rep : *r) print_text(io.out, rep);
  return cli::kExitOk;
}

const cli::Registration kSubmit{
    "report submit",
    "report submit --body B [--cycle C --period P] (--text T | --file F.txt) [--now ISO] "
    "[--by WHO] [--json]",
    &run_submit};
const cli::Registration kList{"reports", "reports [--cycle C --period P | --body B] [--json]",
                              &run_list};

}  // namespace
}  // namespace dondoc
