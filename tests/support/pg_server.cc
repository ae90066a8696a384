#include "tests/support/pg_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/sql.h"

namespace dondoc::testing {

namespace {

namespace fs = std::filesystem;

const char* const kBinDir = "/usr/lib/postgresql/15/bin";
constexpr int kStartSeconds = 30;

// Runs argv (as `postgres` when we are root), its output appended to log; returns the exit code.
int run(std::vector<std::string> argv, const std::string& log) {
  if (::geteuid() == 0) argv.insert(argv.begin(), {"runuser", "-u", "postgres", "--"});
  pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int free_loopback_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("pg_server: no free loopback port");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

// The folder the test binaries are built in (DONDOC_BINARY is build/dondoc).
fs::path build_dir() { return fs::path(DONDOC_BINARY).parent_path(); }

// Servers left behind by test processes that died without stopping theirs: stopped and removed.
void clean_stale(const fs::path& root) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("pg-", 0) != 0) continue;
    pid_t owner = static_cast<pid_t>(std::atoi(name.c_str() + 3));
    if (owner <= 0 || ::kill(owner, 0) == 0 || errno != ESRCH) continue;
    run({std::string(kBinDir) + "/pg_ctl", "-D", (entry.path() / "data").string(), "stop", "-m",
         "immediate"},
        "/dev/null");
    fs::remove_all(entry.path(), ec);
  }
}

class PgServer {
 public:
  PgServer() {
    if (!fs::exists(fs::path(kBinDir) / "initdb") || !fs::exists(fs::path(kBinDir) / "pg_ctl")) {
      throw std::runtime_error(std::string("PostgreSQL 15 is not installed (no ") + kBinDir +
                               "/initdb): run `apt-get install -y postgresql-15`, or set "
                               "DONDOC_SKIP_PG=1 to leave the PostgreSQL tests out on purpose");
    }
    clean_stale(build_dir());
    dir_ = build_dir() / ("pg-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sock");
    if (::geteuid() == 0) hand_to_postgres();
    log_ = (dir_ / "server.log").string();
    try {
      initdb();
      start();
      admin_ = sql::open_postgresql(url("postgres"), false);
    } catch (...) {
      stop(/*keep_logs=*/true);
      throw;
    }
  }
  ~PgServer() { stop(); }

  std::string fresh_database() {
    std::string name = "t_" + std::to_string(++databases_);
    admin_->exec("CREATE DATABASE " + name);
    return url(name);
  }

 private:
  std::string url(const std::string& db) const {
    return "postgresql://dondoc@127.0.0.1:" + std::to_string(port_) + "/" + db;
  }

  void stop(bool keep_logs = false) {
    admin_.reset();
    if (started_) {
      run({std::string(kBinDir) + "/pg_ctl", "-D", (dir_ / "data").string(), "stop", "-m",
           "immediate", "-w"},
          log_);
      started_ = false;
    }
    std::error_code ec;
    if (!keep_logs) fs::remove_all(dir_, ec);
  }

  void hand_to_postgres() {
    passwd* pw = ::getpwnam("postgres");
    if (!pw) throw std::runtime_error("pg_server: running as root but there is no postgres user");
    for (const auto& p : {dir_, dir_ / "sock"}) {
      if (::chown(p.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
        throw std::runtime_error("pg_server: cannot chown " + p.string());
      }
    }
  }

  void initdb() {
    int rc = run({std::string(kBinDir) + "/initdb", "-D", (dir_ / "data").string(), "-U", "dondoc",
                  "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"},
                 log_ + ".initdb");
    if (rc != 0) {
      throw std::runtime_error("pg_server: initdb failed (exit " + std::to_string(rc) + "), see " +
                               log_ + ".initdb");
    }
  }

  // pg_ctl -w waits until the server accepts connections, at most kStartSeconds.
  void start() {
    port_ = free_loopback_port();
    std::string options = "-p " + std::to_string(port_) + " -k " + (dir_ / "sock").string() +
                          " -c listen_addresses=127.0.0.1 -c fsync=off -c autovacuum=off"
                          " -c full_page_writes=off";
    int rc = run({std::string(kBinDir) + "/pg_ctl", "-D", (dir_ / "data").string(), "-l", log_,
                  "-o", options, "-w", "-t", std::to_string(kStartSeconds), "start"},
                 log_ + ".ctl");
    if (rc != 0) {
      throw std::runtime_error("pg_server: the server did not start within " +
                               std::to_string(kStartSeconds) + " s (exit " + std::to_string(rc) +
                               "), see " + log_);
    }
    started_ = true;
  }

  fs::path dir_;
  std::string log_;
  int port_ = 0;
  bool started_ = false;
  int databases_ = 0;
  std::unique_ptr<sql::Connection> admin_;
};

}  // namespace

bool pg_skipped() {
  const char* skip = std::getenv("DONDOC_SKIP_PG");
  return skip && std::string(skip) == "1";
}

std::string fresh_pg_database() {
  static PgServer server;  // one per test process; a failed start is retried by the next call
  return server.fresh_database();
}

std::string pg_app_role_url(const std::string& owner_url) {
  const std::string file = std::string(DONDOC_SOURCE_DIR) + "/deploy/postgresql-app-role.sql";
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("pg_server: cannot read " + file);
  std::stringstream grants;
  grants << in.rdbuf();
  sql::open_postgresql(owner_url, false)->exec(grants.str());
  const std::string owner = "//dondoc@";
  auto at = owner_url.find(owner);
  if (at == std::string::npos) throw std::runtime_error("pg_server: not a test URL: " + owner_url);
  return owner_url.substr(0, at) + "//dondoc_app@" + owner_url.substr(at + owner.size());
}

}  // namespace dondoc::testing
