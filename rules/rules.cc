#include "rules/rules.h"

namespace dondoc {

std::string_view to_string(EscalationStep::Condition c) {
  switch (c) {
    case EscalationStep::Condition::not_acknowledged:
      return "not_acknowledged";
    case EscalationStep::Condition::not_done:
      return "not_done";
  }
  return "not_done";
}

std::string_view to_string(EscalationStep::Target t) {
  switch (t) {
    case EscalationStep::Target::lead:
      return "lead";
    case EscalationStep::Target::coordinators:
      return "coordinators";
    case EscalationStep::Target::leader_in_charge:
      return "leader_in_charge";
    case EscalationStep::Target::secretariat:
      return "secretariat";
    case EscalationStep::Target::standing_committee:
      return "standing_committee";
  }
  return "lead";
}

std::string_view to_string(RollPolicy r) {
  switch (r) {
    case RollPolicy::previous_working_day:
      return "previous_working_day";
    case RollPolicy::next_working_day:
      return "next_working_day";
    case RollPolicy::none:
      return "none";
  }
  return "none";
}

}  // namespace dondoc
