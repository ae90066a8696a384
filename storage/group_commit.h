// The single SQLite writer: a queue of write jobs run by one thread, which takes every job waiting
// and runs them in ONE transaction (one fsync for many concurrent events: group commit), each in
// its own savepoint so one failing job does not undo the others. A job's `done` runs on the writer
// thread only after its batch committed. submit() may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "storage/database.h"

namespace dondoc {

class GroupCommit {
 public:
  using Job = std::function<void(Database&)>;
  // ok = the job ran and its batch committed; else error says why (nothing of the job stored).
  using Done = std::function<void(bool ok, const std::string& error)>;

  // Opens its own connection to path (migrating it) and starts the writer thread.
  explicit GroupCommit(const std::string& path, std::size_t max_batch = 1024);
  // Runs every job already submitted, then stops the thread.
  ~GroupCommit();
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  void submit(Job job, Done done = {});
  // Submits and waits; throws std::runtime_error with the job's error. Not from the writer thread.
  void run(Job job);

  std::size_t depth() const;
  std::size_t batches() const;  // committed transactions so far (metrics, tests)

 private:
  struct Item {
    Job job;
    Done done;
  };
  void loop();
  void run_batch(std::deque<Item>& batch);

  Database db_;
  std::size_t max_batch_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Item> queue_;
  bool stopping_ = false;
  std::size_t batches_ = 0;
  std::thread thread_;
};

}  // namespace dondoc
