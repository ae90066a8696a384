// Words of a chat reply for the reply parser: the NFC text cut into tokens that each keep their
// byte range and their text::fold() form, and phrase matching on the folded words. Internal to
// bot/reply_*.cc; pure, any thread.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/text.h"

namespace dondoc::bot::reply {

// Folded words ("hoan thanh"); several words are separated by one space.
using Words = std::span<const std::string_view>;

// Letters, digits, spaces, line breaks, other (text::char_class of each code point).
using CharClass = text::CharClass;

struct Token {
  std::string fold;
  std::size_t begin = 0;  // byte offsets in the NFC text
  std::size_t end = 0;
  int line = 0;
  bool space_before = true;  // whitespace or a line start precedes it
  CharClass cls = CharClass::other;
  bool ref = false;  // part of a task reference
};
using Tokens = std::vector<Token>;

bool contains(Words words, std::string_view w);

// Words are runs of letters or of digits ("NV3" is "NV" + "3"); any other character is a token
// of its own. Requires: s is valid UTF-8 (text::nfc output).
Tokens tokenize(const std::string& s);

bool line_start(const Tokens& t, std::size_t i);

// A sentence end: ";", "!", "?", "…", or "." followed by a space or the end of the line.
bool is_break(const Tokens& t, std::size_t i);

// Length in tokens of `phrase` at token i, on one line, outside task references; 0 when absent.
std::size_t match(const Tokens& t, std::size_t i, std::string_view phrase);

// Like match() but forgiving one typo per word of four letters or more ("hoàn thàh", "hoan
// thnah" are "hoan thanh"), for phrases of several words with at least one word exact. Single
// words are never matched this way ("song" must not read as "xong").
std::size_t match_typo(const Tokens& t, std::size_t i, std::string_view phrase);

// The longest of `phrases` at token i; 0 when none.
std::size_t match_any(const Tokens& t, std::size_t i, Words phrases);

// True when one of `phrases` ends exactly before token `end`, on the same line.
bool ends_before(const Tokens& t, std::size_t end, Words phrases);

}  // namespace dondoc::bot::reply
