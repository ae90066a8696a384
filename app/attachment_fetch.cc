#include <utility>  // before Boost under C++20

#include "app/attachment_fetch.h"

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <nlohmann/json.hpp>

#include "app/http_client.h"
#include "app/web/parse.h"

namespace dondoc::app {
namespace {

using Clock = std::chrono::steady_clock;

struct Deadline {
  Clock::time_point end;
  int left_ms() const {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count();
    return ms < 1 ? 1 : static_cast<int>(ms);
  }
};

// One GET, blocking on its own io_context (the HttpClient is asynchronous).
HttpResponse get(const std::string& url, std::size_t max_bytes, const Deadline& d) {
  boost::asio::io_context io;
  HttpClient client(io);
  HttpRequest req;
  req.method = "GET";
  req.url = url;
  req.timeout_ms = d.left_ms();
  req.max_body = max_bytes;
  HttpResponse out;
  client.request(req, [&out](HttpResponse r) { out = std::move(r); });
  io.run();
  return out;
}

FetchedFile failed(int status, std::string message) {
  FetchedFile f;
  f.status = status;
  f.message = std::move(message);
  return f;
}

std::string too_big_message() { return "Tệp lớn hơn 20 MB, không tải qua bảng điều khiển được."; }

// The platform's answer as a failure (nullopt when it is a file).
std::optional<FetchedFile> refused(const HttpResponse& r, const std::string& platform) {
  if (r.error == kTooLarge) return failed(413, too_big_message());
  if (!r.error.empty()) return failed(502, "Không kết nối được " + platform + ": " + r.error);
  if (!r.ok()) return failed(502, platform + " không trả tệp: HTTP " + std::to_string(r.status));
  return std::nullopt;
}

FetchedFile file_of(HttpResponse r, const service::ReportAttachment& a) {
  FetchedFile f;
  f.body = std::move(r.body);
  f.content_type = a.mime;
  if (f.content_type.empty() && !r.content_type.empty() &&
      !r.content_type.starts_with("application/octet-stream")) {
    f.content_type = r.content_type;
  }
  if (f.content_type.empty()) f.content_type = mime_from_name(a.name);
  return f;
}

FetchedFile fetch_telegram(const service::ReportAttachment& a, const ChannelConfig& bot,
                           const FetchLimits& limits, const Deadline& d) {
  if (bot.token.empty()) return failed(502, "Telegram không trả tệp: chưa cấu hình bot.");
  std::string api = bot.api_base + "/bot" + bot.token;
  auto meta = get(api + "/getFile?file_id=" + web::url_encode(a.ref), 1 << 16, d);
  if (!meta.error.empty()) return *refused(meta, "Telegram");
  auto j = nlohmann::json::parse(meta.body, nullptr, false);
  if (!j.is_object() || !j.value("ok", false)) {
    std::string why = j.is_object() ? j.value("description", "") : std::string();
    if (why.find("too big") != std::string::npos) return failed(413, too_big_message());
    return failed(502, "Telegram không trả tệp: " +
                           (why.empty() ? "HTTP " + std::to_string(meta.status) : why));
  }
  const auto& res = j.value("result", nlohmann::json::object());
  if (res.value("file_size", 0LL) > static_cast<long long>(limits.max_bytes))
    return failed(413, too_big_message());
  std::string path = res.value("file_path", "");
  if (path.empty()) return failed(502, "Telegram không trả tệp: không có file_path.");
  auto body = get(bot.api_base + "/file/bot" + bot.token + "/" + path, limits.max_bytes, d);
  if (auto no = refused(body, "Telegram")) return *no;
  return file_of(std::move(body), a);
}

bool host_is(const std::string& host, const std::string& domain) {
  return host == domain || (host.size() > domain.size() && host.ends_with(domain) &&
                            host[host.size() - domain.size() - 1] == '.');
}

}  // namespace

bool zalo_url_allowed(const std::string& url, const std::string& api_base) {
  Url u;
  if (!parse_url(url, u)) return false;
  Url base;
  if (!api_base.empty() && parse_url(api_base, base) && base.tls == u.tls && base.host == u.host &&
      base.port == u.port) {
    return true;
  }
  if (!u.tls || u.port != "443") return false;
  for (const char* d : {"zdn.vn", "zadn.vn", "zalo.me", "zaloapp.com", "zaloplatforms.com"})
    if (host_is(u.host, d)) return true;
  return false;
}

std::string mime_from_name(const std::string& name) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".pdf", "application/pdf"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".png", "image/png"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".doc", "application/msword"},
      {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {".xls", "application/vnd.ms-excel"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {".txt", "text/plain; charset=utf-8"},
      {".zip", "application/zip"},
  };
  auto dot = name.rfind('.');
  if (dot != std::string::npos) {
    std::string ext = name.substr(dot);
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& [e, t] : kTypes)
      if (ext == e) return t;
  }
  return "application/octet-stream";
}

FetchedFile fetch_attachment(const service::ReportAttachment& a, const ChannelConfig& bot,
                             const FetchLimits& limits) {
  Deadline d{Clock::now() + std::chrono::milliseconds(limits.timeout_ms)};
  if (a.channel == "telegram") return fetch_telegram(a, bot, limits, d);
  if (a.channel == "zalo") {
    if (!zalo_url_allowed(a.ref, bot.api_base))
      return failed(502, "Zalo không trả tệp: địa chỉ tệp không thuộc máy chủ của Zalo.");
    auto body = get(a.ref, limits.max_bytes, d);
    if (auto no = refused(body, "Zalo")) return *no;
    return file_of(std::move(body), a);
  }
  return failed(502, "Tệp gửi qua kênh \"" + a.channel + "\" không tải lại được.");
}

}  // namespace dondoc::app
