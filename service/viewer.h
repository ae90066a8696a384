// Who is looking: the signed-in user's (or API token's) role, body and commune, and what each role
// may see and do. Pure; any thread. The web layer builds a Viewer from a session or token
// (service/accounts.h); the dashboard's queries (service/dashboard.h) filter by it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dondoc::service {

// Commune roles stay in their commune; province roles (commune 0) see every commune.
enum class Role { admin, secretariat, leader, head, province_admin, province_viewer };

std::string_view to_string(Role r);                           // "admin", "province_viewer", ...
std::optional<Role> role_from_string(std::string_view text);  // exact English id
std::string_view role_label_vi(Role r);  // "Văn phòng", "Thường trực", ...

enum class Permission {
  view_all,          // every body's tasks and reports (not head)
  record_status,     // on a body's behalf (head: only its own body)
  decide_extension,  // approve or reject (leader, secretariat, admin)
  handle_blocker,    // mark a blocker handled with a note
  send_reminder,     // one ad-hoc reminder to a body
  create_link,       // link codes
  edit_rules,        // upload and activate rules
  import_plan,       // import bodies, tasks, plan
  manage_users,      // users and API tokens (admin, province_admin)
  view_province,     // the province pages (province roles)

  // Ask a body to explain an overdue task or a missing report (leader, secretariat, admin).
  request_explanation,
};

struct Viewer {
  std::int64_t user_id = 0;  // 0 for an API token
  std::string name;          // user name, or "token:<id>": the audit's actor
  Role role = Role::head;
  std::string body;          // head only: the one body it sees
  std::int64_t commune = 0;  // communes.key; 0 = province role

  bool is_province() const { return role == Role::province_admin || role == Role::province_viewer; }
  // A head sees only its body; every other role every body of the communes it may see.
  bool sees_body(std::string_view b) const { return role != Role::head || b == body; }
  // Province roles see every commune; the others only their own.
  bool sees_commune(std::int64_t key) const { return is_province() || key == commune; }
};

// Whether `v` may do `p` (in a commune it sees; for a body it sees when the action names one).
bool allowed(const Viewer& v, Permission p);

}  // namespace dondoc::service
