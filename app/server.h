// The HTTP server of `serve`: accepts connections on one io_context thread (at most
// max_connections at once; backing off when descriptors run out), reads requests with a 1 MiB
// body limit and a read timeout, and hands each complete request to an asynchronous handler that
// answers later (after the group commit); stops gracefully. Beast stays inside server.cc. Runs on
// the io_context's thread; construct, start and stop from the thread that will run it.
#pragma once

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace dondoc::app {

inline constexpr std::size_t kMaxRequestBody = 1 << 20;  // 1 MiB
inline constexpr std::chrono::milliseconds kFirstRequestGrace{1000};

struct HttpIn {
  std::string method;                          // "GET", "POST", ...
  std::string target;                          // path without query
  std::string query;                           // the raw query string after '?' ("" when none)
  std::string client;                          // the peer's IP address ("127.0.0.1")
  std::map<std::string, std::string> headers;  // names lower-case; the last value of a repeated one
  std::set<std::string> repeated;              // names (lower-case) sent more than once
  std::string body;
};

// Whether a and b are the same ASCII text but for case (header names, content codings).
inline bool iequals_ascii(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

struct HttpOut {
  HttpOut(int status = 200, std::string content_type = "application/json", std::string body = "")
      : status(status), content_type(std::move(content_type)), body(std::move(body)) {}
  int status;
  std::string content_type;
  std::string body;
  // Extra header lines (Set-Cookie, Location, Cache-Control, Content-Security-Policy, ...), in
  // order; a name may repeat (several Set-Cookie).
  std::vector<std::pair<std::string, std::string>> headers;

  // The value of the first header line named `name` (ASCII case-insensitive), or null.
  const std::string* header(std::string_view name) const {
    for (const auto& [n, v] : headers) {
      if (iequals_ascii(n, name)) return &v;
    }
    return nullptr;
  }
  std::string* header(std::string_view name) {
    return const_cast<std::string*>(std::as_const(*this).header(name));
  }
};

using Respond = std::function<void(HttpOut)>;
// Called on the io thread; must call respond exactly once (from the io thread).
using Handler = std::function<void(HttpIn, Respond)>;

class Server {
 public:
  // At most max_connections client connections are open at once. A new one past the cap closes
  // the oldest idle connection (waiting for a request of which nothing has arrived) or, when none
  // is idle, is answered 503 with Connection: close.
  Server(boost::asio::io_context& io, const std::string& host, int port, Handler handler,
         int read_timeout_s = 30, int max_connections = 256);
  ~Server();
  // Binds and starts accepting; false and error on failure (port in use, bad address).
  bool start(std::string& error);
  int port() const;  // the bound port (useful with port 0)

  // Stops accepting: the connections the kernel already queued are taken, then the listening
  // socket closes (later ones are refused). Idle keep-alive connections close now, a new one gets
  // kFirstRequestGrace to send its request, and every request in flight is answered with
  // Connection: close. Calls drained (posted, io thread) once no connection is left. Once.
  void stop(std::function<void()> drained);
  std::size_t connections() const;  // client connections open now

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// Constant-time comparison of a presented secret with the expected one (OpenSSL CRYPTO_memcmp).
// False when expected is empty.
bool secret_matches(const std::string& presented, const std::string& expected);

}  // namespace dondoc::app
