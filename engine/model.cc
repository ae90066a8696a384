#include "engine/model.h"

#include <algorithm>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "rules/text.h"

namespace dondoc {

std::string_view to_string(Body::Kind kind) {
  switch (kind) {
    case Body::Kind::unit:
      return "unit";
    case Body::Kind::group:
      return "group";
    case Body::Kind::person:
      return "person";
    case Body::Kind::committee:
      return "committee";
  }
  return "unit";
}

std::optional<Body::Kind> body_kind_from_string(std::string_view s) {
  if (s == "unit") return Body::Kind::unit;
  if (s == "group") return Body::Kind::group;
  if (s == "person") return Body::Kind::person;
  if (s == "committee") return Body::Kind::committee;
  return std::nullopt;
}

std::string_view to_string(Assignee::Role role) {
  switch (role) {
    case Assignee::Role::lead:
      return "lead";
    case Assignee::Role::coordinator:
      return "coordinator";
    case Assignee::Role::directing:
      return "directing";
  }
  return "lead";
}

const Body* Plan::find_body(std::string_view id) const {
  auto it = std::find_if(bodies.begin(), bodies.end(), [&](const Body& b) { return b.id == id; });
  return it == bodies.end() ? nullptr : &*it;
}

const Task* Plan::find_task(std::string_view id) const {
  auto it = std::find_if(tasks.begin(), tasks.end(), [&](const Task& t) { return t.id == id; });
  return it == tasks.end() ? nullptr : &*it;
}

namespace {

using BodyLookup = std::unordered_map<std::string_view, const Body*>;

BodyLookup lookup_of(const std::vector<Body>& bodies) {
  BodyLookup out;
  out.reserve(bodies.size());
  for (const auto& b : bodies) out.emplace(b.id, &b);  // the first of an id wins
  return out;
}

// Ids visited while expanding one task's lists: a linear scan while short (a task names a few
// bodies, a group a few dozen), a hash set past that. Views of plan strings, which outlive it.
class Visited {
 public:
  bool insert(std::string_view id) {
    if (set_.empty()) {
      if (std::find(list_.begin(), list_.end(), id) != list_.end()) return false;
      list_.push_back(id);
      if (list_.size() > 32) set_.insert(list_.begin(), list_.end());
      return true;
    }
    return set_.insert(id).second;
  }

 private:
  std::vector<std::string_view> list_;
  std::unordered_set<std::string_view> set_;
};

// Appends the leaf bodies an id stands for: a group's members, recursively; cycles are cut. An
// id already visited for this task (a body named twice, or in two groups) adds nothing: the
// first mention, lead before coordinator, gives the role.
void expand(const std::string& id, Assignee::Role role, const BodyLookup& bodies, Visited& seen,
            std::vector<Assignee>& out) {
  if (!seen.insert(id)) return;
  auto it = bodies.find(id);
  if (it != bodies.end() && it->second->kind == Body::Kind::group) {
    for (const auto& m : it->second->members) expand(m, role, bodies, seen, out);
    return;
  }
  out.push_back({id, role});
}

std::vector<Assignee> derive(const Task& task, const BodyLookup& bodies) {
  std::vector<Assignee> out;
  Visited seen;
  for (const auto& id : task.lead) expand(id, Assignee::Role::lead, bodies, seen, out);
  for (const auto& id : task.coordinators)
    expand(id, Assignee::Role::coordinator, bodies, seen, out);
  for (const auto& id : task.directing) expand(id, Assignee::Role::directing, bodies, seen, out);
  return out;
}

}  // namespace

std::vector<Assignee> derive_assignees(const Task& task, const std::vector<Body>& bodies) {
  return derive(task, lookup_of(bodies));
}

// One id -> body map for the whole plan instead of a scan of the bodies per id.
void derive_all_assignees(Plan& plan) {
  BodyLookup bodies = lookup_of(plan.bodies);
  for (auto& t : plan.tasks) t.assignees = derive(t, bodies);
}

const Body* resolve_body(const Plan& plan, std::string_view text) {
  if (const Body* exact = plan.find_body(text)) return exact;
  std::string key = text::fold(text);
  if (key.empty()) return nullptr;
  const Body* found = nullptr;
  for (const auto& b : plan.bodies) {
    bool match = text::fold(b.id) == key || text::fold(b.name) == key ||
                 std::any_of(b.aliases.begin(), b.aliases.end(),
                             [&](const std::string& a) { return text::fold(a) == key; });
    if (!match || found == &b) continue;
    if (found != nullptr && found->id != b.id) return nullptr;  // ambiguous
    found = &b;
  }
  return found;
}

}  // namespace dondoc
