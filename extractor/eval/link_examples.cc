#include "eval/rule_examples.h"

namespace claimex {

ExampleResult CheckLinkExample(const Extractor& extractor, const Rule& rule, const RuleExample& example, bool positive) {
  (void)extractor;
  ExampleResult result{&rule, &example, positive, false, ""};
  result.message = "examples of link rules cannot be checked yet";
  return result;
}

}  // namespace claimex
