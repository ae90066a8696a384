// Baseline A for the webhook benchmark: parse the generic-webhook JSON, answer 200; no storage.
// Usage: baseline_a PORT
#include <cstdlib>

#include "bench/webhook/mini_server.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: baseline_a PORT\n");
    return 2;
  }
  auto port = static_cast<unsigned short>(std::atoi(argv[1]));
  return bench::serve(port, [](const std::string& body) {
    return bench::valid_generic_event(body) ? bench::http::status::ok
                                            : bench::http::status::bad_request;
  });
}
