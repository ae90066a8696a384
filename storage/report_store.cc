#include "storage/report_store.h"

#include <stdexcept>

namespace dondoc {
namespace {

constexpr const char* kColumns =
    "SELECT r.body, COALESCE(b.name, ''), r.cycle, r.period, r.due, r.received_at, r.updated_at, "
    "r.versions, r.on_time, r.text, r.results, r.obstacles, r.proposals, r.source, r.by_whom "
    "FROM body_reports r LEFT JOIN bodies b ON b.commune = r.commune AND b.id = r.body ";

Instant instant_of(const std::string& s) {
  auto t = parse_instant(s);
  if (!t) throw std::runtime_error("body_reports: thời điểm không hợp lệ: " + s);
  return *t;
}

StoredReport row(sql::Statement& q) {
  StoredReport r;
  r.body = q.column(0).text();
  r.body_name = q.column(1).text();
  r.cycle = q.column(2).text();
  r.period = q.column(3).text();
  auto due = parse_date(q.column(4).text());
  if (!due) throw std::runtime_error("body_reports: ngày không hợp lệ");
  r.due = *due;
  r.received_at = instant_of(q.column(5).text());
  r.updated_at = instant_of(q.column(6).text());
  r.versions = q.column(7).as_int();
  r.on_time = q.column(8).as_int() != 0;
  r.text = q.column(9).text();
  r.results = q.column(10).text();
  r.obstacles = q.column(11).text();
  r.proposals = q.column(12).text();
  r.source = q.column(13).text();
  r.by = q.column(14).text();
  return r;
}

void load_files(Database& db, StoredReport& r) {
  sql::Statement q(db.sql(),
                   "SELECT version, channel, ref, name, mime, id FROM body_report_attachments "
                   "WHERE commune = ? AND body = ? AND cycle = ? AND period = ? "
                   "ORDER BY version, seq");
  q.bind(1, db.commune());
  q.bind(2, r.body);
  q.bind(3, r.cycle);
  q.bind(4, r.period);
  while (q.step()) {
    r.files.push_back({q.column(0).as_int(), q.column(1).text(), q.column(2).text(),
                       q.column(3).text(), q.column(4).text(), q.column(5).as_int64()});
  }
}

std::vector<StoredReport> load_all(Database& db, sql::Statement& q) {
  std::vector<StoredReport> out;
  while (q.step()) out.push_back(row(q));
  for (auto& r : out) load_files(db, r);
  return out;
}

}  // namespace

std::optional<StoredReport> find_report(Database& db, const std::string& body,
                                        const std::string& cycle, const std::string& period) {
  sql::Statement q(db.sql(), std::string(kColumns) +
                                 "WHERE r.commune = ? AND r.body = ? AND r.cycle = ? AND "
                                 "r.period = ?");
  q.bind(1, db.commune());
  q.bind(2, body);
  q.bind(3, cycle);
  q.bind(4, period);
  auto all = load_all(db, q);
  if (all.empty()) return std::nullopt;
  return all.front();
}

void save_report_version(Database& db, const StoredReport& r, bool late,
                         const std::vector<StoredReportFile>& files) {
  sql::Statement up(
      db.sql(),
      "INSERT INTO body_reports(commune, body, cycle, period, due, received_at, updated_at, "
      "versions, on_time, text, results, obstacles, proposals, source, by_whom) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(commune, body, cycle, period) DO UPDATE "
      "SET updated_at = excluded.updated_at, versions = excluded.versions, text = excluded.text, "
      "results = excluded.results, obstacles = excluded.obstacles, proposals = "
      "excluded.proposals, source = excluded.source, by_whom = excluded.by_whom");
  int i = 0;
  up.bind(++i, db.commune());
  up.bind(++i, r.body);
  up.bind(++i, r.cycle);
  up.bind(++i, r.period);
  up.bind(++i, format_date(r.due));
  up.bind(++i, format_instant(r.received_at));
  up.bind(++i, format_instant(r.updated_at));
  up.bind(++i, r.versions);
  up.bind(++i, r.on_time ? 1 : 0);
  up.bind(++i, r.text);
  up.bind(++i, r.results);
  up.bind(++i, r.obstacles);
  up.bind(++i, r.proposals);
  up.bind(++i, r.source);
  up.bind(++i, r.by);
  up.exec();
  sql::Statement v(db.sql(),
                   "INSERT INTO body_report_versions(commune, body, cycle, period, version, at, "
                   "late, text, source, by_whom) VALUES (?,?,?,?,?,?,?,?,?,?)");
  i = 0;
  v.bind(++i, db.commune());
  v.bind(++i, r.body);
  v.bind(++i, r.cycle);
  v.bind(++i, r.period);
  v.bind(++i, r.versions);
  v.bind(++i, format_instant(r.updated_at));
  v.bind(++i, late ? 1 : 0);
  v.bind(++i, r.text);
  v.bind(++i, r.source);
  v.bind(++i, r.by);
  v.exec();
  sql::Statement f(db.sql(),
                   "INSERT INTO body_report_attachments(commune, body, cycle, period, version, "
                   "seq, channel, ref, name, mime) VALUES (?,?,?,?,?,?,?,?,?,?)");
  int seq = 0;
  for (const auto& file : files) {
    i = 0;
    f.bind(++i, db.commune());
    f.bind(++i, r.body);
    f.bind(++i, r.cycle);
    f.bind(++i, r.period);
    f.bind(++i, r.versions);
    f.bind(++i, ++seq);
    f.bind(++i, file.channel);
    f.bind(++i, file.ref);
    f.bind(++i, file.name);
    f.bind(++i, file.mime);
    f.exec();
    f.reset();
  }
}

std::vector<StoredReport> load_period_reports(Database& db, const std::string& cycle,
                                              const std::string& period) {
  sql::Statement q(db.sql(), std::string(kColumns) +
                                 "WHERE r.commune = ? AND r.cycle = ? AND r.period = ? "
                                 "ORDER BY b.position IS NULL, b.position, r.body");
  q.bind(1, db.commune());
  q.bind(2, cycle);
  q.bind(3, period);
  return load_all(db, q);
}

std::vector<StoredReport> load_body_reports(Database& db, const std::string& body, int limit) {
  sql::Statement q(db.sql(), std::string(kColumns) +
                                 "WHERE r.commune = ? AND r.body = ? "
                                 "ORDER BY r.due DESC, r.updated_at DESC LIMIT ?");
  q.bind(1, db.commune());
  q.bind(2, body);
  q.bind(3, limit <= 0 ? std::int64_t{1} << 40 : limit);  // no limit: PostgreSQL refuses -1
  return load_all(db, q);
}

std::optional<StoredReportFile> find_report_file(Database& db, std::int64_t id,
                                                 ReportFileOwner& owner) {
  sql::Statement q(db.sql(),
                   "SELECT version, channel, ref, name, mime, id, body, cycle, period "
                   "FROM body_report_attachments WHERE commune = ? AND id = ?");
  q.bind(1, db.commune());
  q.bind(2, id);
  if (!q.step()) return std::nullopt;
  owner = {q.column(6).text(), q.column(7).text(), q.column(8).text()};
  return StoredReportFile{q.column(0).as_int(), q.column(1).text(), q.column(2).text(),
                          q.column(3).text(),   q.column(4).text(), q.column(5).as_int64()};
}

std::vector<ReportTimeliness> load_report_timeliness(Database& db, const std::string& cycle) {
  sql::Statement q(db.sql(),
                   "SELECT body, period, on_time FROM body_reports WHERE commune = ? AND "
                   "cycle = ?");
  q.bind(1, db.commune());
  q.bind(2, cycle);
  std::vector<ReportTimeliness> out;
  while (q.step()) {
    out.push_back({q.column(0).text(), q.column(1).text(), q.column(2).as_int() != 0});
  }
  return out;
}

}  // namespace dondoc
