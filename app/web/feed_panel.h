// The calendar subscription panel ("Đăng ký lịch") that the body page and the calendar page embed:
// the feed's subscription URLs for one body ("" = the whole plan), with create and revoke forms for
// those who may (secretariat, admin). Handlers in app/web/page_ics.cc; call from a page handler.
#pragma once

#include <string>

#include "app/web/web.h"

namespace dondoc::app::web {

// The panel's HTML (templates/feed_tokens.mustache), "" for a viewer who may not manage feeds.
std::string feed_panel(const Request& r, Database& db, const std::string& body);

}  // namespace dondoc::app::web
