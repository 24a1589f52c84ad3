#include "match/unit_finder.h"
#include "base/ascii.h"

#include <cctype>

namespace claimex {

UnitFinder::UnitFinder(const Rulebook& rules)
    : stops_(rules.lexicon("noun_phrase_stops")),
      plural_nouns_(rules.lexicon("plural_nouns")),
      plural_suffixes_(rules.lexicon("plural_suffixes")),
      non_unit_nouns_(rules.lexicon("non_unit_nouns")),
      noun_modifiers_(rules.lexicon("noun_modifiers")),
      singular_col_(plural_nouns_.ColumnIndex("singular")),
      replacement_col_(plural_suffixes_.ColumnIndex("replacement")) {}

std::optional<std::string> UnitFinder::Singular(const std::string& word) const {
  if (const Lexicon::Entry* e = plural_nouns_.Find(word)) return plural_nouns_.Cell(*e, singular_col_);
  // Longest matching suffix decides; "-" marks endings that are not plurals
  // (class, status, crisis).
  const Lexicon::Entry* best = nullptr;
  size_t best_len = 0;
  for (const Lexicon::Entry& e : plural_suffixes_.entries()) {
    const std::string& suffix = e.cells[0];
    if (suffix.size() > best_len && word.size() > suffix.size() + 1 &&
        word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0) {
      best = &e;
      best_len = suffix.size();
    }
  }
  if (!best) return std::nullopt;
  const std::string& replacement = plural_suffixes_.Cell(*best, replacement_col_);
  if (replacement == "-") return std::nullopt;
  return word.substr(0, word.size() - best_len) + replacement;
}

namespace {
bool IsWordChar(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '-' || c == '\''; }

// The length of a double quotation mark at `i` that opens a word (" or “
// after a space) or, with `closing`, closes one (" or ” before a space);
// else 0. Marks around a word leave it in the phrase ('4,000 “hardcore”
// fighters'); a mark inside a word, or one closing a quotation right after
// the number ('killed 40" officials said'), ends it.
size_t QuoteMarkAt(std::string_view text, size_t i, bool closing) {
  size_t size = 0;
  if (i < text.size() && text[i] == '"') size = 1;
  if (i + 2 < text.size() && text.compare(i, 2, "\xE2\x80") == 0 && text[i + 2] == (closing ? '\x9D' : '\x9C'))
    size = 3;
  if (size == 0) return 0;
  const bool spaced = closing ? i + size == text.size() || text[i + size] == ' ' : i > 0 && text[i - 1] == ' ';
  return spaced ? size : 0;
}
}  // namespace

bool UnitFinder::PluralNounAt(std::string_view text, size_t pos) const {
  if (pos >= text.size() || text[pos] != ' ') return false;  // punctuation ends the phrase
  const size_t start = pos + 1;
  size_t end = start;
  while (end < text.size() && IsWordChar(text[end])) ++end;
  if (end == start || !std::isalpha(static_cast<unsigned char>(text[start]))) return false;
  const std::string word = AsciiLower(text.substr(start, end - start));
  if (word.find_first_of("-'") != std::string::npos || stops_.Find(word)) return false;
  return Singular(word).has_value();
}

std::optional<std::string> UnitFinder::HeadAfter(std::string_view text, size_t pos) const {
  for (int words = 0; words < kMaxWords; ++words) {
    size_t start = pos;
    while (start < text.size() && text[start] == ' ') ++start;
    // A quotation mark right after the number: 'still had "tens of
    // thousands" of trained fighters', 'some 5,000 "volunteers"'; or
    // around a later word: '4,000 “hardcore” fighters'.
    // Right after the number either mark goes, as in both examples.
    const size_t mark = words == 0 && start < text.size() && text[start] == '"'
                            ? 1
                            : QuoteMarkAt(text, start, /*closing=*/false);
    if (mark > 0) {
      start += mark;
      while (start < text.size() && text[start] == ' ') ++start;
      if (words == 0 && text.compare(start, 3, "of ") == 0) start += 3;  // the "of" a vague number's match would hold
      while (start < text.size() && text[start] == ' ') ++start;
    }
    if (start >= text.size() || !std::isalpha(static_cast<unsigned char>(text[start]))) return std::nullopt;
    // An upper-case abbreviation modifies the noun after it ("2,500 U.S.
    // troops", "US troops", "UN peacekeepers"): skip it.
    size_t abbreviation = start;
    int capitals = 0;
    while (abbreviation < text.size() &&
           (std::isupper(static_cast<unsigned char>(text[abbreviation])) || text[abbreviation] == '.')) {
      capitals += text[abbreviation] != '.';
      ++abbreviation;
    }
    if (capitals >= 2 && capitals <= 4 && abbreviation < text.size() && text[abbreviation] == ' ') {
      pos = abbreviation;
      continue;
    }
    size_t end = start;
    bool has_digit = false;
    while (end < text.size() && (IsWordChar(text[end]) || std::isdigit(static_cast<unsigned char>(text[end])))) {
      has_digit = has_digit || std::isdigit(static_cast<unsigned char>(text[end]));
      ++end;
    }
    // A name holding digits modifies the noun after it: "13 new COVID-19
    // cases", "24 F-16 jets".
    if (has_digit) {
      pos = end;
      continue;
    }
    std::string word = AsciiLower(text.substr(start, end - start));
    while (!word.empty() && (word.back() == '-' || word.back() == '\'')) word.pop_back();
    const size_t closing = QuoteMarkAt(text, end, /*closing=*/true);
    // A possessive ("the group's") ends the phrase: the number belongs elsewhere.
    if (word.size() > 2 && word.compare(word.size() - 2, 2, "'s") == 0) return std::nullopt;
    if (stops_.Find(word)) return std::nullopt;
    size_t hyphen = word.rfind('-');
    std::string head = hyphen == std::string::npos ? word : word.substr(hyphen + 1);
    if (auto singular = Singular(head)) {
      // A modifier ending in s before the noun it modifies: the head is the
      // later word ("31 Abrams tanks" → tank, "5 arms caches" → cache). Only
      // capitalized names and the listed modifiers: "tanks besides trucks".
      const bool modifier = std::isupper(static_cast<unsigned char>(text[start])) || noun_modifiers_.Find(word);
      if (modifier && words + 1 < kMaxWords && PluralNounAt(text, end)) {
        pos = end;
        continue;
      }
      if (non_unit_nouns_.Find(word) || non_unit_nouns_.Find(head) || non_unit_nouns_.Find(*singular))
        return std::nullopt;
      return singular;
    }
    pos = end + closing;
  }
  return std::nullopt;
}

}  // namespace claimex
