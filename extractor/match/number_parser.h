// NumberParser: reads the text a `value`/`low`/`high` capture matched
// ("14,000", "1.5 million", "$5bn" without the $, "five thousand",
// "a hundred", "twenty-five", "10 500") into a number, using the lexicons
// `number_words` (value, role) and `multipliers` (value). No English is
// spelled here: the words come from the lexicons.
//
// Thread-safety: immutable after construction.
#ifndef CLAIMEX_MATCH_NUMBER_PARSER_H_
#define CLAIMEX_MATCH_NUMBER_PARSER_H_

#include <optional>
#include <string_view>

#include "rulebook/lexicon.h"

namespace claimex {

struct ParsedNumber {
  double value = 0;
  // The scale of the last multiplier word or suffix applied ("35 million":
  // 1e6; 1 if none; digit groups such as "35,000" do not count). Used to
  // expand elliptical ranges ("25 to 35 million").
  double multiplier = 1;
  // Digits written with a thousands separator or a decimal point.
  bool has_separator = false;
  // Trailing digit-group size for "35,000" (1000), used with elliptical ranges.
  double trailing_group = 1;
};

class NumberParser {
 public:
  NumberParser(const Lexicon& number_words, const Lexicon& multipliers);

  // nullopt if `text` holds a word that is neither a number word nor a
  // multiplier, or no number at all.
  std::optional<ParsedNumber> Parse(std::string_view text) const;

 private:
  const Lexicon& number_words_;
  const Lexicon& multipliers_;
  int value_col_, role_col_, multiplier_col_;
};

}  // namespace claimex

#endif  // CLAIMEX_MATCH_NUMBER_PARSER_H_
