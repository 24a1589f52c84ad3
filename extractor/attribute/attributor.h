// Attributor: the attribution stage. Finds who asserts each claim and with
// which words (rules/attribution.toml and the cue, title and role lexicons),
// resolving pronouns and short names within the document (CLAIMS.md
// "Conventions → Speakers").
//
// Immutable after construction; one instance serves every thread.
#ifndef CLAIMEX_ATTRIBUTE_ATTRIBUTOR_H_
#define CLAIMEX_ATTRIBUTE_ATTRIBUTOR_H_

#include <vector>

#include "assemble/analysis.h"
#include "assemble/claim.h"
#include "rulebook/rulebook.h"

namespace claimex {

class Attributor {
 public:
  explicit Attributor(const Rulebook& rules);

  // Sets `speaker` and `cue` (and appends the attribution rule to `rules`)
  // of each claim; with `explain`, records the rule and the candidates passed over.
  void Attribute(const DocumentAnalysis& analysis, bool explain, std::vector<Claim>* claims) const;

 private:
  const Rulebook& rules_;
};

}  // namespace claimex

#endif  // CLAIMEX_ATTRIBUTE_ATTRIBUTOR_H_
