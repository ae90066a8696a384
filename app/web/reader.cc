#include "app/web/reader.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <iostream>
#include <optional>

#include "service/dashboard_cache.h"

namespace dondoc::app::web {

Reader::Reader(std::string path) : path_(std::move(path)), thread_([this] { loop(); }) {}

Reader::~Reader() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Reader::submit(Job job, Fail fail) {
  {
    std::lock_guard lock(mu_);
    jobs_.emplace_back(std::move(job), std::move(fail));
  }
  cv_.notify_one();
}

void Reader::loop() {
  // Pages yield the CPU to the io thread and the writer: a webhook's ack must not wait for a page
  // being rendered (on Linux, nice applies to the one thread).
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), kNice);
  std::optional<Database> db;
  service::SnapshotCache cache;  // the dashboard's loaded state, while nothing commits
  service::UseSnapshotCache use_cache(cache);
  while (true) {
    std::pair<Job, Fail> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    try {
      if (!db) db.emplace(path_, Database::Access::read_only);
      job.first(*db);
    } catch (const std::exception& e) {
      std::cerr << "dondoc serve: web reader: " << e.what() << "\n";
      db.reset();  // reopened at the next job
      cache.clear();
      if (job.second) job.second(e.what());
    }
  }
}

}  // namespace dondoc::app::web
