#include "service/default_rules.h"

#include <algorithm>
#include <initializer_list>

#include <nlohmann/json.hpp>

#include "rules/jsonc.h"
#include "rules/text.h"

namespace dondoc::service {
namespace {

using nlohmann::ordered_json;

// The first body one of whose names (folded) starts with one of `prefixes`, tried in order.
std::string body_named(const Plan& plan, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes) {
    for (const auto& b : plan.bodies) {
      if (b.kind == Body::Kind::group) continue;
      std::vector<std::string> names = b.aliases;
      names.push_back(b.name);
      bool hit = std::any_of(names.begin(), names.end(),
                             [&](const std::string& n) { return text::fold(n).rfind(p, 0) == 0; });
      if (hit) return b.id;
    }
  }
  return "";
}

// A ladder without the steps whose target the plan lacks; false when nothing is left.
bool keep_steps(ordered_json& ladder, const DefaultRoles& r) {
  ordered_json kept = ordered_json::array();
  for (auto& step : ladder) {
    std::string to = step.value("to", "");
    if (to == "secretariat" && r.secretariat.empty()) continue;
    if (to == "standing_committee" && r.standing_committee.empty()) continue;
    kept.push_back(step);
  }
  ladder = std::move(kept);
  return !ladder.empty();
}

void fit_ladders(ordered_json& j, const DefaultRoles& r) {
  if (j.contains("escalation") && !keep_steps(j["escalation"], r)) j.erase("escalation");
}

}  // namespace

DefaultRoles find_default_roles(const Plan& plan) {
  DefaultRoles r;
  r.secretariat = body_named(plan, {"van phong dang uy", "van phong hdnd", "van phong ubnd"});
  r.standing_committee = body_named(plan, {"thuong truc dang uy", "ban thuong vu dang uy"});
  r.report_recipient = body_named(plan, {"phong van hoa - xa hoi", "phong van hoa"});
  if (r.report_recipient.empty()) r.report_recipient = r.secretariat;
  return r;
}

std::string default_rules_for(const Plan& plan, std::string_view default_text) {
  auto parsed = parse_jsonc(default_text);
  ordered_json j = parsed.doc ? ordered_json(parsed.doc->value) : ordered_json::object();
  DefaultRoles r = find_default_roles(plan);
  auto set_or_drop = [&](const char* key, const std::string& id) {
    if (id.empty()) {
      j.erase(key);
    } else {
      j[key] = id;
    }
  };
  set_or_drop("secretariat", r.secretariat);
  set_or_drop("standing_committee", r.standing_committee);
  fit_ladders(j, r);
  if (j.contains("task_deadlines")) fit_ladders(j["task_deadlines"], r);
  if (r.report_recipient.empty()) {
    j.erase("report_cycles");
  } else if (j.contains("report_cycles")) {
    for (auto& c : j["report_cycles"]) {
      c["to"] = r.report_recipient;
      if (c.contains("escalation") && !keep_steps(c["escalation"], r)) c.erase("escalation");
    }
  }
  return "// " + std::string(kDefaultRulesSource) +
         ": examples/rules.jsonc, the roles taken from the plan (docs/rules.md).\n" + j.dump(2) +
         "\n";
}

}  // namespace dondoc::service
