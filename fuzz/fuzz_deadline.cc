// libFuzzer target: parse_deadline on arbitrary bytes; a parsed spec must survive its JSON form.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "rules/deadline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto spec = dondoc::parse_deadline(text);
  if (!spec.ok()) return 0;
  auto back = dondoc::deadline_from_json(dondoc::to_json(*spec));
  if (!back.ok() || !(*back == *spec)) std::abort();  // round trip must hold
  return 0;
}
