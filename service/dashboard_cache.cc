// The dashboard's snapshot cache (service/dashboard_cache.h) and the building of a snapshot's
// shared part (service/dashboard_common.h).
#include "service/dashboard_cache.h"

#include "service/dashboard_common.h"
#include "storage/dashboard_store.h"
#include "storage/engine_store.h"

namespace dondoc::service {
namespace {

constexpr std::size_t kMaxCommunes = 8;  // entries kept; beyond, the cache starts afresh
thread_local SnapshotCache* tls_cache = nullptr;

Result<std::shared_ptr<const SnapshotBase>> build(Database& db, Instant now) {
  SqliteEngineStore store(db);
  auto st = store.load();
  if (!st) return Error{st.error()};
  auto view = plan_status(*st, now, {});
  if (!view) return Error{view.error()};
  auto base = std::make_shared<SnapshotBase>();
  base->state = std::move(*st);
  base->rows = std::move(view.value().rows);
  for (const auto& r : base->rows) {
    if (is_task_row(r)) base->task_rows[r.obligation.task].push_back(&r);
  }
  return std::shared_ptr<const SnapshotBase>(std::move(base));
}

}  // namespace

SnapshotCache::SnapshotCache() = default;
SnapshotCache::~SnapshotCache() = default;

void SnapshotCache::clear() {
  entries.clear();
  ++generation;
}

UseSnapshotCache::UseSnapshotCache(SnapshotCache& cache) : previous_(tls_cache) {
  tls_cache = &cache;
}
UseSnapshotCache::~UseSnapshotCache() { tls_cache = previous_; }

std::optional<std::string> view_stamp(Database& db, Instant now) {
  if (!tls_cache) return std::nullopt;
  return std::to_string(tls_cache->generation) + "|" + std::to_string(db.commune()) + "|" +
         view_version(db) + "|" + format_date(local_date(now));
}

Result<std::shared_ptr<const SnapshotBase>> shared_snapshot(Database& db, Instant now) {
  if (!tls_cache) return build(db, now);
  // Read before loading: a commit landing in between gives newer rows under an older version,
  // which the next request (seeing the newer version) replaces.
  std::string version = view_version(db);
  Date today = local_date(now);
  auto& entries = tls_cache->entries;
  auto it = entries.find(db.commune());
  if (it != entries.end() && it->second.version == version && it->second.today == today) {
    return it->second.base;
  }
  auto base = build(db, now);
  if (!base) return base;
  if (it == entries.end() && entries.size() >= kMaxCommunes) entries.clear();
  entries[db.commune()] = {std::move(version), today, *base, nullptr};
  return base;
}

std::shared_ptr<const ReportGrids> shared_grids(Database& db,
                                                const std::shared_ptr<const SnapshotBase>& base,
                                                const std::function<ReportGrids()>& make) {
  if (tls_cache) {
    auto it = tls_cache->entries.find(db.commune());
    if (it != tls_cache->entries.end() && it->second.base == base) {
      if (!it->second.grids) it->second.grids = std::make_shared<const ReportGrids>(make());
      return it->second.grids;
    }
  }
  return std::make_shared<const ReportGrids>(make());
}

RowView RowView::of(const std::vector<StatusRow>& rows) {
  Ptrs p;
  p.reserve(rows.size());
  for (const auto& r : rows) p.push_back(&r);
  return RowView(std::move(p));
}

}  // namespace dondoc::service
