// The overview's two large tables' rows written straight as HTML: a row per body (counts, bar,
// rate, last reply, linked chat) and a row per body of each report grid (a cell per period, a
// missing one with its "Yêu cầu giải trình" link). On a 10,000-task plan that is 2,004 rows and
// about 32,000 cells, which kainjow mustache rendered from one data object each (a hash map, its
// look-ups outwards through the context) in most of the page's time. The text is what
// templates/overview.mustache wrote for them before, escaped as mustache escapes ({{x}}); the
// page around them stays in that template. Pure; any thread (app/web/page_overview.cc).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/web/web.h"
#include "service/dashboard.h"

namespace dondoc::app::web {

// A count of c by its key ("overdue", "blocked", ...; 0 for an unknown key).
int count_of(const service::Counts& c, const std::string& key);

// out += text escaped as kainjow's {{x}}: & < > " ' as entities.
void append_escaped(std::string& out, std::string_view text);

// The <tr> of each body of the per-body table, each line ending in '\n'; `keys` are the count
// columns in order (counts_json's bucket keys).
std::string body_rows_html(const Request& r, const std::vector<service::BodyLine>& bodies,
                           const std::vector<std::string>& keys);

// The grid's <tr>s, one per row, on one line. can_ask: a missing cell links to its form.
std::string grid_rows_html(const Request& r, const service::ReportGrid& grid, bool can_ask);

}  // namespace dondoc::app::web
