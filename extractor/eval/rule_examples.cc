#include "eval/rule_examples.h"

#include <cmath>

#include "emit/record.h"

namespace claimex {

int ExampleReport::failed() const {
  int n = 0;
  for (const ExampleResult& r : results) n += r.passed ? 0 : 1;
  return n;
}

namespace {

bool SameValue(const nlohmann::ordered_json& got, const nlohmann::json& want) {
  if (got.is_number() && want.is_number())
    return std::fabs(got.get<double>() - want.get<double>()) < 1e-9;
  return got.dump() == want.dump();
}

std::string Describe(const std::vector<Claim>& claims) {
  if (claims.empty()) return "no claims";
  std::string out;
  for (const Claim& c : claims) {
    nlohmann::ordered_json q = ClaimToJson(c)["quantity"];
    q.erase("start");
    q.erase("end");
    out += (out.empty() ? "" : "; ") + c.rules.front() + " " + q.dump();
  }
  return out;
}

}  // namespace

ExampleResult CheckExample(const Extractor& extractor, const Rule& rule, const RuleExample& example,
                           bool positive) {
  switch (rule.stage) {
    case RuleStage::kTime: return CheckTimeExample(extractor, rule, example, positive);
    case RuleStage::kAttribution: return CheckAttributionExample(extractor, rule, example, positive);
    case RuleStage::kLink: return CheckLinkExample(extractor, rule, example, positive);
    case RuleStage::kQuantity:
    case RuleStage::kExclusion: break;
  }
  ExampleResult result{&rule, &example, positive, false, ""};
  Document doc;
  doc.id = "example";
  doc.text = example.text;
  std::vector<Claim> claims;
  std::vector<MatchTrace> trace;
  Status status = extractor.ExtractWithTrace(doc, &claims, &trace);
  if (!status.ok()) {
    result.message = "example text is unreadable: " + status.message();
    return result;
  }
  if (rule.stage == RuleStage::kExclusion) {
    std::vector<Span> excluded;
    for (const MatchTrace& t : trace)
      if (t.rule_id == rule.id) excluded.push_back(t.span);
    if (!positive) {
      result.passed = excluded.empty();
      if (!result.passed) result.message = "the exclusion matched, but this example says it must not";
      return result;
    }
    if (excluded.empty()) {
      result.message = "the exclusion did not match";
      return result;
    }
    // `span = "16 to 24"`: the text the exclusion must cover, exactly.
    if (auto want = example.expect.find("span"); want != example.expect.end() && want->is_string()) {
      std::string covered;  // "a", "b"
      bool found = false;
      for (const Span& e : excluded) {
        const std::string text = e.start <= example.text.size() ? example.text.substr(e.start, e.size()) : "";
        found = found || text == want->get<std::string>();
        covered += (covered.empty() ? "\"" : ", \"") + text + "\"";
      }
      if (!found) {
        result.message = "the exclusion covered " + covered + ", not \"" + want->get<std::string>() + "\"";
        return result;
      }
    }
    for (const MatchTrace& t : trace)
      for (const Span& e : excluded)
        if (t.outcome == "chosen" && t.span.Overlaps(e)) {
          result.message = "a claim from " + t.rule_id + " still covers the excluded text";
          return result;
        }
    result.passed = true;
    return result;
  }

  std::vector<Claim> from_rule;
  for (const Claim& c : claims)
    if (!c.rules.empty() && c.rules.front() == rule.id) from_rule.push_back(c);
  if (!positive) {
    result.passed = from_rule.empty();
    if (!result.passed) result.message = "the rule matched, but this example says it must not: " + Describe(from_rule);
    return result;
  }
  for (const Claim& c : from_rule) {
    const nlohmann::ordered_json q = ClaimToJson(c)["quantity"];
    bool all = true;
    for (auto it = example.expect.begin(); it != example.expect.end() && all; ++it)
      all = q.contains(it.key()) && SameValue(q[it.key()], it.value());
    if (all) {
      result.passed = true;
      return result;
    }
  }
  result.message = "expected a claim from this rule with " + example.expect.dump() + ", got " + Describe(claims);
  return result;
}

ExampleReport RunRuleExamples(const Extractor& extractor) {
  ExampleReport report;
  for (const Rule* rule : extractor.rules().all_rules()) {
    for (const RuleExample& e : rule->examples) report.results.push_back(CheckExample(extractor, *rule, e, true));
    for (const RuleExample& e : rule->counter_examples)
      report.results.push_back(CheckExample(extractor, *rule, e, false));
  }
  return report;
}

}  // namespace claimex
