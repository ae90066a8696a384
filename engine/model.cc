#include "engine/model.h"

#include <algorithm>
#include <functional>
#include <set>
#include <string_view>
#include <unordered_map>

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
  return role == Assignee::Role::lead ? "lead" : "coordinator";
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

// Appends the leaf bodies an id stands for: a group's members, recursively; cycles are cut.
// `seen` views strings of the plan (ids and members), which outlive the call.
void expand(const std::string& id, const BodyLookup& bodies, std::set<std::string_view>& seen,
            std::vector<std::string>& out) {
  if (!seen.insert(id).second) return;
  auto it = bodies.find(id);
  if (it != bodies.end() && it->second->kind == Body::Kind::group) {
    for (const auto& m : it->second->members) expand(m, bodies, seen, out);
    return;
  }
  out.push_back(id);
}

std::vector<std::string> leaves(const std::vector<std::string>& ids, const BodyLookup& bodies) {
  std::vector<std::string> out;
  for (const auto& id : ids) {
    std::set<std::string_view> seen;
    expand(id, bodies, seen, out);
  }
  return out;
}

std::vector<Assignee> derive(const Task& task, const BodyLookup& bodies) {
  std::vector<Assignee> out;
  auto lead = leaves(task.lead, bodies), coordinators = leaves(task.coordinators, bodies);
  std::set<std::string_view> added;  // views of `lead` and `coordinators`
  for (auto& id : lead) {
    if (added.insert(id).second) out.push_back({id, Assignee::Role::lead});
  }
  for (auto& id : coordinators) {
    if (added.insert(id).second) out.push_back({id, Assignee::Role::coordinator});
  }
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

}  // namespace dondoc
