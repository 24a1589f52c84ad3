// Examples of link rules (rules/link.toml), run through the whole extractor.
//
// An example states the claim (`quantity`, its text) and any of `subject`
// (the subject's text as written), `canonical`, `place` ("null" for none).
// It passes when a claim with that quantity has every stated field, and —
// when the example states a subject (for an organization rule) or a place
// (for a place rule) — the claim names this rule among its `rules`. An
// example of a "not" rule passes when the rule matched and the fields hold.
// A `not` entry passes when no claim links through this rule (for a "not"
// rule: when it does not match).
#include "eval/rule_examples.h"

#include <algorithm>

#include "link/linker.h"
#include "normalize/normalize.h"

namespace claimex {
namespace {

bool FieldHolds(const Claim& c, const std::string& key, const nlohmann::json& want) {
  if (key == "quantity") return want.is_string() && c.quantity_text == want.get<std::string>();
  if (key == "subject") return want.is_null() ? !c.subject : c.subject && want == c.subject->text;
  if (key == "canonical")
    return want.is_null() ? !c.subject || !c.subject->canonical
                          : c.subject && c.subject->canonical && want == *c.subject->canonical;
  if (key == "place") return want.is_null() ? !c.place : c.place && want == c.place->text;
  return false;
}

std::string Describe(const std::vector<Claim>& claims) {
  if (claims.empty()) return "no claims";
  std::string out;
  for (const Claim& c : claims) {
    out += (out.empty() ? "" : "; ") + std::string("\"") + c.quantity_text + "\" subject=" +
           (c.subject ? "\"" + c.subject->text + "\" (" + c.subject->canonical.value_or("no canonical") + ")"
                      : std::string("null")) +
           " place=" + (c.place ? "\"" + c.place->text + "\"" : std::string("null"));
    std::string rules;
    for (const std::string& r : c.rules) rules += (rules.empty() ? "" : " ") + r;
    out += " [" + rules + "]";
  }
  return out;
}

bool Uses(const Claim& c, const std::string& rule_id) {
  for (size_t i = 1; i < c.rules.size(); ++i)
    if (c.rules[i] == rule_id) return true;
  return false;
}

}  // namespace

ExampleResult CheckLinkExample(const Extractor& extractor, const Rule& rule, const RuleExample& example,
                               bool positive) {
  ExampleResult result{&rule, &example, positive, false, ""};
  Document doc;
  doc.id = "example";
  doc.text = example.text;
  std::vector<Claim> claims;
  if (Status status = extractor.Extract(doc, false, &claims); !status.ok()) {
    result.message = "example text is unreadable: " + status.message();
    return result;
  }
  const std::string role = rule.param("role");
  if (role == "not") {
    NormalizedText normalized;
    if (Status status = Normalize(doc.text, &normalized); !status.ok()) {
      result.message = "example text is unreadable: " + status.message();
      return result;
    }
    std::vector<std::string> fired;
    Linker(extractor.rules()).FindMentions(normalized.text, Span{0, normalized.text.size()}, &fired);
    const bool matched = std::find(fired.begin(), fired.end(), rule.id) != fired.end();
    if (!positive) {
      result.passed = !matched;
      if (!result.passed) result.message = "the rule matched, but this example says it must not";
      return result;
    }
    if (!matched) {
      result.message = "the rule did not match";
      return result;
    }
  }
  if (!positive) {
    std::vector<Claim> linked;
    for (const Claim& c : claims)
      if (Uses(c, rule.id)) linked.push_back(c);
    result.passed = linked.empty();
    if (!result.passed) result.message = "a claim links through this rule, but this example says none may: " + Describe(linked);
    return result;
  }
  const bool states_own_field =
      (role == "organization" && example.expect.contains("subject") && !example.expect["subject"].is_null()) ||
      (role == "organization" && example.expect.contains("canonical") && !example.expect["canonical"].is_null()) ||
      (role == "place" && example.expect.contains("place") && !example.expect["place"].is_null());
  for (const Claim& c : claims) {
    bool all = !states_own_field || Uses(c, rule.id);
    for (auto it = example.expect.begin(); it != example.expect.end() && all; ++it)
      all = FieldHolds(c, it.key(), it.value());
    if (all) {
      result.passed = true;
      return result;
    }
  }
  result.message = "expected a claim with " + example.expect.dump() +
                   (states_own_field ? " linked by this rule" : "") + ", got " + Describe(claims);
  return result;
}

}  // namespace claimex
