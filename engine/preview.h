// Preview: a dry run of the scheduler over a window on a scratch copy of the state, so it shows
// reminders, escalations and digests from the same code that queues them. Nothing is stored or
// sent. Pure; any thread.
#pragma once

#include <functional>
#include <vector>

#include "engine/state.h"

namespace dondoc {

// Runs tick at every event moment in [from, to) on a copy of `state` (a state that never ticked
// starts its history at `from`; one that did continues from `from`) and returns every message that
// would be queued, sorted by not_before.
std::vector<Message> preview(EngineState state, Instant from, Instant to);

// The same messages in the same order, handed to `emit` as soon as no later tick can queue one
// before them (a tick's messages are never due before the previous tick), so a year of messages
// is never held at once. The obligations are computed once for the whole window (TickMemo).
void preview_each(EngineState state, Instant from, Instant to,
                  const std::function<void(const Message&)>& emit);

}  // namespace dondoc
