// The dashboard's dispatcher, owned by `serve` (app/cmd_serve.cc): which requests are the web's,
// and for each the route, the session or API token (checked on the reader for a page, on the
// writer for a write; a last_seen a minute old is moved on the writer's background lane), the CSRF
// and Origin checks of a POST, the commune (/xa/{ID}/...), then the handler on the reader thread
// (reads) or the writer (writes), the answer posted back to the io thread with the security
// headers. handle() on the io thread only.
#pragma once

#include <memory>
#include <string>

#include "app/config.h"
#include "app/server.h"
#include "engine/ports.h"

namespace boost::asio {
class io_context;
}

namespace dondoc {
class GroupCommit;
}

namespace dondoc::app::web {

class Reader;
class Workers;
struct Request;
struct Route;

class Web {
 public:
  // config.public_url: the configured public address ("" when none); https there makes cookies
  // Secure and is one more accepted Origin. config (the platforms' bots, for the handlers that
  // download a report's file) must outlive the Web.
  Web(boost::asio::io_context& io, GroupCommit& writer, const std::string& db_path,
      const Clock& clock, const ServeConfig& config);
  ~Web();
  // "/", "/api/v1/...", "/static/...", "/xa/...", "/dang-nhap...", and every registered route.
  static bool serves(const HttpIn& in);
  void handle(HttpIn in, Respond respond);

 private:
  void authenticate(std::shared_ptr<Request> req, const Route* route, Respond respond);
  void read_signed_in(std::shared_ptr<Request> req, const Route* route, Respond respond);
  void run(std::shared_ptr<Request> req, const Route* route, Respond respond);
  void answer(const Request& req, HttpOut out, const Respond& respond);
  // The handler's answer, or its slow part (later()) run on the workers first.
  void finish_read(std::shared_ptr<Request> req, HttpOut out, const Respond& respond);
  boost::asio::io_context& io_;
  GroupCommit& writer_;
  const Clock& clock_;
  const ServeConfig& config_;
  std::string public_url_;
  std::unique_ptr<Reader> reader_;
  std::unique_ptr<Workers> workers_;  // declared last: joined first, before the reader
};

}  // namespace dondoc::app::web
