// Roles, their Vietnamese labels and what each may do (service/viewer.h). Pure.
#include "service/viewer.h"

#include <array>
#include <utility>

namespace dondoc::service {
namespace {

struct RoleRow {
  Role role;
  std::string_view id, label;
};
constexpr std::array<RoleRow, 6> kRoles{{
    {Role::admin, "admin", "Quản trị"},
    {Role::secretariat, "secretariat", "Văn phòng"},
    {Role::leader, "leader", "Thường trực / Lãnh đạo"},
    {Role::head, "head", "Trưởng cơ quan"},
    {Role::province_admin, "province_admin", "Quản trị tỉnh"},
    {Role::province_viewer, "province_viewer", "Theo dõi cấp tỉnh"},
}};

const RoleRow& row(Role r) {
  for (const RoleRow& x : kRoles)
    if (x.role == r) return x;
  return kRoles[3];  // unreachable: every enumerator has a row
}

bool secretariat_may(Permission p) {
  switch (p) {
    case Permission::view_all:
    case Permission::record_status:
    case Permission::decide_extension:
    case Permission::handle_blocker:
    case Permission::send_reminder:
    case Permission::create_link:
    case Permission::edit_rules:
    case Permission::import_plan:
    case Permission::request_explanation:
      return true;
    default:
      return false;
  }
}

bool leader_may(Permission p) {
  return p == Permission::view_all || p == Permission::decide_extension ||
         p == Permission::handle_blocker || p == Permission::send_reminder ||
         p == Permission::request_explanation;
}

}  // namespace

std::string_view to_string(Role r) { return row(r).id; }

std::optional<Role> role_from_string(std::string_view text) {
  for (const RoleRow& x : kRoles)
    if (x.id == text) return x.role;
  return std::nullopt;
}

std::string_view role_label_vi(Role r) { return row(r).label; }

bool allowed(const Viewer& v, Permission p) {
  switch (v.role) {
    case Role::admin:
      return p != Permission::view_province;
    case Role::secretariat:
      return secretariat_may(p);
    case Role::leader:
      return leader_may(p);
    case Role::head:
      return p == Permission::record_status;
    case Role::province_admin:
      return true;
    case Role::province_viewer:
      return p == Permission::view_all || p == Permission::view_province;
  }
  return false;
}

}  // namespace dondoc::service
