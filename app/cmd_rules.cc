// `rules check FILE [--db F]`, `rules load FILE`, `rules show`: validate a rules file with
// line:column errors, store it as the active version, print the active version. Main thread.
#include <algorithm>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/cli.h"
#include "rules/date.h"
#include "rules/rules_file.h"
#include "service/import_rules.h"
#include "storage/database.h"
#include "storage/rules_store.h"

namespace dondoc {
namespace {

using nlohmann::json;

void print_errors(cli::Io& io, const cli::Args& args, const std::string& file,
                  const std::vector<Diagnostic>& errors) {
  if (args.json()) {
    json list = json::array();
    for (const auto& e : errors) {
      list.push_back({{"line", e.line}, {"col", e.col}, {"message", e.message}});
    }
    io.out << json{{"valid", false}, {"file", file}, {"errors", list}}.dump() << "\n";
  }
  for (const auto& e : errors) {
    io.err << file << ":" << e.line << ":" << e.col << ": " << e.message << "\n";
  }
}

std::optional<std::string> read_rules_file(const cli::Args& args, cli::Io& io, int& code) {
  if (args.positional.size() != 1) {
    code = cli::bad_input(io, "cần đúng một tệp quy tắc, ví dụ: rules check examples/rules.jsonc");
    return std::nullopt;
  }
  std::string error;
  auto text = cli::read_file(args.positional[0], kJsoncMaxBytes, error);
  if (!text) code = cli::bad_input(io, error);
  return text;
}

bool db_exists(const std::string& path, cli::Io& io) {
  if (cli::database_exists(path)) return true;
  cli::bad_input(io, "không tìm thấy cơ sở dữ liệu: " + path);
  return false;
}

void hint_empty_bodies(cli::Io& io, bool empty) {
  if (empty) {
    io.err << "dondoc: gợi ý: cơ sở dữ liệu chưa có cơ quan nào; hãy nhập kế hoạch trước "
              "(dondoc import)\n";
  }
}

int run_check(const cli::Args& args, cli::Io& io) {
  int code = cli::kExitOk;
  auto text = read_rules_file(args, io, code);
  if (!text) return code;
  const std::string& file = args.positional[0];
  std::vector<std::string> ids;
  bool with_db = args.option("db").has_value();
  if (with_db) {
    if (!db_exists(*args.option("db"), io)) return cli::kExitBadInput;
    Database db(*args.option("db"), Database::Access::read_only);
    auto commune = cli::commune(args, io, db);
    if (!commune) return cli::kExitBadInput;
    CommuneScope scope(db, commune->key);
    ids = body_ids(db);
  }
  std::function<bool(std::string_view)> known = [&ids](std::string_view id) {
    return std::binary_search(ids.begin(), ids.end(), id);
  };
  RulesParse parsed = parse_rules(*text, with_db ? &known : nullptr);
  if (!parsed.ok()) {
    print_errors(io, args, file, parsed.errors);
    hint_empty_bodies(io, with_db && ids.empty());
    return cli::kExitBadInput;
  }
  if (args.json()) {
    json out = rules_summary_json(*parsed.rules);
    out["valid"] = true;
    out["file"] = file;
    io.out << out.dump() << "\n";
  } else {
    io.out << file << ": hợp lệ — " << rules_summary(*parsed.rules) << "\n";
  }
  return cli::kExitOk;
}

int run_load(const cli::Args& args, cli::Io& io) {
  int code = cli::kExitOk;
  auto text = read_rules_file(args, io, code);
  if (!text) return code;
  const std::string& file = args.positional[0];
  std::string path = cli::db_path(args);
  if (!db_exists(path, io)) return cli::kExitBadInput;
  Database db(path);
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  auto loaded = service::import_rules(db, *text, file, io.clock.now());
  if (!loaded.version) {
    print_errors(io, args, file, loaded.errors);
    hint_empty_bodies(io, loaded.body_table_empty);
    return cli::kExitBadInput;
  }
  if (args.json()) {
    io.out << json{{"version", *loaded.version}}.dump() << "\n";
  } else {
    io.out << "Đã nạp quy tắc phiên bản " << *loaded.version << " từ " << file << "\n";
  }
  return cli::kExitOk;
}

int run_show(const cli::Args& args, cli::Io& io) {
  if (!args.positional.empty()) return cli::bad_input(io, "rules show không nhận tham số");
  std::string path = cli::db_path(args);
  if (!db_exists(path, io)) return cli::kExitBadInput;
  Database db(path, Database::Access::read_only);
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  auto active = active_rules_text(db);
  if (args.json()) {
    json out = active ? json{{"version", active->version},
                             {"loaded_at", active->loaded_at},
                             {"source", active->source},
                             {"text", active->text}}
                      : json{{"version", nullptr}};
    io.out << out.dump() << "\n";
  } else if (!active) {
    io.out << "Chưa nạp quy tắc nào (dondoc rules load FILE).\n";
  } else {
    io.out << "Quy tắc phiên bản " << active->version << ", nạp lúc " << active->loaded_at << " từ "
           << active->source << ":\n"
           << active->text;
    if (!active->text.empty() && active->text.back() != '\n') io.out << "\n";
  }
  return cli::kExitOk;
}

const cli::Registration kCheck{"rules check", "rules check FILE [--db F] [--json]", &run_check};
const cli::Registration kLoad{"rules load", "rules load FILE [--json]", &run_load};
const cli::Registration kShow{"rules show", "rules show [--json]", &run_show};

}  // namespace
}  // namespace dondoc
