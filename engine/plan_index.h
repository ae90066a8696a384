// Id -> task / body lookups over one Plan, built once (O(n)) so that a tick over thousands of
// obligations does not scan the plan's vectors for each one. Borrows the Plan: it must outlive
// the index and not change meanwhile. Pure; any thread; not shared.
#pragma once

#include <string_view>
#include <unordered_map>

#include "engine/model.h"

namespace dondoc {

class PlanIndex {
 public:
  explicit PlanIndex(const Plan& plan) : plan_(plan) {
    for (const auto& t : plan.tasks) tasks_.emplace(t.id, &t);  // the first of an id wins
    for (const auto& b : plan.bodies) bodies_.emplace(b.id, &b);
  }
  const Plan& plan() const { return plan_; }
  const Task* task(std::string_view id) const {
    auto it = tasks_.find(id);
    return it == tasks_.end() ? nullptr : it->second;
  }
  const Body* body(std::string_view id) const {
    auto it = bodies_.find(id);
    return it == bodies_.end() ? nullptr : it->second;
  }

 private:
  const Plan& plan_;
  std::unordered_map<std::string_view, const Task*> tasks_;
  std::unordered_map<std::string_view, const Body*> bodies_;
};

}  // namespace dondoc
