// What the Quy tắc page shows: a rules text as numbered lines with each error beside its line,
// the line difference between two versions, and the check of an uploaded text against the
// commune's bodies with the preview of what the next days would send, before anything is stored.
// line_diff and numbered_lines are pure (any thread); check_rules reads the Database (its thread).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/state.h"
#include "rules/date.h"
#include "rules/jsonc.h"
#include "storage/database.h"

namespace dondoc::service {

// ---- A text with its errors beside their lines ----
struct RulesLine {
  int number = 0;  // 1-based
  std::string text;
  std::vector<std::string> errors;  // "LINE:COL: message" for each error on this line
};
struct NumberedText {
  std::vector<RulesLine> lines;
  std::vector<std::string> general;  // errors about the file as a whole (line 0) or past its end
};
// Splits on '\n' (a trailing '\r' dropped); each error goes to its line as "LINE:COL: message".
NumberedText numbered_lines(std::string_view text, const std::vector<Diagnostic>& errors);

// ---- The difference between two versions ----
enum class DiffKind { same, added, removed };
struct DiffLine {
  DiffKind kind = DiffKind::same;
  int old_number = 0;  // 0 when added
  int new_number = 0;  // 0 when removed
  std::string text;
};
// A line diff (longest common subsequence after the common head and tail), in order: removed lines
// before the added lines that replace them. Texts larger than the bound (kDiffMaxCells of the
// table) after trimming show as all removed then all added.
inline constexpr long kDiffMaxCells = 4'000'000;
std::vector<DiffLine> line_diff(std::string_view old_text, std::string_view new_text);
// The same with only `context` unchanged lines kept around each change (others dropped); a
// DiffLine with kind same and text "…" (numbers 0) marks each gap.
std::vector<DiffLine> diff_with_context(const std::vector<DiffLine>& diff, int context = 3);

// ---- Checking an upload ----
struct RulesCheck {
  std::vector<Diagnostic> errors;  // empty when valid
  bool body_table_empty = false;
  std::string summary;           // rules_summary when valid
  std::vector<Message> preview;  // what the next `days` days would send with it (valid only)
  std::string preview_error;     // the preview could not run (e.g. no plan), in words
};
// Validates `text` against the commune's bodies and, when valid, previews `days` days from `now`
// with it. Stores nothing (service/import_rules activates it).
RulesCheck check_rules(Database& db, std::string_view text, Instant now, int days = 30);

}  // namespace dondoc::service
