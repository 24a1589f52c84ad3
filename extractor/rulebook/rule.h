// Rule: one compiled matcher from a rule file, with its examples.
//
// A rule's pattern is an RE2 regex after `{fragment}` and `{@lexicon}`
// expansion. Its named captures say what the matched text means; the engine
// knows these names (anything else is a load error):
//   value, low, high       numbers (digits, number words, multipliers)
//   value2, qualifier2     a second bound merged into one range with value
//   qualifier              a phrase from lexicon `qualifiers` (more than, some…)
//   qualifier_after        a phrase from lexicon `qualifiers` after the number (or more)
//   currency               a symbol or word from lexicon `currencies`
//   vague                  a phrase from lexicon `vague_magnitudes` (hundreds…)
//   fraction               a word from lexicon `fractions` (half, a third…)
//   numerator, denominator `one in three`
//   span                   the part of the match that is the claim's text
//                          (or, in an exclusion, the text it vetoes)
//                          (default: the whole match)
// RE2 forbids one name twice, so alternatives of a pattern name theirs
// `<name>_<N>` (span_2, fraction_2): the first group of a name that took
// part in the match counts.
#ifndef CLAIMEX_RULEBOOK_RULE_H_
#define CLAIMEX_RULEBOOK_RULE_H_

#include <re2/re2.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/quantity.h"

namespace claimex {

class LazyCaptureProgram;  // rulebook/captures.h

// A rule's RE2: handed over compiled, or compiled from its pattern the first
// time it is asked for (by whichever thread asks first; the others wait).
// Immutable from then on. A stage that picks its candidates with an RE2::Set
// needs a rule's own RE2 only once the Set reports the rule: the Set has
// parsed and checked the pattern at load, and a short article needs few of
// its rules. Once per process, never per document.
class RuleRegex {
 public:
  explicit RuleRegex(std::string pattern) : pattern_(std::move(pattern)) {}
  explicit RuleRegex(std::shared_ptr<const RE2> compiled) : compiled_(std::move(compiled)) {
    std::call_once(once_, [] {});
  }
  const RE2& Get() const;

 private:
  const std::string pattern_;
  mutable std::once_flag once_;
  mutable std::shared_ptr<const RE2> compiled_;
};

// Which pipeline stage reads a rule. Quantity and exclusion rules use the
// captures below; the other stages' captures, keys and example fields are
// listed in rulebook/stages.cc.
enum class RuleStage { kQuantity, kExclusion, kTime, kAttribution, kLink };
enum class UnitSource { kNoun, kCurrency, kFixed, kNone };

// One `examples` entry (must match, with expected field values) or one `not`
// entry (must not match).
struct RuleExample {
  std::string text;
  // Expected fields: for quantity rules, of the claim's `quantity` object
  // ("text", "low", …) as they appear in the emitted record; for the other
  // stages, the keys that stage's examples take (rulebook/stages.cc).
  // JSON null for `null`.
  nlohmann::json expect = nlohmann::json::object();
  int line = 0;
  int column = 0;
};

enum Capture {
  kCapValue, kCapLow, kCapHigh, kCapValue2, kCapQualifier, kCapQualifier2,
  kCapQualifierAfter, kCapCurrency, kCapVague, kCapFraction, kCapNumerator,
  kCapDenominator, kCapSpan, kCaptureCount
};
extern const char* const kCaptureNames[kCaptureCount];

struct Rule {
  std::string id;
  std::string file;
  int line = 0;
  int column = 0;

  RuleStage stage = RuleStage::kQuantity;
  QuantityKind kind = QuantityKind::kCount;
  int priority = 0;  // breaks ties between equally long matches at one place
  std::optional<Relation> relation;  // forces the relation
  std::optional<bool> approx;        // forces approx
  UnitSource unit_source = UnitSource::kNoun;
  std::string fixed_unit;  // with UnitSource::kFixed
  bool split = false;      // `from X to Y` as a change: two eq claims
  double scale = 1;        // multiplies the values read: 0.01 for an amount in cents

  std::string pattern;  // after expansion
  // The rule's RE2 (see RuleRegex): for a prefiltered stage, the prefilter's
  // own RE2 of the same pattern and options (FilteredRE2 compiles each one
  // anyway); for a stage with an RE2::Set, compiled on first use. Null only
  // in a rule book that failed to load.
  std::shared_ptr<const RuleRegex> compiled;
  const RE2& regex() const { return compiled->Get(); }
  int group_count = 0;  // capturing groups of `pattern`
  // Reads the groups of a match `regex` found (rulebook/captures.h),
  // compiled on first use; null for a rule without groups. Use ReadCaptures().
  std::shared_ptr<const LazyCaptureProgram> captures;
  int capture_group[kCaptureCount];  // RE2 group index, or -1
  std::vector<int> alternative_groups[kCaptureCount];  // groups of <name>_<N>

  // Time, attribution and link rules: every named group by its full name,
  // and the stage's own keys as written (see rulebook/stages.cc).
  std::map<std::string, int> groups;
  nlohmann::json params = nlohmann::json::object();

  std::vector<RuleExample> examples;
  std::vector<RuleExample> counter_examples;

  Rule() { for (int& g : capture_group) g = -1; }
  bool has(Capture c) const { return capture_group[c] >= 0; }
  // RE2 group index of a named capture of a non-quantity rule, or -1.
  int group(const std::string& name) const {
    auto it = groups.find(name);
    return it == groups.end() ? -1 : it->second;
  }
  // A string key of a non-quantity rule, or `fallback`.
  std::string param(const std::string& key, const std::string& fallback = "") const {
    auto it = params.find(key);
    return it != params.end() && it->is_string() ? it->get<std::string>() : fallback;
  }
};

}  // namespace claimex

#endif  // CLAIMEX_RULEBOOK_RULE_H_
