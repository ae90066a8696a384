// `dondoc tick --now ISO [--json]`: one scheduler tick at that time, each commune in its own
// transaction: the one --commune names, else every commune (as serve's timer does).
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "service/communes.h"
#include "service/tick.h"

namespace dondoc {
namespace {

std::map<std::string, int> kinds_of(const service::TickOutcome& t) {
  std::map<std::string, int> by_kind;
  for (const auto& m : t.messages) ++by_kind[std::string(to_string(m.kind))];
  return by_kind;
}

// Errors only when the commune was named or is the only one: then the user asked for it.
int report(const std::vector<service::CommuneTick>& ticks, bool asked, Instant now,
           const cli::Args& args, cli::Io& io) {
  int queued = 0;
  auto communes = nlohmann::ordered_json::array();
  for (const auto& t : ticks) {
    if (!t.outcome && asked) return cli::bad_input(io, t.outcome.error());
    nlohmann::ordered_json j = {{"commune", t.commune.id}};
    if (t.outcome) {
      queued += t.outcome->queued;
      j["queued"] = t.outcome->queued;
      j["by_kind"] = kinds_of(*t.outcome);
    } else {
      j["error"] = t.outcome.error();
    }
    communes.push_back(j);
  }
  if (args.json()) {
    nlohmann::ordered_json out = {{"queued", queued}};
    if (ticks.size() == 1 && ticks[0].outcome) out["by_kind"] = kinds_of(*ticks[0].outcome);
    if (ticks.size() > 1) out["communes"] = communes;
    io.out << out.dump() << "\n";
    return cli::kExitOk;
  }
  io.out << "Đã xếp hàng " << queued << " tin nhắn lúc " << format_instant(now) << ".\n";
  for (const auto& t : ticks) {
    if (ticks.size() > 1) io.out << t.commune.id << " (" << t.commune.name << "):";
    if (!t.outcome) io.out << " " << t.outcome.error() << "\n";
    if (!t.outcome) continue;
    if (ticks.size() > 1) io.out << " " << t.outcome->queued << " tin nhắn\n";
    for (const auto& [k, n] : kinds_of(*t.outcome)) io.out << "  " << k << ": " << n << "\n";
  }
  return cli::kExitOk;
}

int run(const cli::Args& args, cli::Io& io) {
  std::string error;
  auto now = cli::now(args, io, error);
  if (!now) return cli::bad_input(io, error);
  Database db(cli::db_path(args));
  FixedClock clock(*now);
  auto all = list_communes(db);
  if (args.option("commune") || all.size() <= 1) {
    auto commune = cli::commune(args, io, db);
    if (!commune) return cli::kExitBadInput;
    CommuneScope scope(db, commune->key);
    std::vector<service::CommuneTick> one;
    one.push_back({*commune, service::tick(db, clock)});
    return report(one, true, *now, args, io);
  }
  return report(service::tick_all(db, clock), false, *now, args, io);
}

const cli::Registration kReg{
    "tick", "tick --now ISO [--json]  (một lượt nhắc việc; không có --commune: mọi xã)", &run};

}  // namespace
}  // namespace dondoc
