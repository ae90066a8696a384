// The JSON form of indicator standings, shared by `dondoc indicators --json` and the dashboard's
// GET /api/v1/indicators (docs/api.md "Chỉ tiêu"). Pure conversion; any thread.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "service/indicators.h"

namespace dondoc::service {

// {"id","name","unit","monitoring_body","monitoring_body_name","latest":{value,number,at,by,
// source,note}|null,"next_milestone":{"year","target"}|null,"state","state_vi","history":[...]}
nlohmann::ordered_json indicator_value_json(const IndicatorValue& v);
nlohmann::ordered_json indicator_json(const IndicatorStanding& s);
// {"indicators":[...]}
nlohmann::ordered_json indicators_json(const std::vector<IndicatorStanding>& all);

}  // namespace dondoc::service
