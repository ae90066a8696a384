// The "bare read" of the dashboard benchmark: an HTTP server that answers every GET by reading the
// rows a page is made of — the commune's bodies, tasks and recorded obligation states — with plain
// SQLiteCpp in one read transaction, and writing them out as one HTML table (escaped). No
// deadline arithmetic, no templates, no sessions: the floor a page could cost on these rows.
// Usage: bench_dashboard_bare PORT DBFILE
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdlib>
#include <string>

#include "bench/webhook/mini_server.h"

namespace {

void escape_into(std::string& out, const std::string& s) {
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
}

// Every column of every row of `sql` as one <tr> each.
void table(SQLite::Database& db, const char* sql, std::string& out) {
  SQLite::Statement q(db, sql);
  out += "<table>";
  while (q.executeStep()) {
    out += "<tr>";
    for (int i = 0; i < q.getColumnCount(); ++i) {
      out += "<td>";
      escape_into(out, q.getColumn(i).getString());
      out += "</td>";
    }
    out += "</tr>\n";
  }
  out += "</table>";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: bench_dashboard_bare PORT DBFILE\n");
    return 2;
  }
  auto port = static_cast<unsigned short>(std::atoi(argv[1]));
  SQLite::Database db(argv[2], SQLite::OPEN_READONLY);
  return bench::serve(port, [&db](const bench::http::request<bench::http::string_body>&) {
    bench::Answer a{bench::http::status::ok, "text/html; charset=utf-8", "<!doctype html>"};
    try {
      db.exec("BEGIN");
      table(db, "SELECT id, name, kind FROM bodies WHERE commune = 1 ORDER BY rowid", a.body);
      table(db,
            "SELECT id, section, title, lead, coordinators, output, deadline_text FROM tasks "
            "WHERE commune = 1 ORDER BY position",
            a.body);
      table(db, "SELECT * FROM engine_obligations WHERE commune = 1", a.body);
      db.exec("COMMIT");
    } catch (const std::exception& e) {
      std::fprintf(stderr, "bare page: %s\n", e.what());
      a.status = bench::http::status::internal_server_error;
    }
    return a;
  });
}
