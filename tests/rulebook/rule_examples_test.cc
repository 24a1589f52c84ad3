// Every `examples` and `not` entry of every rule in rules/ is its own test
// case, named after the rule and the example's line, so a failure points at
// the rule file.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "eval/rule_examples.h"
#include "pipeline.h"
#include "rulebook/rulebook.h"
#include "project_rules.h"

namespace claimex {
namespace {

struct ExampleCase {
  const Rule* rule;
  const RuleExample* example;
  bool positive;
};

std::vector<ExampleCase> AllExamples() {
  std::vector<ExampleCase> cases;
  for (const Rule* rule : ProjectRules().all_rules()) {
    for (const RuleExample& e : rule->examples) cases.push_back({rule, &e, true});
    for (const RuleExample& e : rule->counter_examples) cases.push_back({rule, &e, false});
  }
  return cases;
}

class RuleExampleTest : public ::testing::TestWithParam<ExampleCase> {};

TEST_P(RuleExampleTest, Holds) {
  const ExampleCase& c = GetParam();
  ExampleResult r = CheckExample(ProjectExtractor(), *c.rule, *c.example, c.positive);
  EXPECT_TRUE(r.passed) << c.rule->file << ":" << c.example->line << ":" << c.example->column << ": ["
                        << c.rule->id << "] \"" << c.example->text << "\": " << r.message;
}

std::string CaseName(const ::testing::TestParamInfo<ExampleCase>& info) {
  std::string name = info.param.rule->id + (info.param.positive ? "_example_line" : "_not_line") +
                     std::to_string(info.param.example->line) + "_" + std::to_string(info.index);
  for (char& ch : name)
    if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleExampleTest, ::testing::ValuesIn(AllExamples()), CaseName);

// The contract of the rule files themselves: every rule shows at least one
// match and one non-match.
TEST(RuleFiles, EveryRuleHasPositiveAndNegativeExamples) {
  for (const Rule* rule : ProjectRules().all_rules()) {
    EXPECT_FALSE(rule->examples.empty()) << rule->id;
    EXPECT_FALSE(rule->counter_examples.empty()) << rule->id;
  }
}

// An exclusion example's `span` names the exact text it must veto: a rule
// that vetoes less fails, with what it covered.
TEST(RuleFiles, ExclusionExampleSpanMustMatchExactly) {
  const Rule* age = nullptr;
  for (const Rule* rule : ProjectRules().all_rules())
    if (rule->id == "exclusion.age") age = rule;
  ASSERT_NE(age, nullptr);
  RuleExample example;
  example.text = "women aged 18-49";
  example.expect["span"] = "18-49";
  EXPECT_TRUE(CheckExample(ProjectExtractor(), *age, example, true).passed);
  example.expect["span"] = "18";
  const ExampleResult wrong = CheckExample(ProjectExtractor(), *age, example, true);
  EXPECT_FALSE(wrong.passed);
  EXPECT_NE(wrong.message.find("covered \"18-49\", not \"18\""), std::string::npos) << wrong.message;
}

}  // namespace
}  // namespace claimex
