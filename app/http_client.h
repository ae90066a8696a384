// An asynchronous HTTP/1.1 client for the platform APIs and the generic outbound webhook: http and
// https (OpenSSL, certificate and host name verified against the system store), one connection per
// request, every request bounded by a timeout. Beast stays inside http_client.cc. Use from the
// io_context's thread; callbacks run there.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace dondoc::app {

struct HttpRequest {
  std::string method = "POST";
  std::string url;  // http://host[:port]/path or https://...
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  int timeout_ms = 15000;
  std::size_t max_body = 0;  // the answer's body limit in bytes; 0: 8 MiB
};

struct HttpResponse {
  int status = 0;  // 0 when no answer came (see error)
  std::string body;
  std::string error;         // transport failure: "timeout", "connection refused", TLS, ...
                             // kTooLarge when the body is over the request's max_body
  std::string content_type;  // the answer's Content-Type header ("" when none)
  bool ok() const { return error.empty() && status >= 200 && status < 300; }
};

inline constexpr const char* kTooLarge = "body too large";

struct Url {
  bool tls = false;
  std::string host;
  std::string port;
  std::string target;  // path + query, "/" at least
};
// Parses http(s) URLs; false for anything else.
bool parse_url(const std::string& url, Url& out);

class HttpClient {
 public:
  explicit HttpClient(boost::asio::io_context& io);
  ~HttpClient();
  void request(HttpRequest req, std::function<void(HttpResponse)> done);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dondoc::app
