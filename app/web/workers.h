// The dashboard's slow lane: a few threads for work that may take seconds and needs no Database
// (a platform download of a report's file, Chromium printing a PDF), so the reader thread keeps
// answering pages meanwhile. Bounded: kThreads at once, at most kQueued waiting; submit() refuses
// beyond that (the caller answers 503). The web dispatcher (web_server.cc) owns it; submit() from
// any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace dondoc::app::web {

class Workers {
 public:
  static constexpr int kThreads = 2;
  static constexpr std::size_t kQueued = 16;
  Workers();
  ~Workers();  // runs the jobs already queued, then joins
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;
  // false when kQueued jobs already wait. A job must not throw.
  bool submit(std::function<void()> job);

 private:
  void loop();
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace dondoc::app::web
