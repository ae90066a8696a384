// The commune's configuration as the engine store loads it: the active rules, the plan and the
// calendar, parsed once and kept per thread while the commune's config stamps (migration 105) are
// unchanged. Internal to storage/ (storage/engine_store.cc); the thread that owns the Database.
#pragma once

#include <cstdint>

#include "engine/model.h"
#include "rules/calendar.h"
#include "rules/result.h"
#include "rules/rules.h"
#include "storage/database.h"

namespace dondoc {

struct ConfigStamps {
  std::int64_t own = 0, nation = 0;
  bool operator==(const ConfigStamps&) const = default;
};
struct CachedConfig {
  ConfigStamps stamps;
  Plan plan;
  Rules rules;
  Calendar calendar;
};

// The commune's active rules, parsed; an error in Vietnamese when none is loaded or it is invalid.
Result<Rules> active_rules(Database& db);

// The current commune's configuration: from this thread's cache while its stamps are unchanged,
// else read (and kept unless a stamp row is missing). Errors are never kept.
Result<CachedConfig> current_config(Database& db);

}  // namespace dondoc
