#include "eval/rule_examples.h"

namespace claimex {

ExampleResult CheckAttributionExample(const Extractor& extractor, const Rule& rule, const RuleExample& example, bool positive) {
  (void)extractor;
  ExampleResult result{&rule, &example, positive, false, ""};
  result.message = "examples of attribution rules cannot be checked yet";
  return result;
}

}  // namespace claimex
