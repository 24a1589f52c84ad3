// ScanGroups numbers a pattern's groups exactly as RE2 does: over every rule
// of the project, and over the corners of RE2's syntax that hold parentheses
// that are not groups.
#include "rulebook/pattern_groups.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <map>
#include <string>

#include "rulebook/rule.h"
#include "rulebook/rulebook.h"

namespace claimex {
namespace {

void ExpectSameAsRe2(const std::string& pattern) {
  const RE2 re(pattern, Rulebook::MatchOptions());
  ASSERT_TRUE(re.ok()) << pattern << ": " << re.error();
  const PatternGroups scanned = ScanGroups(pattern);
  EXPECT_EQ(scanned.count, re.NumberOfCapturingGroups()) << pattern;
  const std::map<std::string, int> named(scanned.named.begin(), scanned.named.end());
  EXPECT_EQ(named, re.NamedCapturingGroups()) << pattern;
  EXPECT_EQ(named.size(), scanned.named.size()) << pattern << ": a name listed twice";
}

TEST(PatternGroups, EveryProjectRule) {
  Diagnostics diags;
  auto book = Rulebook::Load(std::string(CLAIMEX_PROJECT_DIR) + "/rules", &diags);
  ASSERT_NE(book, nullptr);
  size_t checked = 0;
  for (const Rule* rule : book->all_rules()) {
    ExpectSameAsRe2(rule->pattern);
    EXPECT_EQ(rule->group_count, rule->regex().NumberOfCapturingGroups()) << rule->id;
    ++checked;
  }
  EXPECT_GT(checked, 100u);
}

TEST(PatternGroups, ParenthesesThatAreNotGroups) {
  for (const char* pattern : {
           R"(a(b)c)", R"((?:x)(y))", R"((?i)(a)(?-i:B)(c))", R"((?P<n>a)(?P<m>b)(c))",
           R"(\(a\)(b))", R"([(](a)[)])", R"([^()](x))", R"([]()](x))", R"([^]()](x))",
           R"([[:alpha:](](x))", R"(\Q(a)\E(b))", R"(\Q((\E)", R"(\x{28}(a))", R"(\p{L}(a))",
           R"((?P<outer>a(?P<inner>b)(c))d)", R"((?s:.)(?U)(a+))", R"([\]\[(](a))", R"(a\\(b))",
       })
    ExpectSameAsRe2(pattern);
}

TEST(PatternGroups, LeftmostGroupOfARepeatedName) {
  const PatternGroups g = ScanGroups("(?P<span>a)|(?P<span>b)");
  EXPECT_EQ(g.count, 2);
  ASSERT_EQ(g.named.size(), 1u);
  EXPECT_EQ(g.named[0].second, 1);
}

}  // namespace
}  // namespace claimex
