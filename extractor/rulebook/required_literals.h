// The literal strings a text must hold for a pattern to match in it.
//
// The attribution stage picks the rules worth running on a sentence by the
// words they cannot match without: their cue forms ("said", "estimates"),
// "according", a quote mark. RE2's FilteredRE2 derives such atoms too, but
// from the parsed regexp, whose alternations RE2 has already factored into
// prefix trees: "said|says|saying" becomes "sa(?:id|ys|ying)", and its atoms
// fall apart into "id", "y" and single spaces that nearly every sentence
// holds. Here the pattern's own text is read instead: an alternation of
// literals stays a set of whole strings (a lexicon's forms, as the rule file
// wrote them), and concatenated literal sets are multiplied out while they
// stay small.
//
// The answer is a conjunction of clauses, each a set of strings of which at
// least one must occur (ignoring ASCII case) wherever the pattern matches.
// It is sound, never complete: anything not understood (a class, a
// repetition that may be absent, syntax outside the subset below) requires
// nothing, so the worst outcome is a rule tried on a sentence it cannot
// match. tests/rulebook/required_literals_test.cc checks the soundness over
// every rule of the project against the rules' examples and the corpus.
//
// Only ASCII strings are kept: RE2's case folding of other letters is wider
// than ASCII case. Strings of one letter or of white space alone are
// dropped, as every sentence holds them.
#ifndef CLAIMEX_RULEBOOK_REQUIRED_LITERALS_H_
#define CLAIMEX_RULEBOOK_REQUIRED_LITERALS_H_

#include <string>
#include <string_view>
#include <vector>

namespace claimex {

// Clauses in order of selectivity (those without a common word such as
// "the" first, then the longest shortest string); strings lower-cased and
// sorted. Empty when nothing is required.
using LiteralClauses = std::vector<std::vector<std::string>>;

// Valid only for a pattern RE2 accepts; at most `max_clauses` clauses.
LiteralClauses RequiredLiterals(std::string_view pattern, size_t max_clauses = 3);

}  // namespace claimex

#endif  // CLAIMEX_RULEBOOK_REQUIRED_LITERALS_H_
