// dondoc's entry point: everything is a command registered in app/cmd_*.cc.
#include <iostream>

#include "app/cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  dondoc::cli::Io io{std::cout, std::cerr};
  int code = dondoc::cli::run(argc, argv, io);
  std::cout.flush();
  return code;
}
