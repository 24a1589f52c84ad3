// Checks the examples of time rules (rules/README.md "Time rules"): each runs
// through the whole Extractor with its `article_date` as the document's
// date, and passes when a time expression from the rule has the stated
// `date` (text), `value` and `type`, and the example's first claim has the
// stated `claim_date`. A `not` entry passes when no expression comes from
// the rule.
//
// Special roles: a `nontime` rule (an event name, a count) passes when the
// text yields no DATE or TIME expression, its `not` entries when it yields
// one; a `url_date` rule's example text is a url, given as the `url` of a
// one-sentence article whose claim must carry that article date; an
// `article_date` rule's claims must also carry its value as article date.
#include "eval/rule_examples.h"

namespace claimex {
namespace {

using Json = nlohmann::json;

Json ValueJson(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

std::string Describe(const std::vector<DateMention>& mentions) {
  if (mentions.empty()) return "no time expressions";
  std::string out;
  for (const DateMention& m : mentions)
    out += (out.empty() ? "" : "; ") + m.rule + " \"" + m.where.text + "\" " + m.type + " " + ValueJson(m.value).dump();
  return out;
}

}  // namespace

ExampleResult CheckTimeExample(const Extractor& extractor, const Rule& rule, const RuleExample& example, bool positive) {
  ExampleResult result{&rule, &example, positive, false, ""};
  const std::string role = rule.param("role");
  Document doc;
  doc.id = "example";
  if (role == "url_date") {
    doc.text = "Officials said 12 people were killed.";
    doc.meta_json = Json{{"url", example.text}}.dump();
  } else {
    doc.text = example.text;
  }
  if (auto it = example.expect.find("article_date"); it != example.expect.end() && it->is_string())
    doc.date = it->get<std::string>();
  std::vector<Claim> claims;
  std::vector<DateMention> mentions;
  Status status = extractor.Extract(doc, false, &claims, &mentions);
  if (!status.ok()) {
    result.message = "example text is unreadable: " + status.message();
    return result;
  }

  if (role == "url_date") {
    std::string got = claims.empty() ? "" : claims.front().article_date;
    if (!positive) {
      result.passed = got.empty();
      if (!result.passed) result.message = "the url gave the article date " + got + ", but this example says it must not";
      return result;
    }
    const Json want = example.expect.value("value", Json(nullptr));
    result.passed = !claims.empty() && (want.is_null() ? got.empty() : Json(got) == want);
    if (!result.passed) result.message = "expected article date " + want.dump() + " from the url, got \"" + got + "\"";
    return result;
  }

  if (role == "nontime") {
    bool any_date = false;
    for (const DateMention& m : mentions) any_date = any_date || m.type == "DATE" || m.type == "TIME";
    result.passed = positive ? !any_date : any_date;
    if (!result.passed)
      result.message = positive ? "expected no DATE or TIME expression, got " + Describe(mentions)
                                : "expected a DATE or TIME expression here, got " + Describe(mentions);
    return result;
  }

  std::vector<const DateMention*> from_rule;
  for (const DateMention& m : mentions)
    if (m.rule == rule.id) from_rule.push_back(&m);
  if (!positive) {
    result.passed = from_rule.empty();
    if (!result.passed) result.message = "the rule matched, but this example says it must not: " + Describe(mentions);
    return result;
  }
  const DateMention* hit = nullptr;
  for (const DateMention* m : from_rule) {
    bool all = true;
    if (auto it = example.expect.find("date"); it != example.expect.end()) all = all && Json(m->where.text) == *it;
    if (auto it = example.expect.find("value"); it != example.expect.end()) all = all && ValueJson(m->value) == *it;
    if (auto it = example.expect.find("type"); it != example.expect.end()) all = all && Json(m->type) == *it;
    if (all) {
      hit = m;
      break;
    }
  }
  if (!hit) {
    result.message = "expected an expression from this rule with " + example.expect.dump() + ", got " + Describe(mentions);
    return result;
  }
  if (auto it = example.expect.find("claim_date"); it != example.expect.end()) {
    if (claims.empty()) {
      result.message = "the example states claim_date but yields no claim";
      return result;
    }
    const Claim& c = claims.front();
    const Json got = c.date ? ValueJson(c.date->value) : Json(nullptr);
    if (got != *it) {
      result.message = "expected the claim's date " + it->dump() + ", got " + got.dump() +
                       (c.date ? " from \"" + c.date->text + "\"" : std::string());
      return result;
    }
  }
  if (role == "article_date") {
    const std::string want = hit->value ? hit->value->substr(0, 10) : "";
    for (const Claim& c : claims)
      if (c.article_date != want) {
        result.message = "expected the article date \"" + want + "\" on every claim, got \"" + c.article_date + "\"";
        return result;
      }
  }
  result.passed = true;
  return result;
}

}  // namespace claimex
