// dondoc's entry point: everything is a command registered in app/cmd_*.cc.
#include <csignal>
#include <iostream>

#include "app/cli.h"
#include "app/system_clock.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  // A file-size limit (ulimit -f) makes a write fail (SQLite reports it) instead of killing us.
  std::signal(SIGXFSZ, SIG_IGN);
  dondoc::app::SystemClock clock;
  dondoc::cli::Io io{std::cout, std::cerr, clock};
  int code = dondoc::cli::run(argc, argv, io);
  std::cout.flush();
  return code;
}
