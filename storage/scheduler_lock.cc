#include "storage/scheduler_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "storage/sql.h"

namespace dondoc {
namespace {

// Not the write lock's key (storage/sql_pg.cc): "dondocsc".
constexpr const char* kSchedulerLockKey = "7236271180140123491";

}  // namespace

SchedulerLock::SchedulerLock(std::string target) : target_(std::move(target)) {}

SchedulerLock::~SchedulerLock() {
  if (fd_ >= 0) ::close(fd_);  // the flock goes with it
}  // pg_: closing the connection releases the advisory lock

bool SchedulerLock::try_hold() {
  held_ = sql::is_postgresql_url(target_) ? try_hold_postgresql() : try_hold_file();
  if (held_) error_.clear();
  return held_;
}

bool SchedulerLock::try_hold_postgresql() {
  try {
    if (held_ && pg_) {
      (void)pg_->exec_and_get("SELECT 1");  // still connected: a session lock is still ours
      return true;
    }
    if (!pg_) pg_ = sql::open_postgresql(target_, false);
    auto got = pg_->exec_and_get(std::string("SELECT CASE WHEN pg_try_advisory_lock(") +
                                 kSchedulerLockKey + ") THEN 1 ELSE 0 END");
    return got.as_int64() == 1;
  } catch (const sql::Error& e) {
    pg_.reset();  // the next call reconnects; the server dropped our lock with the session
    error_ = e.what();
    return false;
  }
}

bool SchedulerLock::try_hold_file() {
  if (held_) return true;  // a flock lasts as long as its descriptor
  if (fd_ < 0) {
    std::string path = target_ + "-scheduler";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) {
      error_ = path + ": " + std::strerror(errno);
      return false;
    }
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return true;
  if (errno != EWOULDBLOCK) error_ = target_ + "-scheduler: " + std::strerror(errno);
  return false;
}

}  // namespace dondoc
