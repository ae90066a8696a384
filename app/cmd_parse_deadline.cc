// `dondoc parse deadline TEXT [--json]`: shows how a deadline phrase is read. Main thread only.
#include <ostream>
#include <string>

#include "app/cli.h"
#include "rules/deadline.h"
#include "rules/text.h"

namespace dondoc {
namespace {

int run(const cli::Args& args, cli::Io& io) {
  if (args.positional.empty()) {
    return cli::bad_input(io, "thiếu thời hạn cần đọc: dondoc parse deadline TEXT [--json]");
  }
  // Unquoted words are one phrase: `dondoc parse deadline Tháng 9/2025`.
  std::string phrase;
  for (const auto& word : args.positional) phrase += (phrase.empty() ? "" : " ") + word;
  auto spec = parse_deadline(phrase);
  if (!spec) {
    std::string shown = text::collapse_space(text::nfc(phrase));
    if (shown.size() > 120) shown = std::string(text::utf8_prefix(shown, 120)) + "…";
    return cli::bad_input(io, "\"" + shown + "\": " + spec.error());
  }
  io.out << (args.json() ? to_json_text(*spec) : describe(*spec)) << "\n";
  return cli::kExitOk;
}

const cli::Registration kReg{"parse deadline", "parse deadline TEXT [--json]", &run};

}  // namespace
}  // namespace dondoc
