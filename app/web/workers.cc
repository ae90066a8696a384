#include "app/web/workers.h"

#include <iostream>

namespace dondoc::app::web {

Workers::Workers() {
  for (int i = 0; i < kThreads; ++i) threads_.emplace_back([this] { loop(); });
}

Workers::~Workers() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

bool Workers::submit(std::function<void()> job) {
  {
    std::lock_guard lock(mu_);
    if (jobs_.size() >= kQueued) return false;
    jobs_.push_back(std::move(job));
  }
  cv_.notify_one();
  return true;
}

void Workers::loop() {
  while (true) {
    std::function<void()> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    try {
      job();
    } catch (const std::exception& e) {  // a job should answer its errors itself
      std::cerr << "dondoc serve: web worker: " << e.what() << "\n";
    }
  }
}

}  // namespace dondoc::app::web
