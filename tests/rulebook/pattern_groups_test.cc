// ScanGroups numbers a pattern's groups exactly as RE2 does: over every rule
// of the project, and over the corners of RE2's syntax that hold parentheses
// that are not groups. SetCore keeps what decides whether a pattern matches:
// over every rule of the project, a text holds a match of one exactly when it
// holds a match of the other.
#include "rulebook/pattern_groups.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <map>
#include <string>
#include <vector>

#include "project_rules.h"
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

TEST(SetCore, DropsTheOptionalPiecesAtEitherEnd) {
  const std::pair<const char*, const char*> cases[] = {
      {R"((?:about\s+)?\d+(?:\s+people)?)", R"(\d+)"},
      {R"((?P<q>more than)?\s*(?:\bfrom\s+)?\d+)", R"(\d+)"},
      {R"([ab]{0,3}c[de]*)", "c"},
      {R"(x{0}y??z{0,}w)", "w"},
      {R"(a*?(b)+c{2}(?:d|e)??)", "(b)+c{2}"},
      {R"(\(?\d+\)?)", R"(\d+)"},
      {R"([)(]?\d[(]?)", R"(\d)"},
      {R"(\Q(?\E?\d\p{L}*)", R"(\d)"},
      {R"((?:a|b)?x(?:c|d)?)", "x"},
  };
  for (const auto& [pattern, core] : cases) EXPECT_EQ(SetCore(pattern), core) << pattern;
}

TEST(SetCore, KeepsWhatItCannotShorten) {
  for (const char* pattern : {
           R"(a?b|c)",            // a top-level alternation
           R"((?i)a?b)",          // a flag group governs what follows it
           R"(a?(?i)b)",
           R"(a*b*)",             // nothing but optional pieces
           R"(\d+)", "", R"(^a?b)",
       })
    EXPECT_EQ(SetCore(pattern), pattern) << pattern;
}

TEST(SetCore, MatchesWhereThePatternMatchesForEveryProjectRule) {
  const std::vector<std::string>& corpus = ProjectCorpusLines();
  ASSERT_GT(corpus.size(), 50u);
  size_t shortened = 0, matching = 0;
  for (const Rule* rule : ProjectRules().all_rules()) {
    const std::string core = SetCore(rule->pattern);
    if (core == rule->pattern) continue;
    ++shortened;
    const RE2 core_re(core, Rulebook::MatchOptions());
    ASSERT_TRUE(core_re.ok()) << rule->id << ": " << core_re.error();
    std::vector<std::string> texts = corpus;
    for (const RuleExample& e : rule->examples) texts.push_back(e.text);
    for (const RuleExample& e : rule->counter_examples) texts.push_back(e.text);
    for (const std::string& text : texts) {
      const bool matches = RE2::PartialMatch(text, rule->regex());
      matching += matches;
      EXPECT_EQ(RE2::PartialMatch(text, core_re), matches) << rule->id << " on: " << text;
    }
  }
  EXPECT_GT(shortened, 20u);
  EXPECT_GT(matching, 200u);
}

}  // namespace
}  // namespace claimex
