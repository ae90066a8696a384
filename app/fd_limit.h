// The descriptor budget of `serve`: raises RLIMIT_NOFILE's soft limit to the hard one at start and
// derives how many client connections may be open at once, keeping descriptors in reserve for the
// database, outbound HTTP and the logs. Called once by cmd_serve.cc on the main thread.
#pragma once

#include <string>

namespace dondoc::app {

// Descriptors never given to client connections: stdio, the io_context's epoll, eventfd, timerfd
// and signal pipe, the listening socket, two SQLite connections (database, WAL, SHM), the sender's
// and pollers' outbound connections and the resolver, with room to spare.
inline constexpr long kReservedDescriptors = 32;
inline constexpr int kMinConnections = 4;

struct FdLimits {
  long before = 0;  // soft limit found at start
  long soft = 0;    // soft limit after raising it
  long hard = 0;
  std::string error;  // why it could not be raised (logged; serve goes on with `soft`)
};

// Raises the soft RLIMIT_NOFILE to the hard limit (or to what the kernel allows).
FdLimits raise_fd_limit();

// min(configured, soft - kReservedDescriptors), the latter at least kMinConnections. Pure.
int connection_cap(int configured, long soft);

}  // namespace dondoc::app
