// A problem in a file a person gave us (rules file, plan CSV/JSON, holiday overrides, config) and
// where it is, printed the one way every command prints it: "FILE:LINE:COL: message". Parsers
// fill line, col and message; whoever read the file names it. Plain value type; any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dondoc {

struct InputError {
  int line = 0;  // 1-based; 0 = the file as a whole
  std::string message;
  int col = 0;            // 1-based, counted in code points; 0 = the whole line (a CSV row)
  std::string file = {};  // the file as the user named it; "" until the caller sets it
  friend bool operator==(const InputError&, const InputError&) = default;
};

// "FILE:LINE:COL: message"; "FILE:LINE: message" when col is 0; "FILE: message" when line is 0.
// Without a file name the line starts at LINE ("3:7: message").
std::string format(const InputError& e);

// Orders errors by line, then column; errors at the same place keep their order.
void sort_by_position(std::vector<InputError>& errors);

// Sets the file of every error that has none.
void name_file(std::vector<InputError>& errors, std::string_view file);

}  // namespace dondoc
