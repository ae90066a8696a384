// The dashboard's cache of the loaded engine state and its status rows, one entry per commune, for
// a connection that never commits (the web reader thread installs one). An entry serves while the
// commune's view_version (storage/dashboard_store.h: stamps that every change to a table a view
// reads renews, in its transaction) and the local date of `now` (the rows depend on `now` only
// through it: overdue, the tick window) are the same, so a page does not reload the plan and rules
// nor recompute every obligation when nothing it shows changed: an inbound event, the outbox, a
// session's last_seen or another commune's reply leave the entry as it was.
// Without a cache installed on the thread every query loads and computes afresh, as before.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rules/date.h"
#include "storage/database.h"

namespace dondoc::service {

struct SnapshotBase;  // dashboard_common.h
struct ReportGrid;    // dashboard.h
using ReportGrids = std::vector<ReportGrid>;

class SnapshotCache {
 public:
  SnapshotCache();
  ~SnapshotCache();
  SnapshotCache(const SnapshotCache&) = delete;
  SnapshotCache& operator=(const SnapshotCache&) = delete;
  // Drops every entry: after the connection was reopened.
  void clear();

  struct Entry {
    std::string version;  // view_version
    Date today{};
    std::shared_ptr<const SnapshotBase> base;
    // Every body's report grids at `today`, made at the first overview of this snapshot (null
    // until then): shared_grids().
    std::shared_ptr<const ReportGrids> grids;
  };
  std::map<std::int64_t, Entry> entries;  // by commune
  std::uint64_t generation = 0;           // counts clear(): part of view_stamp
};

// Installs `cache` for the dashboard queries run on this thread while it lives. Requires: the
// Database those queries get never commits (a read-only connection).
class UseSnapshotCache {
 public:
  explicit UseSnapshotCache(SnapshotCache& cache);
  ~UseSnapshotCache();
  UseSnapshotCache(const UseSnapshotCache&) = delete;
  UseSnapshotCache& operator=(const UseSnapshotCache&) = delete;

 private:
  SnapshotCache* previous_;
};

// The value make() returns, kept with `base` while it is this thread's cached snapshot of db's
// commune: make() runs at the first call only. Without a cache installed (or for a base that is
// not the cached one), make() runs every time. For what depends only on the snapshot's data and
// date (the report grids).
std::shared_ptr<const ReportGrids> shared_grids(Database& db,
                                                const std::shared_ptr<const SnapshotBase>& base,
                                                const std::function<ReportGrids()>& make);

// What the dashboard's views are computed from on this thread at `now`, as a text: equal stamps,
// equal snapshots (for a page's own cache of its rendered text). nullopt when no cache is
// installed. A commit that changes what a view reads changes the stamp; the stamps are random,
// never taken again, so text stored under a stamp read before a computation that saw a newer commit
// is never served again.
std::optional<std::string> view_stamp(Database& db, Instant now);

}  // namespace dondoc::service
