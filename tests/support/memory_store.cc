#include "tests/support/memory_store.h"

namespace dondoc::testing {

int MemoryStore::apply(const Batch& batch) {
  auto fresh = apply_batch(state_, batch);
  outbox_.insert(outbox_.end(), fresh.begin(), fresh.end());
  return static_cast<int>(fresh.size());
}

std::vector<Message> MemoryStore::tick(Instant now) {
  auto before = outbox_.size();
  apply(dondoc::tick(state_, now));
  return {outbox_.begin() + static_cast<long>(before), outbox_.end()};
}

}  // namespace dondoc::testing
