#include <utility>  // before Boost under C++20

#include "app/http_client.h"

#include <openssl/ssl.h>

#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace dondoc::app {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

inline constexpr std::size_t kMaxResponseBody = 8 << 20;

bool parse_url(const std::string& url, Url& out) {
  std::string rest;
  if (url.rfind("https://", 0) == 0) {
    out.tls = true;
    rest = url.substr(8);
  } else if (url.rfind("http://", 0) == 0) {
    out.tls = false;
    rest = url.substr(7);
  } else {
    return false;
  }
  auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  out.target = slash == std::string::npos ? "/" : rest.substr(slash);
  auto colon = authority.rfind(':');
  if (colon != std::string::npos && authority.find(']') == std::string::npos) {
    out.host = authority.substr(0, colon);
    out.port = authority.substr(colon + 1);
  } else {
    out.host = authority;
    out.port = out.tls ? "443" : "80";
  }
  return !out.host.empty() && !out.port.empty();
}

namespace {

// One request over its own connection; Stream is beast::tcp_stream or ssl_stream<tcp_stream>.
template <class Stream>
class Call : public std::enable_shared_from_this<Call<Stream>> {
 public:
  template <class... StreamArgs>
  Call(net::io_context& io, Url url, HttpRequest req, std::function<void(HttpResponse)> done,
       StreamArgs&&... args)
      : resolver_(io),
        stream_(std::forward<StreamArgs>(args)...),
        timer_(io),
        url_(std::move(url)),
        req_(std::move(req)),
        done_(std::move(done)) {}

  void start() {
    timer_.expires_after(std::chrono::milliseconds(req_.timeout_ms));
    timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
      if (!ec) self->finish_error("timeout");
    });
    if constexpr (kTls) {
      if (!SSL_set_tlsext_host_name(stream_.native_handle(), url_.host.c_str())) {
        return finish_error("TLS: cannot set SNI");
      }
      stream_.set_verify_callback(ssl::host_name_verification(url_.host));
    }
    resolver_.async_resolve(
        url_.host, url_.port,
        [self = this->shared_from_this()](beast::error_code ec, tcp::resolver::results_type r) {
          self->on_resolve(ec, r);
        });
  }

 private:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  beast::tcp_stream& tcp() { return beast::get_lowest_layer(stream_); }

  void on_resolve(beast::error_code ec, const tcp::resolver::results_type& r) {
    if (ec) return finish_error("resolve: " + ec.message());
    tcp().async_connect(
        r, [self = this->shared_from_this()](beast::error_code ec, const tcp::endpoint&) {
          self->on_connect(ec);
        });
  }

  void on_connect(beast::error_code ec) {
    if (ec) return finish_error("connect: " + ec.message());
    if constexpr (kTls) {
      stream_.async_handshake(ssl::stream_base::client,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec) return self->finish_error("TLS: " + ec.message());
                                self->send();
                              });
    } else {
      send();
    }
  }

  void send() {
    http::verb verb = http::string_to_verb(req_.method);
    request_ = {verb == http::verb::unknown ? http::verb::post : verb, url_.target, 11};
    request_.set(http::field::host, url_.host);
    request_.set(http::field::user_agent, "dondoc");
    for (const auto& [k, v] : req_.headers) request_.set(k, v);
    if (!req_.body.empty() || request_.method() == http::verb::post) {
      request_.set(http::field::content_type, req_.content_type);
      request_.body() = req_.body;
    }
    request_.prepare_payload();
    http::async_write(stream_, request_,
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->finish_error("write: " + ec.message());
                        self->read();
                      });
  }

  void read() {
    parser_.body_limit(req_.max_body ? req_.max_body : kMaxResponseBody);
    http::async_read(stream_, buffer_, parser_,
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec == http::error::body_limit) return self->finish_error(kTooLarge);
                       if (ec) return self->finish_error("read: " + ec.message());
                       HttpResponse r;
                       r.status = static_cast<int>(self->parser_.get().result_int());
                       r.content_type = std::string(self->parser_.get()[http::field::content_type]);
                       r.body = std::move(self->parser_.get().body());
                       self->finish(std::move(r));
                     });
  }

  void finish_error(std::string error) {
    HttpResponse r;
    r.error = std::move(error);
    finish(std::move(r));
  }

  void finish(HttpResponse r) {
    if (!done_) return;
    auto done = std::move(done_);
    done_ = nullptr;
    timer_.cancel();
    beast::error_code ec;
    tcp().socket().shutdown(tcp::socket::shutdown_both, ec);
    tcp().close();
    done(std::move(r));
  }

  tcp::resolver resolver_;
  Stream stream_;
  net::steady_timer timer_;
  Url url_;
  HttpRequest req_;
  std::function<void(HttpResponse)> done_;
  http::request<http::string_body> request_;
  http::response_parser<http::string_body> parser_;
  beast::flat_buffer buffer_;
};

}  // namespace

struct HttpClient::Impl {
  explicit Impl(net::io_context& io) : io(io) {}
  // Made at the first https request: OpenSSL's setup (providers, the system's certificates) costs
  // memory that a server with no chat channel, or plain-http test fakes, never needs.
  ssl::context& tls() {
    if (!tls_) {
      tls_.emplace(ssl::context::tls_client);
      tls_->set_default_verify_paths();
      tls_->set_verify_mode(ssl::verify_peer);
    }
    return *tls_;
  }
  net::io_context& io;
  std::optional<ssl::context> tls_;
};

HttpClient::HttpClient(net::io_context& io) : impl_(std::make_unique<Impl>(io)) {}
HttpClient::~HttpClient() = default;

void HttpClient::request(HttpRequest req, std::function<void(HttpResponse)> done) {
  Url url;
  if (!parse_url(req.url, url)) {
    HttpResponse r;
    r.error = "bad URL";
    net::post(impl_->io, [done = std::move(done), r]() { done(r); });
    return;
  }
  if (url.tls) {
    std::make_shared<Call<beast::ssl_stream<beast::tcp_stream>>>(
        impl_->io, std::move(url), std::move(req), std::move(done), impl_->io, impl_->tls())
        ->start();
  } else {
    std::make_shared<Call<beast::tcp_stream>>(impl_->io, std::move(url), std::move(req),
                                              std::move(done), impl_->io)
        ->start();
  }
}

}  // namespace dondoc::app
