// Stages: what the rule loader accepts in a rule of each non-quantity stage.
//
// A rule names its stage with `stage = "time" | "attribution" | "link"`
// (quantity and exclusion rules say `kind = ...` instead). Each stage has its
// own capture names, extra keys and example fields; the loader rejects any
// other with file:line:col, so a typo in a rule file never passes silently.
#ifndef CLAIMEX_RULEBOOK_STAGES_H_
#define CLAIMEX_RULEBOOK_STAGES_H_

#include <string>
#include <vector>

#include "rulebook/rule.h"

namespace claimex {

struct StageSpec {
  RuleStage stage;
  std::string name;                   // as written in `stage = "..."`
  std::vector<std::string> captures;  // allowed capture names (alternatives as <name>_<N>)
  std::vector<std::string> keys;      // extra rule keys (string, number, boolean or array of strings)
  std::vector<std::string> expect;    // keys an `examples` entry may state besides `text`
  bool prefilter = false;             // build Rulebook::stage_prefilter for it
};

// The specs of the non-quantity stages.
const std::vector<StageSpec>& NonQuantityStages();
const StageSpec* FindStage(const std::string& name);
const StageSpec* FindStage(RuleStage stage);
const char* StageName(RuleStage stage);

}  // namespace claimex

#endif  // CLAIMEX_RULEBOOK_STAGES_H_
