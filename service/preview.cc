#include "service/preview.h"

#include "engine/preview.h"
#include "service/explanations.h"
#include "storage/engine_store.h"

namespace dondoc::service {

Result<int> preview(Database& db, Instant from, Instant to, std::optional<Rules> rules,
                    const std::function<void(const Message&)>& each) {
  StoreOverrides overrides;
  overrides.rules = std::move(rules);
  SqliteEngineStore store(db, std::move(overrides));
  auto st = store.load();
  if (!st) return Error{st.error()};
  st.value().extra = explanation_obligations(db);
  int count = 0;
  preview_each(std::move(st).value(), from, to, [&](const Message& m) {
    ++count;
    each(m);
  });
  return count;
}

}  // namespace dondoc::service
