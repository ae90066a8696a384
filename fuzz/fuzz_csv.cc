// libFuzzer target: the CSV reader and the tasks/bodies CSV importers on arbitrary bytes, against
// a small fixed set of known bodies.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/csv.h"
#include "engine/plan_import.h"

namespace {

const std::vector<dondoc::Body>& known_bodies() {
  static const std::vector<dondoc::Body> bodies = [] {
    using K = dondoc::Body::Kind;
    std::vector<dondoc::Body> b;
    b.push_back({"vhxh", "Phòng Văn hóa - Xã hội", {"VH-XH"}, K::unit, {}, ""});
    b.push_back({"ktht", "Phòng Kinh tế, Hạ tầng và Đô thị", {}, K::unit, {}, ""});
    b.push_back({"ca", "Công an xã", {}, K::unit, {}, ""});
    b.push_back({"vp", "Văn phòng HĐND và UBND", {"Văn phòng"}, K::unit, {}, ""});
    b.push_back({"pb", "Phòng, ban ngành, đơn vị", {}, K::group, {"vhxh", "ktht", "ca"}, ""});
    return b;
  }();
  return bodies;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)dondoc::parse_csv(text);
  (void)dondoc::import_tasks_csv(text, known_bodies());
  (void)dondoc::import_bodies_csv(text, known_bodies());
  return 0;
}
