#include <utility>  // before Boost under C++20

#include "app/web/web_server.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <iostream>

#include "app/web/encoding.h"
#include "app/web/guard.h"
#include "app/web/parse.h"
#include "app/web/reader.h"
#include "app/web/web.h"
#include "app/web/workers.h"
#include "service/accounts.h"
#include "storage/commune_store.h"
#include "storage/group_commit.h"

namespace dondoc::app::web {
namespace {

namespace net = boost::asio;

std::string header(const HttpIn& in, const std::string& name) {
  auto it = in.headers.find(name);
  return it == in.headers.end() ? std::string() : it->second;
}

// "/xa/ID/rest" -> ID and "/rest"; "/api/v1/communes/ID/rest" -> ID and "/api/v1/rest".
void strip_commune(Request& r) {
  auto take = [&r](const std::string& prefix, const std::string& keep) {
    if (!r.path.starts_with(prefix)) return false;
    auto end = r.path.find('/', prefix.size());
    r.commune_id =
        r.path.substr(prefix.size(), end == std::string::npos ? end : end - prefix.size());
    std::string rest = end == std::string::npos ? "/" : r.path.substr(end);
    r.path = keep.empty() ? rest : (rest == "/" ? keep : keep + rest);
    return true;
  };
  if (!take("/xa/", "")) take("/api/v1/communes/", "/api/v1");
}

std::shared_ptr<Request> build_request(HttpIn& in, Instant now, bool secure) {
  auto r = std::make_shared<Request>();
  r->method = in.method;
  r->path = in.target;
  r->query = parse_query(in.query);
  r->cookies = parse_cookies(header(in, "cookie"));
  r->client = in.client;
  r->now = now;
  r->secure_cookies = secure;
  strip_commune(*r);
  r->api = r->path.starts_with("/api/");
  if (auto it = r->cookies.find(kFlashCookie); it != r->cookies.end())
    r->flash = url_decode(it->second);
  std::string type = header(in, "content-type");
  if (in.method == "POST" && type.starts_with("application/x-www-form-urlencoded")) {
    r->form = parse_query(in.body);
  } else if (in.method == "POST" && type.starts_with("multipart/form-data")) {
    parse_multipart(type, in.body, r->form, r->files);
  } else if (in.method == "POST" && type.starts_with("application/json")) {
    r->json = in.body;
  }
  r->headers = std::move(in.headers);
  return r;
}

// The commune the request runs in; an error answer when there is none it may see.
std::optional<HttpOut> enter_commune(Request& r, Database& db) {
  auto communes = list_communes(db);
  std::optional<Commune> c;
  if (!r.commune_id.empty()) {
    c = find_commune(db, r.commune_id);
    if (!c) return error(r, 404, "Không có xã \"" + r.commune_id + "\".");
  } else if (communes.size() == 1) {
    c = communes.front();
  } else if (r.viewer && !r.viewer->is_province() && r.viewer->commune != 0) {
    auto own = commune_by_key(db, r.viewer->commune);
    if (!own) return error(r, 404, "Không tìm thấy xã của tài khoản.");
    std::string path =
        r.api ? "/api/v1/communes/" + own->id + r.path.substr(7) : "/xa/" + own->id + r.path;
    return redirect(r, path);
  } else {
    return error(r, 404, communes.empty() ? "Chưa có xã nào." : "Hãy chọn một xã.");
  }
  if (r.viewer && !r.viewer->sees_commune(c->key)) {
    return error(r, 403, "Bạn không có quyền xem xã này.");
  }
  r.commune = c->key;
  r.commune_id = c->id;
  r.commune_name = c->name;
  r.base = communes.size() > 1 ? "/xa/" + c->id : "";
  return std::nullopt;
}

// The handler in the commune's scope (when the route is scoped).
HttpOut scoped_handler(Request& r, const Route& route, Database& db) {
  if (!route.scoped) return route.handler(r, db);
  if (auto refused = enter_commune(r, db)) return std::move(*refused);
  CommuneScope scope(db, r.commune);
  return route.handler(r, db);
}

// On the writer: a Rollback's answer is kept for the client while the exception rolls the job's
// savepoint back.
void write_handler(Request& r, const Route& route, Database& db, std::optional<HttpOut>& out) {
  try {
    out = scoped_handler(r, route, db);
  } catch (Rollback& e) {
    out = std::move(e.out);
    throw;
  }
}

// On the reader: an exception is answered 500. (On the writer it propagates, so the job's
// savepoint rolls back whatever the handler wrote.)
HttpOut read_handler(Request& r, const Route& route, Database& db) {
  try {
    return scoped_handler(r, route, db);
  } catch (const std::exception& e) {
    std::cerr << "dondoc serve: web " << r.method << " " << r.path << ": " << e.what() << "\n";
    return error(r, 500, "Lỗi máy chủ khi đọc dữ liệu.");
  }
}

std::string bearer(const Request& r) {
  auto it = r.headers.find("authorization");
  if (it == r.headers.end() || !it->second.starts_with("Bearer ")) return {};
  return it->second.substr(7);
}

// Not signed in: the sign-in page (then back here) or 401 for the API.
HttpOut unauthenticated(const Request& r) {
  if (r.api)
    return json_out(401, {{"ok", false}, {"error", "Chưa đăng nhập hoặc token không hợp lệ."}});
  std::string back = r.base + r.path;
  if (r.method != "GET" || back == "/") return redirect(r, "/dang-nhap");
  return redirect(r, "/dang-nhap?next=" + url_encode(back));
}

// The viewer of the session cookie or the Bearer token, then the CSRF token of a POST and the
// route's permission: an answer when refused. Read-only (it runs on the reader for the pages);
// `stale` says the session's last_seen is a minute old or more, to be noted on the writer.
std::optional<HttpOut> check_viewer(Request& r, const Route& route, Database& db, bool& stale) {
  std::string token = bearer(r);
  if (!token.empty()) {
    r.viewer = service::token_viewer(db, token);
  } else if (auto it = r.cookies.find(kSessionCookie); it != r.cookies.end()) {
    if (auto s = service::check_session(db, it->second, r.now)) {
      r.viewer = s->session.viewer;
      r.session = s->session.token;
      r.csrf_secret = s->session.csrf;
      r.csrf = mask_csrf(r.csrf_secret);
      stale = s->stale;
    }
  }
  if (!r.viewer) return unauthenticated(r);
  if (r.method == "POST" && token.empty() && !csrf_ok(r)) {
    return error(r, 403,
                 "Yêu cầu bị từ chối: thiếu hoặc sai mã xác nhận (CSRF). Hãy tải lại trang.");
  }
  if (route.permission && !service::allowed(*r.viewer, *route.permission)) {
    return error(r, 403, "Bạn không có quyền làm việc này.");
  }
  return std::nullopt;
}

// Off the io thread (the reader, a worker): the answer compressed for a client that accepts it.
HttpOut encoded(const Request& r, HttpOut out) {
  auto it = r.headers.find("accept-encoding");
  encode_answer(it == r.headers.end() ? std::string_view() : std::string_view(it->second), out);
  return out;
}

}  // namespace

HttpOut later(Request& r, std::function<HttpOut()> job) {
  r.slow = std::move(job);
  return HttpOut(202);
}

Web::Web(net::io_context& io, GroupCommit& writer, const std::string& db_path, const Clock& clock,
         const ServeConfig& config)
    : io_(io),
      writer_(writer),
      clock_(clock),
      config_(config),
      public_url_(config.public_url),
      reader_(std::make_unique<Reader>(db_path)),
      workers_(std::make_unique<Workers>()) {}

Web::~Web() = default;

bool Web::serves(const HttpIn& in) {
  const std::string& t = in.target;
  if (t == "/" || t.starts_with("/api/") || t.starts_with("/static/") || t.starts_with("/xa/") ||
      t.starts_with("/dang-nhap") || t == "/dang-xuat" || t == "/favicon.ico") {
    return true;
  }
  std::map<std::string, std::string> params;
  bool mismatch = false;
  return match_route(in.method, t, params, mismatch) != nullptr || mismatch;
}

void Web::handle(HttpIn in, Respond respond) {
  auto req = build_request(in, clock_.now(), public_url_.starts_with("https://"));
  req->config = &config_;
  bool mismatch = false;
  const Route* route = match_route(req->method, req->path, req->params, mismatch);
  if (!route) {
    HttpOut out = mismatch ? error(*req, 405, "Phương thức không được hỗ trợ.")
                           : error(*req, 404, "Không tìm thấy trang này.");
    return answer(*req, std::move(out), respond);
  }
  if (req->method == "POST" && !req->api && !origin_ok(*req, public_url_)) {
    return answer(*req, error(*req, 403, "Yêu cầu bị từ chối: không đến từ trang của hệ thống."),
                  respond);
  }
  if (!route->signed_in) return run(req, route, std::move(respond));
  authenticate(req, route, std::move(respond));
}

// The session (cookie) or API token (Bearer), then the CSRF check of a POST and the route's
// permission. A read route checks on the reader, in the same job as its handler, and only a stale
// last_seen goes to the writer's background lane; a write route checks in its writer job.
void Web::authenticate(std::shared_ptr<Request> req, const Route* route, Respond respond) {
  if (!route->writes) return read_signed_in(req, route, std::move(respond));
  auto out = std::make_shared<std::optional<HttpOut>>();
  auto job = [req, route, out](Database& db) {
    bool stale = false;
    *out = check_viewer(*req, *route, db, stale);
    if (stale) service::note_session_seen(db, req->session, req->now);
    if (!*out) write_handler(*req, *route, db, *out);
  };
  writer_.submit(job, [this, req, route, out, respond](bool ok, const std::string& err) {
    net::post(io_, [this, req, route, out, respond, ok, err] {
      if (!ok && !out->has_value()) {
        return answer(*req, error(*req, 500, "Lỗi ghi dữ liệu: " + err), respond);
      }
      if (out->has_value()) return answer(*req, std::move(**out), respond);
      run(req, route, respond);
    });
  });
}

void Web::read_signed_in(std::shared_ptr<Request> req, const Route* route, Respond respond) {
  auto finish = [this, req, respond](HttpOut out) { finish_read(req, std::move(out), respond); };
  auto job = [this, req, route, finish](Database& db) {
    bool stale = false;
    auto refused = check_viewer(*req, *route, db, stale);
    if (stale) {
      writer_.submit_background([token = req->session, now = req->now](Database& w) {
        service::note_session_seen(w, token, now);
      });
    }
    finish(refused ? std::move(*refused) : read_handler(*req, *route, db));
  };
  reader_->submit(job, [req, finish](const std::string& err) {
    finish(error(*req, 500, "Lỗi đọc dữ liệu: " + err));
  });
}

void Web::run(std::shared_ptr<Request> req, const Route* route, Respond respond) {
  auto finish = [this, req, respond](HttpOut out) {
    net::post(io_, [this, req, respond, out = std::move(out)]() mutable {
      answer(*req, std::move(out), respond);
    });
  };
  if (route->writes && !route->signed_in) {  // signed-in writes ran in authenticate()'s job
    auto out = std::make_shared<std::optional<HttpOut>>();
    writer_.submit(
        [req, route, out](Database& db) { write_handler(*req, *route, db, *out); },
        [req, out, finish](bool, const std::string& err) {
          finish(out->has_value() ? std::move(**out) : error(*req, 500, "Lỗi ghi dữ liệu: " + err));
        });
    return;
  }
  reader_->submit(
      [req, route, finish](Database& db) { finish(encoded(*req, read_handler(*req, *route, db))); },
      [req, finish](const std::string& err) {
        finish(error(*req, 500, "Lỗi đọc dữ liệu: " + err));
      });
}

// On the reader: the answer, compressed for a client that accepts it, goes to the io thread,
// unless the handler left slow work (later()), which runs (and is compressed) on the workers
// first.
void Web::finish_read(std::shared_ptr<Request> req, HttpOut out, const Respond& respond) {
  auto post = [this, req, respond](HttpOut o) {
    net::post(io_, [this, req, respond, o = encoded(*req, std::move(o))]() mutable {
      answer(*req, std::move(o), respond);
    });
  };
  if (!req->slow) return post(std::move(out));
  auto job = std::move(req->slow);
  req->slow = nullptr;
  bool queued = workers_->submit([req, job = std::move(job), post] {
    try {
      post(job());
    } catch (const std::exception& e) {
      std::cerr << "dondoc serve: web " << req->method << " " << req->path << ": " << e.what()
                << "\n";
      post(error(*req, 500, "Lỗi máy chủ khi xử lý yêu cầu."));
    }
  });
  if (!queued) post(error(*req, 503, "Máy chủ đang bận, hãy thử lại sau ít phút."));
}

void Web::answer(const Request& req, HttpOut out, const Respond& respond) {
  add_security_headers(req, out);
  respond(std::move(out));
}

}  // namespace dondoc::app::web
