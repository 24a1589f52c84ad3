// UnitFinder: the counted noun of a quantity, as a lower-case singular.
//
// Reads at most a few words after the quantity (CLAIMS.md "Units"):
// modifiers are skipped ("30 Lebanese soldiers"), the first plural word is
// the head ("rockets and missiles" -> rocket), a hyphenated compound takes
// its last element ("ISIS-loyalists" -> loyalist), and the noun phrase ends
// at a word from `noun_phrase_stops` (verbs like "are", prepositions,
// determiners) or at punctuation. Plurals are read with `plural_nouns`
// (irregular: people -> person) and `plural_suffixes` (ies -> y, s -> "").
// A head in `non_unit_nouns` (demonyms, group names: "400 Australians")
// gives no unit.
//
// Thread-safety: immutable after construction.
#ifndef CLAIMEX_MATCH_UNIT_FINDER_H_
#define CLAIMEX_MATCH_UNIT_FINDER_H_

#include <optional>
#include <string>
#include <string_view>

#include "rulebook/rulebook.h"

namespace claimex {

class UnitFinder {
 public:
  explicit UnitFinder(const Rulebook& rules);

  // The unit of the noun phrase starting at `text[pos]`, or nullopt.
  std::optional<std::string> HeadAfter(std::string_view text, size_t pos) const;

  // Singular of a lower-case word if it reads as a plural, else nullopt.
  std::optional<std::string> Singular(const std::string& word) const;

  static constexpr int kMaxWords = 4;

 private:
  // Whether the word after the single space at `text[pos]` reads as a plural noun.
  bool PluralNounAt(std::string_view text, size_t pos) const;

  const Lexicon& stops_;
  const Lexicon& plural_nouns_;
  const Lexicon& plural_suffixes_;
  const Lexicon& non_unit_nouns_;
  const Lexicon& noun_modifiers_;
  int singular_col_;
  int replacement_col_;
};

}  // namespace claimex

#endif  // CLAIMEX_MATCH_UNIT_FINDER_H_
