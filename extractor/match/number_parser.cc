#include "match/number_parser.h"

#include <algorithm>
#include <cctype>
#include <cmath>
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
// A group of the Indian system, which groups by two above the thousands:
// the "53," of "9,53,154" (9.5 lakh).
bool IsLakhGroup(std::string_view text, size_t at) {
  return at + 3 < text.size() && IsDigit(text[at]) && IsDigit(text[at + 1]) && text[at + 2] == ',';
}
}  // namespace

// Left to right, the usual way numbers are read aloud: `group` collects
// units, tens and hundreds; a multiplier closes the group into `total`.
std::optional<ParsedNumber> NumberParser::Parse(std::string_view text) const {
  ParsedNumber result;
  double total = 0, group = 0;
  double last_term = 0;  // what the last multiplier added to `total`
  bool any = false, pending_article = false;
  // What the previous token was, to refuse sequences no one says: "twenty
  // and three", "one twenty", "5 5". A number word may follow a ten
  // ("twenty-five"), a hundred or a multiplier, or start the number.
  enum class Last { kNone, kDigits, kUnit, kTen, kHundred, kMultiplier } last = Last::kNone;
  bool and_seen = false;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (IsDigit(c)) {
      if (last != Last::kNone) return std::nullopt;
      last = Last::kDigits;
      std::string digits;
      bool decimal = false;
      while (i < text.size()) {
        char d = text[i];
        if (IsDigit(d)) {
          digits += d;
          ++i;
        } else if ((d == ',' || d == ' ') && !decimal &&
                   (IsThousandsGroup(text, i + 1) || (d == ',' && IsLakhGroup(text, i + 1)))) {
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
        if (last == Last::kMultiplier && group == 0) {
          // A scale of a scale: "1.2 lakh crore" (1.2 x 10^5 x 10^7),
          // "five thousand million".
          total += last_term * (scale - 1);
          last_term *= scale;
          result.multiplier *= scale;
          and_seen = false;
          continue;
        }
        if (group == 0 && (pending_article || !any)) group = 1;
        last_term = group * scale;
        total += last_term;
        group = 0;
        result.multiplier = scale;
        pending_article = false;
        any = true;
        last = Last::kMultiplier;
        and_seen = false;
        continue;
      }
      const Lexicon::Entry* w = number_words_.Find(word);
      if (!w) {
        // "and" only joins a hundred or a multiplier to what follows:
        // "one hundred and fifty", not "twenty and three".
        if (Lexicon::LookupForm(word) == "and" && !and_seen &&
            (last == Last::kHundred || last == Last::kMultiplier)) {
          and_seen = true;
          continue;
        }
        return std::nullopt;
      }
      const std::string& role = number_words_.Cell(*w, role_col_);
      double v = std::strtod(number_words_.Cell(*w, value_col_).c_str(), nullptr);
      if (role == "article") {
        if (last != Last::kNone) return std::nullopt;
        pending_article = true;
      } else if (role == "hundred") {
        if (last == Last::kHundred || last == Last::kMultiplier) return std::nullopt;
        group = (group == 0 ? 1 : group) * v;
        pending_article = false;
        any = true;
        last = Last::kHundred;
      } else {
        const bool is_ten = role == "ten";
        // A unit follows a ten; a ten or unit follows a hundred or multiplier.
        const bool fits = last == Last::kNone || last == Last::kHundred || last == Last::kMultiplier ||
                          (last == Last::kTen && !is_ten);
        if (!fits || pending_article) return std::nullopt;
        group += v;
        any = true;
        last = is_ten ? Last::kTen : Last::kUnit;
      }
      and_seen = false;
      continue;
    }
    ++i;  // separators: space, hyphen, '+'
  }
  if (!any) return std::nullopt;
  result.value = total + group;
  // 320 digits are beyond a double: no number a claim can carry.
  if (!std::isfinite(result.value)) return std::nullopt;
  // Decimal scaling leaves binary noise ("16.4 million" = 16399999.999999998),
  // some 1e-16 of the value; cents are 1e-8 of "1,234,567.89" and stay.
  const double rounded = std::round(result.value);
  if (std::fabs(result.value - rounded) < 1e-12 * std::max(1.0, std::fabs(result.value))) result.value = rounded;
  return result;
}

}  // namespace claimex
