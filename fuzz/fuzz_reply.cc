// libFuzzer target: parse_reply on arbitrary bytes; items must respect the documented ranges.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/reply_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto today = *dondoc::make_date(2025, 10, 15);
  auto items = dondoc::bot::parse_reply(text, today);
  for (const auto& item : items) {
    if (item.percent && (*item.percent < 0 || *item.percent > 100)) std::abort();
    // An explicit past year is allowed ("gia hạn đến 3 tháng 1/12" gives 2012-01-03); new_due
    // must still print as an ISO date that reads back the same.
    if (item.new_due && dondoc::parse_date(dondoc::format_date(*item.new_due)) != item.new_due) {
      std::abort();
    }
  }
  (void)dondoc::bot::to_json(items).dump();
  return 0;
}
