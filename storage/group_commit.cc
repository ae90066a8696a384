#include "storage/group_commit.h"

#include <pthread.h>

#include <exception>
#include <future>
#include <stdexcept>
#include <vector>

namespace dondoc {

GroupCommit::GroupCommit(const std::string& path, std::size_t max_batch)
    : db_(path),
      max_batch_(max_batch == 0 ? 1 : max_batch),
      last_background_(std::chrono::steady_clock::now()),
      checkpoint_db_(path) {
  // The checkpointer copies most WAL pages into the database beside the writer (checkpoint_loop);
  // the writer's own automatic checkpoint then finds little left to copy, and completing it lets
  // the WAL start over instead of growing. The writer keeps the hot pages of its tables in memory
  // (up to 64 MB, grown only as used): in a province each reply goes to another of ~100 communes,
  // and with 8 MB their chats', bodies' and states' pages were read from the file again each time.
  tune_writer(db_);
  thread_ = std::thread([this] { loop(); });
  checkpointer_ = std::thread([this] { checkpoint_loop(); });
}

GroupCommit::~GroupCommit() { close(); }

void GroupCommit::close() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
  {
    std::lock_guard lock(checkpoint_mu_);
    checkpoint_stop_ = true;
  }
  checkpoint_cv_.notify_all();
  checkpointer_.join();
}

void GroupCommit::checkpoint_loop() {
  pthread_setname_np(pthread_self(), "dondoc-ckpt");
  std::unique_lock lock(checkpoint_mu_);
  while (!checkpoint_stop_) {
    checkpoint_cv_.wait_for(lock, std::chrono::milliseconds(50));
    std::size_t done = batches();
    if (done == checkpointed_at_) continue;  // nothing written since
    checkpointed_at_ = done;
    lock.unlock();
    try {
      checkpoint(checkpoint_db_);
    } catch (const std::exception&) {  // busy or I/O: the next round tries again
    }
    lock.lock();
  }
  // Last round: leave a short WAL behind for the next start.
  lock.unlock();
  try {
    checkpoint(checkpoint_db_);
  } catch (const std::exception&) {
  }
}

void GroupCommit::submit(Job job, Done done) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(Item{std::move(job), std::move(done)});
  }
  cv_.notify_one();
}

void GroupCommit::submit_background(Job job, Done done) {
  {
    std::lock_guard lock(mu_);
    background_.push_back(Item{std::move(job), std::move(done)});
  }
  cv_.notify_one();
}

void GroupCommit::run(Job job) {
  std::promise<std::string> result;
  auto future = result.get_future();
  submit(std::move(job), [&result](bool ok, const std::string& error) {
    result.set_value(ok ? std::string() : (error.empty() ? "write failed" : error));
  });
  std::string error = future.get();
  if (!error.empty()) throw std::runtime_error(error);
}

std::size_t GroupCommit::depth() const {
  std::lock_guard lock(mu_);
  return queue_.size() + background_.size();
}

std::size_t GroupCommit::batches() const {
  std::lock_guard lock(mu_);
  return batches_;
}

GroupCommit::Health GroupCommit::health() const {
  std::lock_guard lock(mu_);
  Health h = health_;
  for (const auto* lane : {&queue_, &background_}) {
    if (lane->empty()) continue;
    auto at = lane->front().submitted;
    if (!h.oldest_pending || at < *h.oldest_pending) h.oldest_pending = at;
  }
  h.depth = queue_.size() + background_.size();
  return h;
}

void GroupCommit::note_outcome(const std::string& fault, bool committed, bool wrote) {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  health_.oldest_pending.reset();  // the batch is done
  if (!fault.empty()) {
    health_.failing = true;
    health_.last_error = fault;
    health_.last_error_at = now;
  } else if (committed && wrote) {
    health_.failing = false;
    health_.last_commit = now;
  }
}

void GroupCommit::loop() {
  pthread_setname_np(pthread_self(), "dondoc-writer");  // for top, perf and gdb
  for (;;) {
    std::deque<Item> batch;
    bool durable = true;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty() || !background_.empty(); });
      if (queue_.empty() && background_.empty()) return;  // stopping and drained
      auto now = std::chrono::steady_clock::now();
      bool starving = now - last_background_ >= kBackgroundMaxWait;
      if (!background_.empty() && (queue_.empty() || starving)) {
        batch.push_back(std::move(background_.front()));
        background_.pop_front();
        durable = false;
        last_background_ = now;
      } else {
        while (!queue_.empty() && batch.size() < max_batch_) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
        if (background_.empty()) last_background_ = now;  // nobody is waiting behind us
      }
      health_.oldest_pending = batch.front().submitted;  // the lanes are in submission order
    }
    run_batch(batch, durable);
  }
}

void GroupCommit::exec_cached(const char* sql) { db_.cached(sql).exec(); }

std::string GroupCommit::run_job(Item& item) {
  try {
    item.job(db_);
    return {};
  } catch (const sql::Error& e) {
    // The storage or another process's lock refused it: the writer is failing, not the job.
    if (e.kind() == sql::ErrorKind::storage_fault || e.kind() == sql::ErrorKind::busy ||
        e.kind() == sql::ErrorKind::connection) {
      fault_ = e.what();
    }
    return *e.what() != '\0' ? e.what() : "write failed";
  } catch (const std::exception& e) {
    return *e.what() != '\0' ? e.what() : "write failed";
  } catch (...) {
    return "write failed";
  }
}

void GroupCommit::run_batch(std::deque<Item>& batch, bool durable) {
  std::vector<std::string> errors(batch.size());
  std::string batch_error;
  bool open = false;
  bool job_threw = false;  // a lone job's own error, rethrown below
  fault_.clear();
  std::int64_t changes = db_.sql().total_changes();
  try {
    db_.sql().set_durable(durable);
    db_.sql().begin_write();
    open = true;
    // A lone job needs no savepoint: its failure rolls the transaction back, which is all of it.
    bool savepoints = batch.size() > 1;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (savepoints) exec_cached("SAVEPOINT job");
      errors[i] = run_job(batch[i]);
      if (!savepoints) {
        job_threw = !errors[i].empty();
        if (job_threw) throw std::runtime_error(errors[i]);
        continue;
      }
      if (!errors[i].empty()) exec_cached("ROLLBACK TO job");
      exec_cached("RELEASE job");
    }
    exec_cached("COMMIT");
    open = false;
  } catch (const std::exception& e) {
    if (!job_threw && fault_.empty()) fault_ = e.what();  // BEGIN, SAVEPOINT or COMMIT failed
    batch_error = errors.size() == 1 && !errors[0].empty()
                      ? errors[0]
                      : std::string("commit failed: ") + e.what();
    db_.reset_cached();
    if (open) {
      try {
        db_.sql().exec("ROLLBACK");
      } catch (...) {  // SQLite already rolled back
      }
    }
  }
  note_outcome(fault_, batch_error.empty(), db_.sql().total_changes() != changes);
  {
    std::lock_guard lock(mu_);
    ++batches_;
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (!batch[i].done) continue;
    const std::string& err = batch_error.empty() ? errors[i] : batch_error;
    try {
      batch[i].done(err.empty(), err);
    } catch (...) {  // a callback must not stop the writer
    }
  }
}

}  // namespace dondoc
