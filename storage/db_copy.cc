#include "storage/db_copy.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "storage/sql_pg.h"

namespace dondoc {
namespace {

using Names = std::vector<std::string>;

Names column_list(sql::Statement& q) {
  Names out;
  while (q.step()) out.push_back(q.column(0).text());
  return out;
}

Names source_tables(sql::Connection& c) {
  sql::Statement q(c,
                   "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                   "'sqlite_%' AND name <> 'schema_version' ORDER BY name");
  return column_list(q);
}

Names source_columns(sql::Connection& c, const std::string& table) {
  sql::Statement q(c, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
  q.bind(1, table);
  return column_list(q);
}

Names target_columns(sql::Connection& c, const std::string& table) {
  if (c.dialect() == sql::Dialect::sqlite) return source_columns(c, table);
  sql::Statement q(c,
                   "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                   "current_schema() AND table_name = ? ORDER BY ordinal_position");
  q.bind(1, table);
  return column_list(q);
}

// Tables ordered so that every table comes after the tables its foreign keys name.
Names parents_first(sql::Connection& c, const Names& tables) {
  std::map<std::string, std::set<std::string>> parents;
  for (const auto& t : tables) {
    sql::Statement q(c, "SELECT \"table\" FROM pragma_foreign_key_list(?)");
    q.bind(1, t);
    while (q.step()) {
      auto p = q.column(0).text();
      if (p != t) parents[t].insert(p);
    }
  }
  Names out;
  std::set<std::string> placed;
  std::function<void(const std::string&, int)> place = [&](const std::string& t, int depth) {
    if (placed.count(t) != 0 || depth > 64) return;
    for (const auto& p : parents[t]) place(p, depth + 1);
    if (std::find(tables.begin(), tables.end(), t) != tables.end() && placed.insert(t).second) {
      out.push_back(t);
    }
  };
  for (const auto& t : tables) place(t, 0);
  return out;
}

std::int64_t count_rows(sql::Connection& c, const std::string& table) {
  return c.exec_and_get("SELECT count(*) FROM \"" + table + "\"").as_int64();
}

std::string quoted_list(const Names& cols) {
  std::string out;
  for (const auto& col : cols) out += (out.empty() ? "\"" : ", \"") + col + "\"";
  return out;
}

// The columns both sides have; throws when a source column that holds a value has no place.
Names shared_columns(sql::Connection& from, sql::Connection& to, const std::string& table) {
  Names theirs = target_columns(to, table);
  Names out;
  for (const auto& col : source_columns(from, table)) {
    if (std::find(theirs.begin(), theirs.end(), col) != theirs.end()) {
      out.push_back(col);
      continue;
    }
    auto used = from.exec_and_get("SELECT count(*) FROM \"" + table + "\" WHERE \"" + col +
                                  "\" IS NOT NULL");
    if (used.as_int64() > 0) {
      throw CopyRefused("bảng " + table + ", cột " + col +
                        ": có dữ liệu nhưng cơ sở dữ liệu đích không có cột này");
    }
  }
  return out;
}

// Each value keeps the type it had in the source: SQLite's are per value, not per column.
void bind_as_read(sql::Statement& st, int i, const sql::Column& v) {
  switch (v.type()) {
    case sql::Column::Type::null:
      return st.bind(i);
    case sql::Column::Type::integer:
      return st.bind(i, v.as_int64());
    case sql::Column::Type::real:
      return st.bind(i, v.as_double());
    case sql::Column::Type::blob:
      return st.bind_blob(i, v.bytes());
    case sql::Column::Type::text:
      return st.bind(i, v.text());
  }
}

std::int64_t copy_rows(sql::Connection& from, sql::Connection& to, const std::string& table,
                       const Names& cols) {
  std::string list = quoted_list(cols);
  std::string marks;
  for (std::size_t i = 0; i < cols.size(); ++i) marks += i == 0 ? "?" : ", ?";
  // A row the target's own triggers wrote while earlier tables were copied (config_stamps) is
  // replaced by the source's.
  if (count_rows(to, table) > 0) to.exec("DELETE FROM \"" + table + "\"");
  sql::Statement read(from, "SELECT " + list + " FROM \"" + table + "\"");
  sql::Statement write(to, "INSERT INTO \"" + table + "\" (" + list + ") VALUES (" + marks + ")");
  std::int64_t n = 0;
  while (read.step()) {
    write.reset();
    for (int i = 0; i < static_cast<int>(cols.size()); ++i) {
      bind_as_read(write, i + 1, read.column(i));
    }
    write.exec();
    ++n;
  }
  return n;
}

// PostgreSQL's identity columns continue after the copied ids.
void advance_identities(sql::Connection& to) {
  if (to.dialect() != sql::Dialect::postgresql) return;
  sql::Statement q(to,
                   "SELECT table_name, column_name FROM information_schema.columns WHERE "
                   "table_schema = current_schema() AND is_identity = 'YES'");
  std::vector<std::pair<std::string, std::string>> cols;
  while (q.step()) cols.emplace_back(q.column(0).text(), q.column(1).text());
  for (const auto& [table, col] : cols) {
    to.exec("SELECT setval(pg_get_serial_sequence('\"" + table + "\"', '" + col +
            "'), COALESCE((SELECT MAX(\"" + col + "\") FROM \"" + table + "\"), 0) + 1, false)");
  }
}

int schema_version(sql::Connection& c) {
  if (!c.table_exists("schema_version")) return 0;
  return c.exec_and_get("SELECT COALESCE(MAX(version), 0) FROM schema_version").as_int();
}

}  // namespace

CopyReport copy_database(sql::Connection& from, sql::Connection& to) {
  int mine = schema_version(from);
  int theirs = schema_version(to);
  if (mine != theirs) {
    throw CopyRefused("phiên bản schema khác nhau: nguồn " + std::to_string(mine) + ", đích " +
                      std::to_string(theirs) + "; hãy dùng cùng một bản dondoc cho cả hai");
  }
  if (to.table_exists("communes") && count_rows(to, "communes") > 0) {
    throw CopyRefused(to.describe() + ": cơ sở dữ liệu đích đã có dữ liệu (bảng communes không " +
                      "trống); chỉ chép vào một cơ sở dữ liệu mới");
  }
  CopyReport report;
  Names tables = parents_first(from, source_tables(from));
  to.begin_write();
  try {
    for (const auto& t : tables) {
      if (!to.table_exists(t)) {
        if (count_rows(from, t) > 0) {
          throw CopyRefused("bảng " + t +
                            ": có dữ liệu nhưng cơ sở dữ liệu đích không có bảng này");
        }
        report.skipped.push_back(t);
        continue;
      }
      report.tables.emplace_back(t, copy_rows(from, to, t, shared_columns(from, to, t)));
    }
    advance_identities(to);
    to.exec("COMMIT");
  } catch (...) {
    try {
      to.exec("ROLLBACK");
    } catch (...) {  // the connection is gone: nothing was committed
    }
    throw;
  }
  return report;
}

CopyReport copy_database(Database& from, Database& to) {
  return copy_database(from.sql(), to.sql());
}

std::string database_label(const std::string& target) {
  return sql::is_postgresql_url(target) ? sql::pg::url_without_password(target) : target;
}

}  // namespace dondoc
