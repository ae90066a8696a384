// The single SQLite writer: one thread runs every write job. Jobs on the ack lane (events that a
// client waits for) are taken all at once and run in ONE transaction (one fsync for many
// concurrent events: group commit), each in its own savepoint so one failing job does not undo the
// others. Jobs on the background lane (handling stored events, ticks, sender bookkeeping) run one
// per transaction, only when no ack job waits (or when they have waited kBackgroundMaxWait), and
// commit without their own fsync: in WAL mode the next ack commit's fsync makes them durable, and
// a power loss before it rolls them back whole, never half. A job's `done` runs on the writer
// thread only after its transaction committed. Each lane keeps its own order, but a background job
// may run before an ack job submitted earlier: put there only work that does not depend on that
// order (the sender's find-then-mark cycle, for one, stays on the ack lane). WAL checkpoints run
// on a second thread and connection. submit*() may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "storage/database.h"

namespace dondoc {

class GroupCommit {
 public:
  using Job = std::function<void(Database&)>;
  // ok = the job ran and its transaction committed; else error says why (nothing of it stored).
  using Done = std::function<void(bool ok, const std::string& error)>;

  // How long a background job may be held back by a stream of ack batches.
  static constexpr std::chrono::milliseconds kBackgroundMaxWait{20};

  // Opens its own connection to path (migrating it) and starts the writer thread.
  explicit GroupCommit(const std::string& path, std::size_t max_batch = 1024);
  // Runs every job already submitted (both lanes), then stops the threads (close()).
  ~GroupCommit();
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // Ack lane: durable (fsync) when done runs.
  void submit(Job job, Done done = {});
  // Background lane: committed, durable with the next ack commit (see above).
  void submit_background(Job job, Done done = {});
  // Submits on the ack lane and waits; throws std::runtime_error with the job's error. Not from
  // the writer thread.
  void run(Job job);

  // Runs every job already submitted (both lanes), then stops the threads; nothing may be
  // submitted after it. For an owner whose jobs' callbacks must run before it is destroyed (serve's
  // graceful stop). Idempotent; not from the writer thread.
  void close();

  std::size_t depth() const;
  std::size_t batches() const;  // committed transactions so far (metrics, tests)

  // What /healthz shows of the writer. A transaction counts as a write when it changed rows; one
  // that only read (the sender's look for due messages) says nothing either way.
  struct Health {
    using Time = std::chrono::steady_clock::time_point;
    bool failing = false;                // the last write failed (storage, lock), none since
    std::string last_error;              // why the last failed write failed ("" when none did)
    std::optional<Time> last_error_at;   // when
    std::optional<Time> last_commit;     // the last committed write
    std::optional<Time> oldest_pending;  // when the oldest job not yet done was submitted
    std::size_t depth = 0;               // jobs waiting (not counting the running batch)
  };
  Health health() const;

 private:
  struct Item {
    Job job;
    Done done;
    std::chrono::steady_clock::time_point submitted = std::chrono::steady_clock::now();
  };
  void loop();
  void run_batch(std::deque<Item>& batch, bool durable);
  void exec_cached(const char* sql);
  std::string run_job(Item& item);  // "" when the job ran, else why it threw
  void note_outcome(const std::string& fault, bool committed, bool wrote);

  void checkpoint_loop();

  Database db_;
  std::size_t max_batch_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Item> queue_;
  std::deque<Item> background_;
  bool stopping_ = false;
  std::size_t batches_ = 0;
  std::chrono::steady_clock::time_point last_background_;
  Health health_;      // under mu_; oldest_pending is the running batch's
  std::string fault_;  // writer thread: the running batch's storage or lock error
  std::thread thread_;
  // Checkpoints run beside the writer on their own connection (PASSIVE: they never block it),
  // so an ack never waits while thousands of WAL pages are copied into the database file.
  Database checkpoint_db_;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool checkpoint_stop_ = false;
  std::size_t checkpointed_at_ = 0;  // batches_ at the last checkpoint
  std::thread checkpointer_;
};

}  // namespace dondoc
