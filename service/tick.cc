#include "service/tick.h"

#include "engine/scheduler.h"
#include "service/explanations.h"
#include "service/report_draft.h"

namespace dondoc::service {

Result<TickOutcome> tick(Database& db, const Clock& clock, StoreOverrides overrides) {
  Instant now = clock.now();
  SqliteEngineStore store(db, std::move(overrides));
  WriteTransaction tx(db);
  auto st = store.load();
  if (!st) return Error{st.error()};
  st.value().extra = explanation_obligations(db);  // open explanation requests climb too
  Batch b = dondoc::tick(*st, now);
  add_draft_notices(*st, now, b);  // a period past due: its draft report is ready, once
  TickOutcome out;
  out.queued = store.apply_in_transaction(b);
  tx.commit();
  for (auto& m : b.messages) {
    bool fresh = m.send_keys.empty();
    for (const auto& k : m.send_keys) fresh = fresh || !st->sent.count(k);
    if (fresh) out.messages.push_back(std::move(m));
  }
  return out;
}

std::vector<CommuneTick> tick_all(Database& db, const Clock& clock) {
  std::vector<CommuneTick> out;
  for (auto& c : list_communes(db)) {
    CommuneScope scope(db, c.key);
    auto r = tick(db, clock);
    out.push_back({std::move(c), std::move(r)});
  }
  return out;
}

}  // namespace dondoc::service
