// What the dashboard's files share (not a contract: service/dashboard*.cc only): the status rows
// a viewer may see with the loaded plan and rules, the per-body lines, and the error texts the web
// maps to 403/404. Thread that owns the Database, in the commune's scope.
#pragma once

#include <cstddef>
#include <iterator>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/state.h"
#include "service/dashboard.h"
#include "storage/engine_store.h"  // AuditRow

namespace dondoc::service {

inline constexpr const char* kNotFound = "not_found";
inline constexpr const char* kForbidden = "forbidden";

// What every viewer's snapshot of one commune at one date is made of (shared, possibly cached:
// service/dashboard_cache.h). Immutable once built.
struct SnapshotBase {
  EngineState state;            // plan (assignees derived), rules, calendar, recorded states
  std::vector<StatusRow> rows;  // every row of plan_status, in its order
  // Task rows (is_task_row) by task id, in rows' order.
  std::unordered_map<std::string, std::vector<const StatusRow*>> task_rows;
};
// Builds one (loads the state, computes plan_status).
Result<std::shared_ptr<const SnapshotBase>> shared_snapshot(Database& db, Instant now);

// Rows by reference, iterated as `const StatusRow&` (no copies).
class RowView {
 public:
  using Ptrs = std::vector<const StatusRow*>;
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = StatusRow;
    using difference_type = std::ptrdiff_t;
    using pointer = const StatusRow*;
    using reference = const StatusRow&;
    iterator() = default;
    explicit iterator(Ptrs::const_iterator it) : it_(it) {}
    reference operator*() const { return **it_; }
    pointer operator->() const { return *it_; }
    iterator& operator++() { return ++it_, *this; }
    iterator operator++(int) { return iterator(it_++); }
    bool operator==(const iterator& o) const { return it_ == o.it_; }
    bool operator!=(const iterator& o) const { return it_ != o.it_; }

   private:
    Ptrs::const_iterator it_;
  };
  RowView() = default;
  explicit RowView(Ptrs rows) : rows_(std::move(rows)) {}
  static RowView of(const std::vector<StatusRow>& rows);
  iterator begin() const { return iterator(rows_.begin()); }
  iterator end() const { return iterator(rows_.end()); }
  std::size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  const StatusRow& operator[](std::size_t i) const { return *rows_[i]; }

 private:
  Ptrs rows_;
};

struct Snapshot {
  std::shared_ptr<const SnapshotBase> base;
  const EngineState& state;  // base->state
  RowView rows;              // base's rows the viewer sees, in their order
};

// Error kForbidden when the viewer may not see the current commune; else plan_status's error.
Result<Snapshot> snapshot(Database& db, Instant now, const Viewer& v);

// One line per body the viewer sees that owes something in `rows`, in plan order, with its task
// counts, latest reply (over all its rows) and number of linked chats.
std::vector<BodyLine> body_lines(Database& db, const Plan& plan, const RowView& rows,
                                 const Viewer& v);
std::vector<BodyLine> body_lines(Database& db, const Plan& plan, const std::vector<StatusRow>& rows,
                                 const Viewer& v);

// The overview's parts (dashboard_reports.cc).
std::vector<ReportGrid> report_grids(const Snapshot& snap, const Viewer& v, Instant now);
Attention attention(Database& db, const Snapshot& snap, const std::vector<BodyLine>& bodies,
                    Instant now, const Viewer& v);

// Audit rows in words (dashboard_history.cc).
std::string kind_vi(const AuditRow& row);  // "Trả lời", "Nhắc việc", "Báo cáo lên", "Gia hạn"...
std::string actor_of(const AuditRow& row, const Plan& plan);
HistoryItem history_item(const AuditRow& row, const EngineState& st);
// The body of an obligation subject ("task|2||2025|vh_xh" -> "vh_xh"); "" for other subjects.
std::string subject_body(const std::string& subject);

// Whether the row is the head's own (every row for the other roles).
inline bool visible(const Viewer& v, const StatusRow& r) { return v.sees_body(r.obligation.body); }

}  // namespace dondoc::service
