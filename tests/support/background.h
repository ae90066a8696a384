// Test helpers for servers: the dondoc binary (or node) run as a background child process with
// its output in a file, killed with SIGKILL at scope exit; a free loopback port; and a tiny
// blocking HTTP/1.1 client for 127.0.0.1. Test threads only.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace dondoc::testing {

class Background {
 public:
  // argv[0] is the program path; output (stdout+stderr) goes to log_path.
  Background(const std::vector<std::string>& argv, const std::string& log_path);
  ~Background();
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;
  void kill9();          // SIGKILL and reap
  void signal(int sig);  // sends sig, does not wait
  int wait();            // reaps: the exit code, or 128 + the signal that ended it
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
};

int free_port();

struct HttpReply {
  int status = 0;  // 0: no answer
  std::string body;
  std::string head;  // the status line and header lines, each ending in CRLF
  // The values of a header (name case-insensitive), in order; header(): the last one, or "".
  std::vector<std::string> headers(const std::string& name) const;
  std::string header(const std::string& name) const;
};

HttpReply http_request(int port, const std::string& method, const std::string& path,
                       const std::string& body = "",
                       const std::map<std::string, std::string>& headers = {}, int timeout_s = 10);

// Polls GET path until it answers 200 or timeout_s passes.
bool wait_for_http(int port, const std::string& path, int timeout_s = 20);

}  // namespace dondoc::testing
