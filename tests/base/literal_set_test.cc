#include "base/literal_set.h"

#include <gtest/gtest.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "project_rules.h"

namespace claimex {
namespace {

std::vector<int> Found(const LiteralSet& set, std::string_view text) {
  std::vector<int> found;
  set.Match(text, &found);
  return found;
}

// What an RE2::Set of the quoted literals finds, case-insensitively: the
// answer LiteralSet stands in for.
std::vector<int> FoundBySet(const RE2::Set& set, const std::string& text) {
  std::vector<int> found;
  set.Match(text, &found);
  std::sort(found.begin(), found.end());
  return found;
}

std::unique_ptr<RE2::Set> QuotedSet(const std::vector<std::string>& literals) {
  RE2::Options options;
  options.set_case_sensitive(false);
  auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (const std::string& l : literals) EXPECT_GE(set->Add(RE2::QuoteMeta(l), nullptr), 0);
  EXPECT_TRUE(set->Compile());
  return set;
}

TEST(LiteralSet, FindsEachLiteralOnceInAscendingOrder) {
  LiteralSet set;
  ASSERT_TRUE(set.Build({"said", "say", " ", "according to", "s"}));
  EXPECT_EQ(Found(set, "He said so, according to them, and said it again."), (std::vector<int>{0, 2, 3, 4}));
  EXPECT_EQ(Found(set, "says"), (std::vector<int>{1, 4}));
  EXPECT_TRUE(Found(set, "according").empty());  // "according to" needs its " to"
  EXPECT_TRUE(Found(set, "").empty());
  EXPECT_TRUE(Found(set, "none here").size() == 1);  // the space only
}

TEST(LiteralSet, IgnoresAsciiCase) {
  LiteralSet set;
  ASSERT_TRUE(set.Build({"said", "u.s."}));
  EXPECT_EQ(Found(set, "SAID"), (std::vector<int>{0}));
  EXPECT_EQ(Found(set, "U.S. officials Said"), (std::vector<int>{0, 1}));
  EXPECT_TRUE(Found(set, "us").empty());
}

TEST(LiteralSet, FindsLiteralsInsideAndAcrossOtherLiterals) {
  // The textbook case: "she" holds "he", "hers" overlaps "she".
  LiteralSet set;
  ASSERT_TRUE(set.Build({"he", "she", "his", "hers"}));
  EXPECT_EQ(Found(set, "ushers"), (std::vector<int>{0, 1, 3}));
  EXPECT_EQ(Found(set, "ahishers"), (std::vector<int>{0, 1, 2, 3}));
}

TEST(LiteralSet, RepeatedLiteralsAreEachReported) {
  LiteralSet set;
  ASSERT_TRUE(set.Build({"ab", "ab", "b"}));
  EXPECT_EQ(Found(set, "xab"), (std::vector<int>{0, 1, 2}));
}

TEST(LiteralSet, RefusesEmptyAndNonAsciiLiterals) {
  LiteralSet set;
  EXPECT_FALSE(set.Build({"said", ""}));
  EXPECT_FALSE(set.Build({"déclaré"}));
  EXPECT_EQ(set.size(), 0u);
  EXPECT_TRUE(Found(set, "said").empty());
}

TEST(LiteralSet, AgreesWithAnRe2SetOnRandomText) {
  const std::vector<std::string> literals = {"a", "ab", "bab", "abc", "c", "ca", "b-", "-", " ", "aaa", "Bc"};
  LiteralSet set;
  ASSERT_TRUE(set.Build(literals));
  const auto reference = QuotedSet(literals);
  std::mt19937 random(7);
  const std::string alphabet = "abcABC- x";
  for (int trial = 0; trial < 5000; ++trial) {
    std::string text(random() % 24, ' ');
    for (char& c : text) c = alphabet[random() % alphabet.size()];
    ASSERT_EQ(Found(set, text), FoundBySet(*reference, text)) << "text: '" << text << "'";
  }
}

// The attribution prefilter's own strings, over every line of the corpus:
// the answer of an RE2::Set of the quoted strings.
TEST(LiteralSet, AgreesWithAnRe2SetOnTheAttributionStringsOverTheCorpus) {
  const Rulebook::Prefilter* prefilter = ProjectRules().stage_prefilter(RuleStage::kAttribution);
  ASSERT_NE(prefilter, nullptr);
  ASSERT_GT(prefilter->literals.size(), 0u);
  ASSERT_EQ(prefilter->strings.size(), prefilter->literals.size());
  const auto reference = QuotedSet(prefilter->strings);
  for (const std::string& line : ProjectCorpusLines())
    ASSERT_EQ(Found(prefilter->literals, line), FoundBySet(*reference, line)) << line;
  EXPECT_GT(ProjectCorpusLines().size(), 50u);
}

}  // namespace
}  // namespace claimex
