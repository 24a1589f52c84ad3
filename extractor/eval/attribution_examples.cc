// Examples of attribution rules (rules/README.md "Attribution rules").
//
// The example's text runs through the whole extractor with --explain. The
// claim checked is the one whose quantity text is the example's `quantity`
// (or the first claim). A positive example passes when this rule chose the
// claim's speaker (explain "speaker" → "rule") and every field the example
// states holds: `speaker` (the mention's text, or "null"), `name`, `kind`,
// `anonymous`, `cue` (its text, or "null") and `lemma`. A `not` example
// passes when this rule did not choose the speaker, and the fields it states
// hold (so it can say what should happen instead).
#include "eval/rule_examples.h"

#include <algorithm>

#include "emit/record.h"

namespace claimex {
namespace {

using Json = nlohmann::ordered_json;

// The claim `example` is about, or nullptr.
const Claim* FindClaim(const std::vector<Claim>& claims, const nlohmann::json& expect) {
  if (claims.empty()) return nullptr;
  if (!expect.contains("quantity") || !expect["quantity"].is_string()) return &claims.front();
  const std::string want = expect["quantity"].get<std::string>();
  for (const Claim& c : claims)
    if (c.quantity_text == want) return &c;
  for (const Claim& c : claims)
    if (c.quantity_text.find(want) != std::string::npos || want.find(c.quantity_text) != std::string::npos)
      return &c;
  return nullptr;
}

// The field mismatches of `claim` against `expect`, or "".
std::string Mismatches(const Claim& claim, const nlohmann::json& expect) {
  const Json record = ClaimToJson(claim);
  const Json& speaker = record["speaker"];
  const Json& cue = record["cue"];
  std::string out;
  auto check = [&](const char* key, const Json& got) {
    if (!expect.contains(key)) return;
    const nlohmann::json& want = expect[key];
    const bool same = want.is_null() ? got.is_null() : Json::parse(want.dump()) == got;
    if (!same) out += std::string(out.empty() ? "" : ", ") + key + " is " + got.dump() + ", want " + want.dump();
  };
  auto field = [](const Json& object, const char* key) { return object.is_object() ? object[key] : Json(); };
  check("speaker", speaker.is_null() ? Json() : speaker["text"]);
  check("name", field(speaker, "name"));
  check("kind", field(speaker, "kind"));
  check("anonymous", field(speaker, "anonymous"));
  check("cue", cue.is_null() ? Json() : cue["text"]);
  check("lemma", field(cue, "lemma"));
  return out;
}

std::string Summary(const Claim& claim) {
  const Json record = ClaimToJson(claim);
  Json s = {{"quantity", claim.quantity_text}, {"speaker", record["speaker"]}, {"cue", record["cue"]}};
  if (claim.explain && claim.explain->contains("speaker")) s["explain"] = (*claim.explain)["speaker"];
  return s.dump();
}

// A key whose value the stage does not know would silently mean its default.
std::string BadParam(const Rule& rule) {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kAllowed = {
      {"pattern_kind", {"speaker", "block", "follow_on"}},
      {"direction", {"both", "forward", "backward"}},
      {"speaker_kind", {"person", "official", "organization", "media", "document", "group"}},
      {"unknown_head_kind", {"person", "official", "organization", "media", "document", "group"}},
  };
  for (const auto& [key, values] : kAllowed) {
    auto it = rule.params.find(key);
    if (it == rule.params.end()) continue;
    const std::string v = it->is_string() ? it->get<std::string>() : it->dump();
    if (std::find(values.begin(), values.end(), v) == values.end()) {
      std::string list;
      for (const std::string& a : values) list += (list.empty() ? "" : ", ") + a;
      return "unknown " + key + " '" + v + "' (" + list + ")";
    }
  }
  if (auto it = rule.params.find("anonymous"); it != rule.params.end() && !it->is_boolean())
    return "'anonymous' must be true or false";
  return "";
}

}  // namespace

ExampleResult CheckAttributionExample(const Extractor& extractor, const Rule& rule, const RuleExample& example,
                                      bool positive) {
  ExampleResult result{&rule, &example, positive, false, ""};
  if (std::string bad = BadParam(rule); !bad.empty()) {
    result.message = bad;
    return result;
  }
  Document doc;
  doc.id = "example";
  doc.text = example.text;
  std::vector<Claim> claims;
  Status status = extractor.Extract(doc, /*explain=*/true, &claims);
  if (!status.ok()) {
    result.message = "example text is unreadable: " + status.message();
    return result;
  }
  const Claim* claim = FindClaim(claims, example.expect);
  if (!claim) {
    if (!positive && !example.expect.contains("quantity")) {
      result.passed = true;  // no claim at all: this rule chose nothing
      return result;
    }
    result.message = "no claim " +
                     (example.expect.contains("quantity") ? "with quantity " + example.expect["quantity"].dump()
                                                          : std::string("at all")) +
                     " (the quantity rules must find it first)";
    return result;
  }
  bool chosen_by_rule = false;
  if (claim->explain && claim->explain->contains("speaker")) {
    const Json& rule_id = (*claim->explain)["speaker"]["rule"];
    chosen_by_rule = rule_id.is_string() && rule_id.get<std::string>() == rule.id;
  }
  // A `not` text without a quantity key: no claim of the text may take its speaker from this rule.
  if (!positive && !example.expect.contains("quantity")) {
    for (const Claim& c : claims)
      if (c.explain && c.explain->contains("speaker") && (*c.explain)["speaker"]["rule"] == rule.id) {
        result.message = "this rule chose the speaker, but this example says it must not: " + Summary(c);
        return result;
      }
    chosen_by_rule = false;
  }
  const std::string mismatches = Mismatches(*claim, example.expect);
  if (positive && !chosen_by_rule) {
    result.message = "this rule did not choose the speaker: " + Summary(*claim);
  } else if (!positive && chosen_by_rule) {
    result.message = "this rule chose the speaker, but this example says it must not: " + Summary(*claim);
  } else if (!mismatches.empty()) {
    result.message = mismatches + ": " + Summary(*claim);
  } else {
    result.passed = true;
  }
  return result;
}

}  // namespace claimex
