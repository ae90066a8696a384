// The plan model: bodies (units, groups, people, committees), tasks with their lead and
// coordinating bodies and deadlines, and indicators. Plain data; any thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rules/deadline.h"

namespace dondoc {

struct Body {
  enum class Kind { unit, group, person, committee };
  std::string id;
  std::string name;
  std::vector<std::string> aliases;
  Kind kind = Kind::unit;
  std::vector<std::string> members;  // group: ids of member bodies
  std::string leader;                // id of the person/body in charge (escalation), may be empty
};

std::string_view to_string(Body::Kind kind);
std::optional<Body::Kind> body_kind_from_string(std::string_view s);

struct Assignee {
  // directing (chỉ đạo: Bí thư, Chủ tịch, Ban Thường vụ): neither reminded to do the work nor
  // asked for reports; receives what escalates to it.
  enum class Role { lead, coordinator, directing };
  std::string body;
  Role role = Role::lead;
  friend bool operator==(const Assignee&, const Assignee&) = default;
};

std::string_view to_string(Assignee::Role role);

struct Task {
  std::string id;       // the plan's "TT" as written
  std::string section;  // roman numeral of the heading it is under, without the dot ("II")
  std::string section_title;
  std::string title;
  std::vector<std::string> lead;          // body ids as written (may be groups)
  std::vector<std::string> coordinators;  // body ids as written (may be groups)
  std::vector<std::string> directing;     // body ids that direct (chỉ đạo), as written
  std::string output;
  std::string deadline_text;
  DeadlineSpec deadline;
  std::vector<Assignee> assignees;  // derived: groups fanned out, lead wins over coordinator
};

struct Indicator {
  std::string id;
  std::string name;
  std::string unit;
  std::string monitoring_body;            // body id
  std::map<int, std::string> milestones;  // year -> target as written ("100%", "≥ 80")
};

struct Plan {
  std::vector<Body> bodies;
  std::vector<Task> tasks;
  std::vector<Indicator> indicators;
  // The plan's own date (ban hành): no obligation falls before it. Unset in plans stored before
  // it existed; importers set it (`issued` in plan JSON, `--issued`, else the import day).
  std::optional<Date> issued;

  const Body* find_body(std::string_view id) const;
  const Task* find_task(std::string_view id) const;
};

// Fans groups out into their members (recursively, cycles ignored): lead, then coordinators,
// then directing bodies (Role::directing); a body keeps its first role only, so one that leads or
// coordinates is not also directing. No duplicates. Unknown ids are kept as they are.
std::vector<Assignee> derive_assignees(const Task& task, const std::vector<Body>& bodies);

// Recomputes every task's assignees.
void derive_all_assignees(Plan& plan);

// The body a person means by `text` (a command argument, a chat reply): its id as stored, else
// the one body whose id, name or an alias equals it after text::fold ("phong vh-xh", "PHÒNG VĂN
// HOÁ - XÃ HỘI"). nullptr when nothing or more than one body matches.
const Body* resolve_body(const Plan& plan, std::string_view text);

}  // namespace dondoc
