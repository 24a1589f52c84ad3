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

}  // namespace claimex

#endif  // CLAIMEX_RULEBOOK_PATTERN_GROUPS_H_
