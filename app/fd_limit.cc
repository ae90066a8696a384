#include "app/fd_limit.h"

#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace dondoc::app {
namespace {

// The kernel's ceiling for one process (a hard limit of "unlimited" cannot be set above it).
long nr_open() {
  std::ifstream in("/proc/sys/fs/nr_open");
  long n = 0;
  return in >> n && n > 0 ? n : 1048576;
}

}  // namespace

FdLimits raise_fd_limit() {
  FdLimits out;
  rlimit lim{};
  if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) {
    out.error = std::strerror(errno);
    out.before = out.soft = out.hard = 1024;
    return out;
  }
  auto as_long = [](rlim_t v) { return v == RLIM_INFINITY ? nr_open() : static_cast<long>(v); };
  out.before = as_long(lim.rlim_cur);
  out.hard = as_long(lim.rlim_max);
  out.soft = out.before;
  if (lim.rlim_cur == lim.rlim_max) return out;
  rlimit raised = lim;
  raised.rlim_cur = lim.rlim_max == RLIM_INFINITY ? static_cast<rlim_t>(nr_open()) : lim.rlim_max;
  if (::setrlimit(RLIMIT_NOFILE, &raised) != 0) {
    out.error = std::strerror(errno);
    return out;
  }
  out.soft = as_long(raised.rlim_cur);
  return out;
}

int connection_cap(int configured, long soft) {
  long room = std::max<long>(kMinConnections, soft - kReservedDescriptors);
  return static_cast<int>(std::min<long>(configured, room));
}

}  // namespace dondoc::app
