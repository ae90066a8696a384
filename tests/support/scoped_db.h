// A Database opened in one commune, "xa" (added when the file has none yet), the way the CLI works
// in a one-commune database: what the storage and service tests use where they used a bare
// Database. Test threads.
#pragma once

#include <string>

#include "storage/commune_store.h"
#include "storage/database.h"

namespace dondoc::testing {

// The key of commune `id` in db, added (named `id`) when it is new.
inline std::int64_t ensure_commune(Database& db, const std::string& id = "xa") {
  if (auto c = find_commune(db, id)) return c->key;
  return add_commune(db, id, id, "2025-01-01T00:00:00Z");
}

class ScopedDb : public Database {
 public:
  explicit ScopedDb(const std::string& path, const std::string& commune = "xa")
      : Database(path), scope_(*this, ensure_commune(*this, commune)) {}

 private:
  CommuneScope scope_;
};

}  // namespace dondoc::testing
