// `dondoc outbox [--json] [--status pending|sent|failed]`: the queued messages.
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "storage/engine_store.h"

namespace dondoc {
namespace {

nlohmann::ordered_json or_null(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}

int run(const cli::Args& args, cli::Io& io) {
  std::string status = args.option("status").value_or("");
  if (!status.empty() && status != "pending" && status != "sent" && status != "failed") {
    return cli::bad_input(io,
                          "--status: phải là pending, sent hoặc failed (nhận \"" + status + "\")");
  }
  Database db(cli::db_path(args));
  auto rows = list_outbox(db, status);
  if (args.json()) {
    auto arr = nlohmann::ordered_json::array();
    for (const auto& r : rows) {
      arr.push_back({{"id", r.id},
                     {"key", r.message.key},
                     {"recipient", r.message.recipient},
                     {"kind", to_string(r.message.kind)},
                     {"task", or_null(r.message.task)},
                     {"cycle", or_null(r.message.cycle)},
                     {"text", r.message.text},
                     {"status", r.status},
                     {"not_before", format_instant(r.message.not_before)},
                     {"attempts", r.attempts}});
    }
    io.out << nlohmann::ordered_json{{"messages", arr}}.dump() << "\n";
    return cli::kExitOk;
  }
  io.out << rows.size() << " tin nhắn\n";
  for (const auto& r : rows) {
    io.out << format_instant(r.message.not_before) << "  " << r.status << "  "
           << to_string(r.message.kind) << "  -> " << r.message.recipient << "\n    "
           << r.message.text << "\n";
  }
  return cli::kExitOk;
}

const cli::Registration kReg{"outbox", "outbox [--json] [--status pending|sent|failed]", &run};

}  // namespace
}  // namespace dondoc
