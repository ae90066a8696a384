#include "app/explanation_json.h"

namespace dondoc {

std::string explanation_ref(std::int64_t id) { return "GT" + std::to_string(id); }

nlohmann::ordered_json explanation_json(const service::ExplanationRequest& e) {
  return {{"id", explanation_ref(e.id)},
          {"body", e.body},
          {"body_name", e.body_name},
          {"task", e.task},
          {"cycle", e.cycle},
          {"period", e.period},
          {"subject", e.subject},
          {"reason", e.reason},
          {"asked_by", e.asked_by},
          {"asked", format_instant(e.asked)},
          {"due", format_date(e.due)},
          {"state", e.state},
          {"answered", e.answered ? format_instant(*e.answered) : ""},
          {"answer", e.answer}};
}

}  // namespace dondoc
