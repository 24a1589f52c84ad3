// RequiredLiterals is sound: wherever a pattern matches, each of its clauses
// has a string inside the match. Checked for every rule of the project over
// its own examples and counter-examples, every line of the corpus and
// random text; and on the syntax it reads, piece by piece.
#include "rulebook/required_literals.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "base/ascii.h"
#include "project_rules.h"
#include "rulebook/rule.h"
#include "rulebook/rulebook.h"

namespace claimex {
namespace {

// Whether each clause has a string in `text`, ignoring ASCII case.
bool Holds(const LiteralClauses& clauses, std::string_view text) {
  const std::string lower = AsciiLower(text);
  for (const auto& clause : clauses)
    if (std::none_of(clause.begin(), clause.end(), [&](const std::string& s) { return lower.find(s) != std::string::npos; }))
      return false;
  return true;
}

std::vector<std::string> Texts(const Rule& rule) {
  std::vector<std::string> texts;
  for (const RuleExample& e : rule.examples) texts.push_back(e.text);
  for (const RuleExample& e : rule.counter_examples) texts.push_back(e.text);
  return texts;
}

TEST(RequiredLiterals, HoldInEveryMatchOfEveryProjectRule) {
  ASSERT_NE(&ProjectRules(), nullptr);
  const std::vector<std::string>& corpus = ProjectCorpusLines();
  ASSERT_GT(corpus.size(), 50u);
  size_t matches = 0, with_clauses = 0;
  for (const Rule* rule : ProjectRules().all_rules()) {
    const LiteralClauses clauses = RequiredLiterals(rule->pattern);
    if (!clauses.empty()) ++with_clauses;
    std::vector<std::string> texts = Texts(*rule);
    texts.insert(texts.end(), corpus.begin(), corpus.end());
    for (const std::string& text : texts) {
      re2::StringPiece input(text), match;
      for (size_t pos = 0; pos <= text.size() && rule->regex().Match(input, pos, text.size(), RE2::UNANCHORED, &match, 1);) {
        ++matches;
        ASSERT_TRUE(Holds(clauses, std::string_view(match.data(), match.size())))
            << rule->id << " matched '" << match << "' in: " << text;
        const size_t start = static_cast<size_t>(match.data() - text.data());
        pos = match.empty() ? start + 1 : start + match.size();
      }
    }
  }
  EXPECT_GT(matches, 1000u);
  EXPECT_GT(with_clauses, 80u) << "most rules need some word";
}

// An attribution rule needs its cue forms, whole: what the prefilter is for.
TEST(RequiredLiterals, AnAttributionRuleNeedsItsCueForms) {
  const Rule* subject_say = nullptr;
  for (const auto& rule : ProjectRules().stage_rules(RuleStage::kAttribution))
    if (rule->id == "attribution.subject_say") subject_say = rule.get();
  ASSERT_NE(subject_say, nullptr);
  const LiteralClauses clauses = RequiredLiterals(subject_say->pattern);
  ASSERT_FALSE(clauses.empty());
  const auto& cues = clauses.front();
  for (const char* form : {"said", "says", "added"})
    EXPECT_TRUE(std::binary_search(cues.begin(), cues.end(), std::string(form))) << form;
  EXPECT_FALSE(std::binary_search(cues.begin(), cues.end(), std::string("id"))) << "a piece of a word";
}

TEST(RequiredLiterals, ReadsTheSyntax) {
  using C = LiteralClauses;
  EXPECT_EQ(RequiredLiterals("said|says"), (C{{"said", "says"}}));
  EXPECT_EQ(RequiredLiterals("sa(?:id|ys)\\b"), (C{{"said", "says"}}));
  EXPECT_EQ(RequiredLiterals("(?i)According\\s+to"), (C{{"according"}, {"to"}}));
  EXPECT_EQ(RequiredLiterals("rumou?red"), (C{{"rumored", "rumoured"}}));
  EXPECT_EQ(RequiredLiterals("[,\"]\\s*said"), (C{{"said"}, {"\"", ","}}));
  EXPECT_EQ(RequiredLiterals("(?P<quote>\")\\s*x+"), (C{{"\""}}));
  EXPECT_EQ(RequiredLiterals("(?:ab)+c"), (C{{"ab"}}));
  EXPECT_EQ(RequiredLiterals("(?:ab){2,3}"), (C{{"ab"}}));
  EXPECT_EQ(RequiredLiterals("\\.\\.\\."), (C{{"..."}}));
  EXPECT_EQ(RequiredLiterals("[xX]yz"), (C{{"xyz"}}));
  EXPECT_EQ(RequiredLiterals("(?-i:[A-Z])foo|bar"), (C{{"bar", "foo"}}));
}

TEST(RequiredLiterals, NothingWhereAMatchNeedsNoString) {
  for (const char* pattern : {"a*", "(?:said)?x", "said|\\d+", "[a-z]+", ".", "(?:said){0,2}", "x|y", "\\s+",
                              "\\Q(said)\\E", "[^\"]+(?:said)?", "é+", "\\pL+(?:said)?", "(?:ab)*"})
    EXPECT_TRUE(RequiredLiterals(pattern).empty()) << pattern;
}

// Soundness on patterns built from the pieces it reads, against RE2 on random text.
TEST(RequiredLiterals, RandomPatternsAgainstRe2) {
  std::mt19937 random(11);
  const std::vector<std::string> pieces = {"ab", "a", "b", "c", "(?:ab|ba)", "[ab]", "b?", "(?:a|bc)+", "\\s", " ",
                                           "[^a]", "(?:ca)?", "x{1,2}", "(?i:AB)", "\\b", "(?P<n>ba)", "\"", "[,\"]"};
  const std::string alphabet = "abcx \",";
  for (int trial = 0; trial < 400; ++trial) {
    std::string pattern;
    const int parts = 1 + static_cast<int>(random() % 4);
    for (int k = 0; k < parts; ++k) pattern += pieces[random() % pieces.size()];
    if (random() % 3 == 0) pattern += "|" + pieces[random() % pieces.size()] + pieces[random() % pieces.size()];
    const RE2 re(pattern, Rulebook::MatchOptions());
    ASSERT_TRUE(re.ok()) << pattern;
    const LiteralClauses clauses = RequiredLiterals(pattern);
    for (int t = 0; t < 60; ++t) {
      std::string text(random() % 12, ' ');
      for (char& c : text) c = alphabet[random() % alphabet.size()];
      re2::StringPiece match;
      if (re.Match(text, 0, text.size(), RE2::UNANCHORED, &match, 1))
        ASSERT_TRUE(Holds(clauses, std::string_view(match.data(), match.size())))
            << "pattern " << pattern << " matched '" << match << "' in '" << text << "'";
    }
  }
}

}  // namespace
}  // namespace claimex
