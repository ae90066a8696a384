// An in-memory Store for engine tests: holds an EngineState, applies batches with the same
// never-rewrite-a-key semantics as the SQLite store, and keeps every queued message. Test threads
// only.
#pragma once

#include <vector>

#include "engine/ports.h"
#include "engine/scheduler.h"

namespace dondoc::testing {

class MemoryStore : public Store {
 public:
  explicit MemoryStore(EngineState state) : state_(std::move(state)) {}
  Result<EngineState> load() override { return state_; }
  int apply(const Batch& batch) override;

  // load + tick + apply; returns the messages queued by this tick.
  std::vector<Message> tick(Instant now);

  const EngineState& state() const { return state_; }
  const std::vector<Message>& outbox() const { return outbox_; }

 private:
  EngineState state_;
  std::vector<Message> outbox_;
};

}  // namespace dondoc::testing
