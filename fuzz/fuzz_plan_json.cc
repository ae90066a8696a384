// libFuzzer target: the plan JSON importer (bodies, tasks, indicators) on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/plan_import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static const std::vector<dondoc::Body> existing = {
      {"vhxh", "Phòng Văn hóa - Xã hội", {}, dondoc::Body::Kind::unit, {}, ""}};
  (void)dondoc::import_plan_json(text, existing);
  return 0;
}
