// Baseline B for the webhook benchmark: baseline A plus one SQLite insert committed per request
// (WAL, synchronous=FULL), i.e. the naive durable ack: one fsync per event.
// Usage: baseline_b PORT DBFILE
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdlib>

#include "bench/webhook/mini_server.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: baseline_b PORT DBFILE\n");
    return 2;
  }
  auto port = static_cast<unsigned short>(std::atoi(argv[1]));
  SQLite::Database db(argv[2], SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("PRAGMA journal_mode=WAL");
  db.exec("PRAGMA synchronous=FULL");
  db.exec(
      "CREATE TABLE IF NOT EXISTS inbound (event_id TEXT PRIMARY KEY, body TEXT NOT NULL, "
      "received_at INTEGER NOT NULL)");
  SQLite::Statement insert(db, "INSERT OR IGNORE INTO inbound VALUES (?, ?, strftime('%s','now'))");
  return bench::serve(port, [&](const std::string& body) {
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("event_id") || !j["event_id"].is_string() ||
        !j.contains("chat_id") || !j.contains("text") || !j["text"].is_string()) {
      return bench::http::status::bad_request;
    }
    try {
      insert.reset();
      insert.bind(1, j["event_id"].get<std::string>());
      insert.bind(2, body);
      insert.exec();  // autocommit: one transaction, one WAL fsync per request
    } catch (const std::exception& e) {
      std::fprintf(stderr, "baseline_b: %s\n", e.what());
      return bench::http::status::internal_server_error;
    }
    return bench::http::status::ok;
  });
}
