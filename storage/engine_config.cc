#include "storage/engine_config.h"

#include <map>
#include <string>
#include <utility>

#include "rules/rules_file.h"
#include "storage/calendar_store.h"
#include "storage/plan_store.h"
#include "storage/rules_store.h"

namespace dondoc {

Result<Rules> active_rules(Database& db) {
  auto stored = active_rules_text(db);
  if (!stored) {
    return Result<Rules>::fail("chưa nạp quy tắc nào (dùng: dondoc rules load FILE)");
  }
  auto parsed = parse_rules(stored->text);
  if (!parsed.ok()) {
    return Result<Rules>::fail("quy tắc đang dùng (phiên bản " + std::to_string(stored->version) +
                               ") không hợp lệ: " + parsed.errors.front().message);
  }
  return *parsed.rules;
}

namespace {

// What load_base() reads and parses for one commune, kept per thread (each thread has its own
// Database) under the database file and the commune, with the config stamps it was read at
// (migration 105: a new random value at every change to the plan, rules or calendar tables of
// the commune, and of commune 0 whose calendar days every commune reads). A reply then reads one
// row instead of reading and parsing its commune's plan, rules and calendar; 100 communes cost
// 100 entries. Anything load_base() starts reading from another table needs a stamp trigger too.
// Bounds a thread that opens many databases in turn (tests); a province is about 100 communes.
constexpr std::size_t kMaxCachedConfigs = 512;

std::map<std::pair<std::string, std::int64_t>, CachedConfig>& config_cache() {
  thread_local std::map<std::pair<std::string, std::int64_t>, CachedConfig> cache;
  return cache;
}

// The current commune's stamps as this connection sees them (its own open transaction
// included); nullopt when a row is missing (nothing is cached then).
std::optional<ConfigStamps> config_stamps(Database& db) {
  sql::Statement& q = db.cached(
      "SELECT (SELECT stamp FROM config_stamps WHERE commune = ?1), "
      "(SELECT stamp FROM config_stamps WHERE commune = 0)");
  q.bind(1, db.commune());
  std::optional<ConfigStamps> out;
  if (q.step() && !q.column(0).is_null() && !q.column(1).is_null()) {
    out = ConfigStamps{q.column(0).as_int64(), q.column(1).as_int64()};
  }
  q.reset();  // a cached statement left mid-step would hold the read snapshot
  return out;
}

// Reads and parses the current commune's plan, rules and calendar.
Result<CachedConfig> read_config(Database& db) {
  CachedConfig c;
  auto r = active_rules(db);
  if (!r) return Error{r.error()};
  c.rules = std::move(r).value();
  c.plan = load_plan(db);
  c.calendar = Calendar(load_calendar_overrides(db));
  return c;
}

}  // namespace

// The current commune's configuration: from the cache while its stamps are unchanged, else read
// (and kept unless a stamp row is missing). Errors are never kept.
Result<CachedConfig> current_config(Database& db) {
  auto stamps = config_stamps(db);
  auto& cache = config_cache();
  std::pair<std::string, std::int64_t> key{db.path(), db.commune()};
  if (stamps) {
    auto it = cache.find(key);
    if (it != cache.end() && it->second.stamps == *stamps) return it->second;
  }
  auto read = read_config(db);
  if (!read || !stamps) return read;
  if (cache.size() >= kMaxCachedConfigs) cache.clear();
  read.value().stamps = *stamps;
  cache[key] = read.value();
  return read;
}

}  // namespace dondoc
