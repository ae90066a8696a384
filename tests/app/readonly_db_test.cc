// Issue 13 item 3: listings work on a database nobody may write (a 0444 file, a 0555 directory, a
// read-only mount) and `serve` refuses it with exit 2, the file and the reason. As root, modes do
// not stop writes, so dondoc runs without CAP_DAC_OVERRIDE (setpriv) and the mount case uses a
// private mount namespace (unshare); a case the machine cannot arrange is skipped with a WARN
// saying why.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "storage/database.h"
#include "tests/support/process.h"

namespace t = dondoc::testing;
using nlohmann::json;

namespace {

struct Ran {
  int code = -1;
  std::string out, err;
};

// Runs `prefix dondoc args` through the shell (paths here have no spaces or quotes).
Ran run_sh(const std::string& prefix, const std::string& args, const t::TempDir& dir) {
  std::string cmd = prefix + " " + DONDOC_BINARY + " " + args + " >" + dir.file("out.txt") + " 2>" +
                    dir.file("err.txt");
  int status = std::system(cmd.c_str());
  Ran r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = t::read_text(dir.file("out.txt"));
  r.err = t::read_text(dir.file("err.txt"));
  return r;
}

// What makes file modes bind dondoc here: nothing for a normal user; for root, setpriv dropping
// the capabilities that bypass them. nullopt (and why) when neither is possible.
std::optional<std::string> unprivileged(std::string& why) {
  if (::geteuid() != 0) return std::string();
  std::string p = "setpriv --bounding-set=-dac_override,-dac_read_search --";
  if (std::system((p + " true >/dev/null 2>&1").c_str()) == 0) return p;
  why = "running as root and setpriv cannot drop CAP_DAC_OVERRIDE here";
  return std::nullopt;
}

// The listings all answer on the database; `serve` refuses it naming the file and `reason`.
void check_read_only(const std::string& prefix, const std::string& db, const std::string& reason,
                     const t::TempDir& out) {
  for (const char* listing : {"status --json", "tasks --json", "bodies --json", "audit --json",
                              "outbox --json", "rules show --json"}) {
    Ran r = run_sh(prefix, "--db " + db + " " + listing, out);
    INFO(listing << ": " << r.err);
    CHECK(r.code == 0);
    CHECK(json::parse(r.out, nullptr, false).is_object());
  }
  Ran status = run_sh(prefix, "--db " + db + " status --json", out);
  CHECK(json::parse(status.out)["obligations"].size() > 0);
  Ran serve = run_sh(prefix, "--db " + db + " serve --no-scheduler", out);
  INFO(serve.err);
  CHECK(serve.code == 2);
  CHECK(serve.err.find("dondoc: " + db + ": không ghi được cơ sở dữ liệu") == 0);
  CHECK(serve.err.find(reason) != std::string::npos);
  CHECK(serve.out.find("đang phục vụ") == std::string::npos);
}

}  // namespace

TEST_CASE("listings work on a read-only file or directory; serve refuses them with exit 2") {
  t::TempDir work;  // outputs
  t::TempDir dir;   // the database's directory
  std::string db = dir.file("ro.db");
  REQUIRE(t::run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  std::string why;
  auto prefix = unprivileged(why);
  if (!prefix) {
    WARN("SKIPPED: 0444 file and 0555 directory cases: " << why);
    return;
  }
  ::chmod(db.c_str(), 0444);
  SECTION("a 0444 file") { check_read_only(*prefix, db, "tệp chỉ đọc", work); }
  SECTION("a 0555 directory without -wal or -shm (read as immutable)") {
    ::unlink((db + "-wal").c_str());
    ::unlink((db + "-shm").c_str());
    ::chmod(db.c_str(), 0644);  // the file itself writable: the directory alone stops SQLite
    ::chmod(dir.path().c_str(), 0555);
    check_read_only(*prefix, db, "thư mục " + dir.path() + " không ghi được", work);
    ::chmod(dir.path().c_str(), 0755);
  }
  ::chmod(db.c_str(), 0644);
}

TEST_CASE("listings work on a read-only mount; serve refuses it with exit 2") {
  t::TempDir work;
  t::TempDir dir;
  std::string db = dir.file("ro.db");
  REQUIRE(t::run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  // A private mount namespace in which dir is bound onto itself read-only.
  std::string prefix = "unshare -m sh -c 'mount --bind " + dir.path() + " " + dir.path() +
                       " && mount -o remount,bind,ro " + dir.path() + " && exec \"$0\" \"$@\"'";
  if (std::system(("unshare -m true >/dev/null 2>&1")) != 0) {
    WARN("SKIPPED: read-only mount case: unshare -m needs CAP_SYS_ADMIN, not available here");
    return;
  }
  check_read_only(prefix, db, "gắn chỉ đọc (read-only mount)", work);
}

TEST_CASE("a listing on an older schema says so and exits 2 instead of migrating") {
  t::TempDir dir;
  std::string db = dir.file("old.db");
  REQUIRE(t::run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  const auto& all = dondoc::migrations();
  int latest = all.back().version;
  int previous = all[all.size() - 2].version;
  {
    dondoc::Database d(db);
    d.sql().exec("DELETE FROM schema_version WHERE version = " + std::to_string(latest));
  }
  auto r = t::run_dondoc({"--db", db, "status"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("schema cũ (" + std::to_string(previous) + " < " + std::to_string(latest)) !=
        std::string::npos);
  auto missing = t::run_dondoc({"--db", dir.file("none.db"), "audit"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("không có cơ sở dữ liệu") != std::string::npos);
  CHECK(::access(dir.file("none.db").c_str(), F_OK) != 0);
}
