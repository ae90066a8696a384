#include <utility>  // before Boost under C++20

#include "app/server.h"

#include <openssl/crypto.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#include <iostream>
#include <optional>

namespace dondoc::app {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

bool secret_matches(const std::string& presented, const std::string& expected) {
  if (expected.empty() || presented.size() != expected.size()) return false;
  return CRYPTO_memcmp(presented.data(), expected.data(), expected.size()) == 0;
}

namespace {

void fail(beast::error_code ec, const char* what) {
  if (ec == net::error::operation_aborted || ec == http::error::end_of_stream ||
      ec == beast::error::timeout || ec == net::error::eof) {
    return;
  }
  std::cerr << "dondoc serve: " << what << ": " << ec.message() << "\n";
}

// Header names in lower case; a name that comes twice is noted so a check on it can refuse the
// request instead of trusting one of the values.
void collect_headers(const http::request<http::string_body>& req, HttpIn& in) {
  for (const auto& f : req) {
    std::string name(f.name_string());
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (!in.headers.emplace(name, std::string(f.value())).second) {
      in.repeated.insert(name);
      in.headers[name] = std::string(f.value());
    }
  }
}

// One connection: read a request, hand it to the handler, write the answer, repeat.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<Handler> handler, int timeout_s)
      : stream_(std::move(socket)), handler_(std::move(handler)), timeout_s_(timeout_s) {}

  void start() { do_read(); }

 private:
  void do_read() {
    parser_.emplace();
    parser_->body_limit(kMaxRequestBody);
    stream_.expires_after(std::chrono::seconds(timeout_s_));
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::body_limit) return write_error(413, "body over 1 MiB");
    if (ec == http::error::end_of_stream) return close();
    if (ec == net::error::eof || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset) {
      return;  // the client went away or was too slow: the stream closes with the session
    }
    if (ec) return write_error(400, "malformed HTTP request");
    auto req = parser_->release();
    keep_alive_ = req.keep_alive();
    HttpIn in;
    in.method = std::string(req.method_string());
    std::string target(req.target());
    in.target = target.substr(0, target.find('?'));
    collect_headers(req, in);
    in.body = std::move(req.body());
    stream_.expires_never();
    auto self = shared_from_this();
    try {
      (*handler_)(std::move(in), [self](HttpOut out) { self->write(std::move(out)); });
    } catch (const std::exception& e) {
      std::cerr << "dondoc serve: handler: " << e.what() << "\n";
      write(HttpOut{500, "application/json", R"({"ok":false,"error":"internal error"})"});
    }
  }

  void write_error(int status, const std::string& reason) {
    keep_alive_ = false;
    write(HttpOut{status, "application/json", "{\"ok\":false,\"error\":\"" + reason + "\"}"});
  }

  void write(HttpOut out) {
    auto res = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(out.status), 11);
    res->set(http::field::server, "dondoc");
    res->set(http::field::content_type, out.content_type);
    res->keep_alive(keep_alive_);
    res->body() = std::move(out.body);
    res->prepare_payload();
    stream_.expires_after(std::chrono::seconds(timeout_s_));
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
                        self->on_write(ec, res->need_eof());
                      });
  }

  void on_write(beast::error_code ec, bool close_after) {
    if (ec) return fail(ec, "write");
    if (close_after) return close();
    do_read();
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<Handler> handler_;
  int timeout_s_;
  bool keep_alive_ = false;
};

}  // namespace

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
  Impl(net::io_context& io, std::shared_ptr<Handler> h, int timeout)
      : io(io), acceptor(io), handler(std::move(h)), timeout_s(timeout) {}
  net::io_context& io;
  tcp::acceptor acceptor;
  std::shared_ptr<Handler> handler;
  int timeout_s;
  std::string host;
  int port = 0;

  void do_accept() {
    acceptor.async_accept([self = shared_from_this()](beast::error_code ec, tcp::socket s) {
      if (ec == net::error::operation_aborted) return;
      if (!ec) {
        std::make_shared<Session>(std::move(s), self->handler, self->timeout_s)->start();
      } else {
        fail(ec, "accept");
      }
      self->do_accept();
    });
  }
};

Server::Server(net::io_context& io, const std::string& host, int port, Handler handler,
               int read_timeout_s)
    : impl_(std::make_shared<Impl>(io, std::make_shared<Handler>(std::move(handler)),
                                   read_timeout_s)) {
  impl_->host = host;
  impl_->port = port;
}

Server::~Server() {
  beast::error_code ec;
  impl_->acceptor.close(ec);
}

bool Server::start(std::string& error) {
  beast::error_code ec;
  auto addr = net::ip::make_address(impl_->host == "localhost" ? "127.0.0.1" : impl_->host, ec);
  if (ec) {
    error = "listen: địa chỉ không hợp lệ \"" + impl_->host + "\"";
    return false;
  }
  tcp::endpoint ep(addr, static_cast<unsigned short>(impl_->port));
  impl_->acceptor.open(ep.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(ep, ec);
  if (!ec) impl_->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    error = "listen " + impl_->host + ":" + std::to_string(impl_->port) + ": " + ec.message();
    return false;
  }
  impl_->port = impl_->acceptor.local_endpoint().port();
  impl_->do_accept();
  return true;
}

int Server::port() const { return impl_->port; }

}  // namespace dondoc::app
