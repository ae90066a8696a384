// Downloads a file or photo sent with a body's report (issue 16 §1) from the platform it came
// through, for the dashboard's /bao-cao-co-quan/tep/{id}: Telegram by getFile on the commune's bot
// then its file URL, Zalo from the URL the event carried, only when that URL is on Zalo's CDN
// hosts (https) or under the configured api_base (the tests' fake). Bounded in time and size.
// Blocking (its own io_context): call from a worker thread (app/web/workers.h), never the io
// thread nor the reader.
#pragma once

#include <cstddef>
#include <string>

#include "app/config.h"
#include "service/body_reports.h"

namespace dondoc::app {

struct FetchLimits {
  int timeout_ms = 10000;             // the whole fetch (getFile and the download)
  std::size_t max_bytes = 20u << 20;  // Telegram's bot download limit
};

struct FetchedFile {
  int status = 200;     // 200; 413 too big; 502 the platform refused or did not answer
  std::string message;  // why, in Vietnamese ("Telegram không trả tệp: …"), when not 200
  std::string content_type;  // the stored mime, else the platform's, else from the name
  std::string body;
};

// `bot` is the settings of the bot that serves the report's commune (ServeConfig::channel_for).
FetchedFile fetch_attachment(const service::ReportAttachment& file, const ChannelConfig& bot,
                             const FetchLimits& limits = {});

// Whether the dashboard may download `url` for a Zalo attachment: https on a Zalo host
// (zdn.vn, zadn.vn, zalo.me, zaloapp.com, zaloplatforms.com and their subdomains), or the same
// scheme, host and port as api_base.
bool zalo_url_allowed(const std::string& url, const std::string& api_base);

// A Content-Type from the file name's extension ("application/octet-stream" when unknown).
std::string mime_from_name(const std::string& name);

}  // namespace dondoc::app
