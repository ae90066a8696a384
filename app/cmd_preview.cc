// `dondoc preview --from YYYY-MM-DD --days N [--rules FILE] [--json]`: a dry run of the scheduler
// over the window on a scratch copy of the state (engine/preview.h). Nothing is sent or stored.
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "rules/rules_file.h"
#include "service/preview.h"

namespace dondoc {
namespace {

constexpr int kMaxDays = 366;

nlohmann::ordered_json or_null(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}
nlohmann::ordered_json date_or_null(const std::optional<Date>& d) {
  return d ? nlohmann::ordered_json(format_date(*d)) : nlohmann::ordered_json(nullptr);
}

// The rules of --rules FILE, or nullopt (errors printed, exit code in `code`).
std::optional<Rules> rules_file(const std::string& path, cli::Io& io, int& code) {
  std::string err;
  auto text = cli::read_file(path, kJsoncMaxBytes, err);
  if (!text) {
    code = cli::bad_input(io, err);
    return std::nullopt;
  }
  auto parsed = parse_rules(*text);
  if (parsed.ok()) return *parsed.rules;
  for (const auto& d : parsed.errors)
    io.err << path << ":" << d.line << ":" << d.col << ": " << d.message << "\n";
  code = cli::kExitBadInput;
  return std::nullopt;
}

// Prints messages as preview_each hands them over (a year of the bench plan is 100 000 messages:
// never held at once, neither as messages nor as one JSON tree). Same output as a single dump.
class Printer {
 public:
  Printer(bool json, std::ostream& out) : json_(json), out_(out) {}
  void operator()(const Message& m) {
    if (json_ && count_ == 0) out_ << "{\"items\":[";
    if (!json_) {
      out_ << format_instant(m.not_before) << "  " << to_string(m.kind) << "  -> " << m.recipient
           << "\n    " << m.text << "\n";
    } else {
      nlohmann::ordered_json item = {{"at", format_instant(m.not_before)},
                                     {"kind", to_string(m.kind)},
                                     {"recipient", m.recipient},
                                     {"task", or_null(m.task)},
                                     {"cycle", or_null(m.cycle)},
                                     {"due", date_or_null(m.due)},
                                     {"nominal_due", date_or_null(m.nominal_due)},
                                     {"text", m.text}};
      out_ << (count_ ? "," : "") << item.dump();
    }
    ++count_;
  }
  void finish() {
    if (json_) {
      out_ << (count_ == 0 ? "{\"items\":[" : "") << "]}\n";
    } else {
      out_ << count_ << " tin nhắn (chạy thử, không gửi).\n";
    }
  }

 private:
  bool json_;
  std::ostream& out_;
  std::size_t count_ = 0;
};

int run(const cli::Args& args, cli::Io& io) {
  auto from_text = args.option("from");
  if (!from_text) return cli::bad_input(io, "thiếu --from YYYY-MM-DD");
  auto from = parse_date(*from_text);
  if (!from) return cli::bad_input(io, "--from: ngày không hợp lệ \"" + *from_text + "\"");
  std::string err;
  auto days = cli::int_option(args, "days", 1, kMaxDays, err);
  if (!err.empty()) return cli::bad_input(io, err);
  if (!days) return cli::bad_input(io, "--days: cần một số từ 1 đến 366");
  std::optional<Rules> rules;
  if (auto path = args.option("rules")) {
    int code = 0;
    rules = rules_file(*path, io, code);
    if (!rules) return code;
  }
  Database db(cli::db_path(args), Database::Access::read_only);
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  Printer printer(args.json(), io.out);
  auto r =
      service::preview(db, local_instant(*from), local_instant(*from + std::chrono::days{*days}),
                       std::move(rules), [&](const Message& m) { printer(m); });
  if (!r) return cli::bad_input(io, r.error());
  printer.finish();
  return cli::kExitOk;
}

const cli::Registration kReg{"preview",
                             "preview --from YYYY-MM-DD --days N [--rules FILE] [--json]", &run};

}  // namespace
}  // namespace dondoc
