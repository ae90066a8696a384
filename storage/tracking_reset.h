// Starting over: `dondoc init --force` replaces the current commune's plan, and what dondoc
// tracked for the old one (statuses, the send-log, queued messages, chat links and the inbound log
// of its chats) must not carry over to new tasks that happen to reuse the old ids. Inside the
// caller's transaction; calendar overrides, rules versions, the audit trail and other communes
// stay.
#pragma once

#include <cstdint>

#include "storage/database.h"

namespace dondoc {

// Deletes the tracking state; returns how many rows went.
std::int64_t reset_tracking(Database& db);

}  // namespace dondoc
