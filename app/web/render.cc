// Rendering: templates/<name>.mustache (compiled in) filled from JSON through kainjow mustache,
// HTML-escaped by default; the layout around a page; the answers' helpers and the security
// headers every web answer carries.
#include <string.h>

#include <charconv>
#include <kainjow/mustache.hpp>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "app/web/assets.h"
#include "app/web/encoding.h"
#include "app/web/page_memo.h"
#include "app/web/parse.h"
#include "app/web/template_data.h"
#include "app/web/web.h"

namespace dondoc {
std::string_view web_template(std::string_view name);  // generated/web_templates.cc
}

namespace dondoc::app::web {
namespace {

namespace mu = kainjow::mustache;
using nlohmann::json;

// The JSON as mustache data, its strings moved out (j is left with empty strings), each value moved
// into place (tdata, app/web/template_data.h): kainjow's own set() and push_back() copy deeply.
mu::data to_data(json& j) {
  switch (j.type()) {
    case json::value_t::object: {
      mu::data d = tdata::object();
      for (auto it = j.begin(); it != j.end(); ++it) tdata::set(d, it.key(), to_data(it.value()));
      return d;
    }
    case json::value_t::array: {
      mu::data d = tdata::list(j.size());
      for (auto& v : j) tdata::push(d, to_data(v));
      return d;
    }
    case json::value_t::string: {  // "" is falsy, as in JavaScript: {{#flash}} hides an empty one
      return tdata::text(std::move(j.get_ref<std::string&>()));
    }
    case json::value_t::boolean:
      return mu::data{j.get<bool>()};
    case json::value_t::null:
      return mu::data{false};
    default:
      return mu::data{j.dump()};  // numbers as written
  }
}

struct NavItem {
  const char* id;
  const char* path;
  const char* label;
};
constexpr NavItem kNav[] = {
    {"overview", "/", "Tổng quan"},          {"tasks", "/nhiem-vu", "Nhiệm vụ"},
    {"bodies", "/co-quan", "Cơ quan"},       {"calendar", "/lich", "Lịch"},
    {"indicators", "/chi-tieu", "Chỉ tiêu"}, {"rules", "/quy-tac", "Quy tắc"},
    {"audit", "/nhat-ky", "Nhật ký"},        {"report", "/bao-cao", "Báo cáo"},
};

json layout_data(const Request& r, std::string_view title, std::string content) {
  json nav = json::array();
  std::string active;
  bool mm = false;
  std::map<std::string, std::string> ignored;
  if (const Route* route = match_route(r.method == "POST" ? "GET" : r.method, r.path, ignored, mm))
    active = route->nav;
  for (const auto& n : kNav) {
    // The consolidated report is for those who see every body (a head would get a 403).
    if (n.id == std::string_view("report") &&
        !(r.viewer && service::allowed(*r.viewer, service::Permission::view_all)))
      continue;
    nav.push_back({{"href", r.url(n.path)}, {"label", n.label}, {"active", active == n.id}});
  }
  if (r.viewer && r.viewer->is_province()) {
    nav.push_back({{"href", "/tinh"}, {"label", "Toàn tỉnh"}, {"active", active == "province"}});
  }
  json d{{"title", std::string(title)},
         {"content", std::move(content)},
         {"nav", nav},
         {"commune_name", r.commune_name},
         {"flash", r.flash},
         {"csrf", r.csrf},
         {"base", r.base},
         {"signed_in", r.viewer.has_value()},
         {"css", asset_url("dondoc.css")},  // fingerprinted: cached for a year (app/web/assets.h)
         {"js", asset_url("htmx.min.js")},
         {"icon", asset_url("favicon.svg")},
         {"logo", asset_url("logo.svg")}};
  if (r.viewer) {
    d["user"] = r.viewer->name;
    d["role_vi"] = std::string(service::role_label_vi(r.viewer->role));
  }
  return d;
}

// Where `slot` is in text, found with memmem (a two-way search: the page is megabytes of HTML in
// which the slots' first letters are common); npos when it is not.
std::size_t find_slot(std::string_view text, std::size_t from, std::string_view slot) {
  if (from >= text.size()) return std::string_view::npos;
  const void* at = memmem(text.data() + from, text.size() - from, slot.data(), slot.size());
  return at ? static_cast<const char*>(at) - text.data() : std::string_view::npos;
}

// out += content with each kCsrfSlot replaced by csrf, in one pass: replacing in place moves the
// rest of the text at each slot, and a memoised page may hold thousands of forms.
void append_with_csrf(std::string& out, std::string_view content, std::string_view csrf) {
  std::size_t from = 0;
  for (std::size_t at = find_slot(content, 0, kCsrfSlot); at != std::string_view::npos;
       at = find_slot(content, from, kCsrfSlot)) {
    out.append(content, from, at - from).append(csrf);
    from = at + kCsrfSlot.size();
  }
  out.append(content, from, std::string_view::npos);
}

constexpr std::string_view kRawOpen = "<dondoc-raw-";

// text with each raw_slot(i) replaced by pieces[i], in one buffer of the final size.
std::string splice(std::string_view text, const std::vector<std::string>& pieces) {
  std::size_t size = text.size();
  for (const auto& p : pieces) size += p.size();
  std::string out;
  out.reserve(size);
  std::size_t from = 0;
  for (std::size_t at = find_slot(text, 0, kRawOpen); at != std::string_view::npos;
       at = find_slot(text, from, kRawOpen)) {
    std::size_t end = text.find('>', at);
    std::size_t i = 0;
    auto [p, ec] = end == std::string_view::npos
                       ? std::from_chars_result{nullptr, std::errc::invalid_argument}
                       : std::from_chars(text.data() + at + kRawOpen.size(), text.data() + end, i);
    if (ec != std::errc() || p != text.data() + end || i >= pieces.size())
      throw std::runtime_error("web: a raw slot without its piece");
    out.append(text, from, at - from).append(pieces[i]);
    from = end + 1;
  }
  out.append(text, from, std::string_view::npos);
  return out;  // not `return out.append(...)`: a reference, which would be copied
}

std::string render_data(std::string_view name, const mu::data& data) {
  std::string_view text = web_template(std::string(name) + ".mustache");
  if (text.empty()) throw std::runtime_error("web: no template " + std::string(name));
  mu::mustache tmpl{std::string(text)};
  if (!tmpl.is_valid())
    throw std::runtime_error("web: template " + std::string(name) + ": " + tmpl.error_message());
  std::string out;  // not render(data): its ostringstream grows by copies, then is copied out
  out.reserve(text.size() * 2);
  tmpl.render(data, [&out](const std::string& piece) { out += piece; });
  if (!tmpl.is_valid())
    throw std::runtime_error("web: template " + std::string(name) + ": " + tmpl.error_message());
  return out;
}

std::string render_owned(std::string_view name, json&& data) {
  return render_data(name, to_data(data));
}

}  // namespace

std::string render(std::string_view name, const json& data) {
  json copy = data;
  return render_owned(name, std::move(copy));
}

HttpOut page(const Request& r, std::string_view title, std::string_view name, json data,
             int status) {
  if (!data.is_object()) data = json::object();
  data["base"] = r.base;
  data["csrf"] = r.csrf;
  return page_content(r, title, render_owned(name, std::move(data)), status);
}

std::string render_content(const Request& r, std::string_view name, json data) {
  if (!data.is_object()) data = json::object();
  data["base"] = r.base;
  return render_owned(name, std::move(data));
}

std::string raw_slot(std::size_t i) { return std::string(kRawOpen) + std::to_string(i) + ">"; }

std::string render_content(const Request& r, std::string_view name, TemplateData&& data,
                           const std::vector<std::string>& raw) {
  tdata::set(data, "base", tdata::text(r.base));
  std::string text = render_data(name, data);
  if (raw.empty()) return text;
  return splice(text, raw);
}

TemplateData template_data(nlohmann::json&& data) { return to_data(data); }

// The layout is rendered around a slot, and the content put in its place with the session's
// CSRF token: kainjow never carries the content (megabytes for a large plan's overview).
struct Layout {
  std::string text;
  std::size_t at;  // where the content goes
  std::string_view head() const { return std::string_view(text).substr(0, at); }
  std::string_view tail() const { return std::string_view(text).substr(at + raw_slot(0).size()); }
};

Layout layout_around(const Request& r, std::string_view title) {
  Layout l{render_owned("layout", layout_data(r, title, raw_slot(0))), 0};
  l.at = find_slot(l.text, 0, raw_slot(0));
  if (l.at == std::string::npos) throw std::runtime_error("web: the layout shows no content");
  return l;
}

HttpOut page_content(const Request& r, std::string_view title, std::string_view content,
                     int status) {
  Layout layout = layout_around(r, title);
  std::string page;
  page.reserve(layout.text.size() + content.size() + 1024);
  page.append(layout.head());
  append_with_csrf(page, content, r.csrf);
  page.append(layout.tail());
  return HttpOut{status, "text/html; charset=utf-8", std::move(page)};
}

HttpOut page_content(const Request& r, std::string_view title, const MemoContent& content,
                     int status) {
  auto encoding = r.headers.find("accept-encoding");
  if (encoding == r.headers.end() || !accepts_gzip(encoding->second) ||
      content.text().size() < kMinCompressed) {
    return page_content(r, title, content.text(), status);
  }
  Layout layout = layout_around(r, title);
  DeflatedPiece head = deflate_piece(layout.head()), tail = deflate_piece(layout.tail()),
                csrf = deflate_piece(r.csrf);
  const auto& parts = content.deflated().parts;
  std::vector<const DeflatedPiece*> pieces{&head};
  pieces.reserve(2 * parts.size() + 2);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) pieces.push_back(&csrf);
    pieces.push_back(&parts[i]);
  }
  pieces.push_back(&tail);
  HttpOut out{status, "text/html; charset=utf-8", gzip_join(pieces)};
  out.headers.emplace_back("Vary", "Accept-Encoding");
  out.headers.emplace_back("Content-Encoding", "gzip");
  return out;
}

HttpOut redirect(const Request& r, const std::string& location, const std::string& flash) {
  HttpOut out{303, "text/html; charset=utf-8", ""};
  out.headers.emplace_back("Location", location);
  if (!flash.empty()) {
    std::string cookie = std::string(kFlashCookie) + "=" + url_encode(flash) +
                         "; Path=/; HttpOnly; SameSite=Lax; Max-Age=60";
    if (r.secure_cookies) cookie += "; Secure";
    out.headers.emplace_back("Set-Cookie", cookie);
  }
  return out;
}

HttpOut json_out(int status, const json& j) {
  return HttpOut{status, "application/json", j.dump()};
}

HttpOut error(const Request& r, int status, const std::string& message) {
  if (r.api) return json_out(status, {{"ok", false}, {"error", message}});
  std::string title = status == 403   ? "Không có quyền"
                      : status == 404 ? "Không tìm thấy"
                                      : "Không thực hiện được";
  return page(r, title, "error", {{"message", message}, {"status", status}}, status);
}

HttpOut service_error(const Request& r, const std::string& err) {
  if (err == "not_found") return error(r, 404, "Không tìm thấy trang hoặc mục này.");
  if (err == "forbidden") return error(r, 403, "Bạn không có quyền xem hoặc làm việc này.");
  return error(r, 400, err);
}

}  // namespace dondoc::app::web
