#include "engine/model.h"

#include <algorithm>
#include <functional>
#include <set>

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

// Appends the leaf bodies an id stands for: a group's members, recursively; cycles are cut.
void expand(const std::string& id, const std::vector<Body>& bodies, std::set<std::string>& seen,
            std::vector<std::string>& out) {
  if (!seen.insert(id).second) return;
  auto it = std::find_if(bodies.begin(), bodies.end(), [&](const Body& b) { return b.id == id; });
  if (it != bodies.end() && it->kind == Body::Kind::group) {
    for (const auto& m : it->members) expand(m, bodies, seen, out);
    return;
  }
  out.push_back(id);
}

std::vector<std::string> leaves(const std::vector<std::string>& ids,
                                const std::vector<Body>& bodies) {
  std::vector<std::string> out;
  for (const auto& id : ids) {
    std::set<std::string> seen;
    expand(id, bodies, seen, out);
  }
  return out;
}

}  // namespace

std::vector<Assignee> derive_assignees(const Task& task, const std::vector<Body>& bodies) {
  std::vector<Assignee> out;
  std::set<std::string> added;
  for (auto& id : leaves(task.lead, bodies)) {
    if (added.insert(id).second) out.push_back({id, Assignee::Role::lead});
  }
  for (auto& id : leaves(task.coordinators, bodies)) {
    if (added.insert(id).second) out.push_back({id, Assignee::Role::coordinator});
  }
  return out;
}

void derive_all_assignees(Plan& plan) {
  for (auto& t : plan.tasks) t.assignees = derive_assignees(t, plan.bodies);
}

}  // namespace dondoc
