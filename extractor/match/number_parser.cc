#include "match/number_parser.h"

#include <cctype>
#include <cstdlib>
#include <string>

namespace claimex {

NumberParser::NumberParser(const Lexicon& number_words, const Lexicon& multipliers)
    : number_words_(number_words),
      multipliers_(multipliers),
      value_col_(number_words.ColumnIndex("value")),
      role_col_(number_words.ColumnIndex("role")),
      multiplier_col_(multipliers.ColumnIndex("value")) {}

namespace {
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
// Exactly three digits at `at`, then no further digit: "14,000" but not "1,5000".
bool IsThousandsGroup(std::string_view text, size_t at) {
  return at + 3 <= text.size() && IsDigit(text[at]) && IsDigit(text[at + 1]) && IsDigit(text[at + 2]) &&
         (at + 3 == text.size() || !IsDigit(text[at + 3]));
}
}  // namespace

// Left to right, the usual way numbers are read aloud: `group` collects
// units, tens and hundreds; a multiplier closes the group into `total`.
std::optional<ParsedNumber> NumberParser::Parse(std::string_view text) const {
  ParsedNumber result;
  double total = 0, group = 0;
  bool any = false, pending_article = false;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (IsDigit(c)) {
      std::string digits;
      bool decimal = false;
      while (i < text.size()) {
        char d = text[i];
        if (IsDigit(d)) {
          digits += d;
          ++i;
        } else if ((d == ',' || d == ' ') && !decimal && IsThousandsGroup(text, i + 1)) {
          result.has_separator = true;
          result.trailing_group = 1000;
          ++i;
        } else if (d == '.' && !decimal && i + 1 < text.size() && IsDigit(text[i + 1])) {
          digits += '.';
          decimal = true;
          result.has_separator = true;
          ++i;
        } else {
          break;
        }
      }
      group += std::strtod(digits.c_str(), nullptr);
      any = true;
      continue;
    }
    if (IsAlpha(c)) {
      size_t start = i;
      while (i < text.size() && IsAlpha(text[i])) ++i;
      std::string word(text.substr(start, i - start));
      if (const Lexicon::Entry* m = multipliers_.Find(word)) {
        double scale = std::strtod(multipliers_.Cell(*m, multiplier_col_).c_str(), nullptr);
        if (group == 0 && (pending_article || !any)) group = 1;
        total += group * scale;
        group = 0;
        result.multiplier = scale;
        pending_article = false;
        any = true;
        continue;
      }
      const Lexicon::Entry* w = number_words_.Find(word);
      if (!w) {
        if (Lexicon::LookupForm(word) == "and") continue;  // "one hundred and fifty"
        return std::nullopt;
      }
      const std::string& role = number_words_.Cell(*w, role_col_);
      double v = std::strtod(number_words_.Cell(*w, value_col_).c_str(), nullptr);
      if (role == "article") {
        pending_article = true;
      } else if (role == "hundred") {
        group = (group == 0 ? 1 : group) * v;
        pending_article = false;
        any = true;
      } else {
        group += v;
        pending_article = false;
        any = true;
      }
      continue;
    }
    ++i;  // separators: space, hyphen, '+'
  }
  if (!any) return std::nullopt;
  result.value = total + group;
  return result;
}

}  // namespace claimex
