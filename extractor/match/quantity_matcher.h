// QuantityMatcher: the match stage for quantities. For one sentence:
//   1. the rulebook's RE2::Set picks the rules that can match at all;
//   2. each candidate rule's RE2 finds its matches, left to right;
//   3. exclusion rules (years, ages, durations, identifiers, pronoun "one")
//      veto every quantity match that overlaps their span;
//   4. conflicts are settled leftmost-longest: earlier start wins, then the
//      longer match, then higher `priority`, then the rule defined first;
//   5. the captures are read into values (number parser, qualifier lexicon)
//      and the counted noun is found (UnitFinder), carried over a list
//      ("566 attacks … and 1,669") or taken from "the number of X".
//
// Thread-safety: immutable after construction; Match() may run concurrently.
#ifndef CLAIMEX_MATCH_QUANTITY_MATCHER_H_
#define CLAIMEX_MATCH_QUANTITY_MATCHER_H_

#include <optional>
#include <string_view>

#include "base/span.h"
#include "match/mention.h"
#include "match/number_parser.h"
#include "match/unit_finder.h"
#include "rulebook/rulebook.h"

namespace claimex {

class QuantityMatcher {
 public:
  explicit QuantityMatcher(const Rulebook& rules);

  // Matches `sentence` (a span of `text`, the normalized document).
  // With `want_trace`, records every match and what became of it.
  SentenceMatches Match(std::string_view text, Span sentence, bool want_trace) const;

 private:
  struct Candidate;
  bool Interpret(const Rule& rule, std::string_view text, const re2::StringPiece* groups,
                 std::vector<QuantityMention>* out, std::string* why) const;
  void ApplyQualifier(std::string_view phrase, QuantityMention* m) const;
  // Whether the word before `qualifier` (a view into `text`) makes it part
  // of a verb (lexicon qualifier_verbs: "moved up to").
  bool QualifierIsVerbParticle(std::string_view text, std::string_view qualifier) const;
  void FindUnits(std::string_view text, Span sentence, std::vector<QuantityMention>* mentions) const;
  // The unit a phrase before the number names (the engine fragment
  // unit_partitive), or nullopt.
  std::optional<std::string> PartitiveUnitBefore(std::string_view text, Span before_number) const;

  // Column of `name` in `lexicon`, checked present at rule load.
  struct Column {
    const Lexicon& lexicon;
    int index;
    const std::string& Of(const Lexicon::Entry& e) const { return lexicon.Cell(e, index); }
  };

  const Rulebook& rules_;
  NumberParser numbers_;
  UnitFinder units_;
  // Lexicons read on every match: resolved once here, not per claim.
  Column qualifier_relation_, qualifier_approx_, currency_code_, vague_low_, fraction_value_;
  const Lexicon& qualifier_verbs_;
};

}  // namespace claimex

#endif  // CLAIMEX_MATCH_QUANTITY_MATCHER_H_
