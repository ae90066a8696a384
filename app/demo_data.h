// The files of examples/ compiled into the binary by cmake/embed.cmake, so `init --demo` works
// from any directory. Any thread (read-only static data).
#pragma once

#include <string_view>

namespace dondoc {

// The bytes of examples/<name> ("plan.json", "rules.jsonc", ...); empty when there is none.
std::string_view embedded_file(std::string_view name);

}  // namespace dondoc
