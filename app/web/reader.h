// The dashboard's reader: one thread with its own read-only connection, so page reads never run
// on the io thread (webhook acks) nor on the writer, and at a lower CPU priority than both (nice
// kNice). Jobs run in order; submit() from any thread.
// The web dispatcher (app/web/web_server.cc) owns it.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "storage/database.h"

namespace dondoc::app::web {

class Reader {
 public:
  using Job = std::function<void(Database&)>;
  using Fail = std::function<void(const std::string& error)>;
  // Opens path read-only on the reader thread at its first job (the writer has migrated it).
  static constexpr int kNice = 10;
  explicit Reader(std::string path);
  ~Reader();  // runs the jobs already submitted, then joins
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;
  // fail runs (on the reader thread) instead when the job throws or the file cannot be opened.
  void submit(Job job, Fail fail);

 private:
  void loop();
  std::string path_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<Job, Fail>> jobs_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace dondoc::app::web
