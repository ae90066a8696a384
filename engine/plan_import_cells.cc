// The body cells of engine/plan_import.h: finding bodies by name (BodyIndex), reading a lead or
// coordinators cell into body ids, and telling directing bodies from the lead in a cell that says
// who directs ("Ban Thường vụ Đảng ủy chỉ đạo; UBND xã triển khai").
#include <algorithm>

#include "engine/plan_import.h"
#include "rules/text.h"

namespace dondoc {
namespace {

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Splits on any of `seps`; parts trimmed (spaces collapsed), empty parts dropped.
std::vector<std::string> split(std::string_view s, std::string_view seps) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find_first_of(seps, start);
    if (end == std::string_view::npos) end = s.size();
    std::string part = text::collapse_space(s.substr(start, end - start));
    if (!part.empty()) out.push_back(std::move(part));
    start = end + 1;
  }
  return out;
}

void add_unique(std::vector<std::string>& ids, const std::string& id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

// A folded key without a leading plural word: "cac chi bo" -> "chi bo".
std::string singular(std::string key) {
  for (std::string_view w : {"cac ", "nhung "}) {
    if (key.size() > w.size() && key.compare(0, w.size(), w) == 0) return key.substr(w.size());
  }
  return key;
}

// The pieces of a list "A, B và C": each with the byte range it covers in `part`, so that
// neighbouring pieces can be joined back as written ("Văn phòng HĐND và UBND xã" is one name).
struct Piece {
  std::size_t begin, end;
};

std::vector<Piece> list_pieces(std::string_view part) {
  std::vector<Piece> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= part.size(); ++i) {
    std::size_t sep = 0;
    if (i == part.size()) {
      sep = 1;
    } else if (part[i] == ',') {
      sep = 1;
    } else if (part.compare(i, 5, " v\xC3\xA0 ") == 0 || part.compare(i, 5, " V\xC3\xA0 ") == 0) {
      sep = 5;  // " và "
    }
    if (sep == 0) continue;
    if (i > start) out.push_back({start, i});
    start = i + sep;
    i = start - 1;
  }
  return out;
}

std::string piece_text(std::string_view part, const std::vector<Piece>& ps, std::size_t i,
                       std::size_t j) {
  return text::collapse_space(part.substr(ps[i].begin, ps[j - 1].end - ps[i].begin));
}

void ambiguous(const std::string& name, const std::vector<std::string>& ids, CellBodies& out) {
  std::string list;
  for (const auto& id : ids) list += (list.empty() ? "" : ", ") + id;
  out.problems.push_back("tên " + in_quotes(name) + " ứng với nhiều cơ quan (" + list + ")");
}

// Reads one ';'-part of a cell: the whole part, else its list pieces, each time the longest run of
// neighbouring pieces that names a body. A part none of whose pieces match is reported whole;
// otherwise each piece that matches nothing is reported by itself.
void resolve_part(const std::string& part, const BodyIndex& index, CellBodies& out) {
  if (auto ids = index.match(part); !ids.empty()) {
    if (ids.size() > 1) return ambiguous(part, ids, out);
    return add_unique(out.ids, ids[0]);
  }
  auto ps = list_pieces(part);
  std::vector<std::string> missing;
  bool any = false;
  for (std::size_t i = 0; i < ps.size();) {
    std::size_t j = ps.size();
    std::vector<std::string> ids;
    for (; j > i; --j) {
      ids = index.match(piece_text(part, ps, i, j));
      if (!ids.empty()) break;
    }
    if (j == i) {
      missing.push_back(piece_text(part, ps, i, i + 1));
      ++i;
      continue;
    }
    any = true;
    if (ids.size() > 1) {
      ambiguous(piece_text(part, ps, i, j), ids, out);
    } else {
      add_unique(out.ids, ids[0]);
    }
    i = j;
  }
  if (!any) missing = {part};
  for (const auto& m : missing) out.problems.push_back("không tìm thấy cơ quan " + in_quotes(m));
}

// --- who directs ---------------------------------------------------------------------------

struct Word {
  std::string key;  // folded
  std::size_t begin, end;
};

std::vector<Word> words_of(std::string_view s) {
  std::vector<Word> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',')) ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != ',') ++j;
    if (j > i) out.push_back({text::fold(s.substr(i, j - i)), i, j});
    i = j;
  }
  return out;
}

// Verbs after the bodies of a clause: "Ban Thường vụ chỉ đạo", "UBND xã triển khai thực hiện".
bool verb_at(const std::vector<Word>& w, std::size_t i, bool& directs) {
  auto is = [&](std::string_view a, std::string_view b) {
    return w[i].key == a && i + 1 < w.size() && w[i + 1].key == b;
  };
  bool after_ban = i > 0 && w[i - 1].key == "ban";  // "Ban Chỉ đạo" is a name
  directs = is("chi", "dao") && !after_ban;
  return directs || (is("lanh", "dao") && !after_ban) || is("trien", "khai") ||
         is("thuc", "hien") || is("chu", "tri") || is("tham", "muu") || is("phoi", "hop");
}

// "Đồng chí Bí thư" -> "Bí thư".
std::string without_title(std::string s) {
  std::string key = text::fold(s);
  for (std::string_view t : {"dong chi ", "d/c ", "đ/c "}) {
    if (key.compare(0, t.size(), t) == 0) {
      auto w = words_of(s);
      std::size_t n = std::count(t.begin(), t.end(), ' ');
      return n < w.size() ? text::collapse_space(std::string_view(s).substr(w[n].begin)) : "";
    }
  }
  return s;
}

// One clause: the words before its first verb name bodies; they direct when that verb is "chỉ
// đạo". What follows "chỉ đạo," is a clause of its own (the bodies that carry it out).
void read_clause(std::string_view clause, LeadCell& out) {
  auto w = words_of(clause);
  for (std::size_t i = 0; i < w.size(); ++i) {
    bool directs = false;
    if (!verb_at(w, i, directs)) continue;
    std::string names =
        without_title(text::collapse_space(clause.substr(0, i == 0 ? 0 : w[i - 1].end)));
    if (!names.empty()) (directs ? out.directing : out.lead).push_back(names);
    if (!directs) return;
    std::size_t rest = w[i + 1].end;
    while (rest < clause.size() && (clause[rest] == ',' || clause[rest] == ' ')) ++rest;
    if (rest < clause.size()) read_clause(clause.substr(rest), out);
    return;
  }
  std::string names = without_title(text::collapse_space(clause));
  if (!names.empty()) out.lead.push_back(names);
}

}  // namespace

BodyIndex::BodyIndex(const std::vector<Body>& bodies) {
  auto add = [this](const std::string& name, const std::string& id) {
    std::string key = text::fold(name);
    if (key.empty()) return;
    for (const std::string& k : {key, singular(key)}) {
      auto& ids = by_key_[k];
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
  };
  for (const auto& b : bodies) {
    add(b.id, b.id);
    add(b.name, b.id);
    for (const auto& a : b.aliases) add(a, b.id);
  }
}

std::vector<std::string> BodyIndex::match(std::string_view name) const {
  std::string key = text::fold(name);
  auto it = by_key_.find(key);
  if (it == by_key_.end()) it = by_key_.find(singular(key));
  return it == by_key_.end() ? std::vector<std::string>{} : it->second;
}

CellBodies resolve_body_cell(std::string_view cell, const BodyIndex& index) {
  CellBodies out;
  std::string whole = text::collapse_space(cell);
  if (whole.empty() || whole == "-") return out;
  if (auto ids = index.match(whole); ids.size() == 1) {
    out.ids = ids;
    return out;
  }
  for (const auto& part : split(cell, ";\n\r")) {
    if (part != "-") resolve_part(part, index, out);
  }
  return out;
}

LeadCell split_lead_cell(std::string_view cell, const BodyIndex& index) {
  LeadCell out;
  std::string whole = text::collapse_space(cell);
  std::string key = text::fold(whole);
  bool says_who_directs = key.find("chi dao") != std::string::npos;
  if (!says_who_directs || index.match(whole).size() == 1) {
    out.lead.push_back(whole);
    return out;
  }
  for (const auto& clause : split(cell, ";\n\r")) read_clause(clause, out);
  return out;
}

}  // namespace dondoc
