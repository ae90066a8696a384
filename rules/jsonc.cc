// parse_jsonc and JSON pointers; the reader itself is in jsonc_reader.cc and jsonc_scalars.cc.
#include "rules/jsonc.h"

#include <utility>

#include "rules/jsonc_reader.h"

namespace dondoc {

std::string pointer_append(std::string_view pointer, std::string_view token) {
  std::string out(pointer);
  out += '/';
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string pointer_append(std::string_view pointer, std::size_t index) {
  return std::string(pointer) + "/" + std::to_string(index);
}

SourcePos JsoncDoc::value_at(std::string_view pointer) const {
  for (;;) {
    if (auto it = value_pos.find(pointer); it != value_pos.end()) return it->second;
    if (pointer.empty()) return {};
    pointer = pointer.substr(0, pointer.rfind('/'));
  }
}

SourcePos JsoncDoc::key_at(std::string_view pointer) const {
  if (auto it = key_pos.find(pointer); it != key_pos.end()) return it->second;
  return value_at(pointer);
}

JsoncParse parse_jsonc(std::string_view text, std::size_t max_bytes) {
  JsoncParse result;
  if (text.size() > max_bytes) {
    result.error = {1,
                    "tệp quá lớn (" + std::to_string(text.size()) + " byte, tối đa " +
                        std::to_string(max_bytes) + ")",
                    1};
    return result;
  }
  JsoncDoc doc;
  jsonc_detail::Reader reader(text, doc);
  if (!reader.parse_document()) {
    result.error = std::move(reader.error);
    return result;
  }
  result.doc = std::move(doc);
  return result;
}

}  // namespace dondoc
