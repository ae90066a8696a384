// The Quy tắc page's views: numbered lines with errors, the line diff, and the upload check.
#include "service/rules_view.h"

#include <algorithm>
#include <functional>

#include "rules/rules_file.h"
#include "service/preview.h"
#include "storage/rules_store.h"

namespace dondoc::service {
namespace {

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    out.emplace_back(line);
    start = end + 1;
  }
  return out;
}

std::string where(const Diagnostic& e) {
  std::string out = std::to_string(e.line);
  if (e.col > 0) out += ":" + std::to_string(e.col);
  return out + ": " + e.message;
}

// The LCS table walk over a[lo..ha) and b[lo..hb) (the middle after trimming), appended to out.
void lcs_middle(const std::vector<std::string>& a, const std::vector<std::string>& b, int lo,
                int ha, int hb, std::vector<DiffLine>& out) {
  int n = ha - lo, m = hb - lo;
  auto removed = [&](int i) { out.push_back({DiffKind::removed, lo + i + 1, 0, a[lo + i]}); };
  auto added = [&](int j) { out.push_back({DiffKind::added, 0, lo + j + 1, b[lo + j]}); };
  if (static_cast<long>(n) * m > kDiffMaxCells) {
    for (int i = 0; i < n; ++i) removed(i);
    for (int j = 0; j < m; ++j) added(j);
    return;
  }
  // len[i][j]: LCS length of a[lo+i..] and b[lo+j..].
  std::vector<std::vector<int>> len(n + 1, std::vector<int>(m + 1, 0));
  for (int i = n - 1; i >= 0; --i) {
    for (int j = m - 1; j >= 0; --j) {
      len[i][j] =
          a[lo + i] == b[lo + j] ? len[i + 1][j + 1] + 1 : std::max(len[i + 1][j], len[i][j + 1]);
    }
  }
  int i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[lo + i] == b[lo + j]) {
      out.push_back({DiffKind::same, lo + i + 1, lo + j + 1, a[lo + i]});
      ++i, ++j;
    } else if (i < n && (j == m || len[i + 1][j] >= len[i][j + 1])) {
      removed(i++);
    } else {
      added(j++);
    }
  }
}

}  // namespace

NumberedText numbered_lines(std::string_view text, const std::vector<Diagnostic>& errors) {
  NumberedText out;
  std::vector<std::string> lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out.lines.push_back({static_cast<int>(i) + 1, std::move(lines[i]), {}});
  }
  for (const Diagnostic& e : errors) {
    if (e.line >= 1 && e.line <= static_cast<int>(out.lines.size())) {
      out.lines[e.line - 1].errors.push_back(where(e));
    } else {
      out.general.push_back(e.line == 0 ? e.message : where(e));
    }
  }
  return out;
}

std::vector<DiffLine> line_diff(std::string_view old_text, std::string_view new_text) {
  std::vector<std::string> a = split_lines(old_text), b = split_lines(new_text);
  int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  int head = 0;
  while (head < n && head < m && a[head] == b[head]) ++head;
  int tail = 0;
  while (tail < n - head && tail < m - head && a[n - 1 - tail] == b[m - 1 - tail]) ++tail;
  std::vector<DiffLine> out;
  for (int i = 0; i < head; ++i) out.push_back({DiffKind::same, i + 1, i + 1, a[i]});
  lcs_middle(a, b, head, n - tail, m - tail, out);
  for (int k = tail; k > 0; --k) {
    out.push_back({DiffKind::same, n - k + 1, m - k + 1, a[n - k]});
  }
  return out;
}

std::vector<DiffLine> diff_with_context(const std::vector<DiffLine>& diff, int context) {
  int n = static_cast<int>(diff.size());
  std::vector<bool> keep(n, false);
  for (int i = 0; i < n; ++i) {
    if (diff[i].kind == DiffKind::same) continue;
    for (int k = std::max(0, i - context); k <= std::min(n - 1, i + context); ++k) keep[k] = true;
  }
  std::vector<DiffLine> out;
  bool gap = false;
  for (int i = 0; i < n; ++i) {
    if (keep[i]) {
      if (gap) out.push_back({DiffKind::same, 0, 0, "…"});
      out.push_back(diff[i]);
      gap = false;
    } else {
      gap = true;
    }
  }
  if (gap && !out.empty()) out.push_back({DiffKind::same, 0, 0, "…"});
  return out;
}

RulesCheck check_rules(Database& db, std::string_view text, Instant now, int days) {
  RulesCheck out;
  std::vector<std::string> ids = body_ids(db);  // sorted
  out.body_table_empty = ids.empty();
  std::function<bool(std::string_view)> known = [&ids](std::string_view id) {
    return std::binary_search(ids.begin(), ids.end(), id);
  };
  RulesParse parsed = parse_rules(text, &known);
  if (!parsed.ok()) {
    out.errors = std::move(parsed.errors);
    return out;
  }
  out.summary = rules_summary(*parsed.rules);
  auto run = preview(db, now, now + std::chrono::days(days), *parsed.rules,
                     [&out](const Message& m) { out.preview.push_back(m); });
  if (!run) out.preview_error = run.error();
  return out;
}

}  // namespace dondoc::service
