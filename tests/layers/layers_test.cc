// The layer rule, checked on the source tree (every library sees the repository root as its include
// path, so a wrong include compiles; this test is what fails instead):
//   rules <- engine <- {storage, bot} <- service <- app
// A file may include headers of its own folder and of folders to its left; storage and bot not
// each other. Third-party libraries stay in their layer: SQLiteCpp in storage, Boost and OpenSSL
// in app, utf8proc in rules/text.cc, libical in service and app. The system clock is read in app/
// only, and SQL is written in storage/ only.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct SourceFile {
  std::string path;   // relative to the repository root: "engine/scheduler.cc"
  std::string layer;  // its folder: "engine"
  std::vector<std::string> lines;
};

const std::map<std::string, int> kRank = {{"rules", 0}, {"engine", 1},  {"storage", 2},
                                          {"bot", 2},   {"service", 3}, {"app", 4}};

// Files allowed to break the SQL rule. Empty since the service layer: transactions and savepoints
// are storage's RAII types, and no file outside storage/ writes SQL.
const std::set<std::string> kSqlAllowlist = {};

// The Clock port is the one source of time: app/system_clock.cc is the only file reading the
// system clock (issue 11 §1).
constexpr bool kOneClockFile = true;
constexpr const char* kClockFile = "app/system_clock.cc";

std::vector<SourceFile> product_files(const fs::path& root) {
  std::vector<SourceFile> out;
  for (const auto& [layer, rank] : kRank) {
    if (!fs::exists(root / layer)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / layer)) {
      auto ext = entry.path().extension();
      if (!entry.is_regular_file() || (ext != ".h" && ext != ".cc")) continue;
      SourceFile f{fs::relative(entry.path(), root).generic_string(), layer, {}};
      std::ifstream in(entry.path());
      for (std::string line; std::getline(in, line);) f.lines.push_back(line);
      out.push_back(std::move(f));
    }
  }
  return out;
}

std::string at(const SourceFile& f, std::size_t i) {
  return f.path + ":" + std::to_string(i + 1) + ": ";
}

bool is_comment(const std::string& line) {
  auto first = line.find_first_not_of(" \t");
  return first != std::string::npos && line.compare(first, 2, "//") == 0;
}

// "#include "engine/model.h"" -> {'"', "engine/model.h"}; {0, ""} for other lines.
std::pair<char, std::string> include_of(const std::string& line) {
  static const std::regex re(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
  std::smatch m;
  if (!std::regex_search(line, m, re)) return {0, ""};
  return {m[1].str()[0], m[2].str()};
}

// A project header of a layer this file may not see, or a test helper.
std::string bad_project_include(const SourceFile& f, const std::string& header) {
  std::string folder = header.substr(0, header.find('/'));
  if (folder == "tests") return "includes a test header " + header;
  auto it = kRank.find(folder);
  if (it == kRank.end() || folder == f.layer) return "";
  int mine = kRank.at(f.layer);
  if (it->second > mine)
    return "includes " + header + ": " + folder + " is to the right of " + f.layer;
  if (it->second == mine)
    return "includes " + header + ": storage and bot may not include each other";
  return "";
}

// A third-party header outside the layers that may use it.
std::string bad_library_include(const SourceFile& f, const std::string& header) {
  auto starts = [&header](const char* p) { return header.rfind(p, 0) == 0; };
  const std::string& l = f.layer;
  // SQLite and libpq stay behind storage/sql.h: the stores cannot grow a dialect of their own.
  bool sqlite = starts("SQLiteCpp/") || header == "sqlite3.h";
  if (sqlite && f.path != "storage/sql_sqlite.cc" && f.path != "storage/code_hash.cc") {
    return header + " outside storage/sql_sqlite.cc and storage/code_hash.cc";
  }
  if (header == "libpq-fe.h" && f.path != "storage/sql_pg.cc") {
    return "libpq-fe.h outside storage/sql_pg.cc";
  }
  if ((starts("boost/") || starts("openssl/")) && l != "app") return header + " outside app";
  if (starts("utf8proc") && f.path != "rules/text.cc") return "utf8proc outside rules/text.cc";
  if (starts("libical/") && l != "service" && l != "app") return "libical outside service and app";
  return "";
}

std::vector<std::string> include_violations(const std::vector<SourceFile>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) {
    for (std::size_t i = 0; i < f.lines.size(); ++i) {
      auto [kind, header] = include_of(f.lines[i]);
      if (kind == 0) continue;
      std::string why =
          kind == '"' ? bad_project_include(f, header) : bad_library_include(f, header);
      if (!why.empty()) out.push_back(at(f, i) + why);
    }
  }
  return out;
}

// The SQLite API itself (SQLiteCpp's classes, sqlite3_ calls) outside the two files that wrap it:
// a store written against it would not run on PostgreSQL.
std::vector<std::string> sqlite_api_violations(const std::vector<SourceFile>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) {
    if (f.path == "storage/sql_sqlite.cc" || f.path == "storage/code_hash.cc") continue;
    for (std::size_t i = 0; i < f.lines.size(); ++i) {
      const std::string& line = f.lines[i];
      if (is_comment(line)) continue;
      if (line.find("SQLite::") != std::string::npos ||
          line.find("sqlite3_") != std::string::npos) {
        out.push_back(at(f, i) + "SQLite API outside storage/sql_sqlite.cc: " + line);
      }
    }
  }
  return out;
}

// SQLiteCpp, the raw connection (db.sql()) or SQL text outside storage/.
bool writes_sql(const std::string& line) {
  static const std::regex sql_text(
      R"re("\s*(SELECT|INSERT|UPDATE|DELETE|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|CREATE|ALTER|DROP|PRAGMA)(\s|"))re");
  if (is_comment(line)) return false;
  return line.find("SQLite::") != std::string::npos ||
         line.find("#include <SQLiteCpp") != std::string::npos ||
         line.find(".sql()") != std::string::npos || std::regex_search(line, sql_text);
}

std::vector<std::string> sql_violations(const std::vector<SourceFile>& files,
                                        const std::set<std::string>& allowed) {
  std::vector<std::string> out;
  for (const auto& f : files) {
    if (f.layer == "storage" || allowed.count(f.path) > 0) continue;
    for (std::size_t i = 0; i < f.lines.size(); ++i) {
      if (writes_sql(f.lines[i])) out.push_back(at(f, i) + "SQL outside storage: " + f.lines[i]);
    }
  }
  return out;
}

std::vector<std::string> clock_violations(const std::vector<SourceFile>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) {
    bool allowed = kOneClockFile ? f.path == kClockFile : f.layer == "app";
    if (allowed) continue;
    for (std::size_t i = 0; i < f.lines.size(); ++i) {
      if (f.lines[i].find("system_clock::") != std::string::npos && !is_comment(f.lines[i])) {
        out.push_back(at(f, i) + "the system clock outside the app's Clock");
      }
    }
  }
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

SourceFile fake(std::string path, std::vector<std::string> lines) {
  std::string layer = path.substr(0, path.find('/'));
  return SourceFile{std::move(path), std::move(layer), std::move(lines)};
}

}  // namespace

TEST_CASE("layers: the source tree is found") {
  auto files = product_files(DONDOC_SOURCE_DIR);
  CHECK(files.size() > 50);
}

TEST_CASE("layers: no file includes a header of a layer to its right, or a forbidden library") {
  auto v = include_violations(product_files(DONDOC_SOURCE_DIR));
  INFO(joined(v));
  CHECK(v.empty());
}

TEST_CASE("layers: SQL and SQLiteCpp only in storage/") {
  auto v = sql_violations(product_files(DONDOC_SOURCE_DIR), kSqlAllowlist);
  INFO(joined(v));
  CHECK(v.empty());
}

TEST_CASE("layers: the SQLite API only behind storage/sql.h") {
  auto v = sqlite_api_violations(product_files(DONDOC_SOURCE_DIR));
  INFO(joined(v));
  CHECK(v.empty());
  auto f = sqlite_api_violations(
      {fake("storage/m.cc", {"  SQLite::Statement st(db.sql(), \"SELECT 1\");"}),
       fake("storage/sql_sqlite.cc", {"  sqlite3_step(st_);"}),
       fake("storage/n.cc",
            {"  int rc = sqlite3_changes(h);", "  // sqlite3_changes in a comment"})});
  REQUIRE(f.size() == 2);
  CHECK(f[0].rfind("storage/m.cc:1:", 0) == 0);
  CHECK(f[1].rfind("storage/n.cc:1:", 0) == 0);
}

TEST_CASE("layers: the allowlist holds only files that still need it") {
  auto files = product_files(DONDOC_SOURCE_DIR);
  for (const auto& path : kSqlAllowlist) {
    std::vector<SourceFile> one;
    for (const auto& f : files) {
      if (f.path == path) one.push_back(f);
    }
    INFO(path << " no longer writes SQL: remove it from kSqlAllowlist");
    CHECK_FALSE(sql_violations(one, {}).empty());
  }
}

TEST_CASE("layers: the system clock only in app/") {
  auto v = clock_violations(product_files(DONDOC_SOURCE_DIR));
  INFO(joined(v));
  CHECK(v.empty());
}

TEST_CASE("layers: the checks catch what they are for") {
  std::vector<SourceFile> files = {
      fake("engine/a.cc", {"#include \"storage/database.h\"", "#include \"rules/date.h\""}),
      fake("storage/b.cc", {"#include \"bot/linking.h\"", "#include \"engine/model.h\""}),
      fake("bot/c.h", {"#include <SQLiteCpp/Database.h>", "#include <nlohmann/json.hpp>"}),
      fake("storage/d.cc", {"#include <boost/asio.hpp>", "#include <SQLiteCpp/Statement.h>"}),
      fake("service/e.cc", {"#include \"app/cli.h\"", "#include <openssl/ssl.h>"}),
      fake("rules/f.cc", {"#include <utf8proc.h>", "  # include \"service/tick.h\""}),
      fake("app/g.cc", {"#include <boost/beast.hpp>", "#include \"tests/support/process.h\""}),
      fake("storage/o.cc", {"#include <libpq-fe.h>", "#include <sqlite3.h>"}),
      fake("storage/sql_pg.cc", {"#include <libpq-fe.h>"}),
  };
  auto v = include_violations(files);
  INFO(joined(v));
  REQUIRE(v.size() == 12);
  CHECK(v[0].rfind("engine/a.cc:1: includes storage/database.h", 0) == 0);
  CHECK(v[1].rfind("storage/b.cc:1: includes bot/linking.h: storage and bot", 0) == 0);
  CHECK(v[2].rfind("bot/c.h:1: SQLiteCpp/Database.h outside storage/sql_sqlite.cc", 0) == 0);
  CHECK(v[3] == "storage/d.cc:1: boost/asio.hpp outside app");
  CHECK(v[4].rfind("storage/d.cc:2: SQLiteCpp/Statement.h outside", 0) == 0);
  CHECK(v[5].rfind("service/e.cc:1: includes app/cli.h", 0) == 0);
  CHECK(v[6] == "service/e.cc:2: openssl/ssl.h outside app");
  CHECK(v[7] == "rules/f.cc:1: utf8proc outside rules/text.cc");
  CHECK(v[8].rfind("rules/f.cc:2: includes service/tick.h", 0) == 0);
  CHECK(v[9] == "app/g.cc:2: includes a test header tests/support/process.h");
  CHECK(v[10] == "storage/o.cc:1: libpq-fe.h outside storage/sql_pg.cc");
  CHECK(v[11].rfind("storage/o.cc:2: sqlite3.h outside", 0) == 0);

  std::vector<SourceFile> sql = {
      fake("app/h.cc", {"  db.cached(\"SAVEPOINT event\").exec();", "  // SELECT in a comment"}),
      fake("service/i.cc", {"  SQLite::Transaction tx(db.sql());", "  \"BEGIN:VCALENDAR\""}),
      fake("storage/j.cc", {"  SQLite::Statement st(db.sql(), \"SELECT 1\");"}),
  };
  auto s = sql_violations(sql, {});
  INFO(joined(s));
  REQUIRE(s.size() == 2);
  CHECK(s[0].rfind("app/h.cc:1:", 0) == 0);
  CHECK(s[1].rfind("service/i.cc:1:", 0) == 0);
  CHECK(sql_violations(sql, {"app/h.cc", "service/i.cc"}).empty());

  auto c = clock_violations({fake("engine/k.cc", {"auto t = std::chrono::system_clock::now();"}),
                             fake("app/l.cc", {"auto t = std::chrono::system_clock::now();"})});
  REQUIRE(c.size() == (kOneClockFile ? 2 : 1));
  CHECK(c[0].rfind("engine/k.cc:1:", 0) == 0);
}
