#include "storage/plan_store.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <unordered_map>

namespace dondoc {
namespace {

using nlohmann::json;

// ["a","b"] without escapes, as save_plan writes it, read without building a JSON tree (a tick
// loads three lists per task). nullopt for anything else (escapes, other types, spaces).
std::optional<std::vector<std::string>> simple_string_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t i = 1, n = text.size();
  if (n < 2 || text[0] != '[' || text[n - 1] != ']') return std::nullopt;
  while (i < n - 1) {
    if (text[i] != '"') return std::nullopt;
    std::size_t end = text.find_first_of("\\\"", i + 1);
    if (end == std::string::npos || text[end] != '"') return std::nullopt;
    out.emplace_back(text, i + 1, end - i - 1);
    i = end + 1;
    if (i < n - 1 && text[i++] != ',') return std::nullopt;
    if (i == n - 1 && text[i - 1] == ',') return std::nullopt;
  }
  return out;
}

std::vector<std::string> string_list(const std::string& text) {
  if (auto fast = simple_string_list(text)) return std::move(*fast);
  auto j = json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& e : j) {
    if (e.is_string()) out.push_back(e.get<std::string>());
  }
  return out;
}

std::string dump(const json& j) { return j.dump(); }

std::set<std::string> ids_in(Database& db, const char* table) {
  std::set<std::string> out;
  sql::Statement q(db.sql(), std::string("SELECT id FROM ") + table + " WHERE commune = ?");
  q.bind(1, db.commune());
  while (q.step()) out.insert(q.column(0).text());
  return out;
}

// Position of each id: a set holding every stored id sets the order; else stored ids keep
// theirs and new ones follow.
std::map<std::string, int> positions(Database& db, const char* table,
                                     const std::vector<std::string>& incoming) {
  std::map<std::string, int> pos;
  sql::Statement q(db.sql(),
                   std::string("SELECT id, position FROM ") + table + " WHERE commune = ?");
  q.bind(1, db.commune());
  int next = 0;
  while (q.step()) {
    pos[q.column(0).text()] = q.column(1).as_int();
    next = std::max(next, q.column(1).as_int() + 1);
  }
  std::set<std::string> in(incoming.begin(), incoming.end());
  bool covers_all = std::all_of(pos.begin(), pos.end(), [&](auto& p) { return in.count(p.first); });
  if (covers_all) {
    pos.clear();
    next = 0;
  }
  for (const auto& id : incoming) {
    if (!pos.count(id)) pos[id] = next++;
  }
  return pos;
}

void count(SaveCounts& c, const std::set<std::string>& existing, const std::string& id) {
  if (existing.count(id)) {
    ++c.updated;
  } else {
    ++c.inserted;
  }
}

SaveCounts upsert_bodies(Database& db, const std::vector<Body>& bodies) {
  SaveCounts c;
  auto existing = ids_in(db, "bodies");
  sql::Statement st(db.sql(),
                    "INSERT INTO bodies(id, name, aliases, kind, members, leader, commune, "
                    "position) VALUES (?,?,?,?,?,?,?7,(SELECT COALESCE(MAX(position), 0) + 1 "
                    "FROM bodies WHERE commune = ?7)) ON CONFLICT(commune, id) DO UPDATE SET "
                    "name=excluded.name, "
                    "aliases=excluded.aliases, kind=excluded.kind, members=excluded.members, "
                    "leader=excluded.leader");
  for (const auto& b : bodies) {
    st.reset();
    st.bind(1, b.id);
    st.bind(2, b.name);
    st.bind(3, dump(b.aliases));
    st.bind(4, std::string(to_string(b.kind)));
    st.bind(5, dump(b.members));
    st.bind(6, b.leader);
    st.bind(7, db.commune());
    st.exec();
    count(c, existing, b.id);
  }
  return c;
}

SaveCounts upsert_tasks(Database& db, const std::vector<Task>& tasks) {
  SaveCounts c;
  auto existing = ids_in(db, "tasks");
  std::vector<std::string> ids;
  for (const auto& t : tasks) ids.push_back(t.id);
  auto pos = positions(db, "tasks", ids);
  sql::Statement move(db.sql(), "UPDATE tasks SET position=? WHERE commune=? AND id=?");
  for (const auto& [id, p] : pos) {
    move.reset();
    move.bind(1, p);
    move.bind(2, db.commune());
    move.bind(3, id);
    move.exec();
  }
  sql::Statement st(
      db.sql(),
      "INSERT INTO tasks(id, position, section, section_title, title, lead, coordinators, output, "
      "deadline_text, deadline, directing, commune) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON "
      "CONFLICT(commune, id) DO "
      "UPDATE SET position=excluded.position, section=excluded.section, "
      "section_title=excluded.section_title, title=excluded.title, lead=excluded.lead, "
      "coordinators=excluded.coordinators, output=excluded.output, "
      "deadline_text=excluded.deadline_text, deadline=excluded.deadline, "
      "directing=excluded.directing");
  for (const auto& t : tasks) {
    st.reset();
    st.bind(1, t.id);
    st.bind(2, pos[t.id]);
    st.bind(3, t.section);
    st.bind(4, t.section_title);
    st.bind(5, t.title);
    st.bind(6, dump(t.lead));
    st.bind(7, dump(t.coordinators));
    st.bind(8, t.output);
    st.bind(9, t.deadline_text);
    st.bind(10, dump(to_json(t.deadline)));
    st.bind(11, dump(t.directing));
    st.bind(12, db.commune());
    st.exec();
    count(c, existing, t.id);
  }
  return c;
}

SaveCounts upsert_indicators(Database& db, const std::vector<Indicator>& indicators) {
  SaveCounts c;
  auto existing = ids_in(db, "indicators");
  std::vector<std::string> ids;
  for (const auto& i : indicators) ids.push_back(i.id);
  auto pos = positions(db, "indicators", ids);
  sql::Statement st(db.sql(),
                    "INSERT INTO indicators(id, position, name, unit, monitoring_body, "
                    "milestones, commune) VALUES (?,?,?,?,?,?,?) ON CONFLICT(commune, id) DO "
                    "UPDATE SET "
                    "position=excluded.position, name=excluded.name, unit=excluded.unit, "
                    "monitoring_body=excluded.monitoring_body, milestones=excluded.milestones");
  for (const auto& i : indicators) {
    json milestones = json::object();
    for (const auto& [year, target] : i.milestones) milestones[std::to_string(year)] = target;
    st.reset();
    st.bind(1, i.id);
    st.bind(2, pos[i.id]);
    st.bind(3, i.name);
    st.bind(4, i.unit);
    st.bind(5, i.monitoring_body);
    st.bind(6, dump(milestones));
    st.bind(7, db.commune());
    st.exec();
    count(c, existing, i.id);
  }
  return c;
}

void audit_import(Database& db, const ImportSource& src, const PlanSaveCounts& c) {
  json detail = {{"file", src.file},
                 {"bodies", c.bodies.total()},
                 {"tasks", c.tasks.total()},
                 {"indicators", c.indicators.total()},
                 {"inserted", c.bodies.inserted + c.tasks.inserted + c.indicators.inserted},
                 {"updated", c.bodies.updated + c.tasks.updated + c.indicators.updated}};
  db.audit("import", src.what, src.file, detail.dump(), src.now_iso);
}

}  // namespace

std::vector<Body> load_bodies(Database& db) {
  std::vector<Body> out;
  sql::Statement q(db.sql(),
                   "SELECT id, name, aliases, kind, members, leader FROM bodies WHERE commune = "
                   "? ORDER BY position");
  q.bind(1, db.commune());
  while (q.step()) {
    Body b;
    b.id = q.column(0).text();
    b.name = q.column(1).text();
    b.aliases = string_list(q.column(2).text());
    b.kind = body_kind_from_string(q.column(3).text()).value_or(Body::Kind::unit);
    b.members = string_list(q.column(4).text());
    b.leader = q.column(5).text();
    out.push_back(std::move(b));
  }
  return out;
}

std::vector<Task> load_tasks(Database& db) {
  std::vector<Task> out;
  {
    sql::Statement n(db.sql(), "SELECT count(*) FROM tasks WHERE commune = ?");
    n.bind(1, db.commune());
    if (n.step()) out.reserve(static_cast<std::size_t>(n.column(0).as_int64()));
  }
  // A plan repeats a few deadline shapes ("Thường xuyên", "Năm 2026") across thousands of tasks:
  // parse each stored JSON text once.
  std::unordered_map<std::string, DeadlineSpec> parsed;
  sql::Statement q(db.sql(),
                   "SELECT id, section, section_title, title, lead, coordinators, output, "
                   "deadline_text, deadline, directing FROM tasks WHERE commune = ? ORDER BY "
                   "position, id");
  q.bind(1, db.commune());
  while (q.step()) {
    Task t;
    t.id = q.column(0).text();
    t.section = q.column(1).text();
    t.section_title = q.column(2).text();
    t.title = q.column(3).text();
    t.lead = string_list(q.column(4).text());
    t.coordinators = string_list(q.column(5).text());
    t.output = q.column(6).text();
    t.deadline_text = q.column(7).text();
    auto [it, fresh] = parsed.try_emplace(q.column(8).text());
    if (fresh) {
      auto spec = deadline_from_json(json::parse(it->first, nullptr, false));
      if (spec) it->second = *spec;
    }
    t.deadline = it->second;
    t.directing = string_list(q.column(9).text());
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<Indicator> load_indicators(Database& db) {
  std::vector<Indicator> out;
  sql::Statement q(db.sql(),
                   "SELECT id, name, unit, monitoring_body, milestones FROM indicators "
                   "WHERE commune = ? ORDER BY position, id");
  q.bind(1, db.commune());
  while (q.step()) {
    Indicator i;
    i.id = q.column(0).text();
    i.name = q.column(1).text();
    i.unit = q.column(2).text();
    i.monitoring_body = q.column(3).text();
    auto m = json::parse(q.column(4).text(), nullptr, false);
    if (m.is_object()) {
      for (const auto& [year, target] : m.items()) {
        if (target.is_string()) i.milestones[std::stoi(year)] = target.get<std::string>();
      }
    }
    out.push_back(std::move(i));
  }
  return out;
}

Plan load_plan(Database& db) {
  Plan plan;
  plan.bodies = load_bodies(db);
  plan.tasks = load_tasks(db);
  plan.indicators = load_indicators(db);
  plan.issued = load_issued(db);
  derive_all_assignees(plan);
  return plan;
}

std::optional<Date> load_issued(Database& db) {
  sql::Statement q(db.sql(), "SELECT value FROM plan_meta WHERE commune = ? AND key = 'issued'");
  q.bind(1, db.commune());
  if (!q.step()) return std::nullopt;
  return parse_date(q.column(0).text());
}

void save_issued(Database& db, Date issued) {
  sql::Statement st(db.sql(),
                    "INSERT INTO plan_meta(commune, key, value) VALUES (?, 'issued', ?) "
                    "ON CONFLICT(commune, key) DO UPDATE SET value = excluded.value");
  st.bind(1, db.commune());
  st.bind(2, format_date(issued));
  st.exec();
}

bool plan_is_empty(Database& db) {
  sql::Statement q(db.sql(),
                   "SELECT NOT EXISTS (SELECT 1 FROM bodies WHERE commune = ?1) AND NOT EXISTS "
                   "(SELECT 1 FROM tasks WHERE commune = ?1)");
  q.bind(1, db.commune());
  return q.step() && q.column(0).as_int() != 0;
}

SaveCounts save_bodies(Database& db, const std::vector<Body>& bodies, const ImportSource& src) {
  WriteTransaction tx(db);  // joins the caller's transaction when there is one
  PlanSaveCounts c;
  c.bodies = upsert_bodies(db, bodies);
  audit_import(db, src, c);
  tx.commit();
  return c.bodies;
}

SaveCounts save_tasks(Database& db, const std::vector<Task>& tasks, const ImportSource& src) {
  WriteTransaction tx(db);  // joins the caller's transaction when there is one
  PlanSaveCounts c;
  c.tasks = upsert_tasks(db, tasks);
  audit_import(db, src, c);
  tx.commit();
  return c.tasks;
}

PlanSaveCounts save_plan(Database& db, const Plan& plan, const ImportSource& src) {
  WriteTransaction tx(db);  // joins the caller's transaction when there is one
  PlanSaveCounts c;
  c.bodies = upsert_bodies(db, plan.bodies);
  c.tasks = upsert_tasks(db, plan.tasks);
  c.indicators = upsert_indicators(db, plan.indicators);
  if (plan.issued) save_issued(db, *plan.issued);
  audit_import(db, src, c);
  tx.commit();
  return c;
}

PlanSaveCounts replace_plan(Database& db, const Plan& plan, const ImportSource& src) {
  WriteTransaction tx(db);
  defer_foreign_keys(db);
  for (const char* table : {"tasks", "indicators", "bodies", "plan_meta"}) {
    sql::Statement del(db.sql(), std::string("DELETE FROM ") + table + " WHERE commune = ?");
    del.bind(1, db.commune());
    del.exec();
  }
  PlanSaveCounts c;
  c.bodies = upsert_bodies(db, plan.bodies);
  c.tasks = upsert_tasks(db, plan.tasks);
  c.indicators = upsert_indicators(db, plan.indicators);
  if (plan.issued) save_issued(db, *plan.issued);
  audit_import(db, src, c);
  tx.commit();
  return c;
}

PlanCounts count_plan(Database& db) {
  sql::Statement q(db.sql(),
                   "SELECT (SELECT count(*) FROM bodies WHERE commune = ?1), "
                   "(SELECT count(*) FROM tasks WHERE commune = ?1)");
  q.bind(1, db.commune());
  PlanCounts n;
  if (q.step()) n = {q.column(0).as_int64(), q.column(1).as_int64()};
  return n;
}

}  // namespace dondoc
