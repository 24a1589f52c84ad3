// Rule examples: runs every `examples` and `not` entry of every rule through
// the whole extractor, as `claimex test` and the test suite do.
//
// A quantity rule's example passes when the extractor yields a claim made by
// that rule whose `quantity` fields equal every field the example states; a
// `not` entry passes when no claim comes from that rule. An exclusion's
// example passes when the exclusion matches and no claim overlaps what it
// excludes; its `not` entry passes when it does not match.
#ifndef CLAIMEX_EVAL_RULE_EXAMPLES_H_
#define CLAIMEX_EVAL_RULE_EXAMPLES_H_

#include <map>
#include <string>
#include <vector>

#include "pipeline.h"

namespace claimex {

struct ExampleFailure {
  Diagnostic where;  // file:line:col of the example, with the rule id
  std::string ToString() const { return where.ToString(); }
};

struct ExampleResult {
  const Rule* rule = nullptr;
  const RuleExample* example = nullptr;
  bool positive = true;
  bool passed = false;
  std::string message;  // why it failed
};

struct ExampleReport {
  std::vector<ExampleResult> results;
  int failed() const;
  int passed() const { return static_cast<int>(results.size()) - failed(); }
};

// Runs the examples of every rule of every stage.
ExampleReport RunRuleExamples(const Extractor& extractor);

// Checks one example; used by RunRuleExamples and by tests that want one
// GoogleTest case per example.
ExampleResult CheckExample(const Extractor& extractor, const Rule& rule, const RuleExample& example,
                           bool positive);

// The checkers of the non-quantity stages (eval/<stage>_examples.cc); what an
// example of each stage states is documented in rules/README.md.
ExampleResult CheckTimeExample(const Extractor& extractor, const Rule& rule, const RuleExample& example,
                               bool positive);
ExampleResult CheckAttributionExample(const Extractor& extractor, const Rule& rule, const RuleExample& example,
                                      bool positive);
ExampleResult CheckLinkExample(const Extractor& extractor, const Rule& rule, const RuleExample& example,
                               bool positive);

}  // namespace claimex

#endif  // CLAIMEX_EVAL_RULE_EXAMPLES_H_
