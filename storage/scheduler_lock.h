// The right to run the scheduler, held by one `serve` process of a deployment at a time (issue 17
// §2): every process takes webhooks, polls and sends, but only the holder ticks. PostgreSQL: a
// session advisory lock on a connection of its own, released by the server when the holder's
// connection ends (its process killed included). SQLite: an exclusive flock on "<file>-scheduler"
// beside the database, released by the kernel when the process ends. Ticking twice would queue
// nothing twice (the send-log's keys are written once); the lock saves the work and the
// contention. One thread uses an instance (serve: the writer's).
#pragma once

#include <memory>
#include <string>

namespace dondoc {

namespace sql {
class Connection;
}

class SchedulerLock {
 public:
  // `target`: the database's path or postgresql:// URL. Opens nothing yet.
  explicit SchedulerLock(std::string target);
  ~SchedulerLock();
  SchedulerLock(const SchedulerLock&) = delete;
  SchedulerLock& operator=(const SchedulerLock&) = delete;

  // True while this process holds the lock: takes it when it is free, and checks that a lock
  // held so far still is (PostgreSQL: its connection alive; a lost one is reopened and the lock
  // asked for again). Never waits for another holder. Errors reaching the database read as not
  // holding it; error() says why until the next success.
  bool try_hold();
  const std::string& error() const { return error_; }

 private:
  bool try_hold_postgresql();
  bool try_hold_file();
  std::string target_;
  std::unique_ptr<sql::Connection> pg_;
  int fd_ = -1;
  bool held_ = false;
  std::string error_;
};

}  // namespace dondoc
