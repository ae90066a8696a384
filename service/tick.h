// The tick use case: one scheduler pass at the clock's time — load the state, let the engine
// decide (engine::tick), store the intentions with their send-log keys — in one write
// transaction, so two processes ticking at once cannot both queue one intention. The one path for
// `dondoc tick` and for `serve`'s timer, one commune at a time. Call from the thread that owns the
// Database (serve: the writer thread).
#pragma once

#include <vector>

#include "engine/ports.h"
#include "storage/commune_store.h"
#include "storage/engine_store.h"

namespace dondoc::service {

struct TickOutcome {
  int queued = 0;
  std::vector<Message> messages;  // those queued
};

// The current commune's tick. Joins the caller's transaction when one is open. Errors: no rules
// loaded yet, stored rules that no longer parse (nothing changed).
Result<TickOutcome> tick(Database& db, const Clock& clock, StoreOverrides overrides = {});

struct CommuneTick {
  Commune commune;
  Result<TickOutcome> outcome;
};
// Every commune's tick, each in its own transaction and scope, in id order: a commune that cannot
// tick (no rules yet) is reported and the others tick. What `serve`'s timer runs.
std::vector<CommuneTick> tick_all(Database& db, const Clock& clock);

}  // namespace dondoc::service
