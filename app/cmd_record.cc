// `dondoc record --task T --body B --status … [--percent N] [--reason TEXT] [--new-due DATE]
// [--cycle C --period P] [--now ISO] [--by WHO]` and `dondoc extension approve|reject --task T
// --body B`: engine commands on someone's behalf, committed with their audit entry and
// confirmation message in one transaction.
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "service/bodies.h"
#include "service/communes.h"
#include "service/extension.h"
#include "service/record.h"

namespace dondoc {
namespace {

constexpr std::size_t kMaxReason = 1000;

// Fills task/body/cycle/period/at/source; an error message when something is malformed.
std::optional<std::string> fill_common(const cli::Args& args, const cli::Io& io, Command& c) {
  c.task = args.option("task").value_or("");
  c.body = args.option("body").value_or("");
  c.cycle = args.option("cycle").value_or("");
  c.period = args.option("period").value_or("");
  if (c.body.empty()) return "thiếu --body";
  Database db(cli::db_path(args));
  auto commune = service::pick_commune(db, args.option("commune"));
  if (!commune) return commune.error();
  CommuneScope scope(db, commune->key);
  auto id = service::body_id(db, c.body);
  if (!id) return "--body: " + id.error();
  c.body = *id;
  if (c.task.empty() && c.cycle.empty()) return "thiếu --task (hoặc --cycle cho một báo cáo)";
  std::string error;
  auto at = cli::now(args, io, error);
  if (!at) return error;
  c.at = *at;
  c.source = "cli:" + args.option("by").value_or("operator");
  return std::nullopt;
}

std::optional<std::string> fill_status(const cli::Args& args, Command& c) {
  auto st = args.option("status");
  if (!st) return "thiếu --status";
  auto s = status_from_string(*st);
  if (!s || *s == Status::extension_approved || *s == Status::extension_rejected) {
    return "--status: \"" + *st +
           "\" không hợp lệ (done, in_progress, blocked, not_started, extension_requested)";
  }
  c.status = *s;
  std::string err;
  if (auto p = cli::int_option(args, "percent", 0, 100, err)) c.percent = *p;
  if (!err.empty()) return err;
  c.reason = args.option("reason").value_or("");
  if (c.reason.size() > kMaxReason) return "--reason: quá dài (tối đa 1000 byte)";
  if (c.status == Status::blocked && c.reason.empty()) return "vướng mắc cần --reason";
  if (auto d = args.option("new-due")) {
    c.new_due = parse_date(*d);
    if (!c.new_due) return "--new-due: ngày không hợp lệ \"" + *d + "\" (YYYY-MM-DD)";
  }
  return std::nullopt;
}

int print(const cli::Args& args, cli::Io& io, const Result<service::CommandOutcome>& r) {
  if (!r) return cli::bad_input(io, r.error());
  const auto& s = r->state;
  const std::string& text = r->message;
  if (args.json()) {
    nlohmann::ordered_json j = {{"obligation", s.id},
                                {"status", to_string(s.status)},
                                {"percent", s.percent},
                                {"message", text}};
    io.out << j.dump() << "\n";
  } else {
    io.out << text << "\n";
  }
  return cli::kExitOk;
}

int run_record(const cli::Args& args, cli::Io& io) {
  Command c;
  c.kind = Command::Kind::set_status;
  if (auto e = fill_common(args, io, c)) return cli::bad_input(io, *e);
  if (auto e = fill_status(args, c)) return cli::bad_input(io, *e);
  Database db(cli::db_path(args));
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  return print(args, io, service::record(db, c));
}

int run_extension(const cli::Args& args, cli::Io& io) {
  if (args.positional.size() != 1 ||
      (args.positional[0] != "approve" && args.positional[0] != "reject")) {
    return cli::bad_input(io, "cách dùng: extension approve|reject --task T --body B");
  }
  Command c;
  if (auto e = fill_common(args, io, c)) return cli::bad_input(io, *e);
  service::ExtensionDecision d{
      args.positional[0] == "approve",           c.task, c.body, c.cycle, c.period,
      args.option("by").value_or("secretariat"), c.at};
  Database db(cli::db_path(args));
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  return print(args, io, service::decide_extension(db, d));
}

const cli::Registration kRecord{
    "record",
    "record --task T --body B --status done|in_progress|blocked|not_started|extension_requested "
    "[--percent N] [--reason TEXT] [--new-due DATE] [--cycle C --period P] [--now ISO] [--by WHO] "
    "[--json]",
    &run_record};
const cli::Registration kExtension{
    "extension",
    "extension approve|reject --task T --body B [--cycle C --period P] [--now ISO] [--by WHO] "
    "[--json]",
    &run_extension};

}  // namespace
}  // namespace dondoc
