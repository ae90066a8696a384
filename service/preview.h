// The preview use case: a dry run of the scheduler from `from` to `to` on a scratch copy of the
// stored state (optionally with other rules), handing each message over as it falls due; nothing
// is sent or stored. For `dondoc preview` and for checking a rules file before loading it. Call
// from the thread that owns the Database.
#pragma once

#include <functional>
#include <optional>

#include "engine/state.h"
#include "rules/result.h"
#include "storage/database.h"

namespace dondoc::service {

// Error: no rules loaded (and none given), stored rules that no longer parse.
Result<int> preview(Database& db, Instant from, Instant to, std::optional<Rules> rules,
                    const std::function<void(const Message&)>& each);

}  // namespace dondoc::service
