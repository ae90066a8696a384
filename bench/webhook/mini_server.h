// A minimal single-threaded Beast HTTP/1.1 server for the benchmarks' baselines (bench/ only):
// keep-alive connections, a 1 MiB body limit, and one handler called inline on the io thread for
// every request (the webhook baselines: POST /webhook/generic only; bench/dashboard: any GET).
// Not part of dondoc; main thread of a baseline program only.
#pragma once

#include <utility>  // before Boost under C++20

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Returns the HTTP status to answer for one request body (POST /webhook/generic).
using Handler = std::function<http::status(const std::string& body)>;

// Any request: fills the response's status, content type and body (bench/dashboard's bare page).
struct Answer {
  http::status status = http::status::ok;
  std::string content_type = "application/json";
  std::string body;
};
using RequestHandler = std::function<Answer(const http::request<http::string_body>& req)>;

// The webhook baselines' handler as a RequestHandler.
inline RequestHandler webhook_only(Handler handler) {
  return [handler = std::move(handler)](const http::request<http::string_body>& req) {
    Answer a{http::status::not_found, "application/json", R"({"ok":false})"};
    if (req.method() == http::verb::post && req.target() == "/webhook/generic") {
      a.status = handler(req.body());
      if (a.status == http::status::ok) a.body = R"({"ok":true})";
    }
    return a;
  };
}

// The same shape check dondoc's generic webhook does: an object with string event_id, chat_id,
// text.
inline bool valid_generic_event(const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  return j.is_object() && j.contains("event_id") && j["event_id"].is_string() &&
         j.contains("chat_id") && j.contains("text") && j["text"].is_string();
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const RequestHandler& handler)
      : stream_(std::move(socket)), handler_(handler) {}
  void start() { do_read(); }

 private:
  void do_read() {
    parser_.emplace();
    parser_->body_limit(1 << 20);
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec) return close();
    auto req = parser_->release();
    Answer a = handler_(req);
    res_ = {};
    res_.result(a.status);
    res_.version(req.version());
    res_.keep_alive(req.keep_alive());
    res_.set(http::field::content_type, a.content_type);
    res_.body() = std::move(a.body);
    res_.prepare_payload();
    http::async_write(stream_, res_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec || !self->res_.keep_alive()) return self->close();
                        self->do_read();
                      });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> res_;
  const RequestHandler& handler_;
};

class Listener {
 public:
  Listener(asio::io_context& ioc, unsigned short port, RequestHandler handler)
      : acceptor_(ioc, {asio::ip::make_address("127.0.0.1"), port}), handler_(std::move(handler)) {}
  void start() {
    acceptor_.async_accept([this](beast::error_code ec, tcp::socket s) {
      if (!ec) std::make_shared<Session>(std::move(s), handler_)->start();
      start();
    });
  }

 private:
  tcp::acceptor acceptor_;
  RequestHandler handler_;
};

// Serves on 127.0.0.1:port until killed. Returns 1 if the port cannot be bound.
inline int serve(unsigned short port, RequestHandler handler);
inline int serve(unsigned short port, Handler handler) {
  return serve(port, webhook_only(std::move(handler)));
}
inline int serve(unsigned short port, RequestHandler handler) {
  try {
    asio::io_context ioc{1};
    Listener listener(ioc, port, std::move(handler));
    listener.start();
    std::fprintf(stderr, "listening on 127.0.0.1:%u\n", port);
    ioc.run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "baseline: %s\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace bench
