// `dondoc preview --from YYYY-MM-DD --days N [--rules FILE] [--json]`: a dry run of the scheduler
// over the window on a scratch copy of the state (engine/preview.h). Nothing is sent or stored.
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "engine/preview.h"
#include "rules/rules_file.h"
#include "storage/engine_store.h"

namespace dondoc {
namespace {

constexpr long kMaxDays = 366;

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

void print(const std::vector<Message>& items, bool json, std::ostream& out) {
  if (!json) {
    for (const auto& m : items)
      out << format_instant(m.not_before) << "  " << to_string(m.kind) << "  -> " << m.recipient
          << "\n    " << m.text << "\n";
    out << items.size() << " tin nhắn (chạy thử, không gửi).\n";
    return;
  }
  auto arr = nlohmann::ordered_json::array();
  for (const auto& m : items) {
    arr.push_back({{"at", format_instant(m.not_before)},
                   {"kind", to_string(m.kind)},
                   {"recipient", m.recipient},
                   {"task", or_null(m.task)},
                   {"cycle", or_null(m.cycle)},
                   {"due", date_or_null(m.due)},
                   {"nominal_due", date_or_null(m.nominal_due)},
                   {"text", m.text}});
  }
  out << nlohmann::ordered_json{{"items", arr}}.dump() << "\n";
}

int run(const cli::Args& args, cli::Io& io) {
  auto from_text = args.option("from");
  if (!from_text) return cli::bad_input(io, "thiếu --from YYYY-MM-DD");
  auto from = parse_date(*from_text);
  if (!from) return cli::bad_input(io, "--from: ngày không hợp lệ \"" + *from_text + "\"");
  std::string err;
  auto days = cli::int_option(args, "days", err);
  if (!err.empty()) return cli::bad_input(io, err);
  if (!days || *days < 1 || *days > kMaxDays) {
    return cli::bad_input(io, "--days: cần một số từ 1 đến 366");
  }
  StoreOverrides overrides;
  if (auto path = args.option("rules")) {
    int code = 0;
    overrides.rules = rules_file(*path, io, code);
    if (!overrides.rules) return code;
  }
  Database db(cli::db_path(args));
  SqliteEngineStore store(db, std::move(overrides));
  auto st = store.load();
  if (!st) return cli::bad_input(io, st.error());
  Instant begin = local_instant(*from);
  auto items =
      preview(std::move(st).value(), begin, local_instant(*from + std::chrono::days{*days}));
  print(items, args.json(), io.out);
  return cli::kExitOk;
}

const cli::Registration kReg{"preview",
                             "preview --from YYYY-MM-DD --days N [--rules FILE] [--json]", &run};

}  // namespace
}  // namespace dondoc
