// The page number of a paged list, `?trang=N`: 1 when absent or not a plain number of at most 9
// digits (bad or huge input shows the first page rather than failing or overflowing).
#pragma once

#include "app/web/web.h"

namespace dondoc::app::web {

int page_number(const Request& r);

}  // namespace dondoc::app::web
