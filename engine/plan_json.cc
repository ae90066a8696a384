#include "engine/plan_json.h"

#include <set>

#include "rules/text.h"

namespace dondoc {

using nlohmann::json;
using nlohmann::ordered_json;

ordered_json body_to_json(const Body& body) {
  ordered_json j;
  j["id"] = body.id;
  j["name"] = body.name;
  j["aliases"] = body.aliases;
  j["kind"] = std::string(to_string(body.kind));
  j["members"] = body.members;
  j["leader"] = body.leader;
  return j;
}

ordered_json task_to_json(const Task& task) {
  ordered_json j;
  j["id"] = task.id;
  j["section"] = task.section;
  j["section_title"] = task.section_title;
  j["title"] = task.title;
  j["lead"] = task.lead;
  j["coordinators"] = task.coordinators;
  j["directing"] = task.directing;
  j["output"] = task.output;
  j["deadline_text"] = task.deadline_text;
  j["deadline"] = ordered_json(to_json(task.deadline));
  ordered_json assignees = ordered_json::array();
  for (const auto& a : task.assignees) {
    assignees.push_back({{"body", a.body}, {"role", std::string(to_string(a.role))}});
  }
  j["assignees"] = std::move(assignees);
  return j;
}

ordered_json indicator_to_json(const Indicator& indicator) {
  ordered_json j;
  j["id"] = indicator.id;
  j["name"] = indicator.name;
  j["unit"] = indicator.unit;
  j["monitoring_body"] = indicator.monitoring_body;
  ordered_json milestones = ordered_json::object();
  for (const auto& [year, target] : indicator.milestones) milestones[std::to_string(year)] = target;
  j["milestones"] = std::move(milestones);
  return j;
}

ordered_json bodies_to_json(const std::vector<Body>& bodies) {
  ordered_json list = ordered_json::array();
  for (const auto& b : bodies) list.push_back(body_to_json(b));
  return ordered_json{{"bodies", std::move(list)}};
}

ordered_json tasks_to_json(const std::vector<Task>& tasks) {
  ordered_json list = ordered_json::array();
  for (const auto& t : tasks) list.push_back(task_to_json(t));
  return ordered_json{{"tasks", std::move(list)}};
}

ordered_json plan_to_json(const Plan& plan) {
  ordered_json j = ordered_json::object();
  if (plan.issued) j["issued"] = format_date(*plan.issued);
  j["bodies"] = std::move(bodies_to_json(plan.bodies)["bodies"]);
  ordered_json tasks = ordered_json::array();
  for (const auto& t : plan.tasks) {
    ordered_json tj = task_to_json(t);
    tj.erase("deadline");
    tj.erase("assignees");
    tasks.push_back(std::move(tj));
  }
  j["tasks"] = std::move(tasks);
  ordered_json indicators = ordered_json::array();
  for (const auto& i : plan.indicators) indicators.push_back(indicator_to_json(i));
  j["indicators"] = std::move(indicators);
  return j;
}

std::optional<Body::Kind> parse_body_kind(std::string_view text) {
  std::string k = text::fold(text);
  if (auto kind = body_kind_from_string(k)) return kind;
  if (k == "don vi" || k == "co quan") return Body::Kind::unit;
  if (k == "nhom") return Body::Kind::group;
  if (k == "ca nhan" || k == "nguoi") return Body::Kind::person;
  if (k == "tap the" || k == "thuong truc") return Body::Kind::committee;
  return std::nullopt;
}

namespace {

// Reads the JSON object j key by key; reports keys outside `known` and values of a wrong type.
class Reader {
 public:
  Reader(const json& j, std::vector<std::string>& problems, std::set<std::string> known)
      : j_(j), problems_(problems) {
    if (!j.is_object()) {
      problems_.push_back("phần tử phải là một đối tượng JSON {...}");
      return;
    }
    for (const auto& [key, value] : j.items()) {
      if (known.count(key) == 0) problems_.push_back("khóa không rõ \"" + key + "\"");
    }
  }

  // A string (numbers are accepted and written as text); "" when absent.
  std::string str(const char* key, bool required = false) {
    const json* v = find(key);
    if (v == nullptr || v->is_null()) {
      if (required) problems_.push_back(std::string("thiếu \"") + key + "\"");
      return "";
    }
    if (v->is_string()) return text::nfc(v->get<std::string>());
    if (v->is_number_integer()) return std::to_string(v->get<long long>());
    if (v->is_number()) return v->dump();
    problems_.push_back(std::string("\"") + key + "\" phải là chuỗi");
    return "";
  }

  // An array of strings; a single string is taken as a one-element list.
  std::vector<std::string> list(const char* key) {
    std::vector<std::string> out;
    const json* v = find(key);
    if (v == nullptr || v->is_null()) return out;
    if (v->is_string()) return {text::nfc(v->get<std::string>())};
    if (v->is_array() && std::all_of(v->begin(), v->end(), [](auto& e) { return e.is_string(); })) {
      for (const auto& e : *v) out.push_back(text::nfc(e.get<std::string>()));
      return out;
    }
    problems_.push_back(std::string("\"") + key + "\" phải là danh sách chuỗi [\"...\"]");
    return out;
  }

  const json* find(const char* key) const {
    if (!j_.is_object()) return nullptr;
    auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
  }

  std::vector<std::string>& problems() { return problems_; }

 private:
  const json& j_;
  std::vector<std::string>& problems_;
};

std::vector<std::string> collapsed(std::vector<std::string> v) {
  std::vector<std::string> out;
  for (auto& s : v) {
    std::string c = text::collapse_space(s);
    if (!c.empty()) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

Body body_from_json(const json& j, std::vector<std::string>& problems) {
  Reader r(j, problems, {"id", "name", "aliases", "kind", "members", "leader"});
  Body b;
  b.id = text::collapse_space(r.str("id", true));
  b.name = text::collapse_space(r.str("name", true));
  b.aliases = collapsed(r.list("aliases"));
  std::string kind = r.str("kind");
  if (!kind.empty()) {
    if (auto k = parse_body_kind(kind)) {
      b.kind = *k;
    } else {
      problems.push_back("loại \"" + kind + "\" không hợp lệ (unit, group, person, committee)");
    }
  }
  b.members = collapsed(r.list("members"));
  b.leader = text::collapse_space(r.str("leader"));
  return b;
}

Task task_from_json(const json& j, std::vector<std::string>& problems) {
  Reader r(j, problems,
           {"id", "section", "section_title", "title", "lead", "coordinators", "directing",
            "output", "deadline_text", "deadline", "assignees"});
  Task t;
  t.id = text::collapse_space(r.str("id", true));
  t.section = text::collapse_space(r.str("section"));
  t.section_title = text::collapse_space(r.str("section_title"));
  t.title = text::collapse_space(r.str("title", true));
  t.lead = r.list("lead");
  t.coordinators = r.list("coordinators");
  t.directing = r.list("directing");
  t.output = text::collapse_space(r.str("output"));
  t.deadline_text = text::collapse_space(r.str("deadline_text"));
  if (const json* d = r.find("deadline");
      d != nullptr && d->is_string() && t.deadline_text.empty()) {
    t.deadline_text = text::collapse_space(r.str("deadline"));
  }
  return t;
}

Indicator indicator_from_json(const json& j, std::vector<std::string>& problems) {
  Reader r(j, problems, {"id", "name", "unit", "monitoring_body", "milestones"});
  Indicator ind;
  ind.id = text::collapse_space(r.str("id", true));
  ind.name = text::collapse_space(r.str("name", true));
  ind.unit = text::collapse_space(r.str("unit"));
  ind.monitoring_body = text::collapse_space(r.str("monitoring_body"));
  const json* m = r.find("milestones");
  if (m == nullptr || m->is_null()) return ind;
  if (!m->is_object()) {
    problems.push_back("\"milestones\" phải là đối tượng {\"2025\": \"...\"}");
    return ind;
  }
  for (const auto& [key, value] : m->items()) {
    bool year_ok = key.size() == 4 && std::all_of(key.begin(), key.end(), ::isdigit);
    if (!year_ok) {
      problems.push_back("mốc \"" + key + "\" không phải là năm (4 chữ số)");
      continue;
    }
    if (value.is_string()) {
      ind.milestones[std::stoi(key)] = text::collapse_space(text::nfc(value.get<std::string>()));
    } else if (value.is_number()) {
      ind.milestones[std::stoi(key)] = value.dump();
    } else {
      problems.push_back("chỉ tiêu năm " + key + " phải là chuỗi");
    }
  }
  return ind;
}

std::optional<JsoncDoc> read_plan_json(std::string_view text, std::size_t max_bytes,
                                       std::vector<InputError>& problems) {
  JsoncParse parsed = parse_jsonc(text, max_bytes);
  if (!parsed.doc) {
    problems.push_back(std::move(parsed.error));
    return std::nullopt;
  }
  if (!parsed.doc->value.is_object()) {
    SourcePos at = parsed.doc->value_at("");
    problems.push_back(
        {at.line, "tệp kế hoạch phải là một đối tượng JSON {\"bodies\": [...], ...}", at.col});
    return std::nullopt;
  }
  return std::move(*parsed.doc);
}

SourcePos element_pos(const JsoncDoc& doc, std::string_view key, std::size_t i) {
  return doc.value_at(pointer_append(pointer_append("", key), i));
}

}  // namespace dondoc
