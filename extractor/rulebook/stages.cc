#include "rulebook/stages.h"

namespace claimex {

const std::vector<StageSpec>& NonQuantityStages() {
  static const std::vector<StageSpec> kStages = {
      // Time expressions (rules/time.toml): see rules/README.md "Time rules".
      {RuleStage::kTime,
       "time",
       {"span", "year", "month", "day", "weekday", "quarter", "half", "part", "number", "unit", "hour", "minute",
        "ampm", "decade", "season", "offset"},
       {"type", "value", "anchor", "mod", "shift", "granularity", "role", "cumulative", "within"},
       {"date", "value", "type", "article_date", "claim_date"}},
      // Attribution (rules/attribution.toml): see rules/README.md "Attribution rules".
      // Captures: speaker (the words holding the mention), cue, content (the
      // only text the attribution covers: possessives), quote (the quote mark
      // that ties a quotation to it). Keys: pattern_kind (speaker | block |
      // follow_on), direction (both | forward | backward), speaker_kind,
      // unknown_head_kind,
      // anonymous, cue_lemma. Example keys: quantity (whose claim), speaker
      // (mention text or "null"), name, kind, anonymous, cue (text or "null"), lemma.
      {RuleStage::kAttribution,
       "attribution",
       {"speaker", "cue", "quote", "content"},
       {"pattern_kind", "speaker_kind", "unknown_head_kind", "anonymous", "cue_lemma", "direction"},
       {"quantity", "speaker", "name", "kind", "anonymous", "cue", "lemma"},
       /*prefilter=*/true},
      // Subjects and places (rules/link.toml): see rules/README.md "Subject and place rules".
      {RuleStage::kLink,
       "link",
       {"span", "subject", "place"},
       {"role"},
       {"quantity", "subject", "canonical", "place"}},
  };
  return kStages;
}

const StageSpec* FindStage(const std::string& name) {
  for (const StageSpec& s : NonQuantityStages())
    if (s.name == name) return &s;
  return nullptr;
}

const StageSpec* FindStage(RuleStage stage) {
  for (const StageSpec& s : NonQuantityStages())
    if (s.stage == stage) return &s;
  return nullptr;
}

const char* StageName(RuleStage stage) {
  switch (stage) {
    case RuleStage::kQuantity: return "quantity";
    case RuleStage::kExclusion: return "exclusion";
    case RuleStage::kTime: return "time";
    case RuleStage::kAttribution: return "attribution";
    case RuleStage::kLink: return "link";
  }
  return "?";
}

}  // namespace claimex
