// The consolidated report as PDF: the HTML written to a private temporary folder and printed by
// headless Chromium (/usr/bin/chromium, or $DONDOC_CHROMIUM), bounded in time by timeout(1).
// Without Chromium: a plain error. Runs a process; any thread.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "service/report_internal.h"

extern char** environ;

namespace dondoc::service::report {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTimeoutSeconds = "90";

std::string chromium_path() {
  const char* env = std::getenv("DONDOC_CHROMIUM");
  std::string p = env && *env ? env : "/usr/bin/chromium";
  std::error_code ec;
  return fs::is_regular_file(p, ec) && access(p.c_str(), X_OK) == 0 ? p : "";
}

// Runs argv with stdout and stderr to /dev/null; its exit status, or -1.
int run(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return -1;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

Result<std::string> write_pdf(const ConsolidatedReport& r) {
  std::string chromium = chromium_path();
  if (chromium.empty()) {
    return Error{
        "Chromium không có trên máy này (cần /usr/bin/chromium hoặc biến DONDOC_CHROMIUM) nên "
        "không in được PDF; hãy dùng --format html hoặc docx."};
  }
  std::string dir = (fs::temp_directory_path() / "dondoc-pdf-XXXXXX").string();
  if (!mkdtemp(dir.data())) return Error{"Không tạo được thư mục tạm để in PDF."};
  fs::path html = fs::path(dir) / "bao-cao.html", pdf = fs::path(dir) / "bao-cao.pdf";
  std::ofstream(html, std::ios::binary) << write_html(r);
  int rc = run({"timeout", kTimeoutSeconds, chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + dir + "/profile", "--no-pdf-header-footer",
                "--print-to-pdf-no-header", "--print-to-pdf=" + pdf.string(),
                "file://" + html.string()});
  std::ifstream in(pdf, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::error_code ec;
  fs::remove_all(dir, ec);
  std::string out = bytes.str();
  if (out.rfind("%PDF", 0) != 0) {
    return Error{"Chromium không in được PDF (mã thoát " + std::to_string(rc) + ")."};
  }
  return out;
}

}  // namespace dondoc::service::report
