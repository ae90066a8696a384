// Test helpers: a temporary directory removed at scope exit, and running the real dondoc binary as
// a child process with captured stdout/stderr. Test threads only.
#pragma once

#include <string>
#include <vector>

namespace dondoc::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs build/dondoc with args (no shell), optional stdin text, and a wall-clock bound.
RunResult run_dondoc(const std::vector<std::string>& args, const std::string& stdin_text = "",
                     int timeout_seconds = 60);

std::string read_text(const std::string& path);
void write_text(const std::string& path, const std::string& content);

// Path of a file in the source tree (examples/, tests/data/, ...), and of the seeds.
std::string source_path(const std::string& relative);
std::string seed_path(const std::string& prefix);  // "003" -> ../shared/seeds/003_....txt

}  // namespace dondoc::testing
