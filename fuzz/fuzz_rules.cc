// libFuzzer target: the rules file reader (JSONC + validation) on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "rules/rules_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static const std::function<bool(std::string_view)> known = [](std::string_view id) {
    return id == "vhxh" || id == "vp" || id == "tt";
  };
  auto parsed = dondoc::parse_rules(text, (size & 1) ? &known : nullptr);
  if (parsed.ok()) {
    (void)dondoc::rules_summary(*parsed.rules);
    (void)dondoc::rules_summary_json(*parsed.rules).dump();
  }
  return 0;
}
