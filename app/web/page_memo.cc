#include "app/web/page_memo.h"

#include <atomic>
#include <cstdlib>
#include <string_view>

namespace dondoc::app::web {
namespace {

std::atomic<int> g_enabled{-1};  // -1: not read from the environment yet

void add_field(std::string& key, std::string_view field) {
  key += field;
  key += '\x1f';  // a unit separator: no field can contain it unnoticed (the length follows)
  key += std::to_string(field.size());
  key += '\x1e';
}

}  // namespace

bool page_memo_enabled() {
  int on = g_enabled.load();
  if (on < 0) {
    const char* env = std::getenv("DONDOC_PAGE_MEMO");
    on = env && std::string_view(env) == "0" ? 0 : 1;
    g_enabled.store(on);
  }
  return on == 1;
}

void set_page_memo_enabled(bool on) { g_enabled.store(on ? 1 : 0); }

const DeflatedParts& MemoContent::deflated() const {
  if (!deflated_) deflated_ = deflate_around(text_, kCsrfSlot, Compression::thorough);
  return *deflated_;
}

const MemoContent* PageMemo::find(const std::string& stamp, const std::string& key,
                                  Instant now) const {
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.stamp != stamp || !(now < it->second.until)) {
    return nullptr;
  }
  return &it->second.content;
}

const MemoContent& PageMemo::put(const std::string& stamp, const std::string& key,
                                 std::string content, Instant until) {
  if (entries_.size() >= kMaxEntries && !entries_.count(key)) entries_.clear();
  auto it =
      entries_.insert_or_assign(key, Entry{stamp, MemoContent(std::move(content)), until}).first;
  return it->second.content;
}

std::string memo_key(const Request& r) {
  std::string key;
  const auto& v = *r.viewer;
  add_field(key, std::to_string(static_cast<int>(v.role)));
  add_field(key, v.body);
  add_field(key, std::to_string(v.commune));
  add_field(key, std::to_string(r.commune));
  add_field(key, r.base);
  add_field(key, r.method);
  add_field(key, r.path);
  for (const auto& [name, value] : r.query) {
    add_field(key, name);
    add_field(key, value);
  }
  return key;
}

}  // namespace dondoc::app::web
