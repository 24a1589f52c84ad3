// The capturing groups of an RE2 pattern, read from its text.
//
// A rule of a stage that picks its candidates with an RE2::Set is compiled
// into its own RE2 only once the Set first reports it (rulebook/rule.h,
// RuleRegex); the checks at load still need its groups, numbered exactly as
// RE2 numbers them. tests/rulebook/pattern_groups_test.cc compares this scan
// with RE2 over every rule of the project and over the syntax's corners.
#ifndef CLAIMEX_RULEBOOK_PATTERN_GROUPS_H_
#define CLAIMEX_RULEBOOK_PATTERN_GROUPS_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace claimex {

struct PatternGroups {
  int count = 0;  // capturing groups, as RE2::NumberOfCapturingGroups()
  // (?P<name>…) groups in pattern order, with their RE2 group index (the
  // leftmost of a name, as RE2::NamedCapturingGroups()).
  std::vector<std::pair<std::string, int>> named;
};

// Valid only for a pattern RE2 accepts (the Set that parsed it says so).
PatternGroups ScanGroups(std::string_view pattern);

// What decides whether `pattern` matches anywhere in a text: the pattern
// without the optional pieces (`(…)?`, `x*`, `[…]{0,3}`) that open or close
// its top-level concatenation. A text holds a match of one exactly when it
// holds a match of the other (a match of the pattern holds one of its core;
// a match of the core is one of the pattern's, its optional pieces empty),
// so a stage's RE2::Set, which only says which rules match, is built from
// the cores: "(?:about\s+)?\d+(?:\s+people)?" goes in as "\d+". The Set
// compiles faster and its automaton has fewer states to track. The pattern
// itself when it has a top-level alternation, opens with a flag group
// ("(?i)…"), or has nothing but optional pieces. Valid only for a pattern
// RE2 accepts.
std::string SetCore(std::string_view pattern);

}  // namespace claimex

#endif  // CLAIMEX_RULEBOOK_PATTERN_GROUPS_H_
