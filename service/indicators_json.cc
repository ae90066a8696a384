#include "service/indicators_json.h"

namespace dondoc::service {

using nlohmann::ordered_json;

ordered_json indicator_value_json(const IndicatorValue& v) {
  ordered_json j = {{"value", v.value}};
  j["number"] = v.number ? ordered_json(*v.number) : ordered_json(nullptr);
  j["at"] = format_instant(v.at);
  j["by"] = v.by;
  j["source"] = v.source;
  j["note"] = v.note;
  return j;
}

ordered_json indicator_json(const IndicatorStanding& s) {
  ordered_json j = {{"id", s.id},
                    {"name", s.name},
                    {"unit", s.unit},
                    {"monitoring_body", s.monitoring_body},
                    {"monitoring_body_name", s.monitoring_body_name}};
  j["latest"] = s.latest ? indicator_value_json(*s.latest) : ordered_json(nullptr);
  if (s.next_milestone_year > 0) {
    j["next_milestone"] = {{"year", s.next_milestone_year}, {"target", s.next_milestone}};
  } else {
    j["next_milestone"] = nullptr;
  }
  j["state"] = s.state;
  j["state_vi"] = s.state_vi;
  auto history = ordered_json::array();
  for (const auto& v : s.history) history.push_back(indicator_value_json(v));
  j["history"] = std::move(history);
  return j;
}

ordered_json indicators_json(const std::vector<IndicatorStanding>& all) {
  auto arr = ordered_json::array();
  for (const auto& s : all) arr.push_back(indicator_json(s));
  return {{"indicators", std::move(arr)}};
}

}  // namespace dondoc::service
