#include "rules/input_error.h"

#include <algorithm>
#include <utility>

namespace dondoc {

std::string format(const InputError& e) {
  std::string out = e.file;
  auto part = [&out](int n) {
    if (!out.empty()) out += ':';
    out += std::to_string(n);
  };
  if (e.line > 0) part(e.line);
  if (e.line > 0 && e.col > 0) part(e.col);
  out += out.empty() ? "" : ": ";
  return out + e.message;
}

void sort_by_position(std::vector<InputError>& errors) {
  std::stable_sort(errors.begin(), errors.end(), [](const InputError& a, const InputError& b) {
    return std::pair(a.line, a.col) < std::pair(b.line, b.col);
  });
}

void name_file(std::vector<InputError>& errors, std::string_view file) {
  for (InputError& e : errors) {
    if (e.file.empty()) e.file = std::string(file);
  }
}

}  // namespace dondoc
