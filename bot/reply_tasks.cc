#include "bot/reply_tasks.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

namespace dondoc::bot::reply {
namespace {

constexpr std::string_view kTaskWords[] = {"nv", "nvu", "nhiem vu", "n.v"};
constexpr std::string_view kRefSeparators[] = {",", "&", "+", "va", "voi", ";"};

std::string strip_zeros(const std::string& digits) {
  std::size_t nz = digits.find_first_not_of('0');
  return nz == std::string::npos ? "0" : digits.substr(nz);
}

// A task number at token i on `line` ("3", "03", "2.1"): its id and the index after it.
std::optional<std::pair<std::string, std::size_t>> task_number(const Tokens& t, std::size_t i,
                                                               int line) {
  if (i >= t.size() || t[i].line != line || t[i].cls != CharClass::digit || t[i].fold.size() > 6) {
    return std::nullopt;
  }
  std::string id = strip_zeros(t[i].fold);
  std::size_t k = i + 1;
  if (k + 1 < t.size() && t[k].fold == "." && !t[k].space_before &&
      t[k + 1].cls == CharClass::digit && !t[k + 1].space_before && t[k + 1].line == line) {
    id += "." + strip_zeros(t[k + 1].fold);
    k += 2;
  }
  // A percentage or a date is not a task number.
  if (k < t.size() && t[k].line == line &&
      (t[k].fold == "%" || t[k].fold == "/" || t[k].fold == "phan")) {
    return std::nullopt;
  }
  return std::make_pair(id, k);
}

// After "NV" / "nhiệm vụ": an optional "số" and an optional ":", ".", "-" or "#".
std::size_t skip_ref_glue(const Tokens& t, std::size_t k, int line) {
  if (k < t.size() && t[k].line == line && t[k].fold == "so") ++k;
  if (k < t.size() && t[k].line == line &&
      (t[k].fold == ":" || t[k].fold == "." || t[k].fold == "-" || t[k].fold == "#")) {
    ++k;
  }
  return k;
}

bool is_dash(std::string_view w) { return w == "-" || w == "\xE2\x80\x93" || w == "~"; }

// "NV3-NV6": the tasks strictly between the last one and `to`, when both are whole numbers and
// the range is short (a reply names a few tasks, not "NV1-NV999").
void add_range(std::vector<std::string>& tasks, const std::string& to) {
  const std::string& from = tasks.back();
  if (from.find('.') != std::string::npos || to.find('.') != std::string::npos) return;
  if (from.size() > 4 || to.size() > 4) return;
  int a = std::stoi(from), b = std::stoi(to);
  if (b <= a || b - a > 20) return;
  for (int n = a + 1; n < b; ++n) tasks.push_back(std::to_string(n));
}

// "NV3", "nv 12", "nhiệm vụ số 4", "NV 3, 4", "NV3 và NV4", "NV3-NV5", "NV 3-5".
std::optional<RefGroup> explicit_ref(const Tokens& t, std::size_t i) {
  std::size_t k = i + match_any(t, i, kTaskWords);
  if (k == i) return std::nullopt;
  const int line = t[i].line;
  auto num = task_number(t, skip_ref_glue(t, k, line), line);
  if (!num) return std::nullopt;
  RefGroup g{i, num->second, {num->first}};
  while (true) {
    std::size_t c = g.end;
    bool range = c < t.size() && t[c].line == line && is_dash(t[c].fold);
    bool separated =
        range || (c < t.size() && t[c].line == line && contains(kRefSeparators, t[c].fold));
    if (separated) ++c;
    std::size_t w = c < t.size() && t[c].line == line ? c + match_any(t, c, kTaskWords) : c;
    if (w == c && !separated) break;
    if (w != c) w = skip_ref_glue(t, w, line);
    auto next = task_number(t, w, line);
    if (!next) break;
    if (range) add_range(g.tasks, next->first);
    g.tasks.push_back(next->first);
    g.end = next->second;
  }
  return g;
}

// "1." or "2)" at the start of a line (not "15.01.2027").
std::optional<RefGroup> list_number(const Tokens& t, std::size_t i) {
  if (!line_start(t, i) || t[i].cls != CharClass::digit || t[i].fold.size() > 3) {
    return std::nullopt;
  }
  if (i + 1 >= t.size() || t[i + 1].line != t[i].line || t[i + 1].space_before ||
      (t[i + 1].fold != "." && t[i + 1].fold != ")")) {
    return std::nullopt;
  }
  if (i + 2 < t.size() && t[i + 2].line == t[i].line && t[i + 2].cls == CharClass::digit &&
      !t[i + 2].space_before) {
    return std::nullopt;
  }
  return RefGroup{i, i + 2, {strip_zeros(t[i].fold)}};
}

}  // namespace

std::vector<RefGroup> find_refs(const Tokens& t) {
  std::vector<RefGroup> refs;
  std::set<int> lines_with_refs;
  for (std::size_t i = 0; i < t.size();) {
    auto g = explicit_ref(t, i);
    if (!g) {
      ++i;
      continue;
    }
    lines_with_refs.insert(t[i].line);
    i = g->end;
    refs.push_back(std::move(*g));
  }
  std::vector<RefGroup> list;
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto g = list_number(t, i);
    if (g && lines_with_refs.count(t[i].line) == 0) list.push_back(std::move(*g));
  }
  if (list.size() >= 2) refs.insert(refs.end(), list.begin(), list.end());
  std::sort(refs.begin(), refs.end(),
            [](const RefGroup& a, const RefGroup& b) { return a.begin < b.begin; });
  return refs;
}

}  // namespace dondoc::bot::reply
