// A page's rendered content (its template's output, without the layout) kept for the next request
// that would compute the same text: same snapshot stamp (commune, view_version, local date:
// service::view_stamp), same viewer (role, body, commune), same URL and query, and `now` before
// the content's validity end (the first instant at which time alone changes it). Only content that
// depends on nothing else may be stored: no CSRF token, user name or flash (the layout has those).
// One per page handler, on the web reader thread (thread_local). DONDOC_PAGE_MEMO=0 turns every
// memo off (the bench's cold figures).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "app/web/encoding.h"
#include "app/web/web.h"

namespace dondoc::app::web {

// Whether memos serve and store (default: on unless DONDOC_PAGE_MEMO=0 at the first call).
bool page_memo_enabled();
void set_page_memo_enabled(bool on);  // tests

// A memoised content: its text and, from the first request that accepts gzip on, the text
// compressed around its CSRF slots (at the thorough level: once for many answers), so a warm
// page's answer compresses only the layout and the token (app/web/encoding.h).
class MemoContent {
 public:
  explicit MemoContent(std::string text) : text_(std::move(text)) {}
  const std::string& text() const { return text_; }
  const DeflatedParts& deflated() const;

 private:
  std::string text_;
  mutable std::optional<DeflatedParts> deflated_;
};

class PageMemo {
 public:
  static constexpr std::size_t kMaxEntries = 16;  // beyond, the memo starts afresh
  // The content stored under key, when stored under `stamp` and now < its validity end; else
  // null.
  const MemoContent* find(const std::string& stamp, const std::string& key, Instant now) const;
  // Stores content and returns it (valid until the next put).
  const MemoContent& put(const std::string& stamp, const std::string& key, std::string content,
                         Instant until);
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string stamp;
    MemoContent content;
    Instant until{};
  };
  std::map<std::string, Entry> entries_;
};

// Stands for the session's CSRF token in memoised content (a form inside it): page_content puts
// the requesting session's token in its place, so the stored text holds no session's token.
inline constexpr std::string_view kCsrfSlot = "dondoc-csrf-slot-3e9a1c";

// The pieces of page() (app/web/render.cc) a memoised page uses: its template rendered with `base`
// (no CSRF token: the content must not depend on the session), and the layout around content.
std::string render_content(const Request& r, std::string_view name, nlohmann::json data);
HttpOut page_content(const Request& r, std::string_view title, std::string_view content,
                     int status = 200);
// The same page from memoised content: gzip-compressed from its deflated parts when the client
// accepts gzip (the answer then needs no compression after the handler).
HttpOut page_content(const Request& r, std::string_view title, const MemoContent& content,
                     int status = 200);

// What makes a page's content differ between two requests besides the data and `now`: the viewer
// (role, body, commune), the commune's URL prefix, the path and every query parameter.
std::string memo_key(const Request& r);

}  // namespace dondoc::app::web
