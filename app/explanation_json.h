// The JSON shape of an explanation request (yêu cầu giải trình), one place for every writer of
// it: `dondoc explain … --json` (app/cmd_explain.cc) and the API /api/v1/explanations
// (app/web/api_explanations.cc). Pure; any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "service/explanations.h"

namespace dondoc {

// {"id":"GT12","body":…,"body_name":…,"task":…,"cycle":…,"period":…,"subject":…,"reason":…,
//  "asked_by":…,"asked":ISO,"due":"YYYY-MM-DD","state":"open|answered|overdue","answered":ISO|"",
//  "answer":…}
nlohmann::ordered_json explanation_json(const service::ExplanationRequest& e);

// "GT12".
std::string explanation_ref(std::int64_t id);

}  // namespace dondoc
