// Quy tắc: the active rules file with line numbers, its versions and the difference between two,
// and the upload of a new version: checked first (each error beside its line as LINE:COL, nothing
// stored; when valid, what the next 30 days would send), then activated by "Áp dụng".
// The page and the check read (reader thread); only "Áp dụng" writes (writer, audited).
#include <cstdlib>

#include "app/web/view.h"
#include "app/web/web.h"
#include "rules/jsonc.h"
#include "service/import_rules.h"
#include "service/rules_view.h"
#include "storage/rules_store.h"

namespace dondoc::app::web {
namespace {

using nlohmann::json;

json lines_json(const service::NumberedText& t) {
  json lines = json::array();
  for (const auto& l : t.lines) {
    json errs = json::array();
    for (const auto& e : l.errors) errs.push_back(e);
    lines.push_back({{"n", l.number}, {"text", l.text}, {"errors", errs}, {"err", !errs.empty()}});
  }
  return lines;
}

json versions_json(const Request& r, Database& db) {
  json out = json::array();
  for (const auto& v : rules_versions(db)) {
    out.push_back({{"version", v.version},
                   {"loaded_at", vn_time_text(v.loaded_at)},
                   {"source", v.source},
                   {"bytes", v.bytes},
                   {"active", v.active},
                   {"href", r.url("/quy-tac?xem=" + std::to_string(v.version))}});
  }
  return out;
}

int int_q(const Request& r, const std::string& name) { return std::atoi(r.q(name).c_str()); }

// ?a=1&b=2: the lines that changed from version a to b, with 3 lines of context.
json diff_json(const Request& r, Database& db) {
  auto a = rules_version(db, int_q(r, "a")), b = rules_version(db, int_q(r, "b"));
  if (!a || !b) return nullptr;
  json lines = json::array();
  for (const auto& d : service::diff_with_context(service::line_diff(a->text, b->text))) {
    const char* kind = d.kind == service::DiffKind::added     ? "add"
                       : d.kind == service::DiffKind::removed ? "del"
                                                              : "same";
    std::string mark = d.kind == service::DiffKind::added     ? "+"
                       : d.kind == service::DiffKind::removed ? "−"
                                                              : "";
    lines.push_back({{"kind", kind},
                     {"mark", mark},
                     {"old", d.old_number ? std::to_string(d.old_number) : ""},
                     {"new", d.new_number ? std::to_string(d.new_number) : ""},
                     {"text", d.text}});
  }
  return {{"a", a->version}, {"b", b->version}, {"lines", lines}, {"same", lines.empty()}};
}

HttpOut rules_page(Request& r, Database& db) {
  int shown = int_q(r, "xem");
  auto text = shown ? rules_version(db, shown) : active_rules_text(db);
  json data{{"versions", versions_json(r, db)},
            {"can_edit", service::allowed(*r.viewer, service::Permission::edit_rules)},
            {"check_action", r.url("/quy-tac/kiem-tra")},
            {"csrf", r.csrf},
            {"diff", diff_json(r, db)},
            {"diff_action", r.url("/quy-tac")}};
  if (text) {
    data["text"] = {{"version", text->version},
                    {"loaded_at", vn_time_text(text->loaded_at)},
                    {"source", text->source},
                    {"lines", lines_json(service::numbered_lines(text->text, {}))}};
  }
  return page(r, "Quy tắc nhắc việc", "rules", data);
}

// The uploaded file (field "file") or the pasted text (field "text"), and its name.
std::pair<std::string, std::string> uploaded(const Request& r) {
  if (const Upload* u = r.file("file"); u && !u->data.empty()) {
    return {u->data, u->filename.empty() ? "rules.jsonc" : u->filename};
  }
  std::string source = r.f("source");
  return {r.f("text"), source.empty() ? "rules.jsonc" : source};
}

json check_json(const Request& r, const std::string& text, const std::string& source,
                const std::vector<Diagnostic>& errors) {
  service::NumberedText t = service::numbered_lines(text, errors);
  json general = json::array();
  for (const auto& g : t.general) general.push_back(g);
  return {{"source", source},
          {"lines", lines_json(t)},
          {"general", general},
          {"errors", !errors.empty()},
          {"error_count", errors.size()},
          {"back", r.url("/quy-tac")},
          {"csrf", r.csrf}};
}

HttpOut check(Request& r, Database& db) {
  auto [text, source] = uploaded(r);
  if (text.size() > kJsoncMaxBytes) return error(r, 413, "Tệp quy tắc quá lớn (tối đa 1 MiB).");
  service::RulesCheck c = service::check_rules(db, text, r.now, 30);
  json data = check_json(r, text, source, c.errors);
  if (!c.errors.empty()) return page(r, "Quy tắc có lỗi: chưa áp dụng", "rules_check", data, 400);
  json preview = json::array();
  for (const Message& m : c.preview) {
    preview.push_back({{"at", vn_time(m.not_before)},
                       {"recipient", m.recipient},
                       {"kind", std::string(to_string(m.kind))},
                       {"task", m.task},
                       {"text", m.text}});
  }
  data.update({{"summary", c.summary},
               {"preview", preview},
               {"preview_count", preview.size()},
               {"preview_error", c.preview_error},
               {"text", text},
               {"apply_action", r.url("/quy-tac/ap-dung")}});
  return page(r, "Kiểm tra quy tắc: hợp lệ", "rules_check", data);
}

HttpOut apply(Request& r, Database& db) {
  auto [text, source] = uploaded(r);
  if (text.size() > kJsoncMaxBytes) return error(r, 413, "Tệp quy tắc quá lớn (tối đa 1 MiB).");
  service::RulesLoad loaded = service::import_rules(db, text, source, r.now);
  if (!loaded.version) {
    return page(r, "Quy tắc có lỗi: chưa áp dụng", "rules_check",
                check_json(r, text, source, loaded.errors), 400);
  }
  return redirect(r, r.url("/quy-tac"),
                  "Đã áp dụng quy tắc phiên bản " + std::to_string(*loaded.version) + ".");
}

Route reading_post(std::string pattern, Handler h) {
  Route route = Route::post(std::move(pattern), std::move(h));
  route.writes = false;  // the check stores nothing: the reader, not the writer
  return route;
}

const Registration kRules{Route::get("/quy-tac", &rules_page).in_nav("rules")};
const Registration kCheck{reading_post("/quy-tac/kiem-tra", &check)
                              .need(service::Permission::edit_rules)
                              .in_nav("rules")};
const Registration kApply{
    Route::post("/quy-tac/ap-dung", &apply).need(service::Permission::edit_rules).in_nav("rules")};

}  // namespace
}  // namespace dondoc::app::web
