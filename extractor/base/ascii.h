// ASCII helpers shared by the stages. Rules match case-insensitively; these
// serve the lookups made outside RE2 (lexicon keys, names, units).
#ifndef CLAIMEX_BASE_ASCII_H_
#define CLAIMEX_BASE_ASCII_H_

#include <cctype>
#include <initializer_list>
#include <string>
#include <string_view>

namespace claimex {

// `c` lower-cased if an ASCII capital, else unchanged (no locale).
inline char AsciiLowerChar(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// `s` with its ASCII letters lower-cased (other bytes unchanged).
inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Whether `word` equals `lower` (written in lower case) ignoring ASCII case:
// a comparison that allocates nothing, for the hot lookups.
inline bool EqualsLower(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (AsciiLowerChar(word[i]) != lower[i]) return false;
  return true;
}

// Whether `word` is one of `lowers` (written in lower case), ignoring ASCII case.
inline bool IsOneOf(std::string_view word, std::initializer_list<std::string_view> lowers) {
  for (std::string_view lower : lowers)
    if (EqualsLower(word, lower)) return true;
  return false;
}

// `text` without its leading and trailing ASCII white space.
inline std::string_view Trimmed(std::string_view text) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace claimex

#endif  // CLAIMEX_BASE_ASCII_H_
