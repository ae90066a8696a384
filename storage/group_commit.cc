#include "storage/group_commit.h"

#include <SQLiteCpp/Transaction.h>

#include <exception>
#include <future>
#include <stdexcept>
#include <vector>

namespace dondoc {

GroupCommit::GroupCommit(const std::string& path, std::size_t max_batch)
    : db_(path), max_batch_(max_batch == 0 ? 1 : max_batch), thread_([this] { loop(); }) {}

GroupCommit::~GroupCommit() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void GroupCommit::submit(Job job, Done done) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(Item{std::move(job), std::move(done)});
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
  return queue_.size();
}

std::size_t GroupCommit::batches() const {
  std::lock_guard lock(mu_);
  return batches_;
}

void GroupCommit::loop() {
  for (;;) {
    std::deque<Item> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    run_batch(batch);
  }
}

void GroupCommit::run_batch(std::deque<Item>& batch) {
  std::vector<std::string> errors(batch.size());
  std::string batch_error;
  try {
    SQLite::Transaction tx(db_.sql(), SQLite::TransactionBehavior::IMMEDIATE);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      db_.sql().exec("SAVEPOINT job");
      try {
        batch[i].job(db_);
        db_.sql().exec("RELEASE job");
      } catch (const std::exception& e) {
        errors[i] = *e.what() != '\0' ? e.what() : "write failed";
        db_.sql().exec("ROLLBACK TO job");
        db_.sql().exec("RELEASE job");
      } catch (...) {
        errors[i] = "write failed";
        db_.sql().exec("ROLLBACK TO job");
        db_.sql().exec("RELEASE job");
      }
    }
    tx.commit();
  } catch (const std::exception& e) {
    batch_error = std::string("commit failed: ") + e.what();
  }
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
