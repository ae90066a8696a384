#include <utility>  // before Boost under C++20

#include "app/server.h"

#include <linux/filter.h>
#include <openssl/crypto.h>
#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#include <iostream>
#include <iterator>
#include <list>
#include <optional>
#include <vector>

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

// Lets a recurring condition be logged at most once per interval (the first time at once).
class LogGate {
 public:
  bool due() {
    auto now = std::chrono::steady_clock::now();
    if (last_ && now - *last_ < std::chrono::seconds(10)) return false;
    last_ = now;
    return true;
  }

 private:
  std::optional<std::chrono::steady_clock::time_point> last_;
};

using Clock = std::chrono::steady_clock;

// A connection is closed to make room for a new one only after it has sat this long without
// sending anything: a client that just connected is about to send its request.
constexpr std::chrono::seconds kIdleBeforeEviction{1};

class Session;

// What the sessions of one server share: the handler, the list of open connections (oldest
// first) that the cap counts and stop() walks, and the stop state. Io thread only.
struct Connections {
  Connections(net::io_context& io, std::shared_ptr<Handler> h, int timeout, std::size_t cap)
      : io(io), handler(std::move(h)), timeout_s(timeout), cap(cap) {}
  net::io_context& io;
  std::shared_ptr<Handler> handler;
  int timeout_s;
  std::size_t cap;
  std::list<Session*> open;
  bool stopping = false;
  bool listening = true;  // false once stop() closed the listening socket
  std::function<void()> drained;
  long evicted = 0, refused = 0;  // since the last log line
  LogGate cap_log;

  bool evict_oldest_idle();
  void close_idle(bool fresh_too);
  void refuse(tcp::socket socket);
  void note_cap();
  void closed() {  // a connection left the list
    if (stopping && !listening && open.empty() && drained) {
      net::post(io, std::exchange(drained, {}));
    }
  }
};

// One connection: read a request, hand it to the handler, write the answer, repeat. Listed in
// Connections::open from start() until its socket closes.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<Connections> conns)
      : stream_(std::move(socket)), conns_(std::move(conns)) {}
  ~Session() { unlist(); }

  void start() {
    pos_ = conns_->open.insert(conns_->open.end(), this);
    listed_ = true;
    do_read();
  }

  // Waiting for a request of which nothing has arrived (for min_age at least): closing it loses
  // nothing.
  bool idle(Clock::duration min_age = {}) const {
    if (!waiting_ || (parser_ && parser_->got_some()) || buffer_.size() > 0) return false;
    if (Clock::now() - waiting_since_ < min_age) return false;
    beast::error_code ec;
    return stream_.socket().available(ec) == 0 && !ec;
  }
  bool fresh() const { return served_ == 0; }

  // Closes the connection now, freeing its descriptor; the pending read ends (aborted).
  void evict() {
    unlist();
    stream_.close();
  }

 private:
  void unlist() {
    if (!listed_) return;
    listed_ = false;
    conns_->open.erase(pos_);
    conns_->closed();
  }

  void do_read() {
    if (conns_->stopping && served_ > 0) return close();  // no next request once stopping
    waiting_ = true;
    waiting_since_ = Clock::now();
    parser_.emplace();
    parser_->body_limit(kMaxRequestBody);
    stream_.expires_after(std::chrono::seconds(conns_->timeout_s));
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    waiting_ = false;
    if (ec == http::error::body_limit) return write_error(413, "body over 1 MiB");
    if (ec == http::error::end_of_stream) return close();
    if (ec == net::error::eof || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset) {
      return;  // the client went away or was too slow: the stream closes with the session
    }
    if (ec) return write_error(400, "malformed HTTP request");
    ++served_;
    auto req = parser_->release();
    keep_alive_ = req.keep_alive();
    HttpIn in;
    in.method = std::string(req.method_string());
    std::string target(req.target());
    auto qmark = target.find('?');
    in.target = target.substr(0, qmark);
    if (qmark != std::string::npos) in.query = target.substr(qmark + 1);
    beast::error_code peer_ec;
    auto peer = stream_.socket().remote_endpoint(peer_ec);
    if (!peer_ec) in.client = peer.address().to_string();
    collect_headers(req, in);
    in.body = std::move(req.body());
    stream_.expires_never();
    auto self = shared_from_this();
    try {
      (*conns_->handler)(std::move(in), [self](HttpOut out) { self->write(std::move(out)); });
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
    for (auto& [name, value] : out.headers) res->insert(name, value);
    res->keep_alive(keep_alive_ && !conns_->stopping);
    res->body() = std::move(out.body);
    res->prepare_payload();
    stream_.expires_after(std::chrono::seconds(conns_->timeout_s));
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
  std::shared_ptr<Connections> conns_;
  std::list<Session*>::iterator pos_;
  bool listed_ = false;
  bool waiting_ = false;  // a read of the next request is pending
  Clock::time_point waiting_since_;
  long served_ = 0;  // requests read on this connection
  bool keep_alive_ = false;
};

bool Connections::evict_oldest_idle() {
  for (Session* s : open) {
    if (!s->idle(kIdleBeforeEviction)) continue;
    s->evict();
    ++evicted;
    note_cap();
    return true;
  }
  return false;
}

void Connections::close_idle(bool fresh_too) {
  std::vector<Session*> idle;
  for (Session* s : open) {
    if (s->idle() && (fresh_too || !s->fresh())) idle.push_back(s);
  }
  for (Session* s : idle) s->evict();
}

// Past the cap with nothing idle: a short 503 written straight into the new socket's empty send
// buffer, then closed, so a refused client never holds a descriptor.
void Connections::refuse(tcp::socket socket) {
  static const std::string kBusy = [] {
    std::string body = R"({"ok":false,"error":"too many connections"})";
    return "HTTP/1.1 503 Service Unavailable\r\nServer: dondoc\r\nContent-Type: "
           "application/json\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }();
  beast::error_code ec;
  socket.non_blocking(true, ec);
  if (!ec) socket.write_some(net::buffer(kBusy), ec);
  socket.shutdown(tcp::socket::shutdown_send, ec);
  socket.close(ec);
  ++refused;
  note_cap();
}

void Connections::note_cap() {
  if (!cap_log.due()) return;
  std::cerr << "dondoc serve: connections: " << open.size() << " open (max_connections " << cap
            << " or out of descriptors): " << evicted << " idle one(s) closed to make room, "
            << refused << " refused with 503, since the last such line\n";
  evicted = refused = 0;
}

// stop(): the listening socket drops new SYNs from now on (their clients retry a second later and
// are refused by then), while handshakes under way complete into the accept queue, which is
// served before the socket closes: so closing it resets no connection the kernel completed.
// Best effort (a refused filter only reopens that small window).
void drop_new_handshakes(int fd) {
  static sock_filter code[] = {
      BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 13),           // the TCP header's flags
      BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0x12),        // SYN | ACK
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x02, 0, 1),  // SYN alone: a new handshake
      BPF_STMT(BPF_RET | BPF_K, 0),                     // dropped
      BPF_STMT(BPF_RET | BPF_K, 0xFFFFFFFF)};           // kept
  sock_fprog prog{static_cast<unsigned short>(std::size(code)), code};
  ::setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog);
}

// How long the handshakes under way at stop() get to complete (loopback: microseconds).
constexpr std::chrono::milliseconds kHandshakeWait{50};

bool resource_error(const beast::error_code& ec) {
  return ec == net::error::no_descriptors || ec == net::error::no_buffer_space ||
         ec == net::error::no_memory || ec == beast::errc::too_many_files_open_in_system;
}

}  // namespace

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
  Impl(net::io_context& io, std::shared_ptr<Connections> c)
      : io(io), acceptor(io), retry(io), grace(io), closing(io), conns(std::move(c)) {}
  net::io_context& io;
  tcp::acceptor acceptor;
  net::steady_timer retry;    // the wait after accept failed
  net::steady_timer grace;    // stop(): how long a new connection may take to send its request
  net::steady_timer closing;  // stop(): the wait for handshakes under way
  std::shared_ptr<Connections> conns;
  std::string host;
  int port = 0;
  std::chrono::milliseconds delay{0};  // the current wait after a failed accept
  long failures = 0;                   // failed accepts since the last success
  bool reported = false;               // a line about them was logged
  LogGate accept_log;

  void do_accept() {
    acceptor.async_accept([self = shared_from_this()](beast::error_code ec, tcp::socket s) {
      if (ec == net::error::operation_aborted) return;
      if (!ec) self->admit(std::move(s));
      if (self->conns->stopping && (ec || !self->conns->listening)) return;
      if (ec && ec != net::error::connection_aborted) return self->accept_failed(ec);
      if (!ec) self->accepted();
      self->do_accept();
    });
  }

  void admit(tcp::socket s) {
    if (conns->open.size() >= conns->cap && !conns->evict_oldest_idle()) {
      return conns->refuse(std::move(s));
    }
    std::make_shared<Session>(std::move(s), conns)->start();
  }

  void accepted() {
    if (reported)
      std::cerr << "dondoc serve: accept: resumed after " << failures << " failure(s)\n";
    failures = 0;
    reported = false;
    delay = std::chrono::milliseconds(0);
  }

  // Out of descriptors (or kernel memory): an idle connection is closed to make room; with none,
  // the next try waits 10 ms, doubling up to 1 s. Logged at most once per interval (with the
  // count), and "resumed" only after such a line.
  void accept_failed(const beast::error_code& ec) {
    ++failures;
    if (resource_error(ec) && conns->evict_oldest_idle()) return do_accept();
    delay = std::clamp(delay * 2, std::chrono::milliseconds(10), std::chrono::milliseconds(1000));
    if (accept_log.due()) {
      reported = true;
      std::cerr << "dondoc serve: accept: " << ec.message() << " (" << failures
                << " failure(s) in a row); retrying after " << delay.count()
                << " ms, doubling up to 1000 ms\n";
    }
    retry.expires_after(delay);
    retry.async_wait([self = shared_from_this()](beast::error_code e) {
      if (!e && !self->conns->stopping) self->do_accept();
    });
  }

  // stop(): the connections already completed by the kernel are served, not reset; then the
  // listening socket closes.
  void close_listener() {
    if (acceptor.is_open()) take_queued();
    beast::error_code ec;
    acceptor.close(ec);
    conns->listening = false;
    conns->closed();  // nothing open: drained at once
  }

  void take_queued() {
    beast::error_code ec;
    acceptor.non_blocking(true, ec);
    for (int n = 0; n < 4096 && !ec; ++n) {
      tcp::socket s(io);
      acceptor.accept(s, ec);
      if (!ec) admit(std::move(s));
    }
  }
};

Server::Server(net::io_context& io, const std::string& host, int port, Handler handler,
               int read_timeout_s, int max_connections)
    : impl_(std::make_shared<Impl>(
          io, std::make_shared<Connections>(
                  io, std::make_shared<Handler>(std::move(handler)), read_timeout_s,
                  static_cast<std::size_t>(std::max(1, max_connections))))) {
  impl_->host = host;
  impl_->port = port;
}

Server::~Server() {
  beast::error_code ec;
  impl_->acceptor.close(ec);
  impl_->retry.cancel();
  impl_->grace.cancel();
  impl_->closing.cancel();
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

void Server::stop(std::function<void()> drained) {
  Impl& i = *impl_;
  if (i.conns->stopping) return;
  i.conns->stopping = true;
  i.conns->drained = std::move(drained);
  i.retry.cancel();
  i.conns->close_idle(false);  // keep-alive connections between two requests
  i.grace.expires_after(kFirstRequestGrace);
  i.grace.async_wait([c = i.conns](beast::error_code e) {
    if (!e) c->close_idle(true);
  });
  if (!i.acceptor.is_open()) return i.close_listener();
  drop_new_handshakes(i.acceptor.native_handle());
  i.closing.expires_after(kHandshakeWait);
  i.closing.async_wait([self = impl_](beast::error_code e) {
    if (!e) self->close_listener();
  });
}

std::size_t Server::connections() const { return impl_->conns->open.size(); }

}  // namespace dondoc::app
