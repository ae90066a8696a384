// The plan model as JSON: what `dondoc tasks --json` / `bodies --json` print, and the reading of
// the elements of a plan file (docs/plan-format.md). Reading checks shapes only; names of bodies
// and deadline phrases are resolved by engine/plan_import.h. Pure; any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/model.h"
#include "rules/input_error.h"
#include "rules/jsonc.h"

namespace dondoc {

// {"id","name","aliases","kind","members","leader"}
nlohmann::ordered_json body_to_json(const Body& body);
// {"id","section","section_title","title","lead","coordinators","directing","output","deadline_text",
//  "deadline":{...},"assignees":[{"body","role"}]}
nlohmann::ordered_json task_to_json(const Task& task);
// {"id","name","unit","monitoring_body","milestones":{"2025":"≥ 80"}}
nlohmann::ordered_json indicator_to_json(const Indicator& indicator);

nlohmann::ordered_json bodies_to_json(const std::vector<Body>& bodies);  // {"bodies":[...]}
nlohmann::ordered_json tasks_to_json(const std::vector<Task>& tasks);    // {"tasks":[...]}
// The whole plan in the import format: {"issued" (when set),"bodies","tasks","indicators"}, tasks
// without the derived "deadline" and "assignees".
nlohmann::ordered_json plan_to_json(const Plan& plan);

// Readers of one element of a plan file. They append a Vietnamese message per problem (unknown
// key, wrong type, missing id/name) and return what they could read. Strings are NFC-normalised.
// Task: "lead"/"coordinators" hold the names or ids as written (resolved later); "deadline" as a
// string is the deadline text, as an object (what `tasks --json` prints) it is ignored.
Body body_from_json(const nlohmann::json& j, std::vector<std::string>& problems);
Task task_from_json(const nlohmann::json& j, std::vector<std::string>& problems);
Indicator indicator_from_json(const nlohmann::json& j, std::vector<std::string>& problems);

// A plan file read through rules/jsonc (comments and trailing commas allowed): the root object
// and where each of its values and keys starts. A syntax error, text over max_bytes or a root that
// is not an object is one problem at its line:column (no file name), and nullopt.
std::optional<JsoncDoc> read_plan_json(std::string_view text, std::size_t max_bytes,
                                       std::vector<InputError>& problems);

// Where element i of the top-level array `key` starts ({"tasks": [ {..} ]}: "/tasks/0").
SourcePos element_pos(const JsoncDoc& doc, std::string_view key, std::size_t i);

// Body kind from English ("unit") or Vietnamese ("đơn vị", "nhóm", "cá nhân", "tập thể").
std::optional<Body::Kind> parse_body_kind(std::string_view text);

}  // namespace dondoc
