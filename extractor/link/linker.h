// Linker: the link stage. Ties each quantity to the organization it counts
// (`subject`, with its canonical name from the alias lexicon) and the place
// it holds in (`place`, from the gazetteer) — rules/link.toml.
//
// Immutable after construction; one instance serves every thread.
#ifndef CLAIMEX_LINK_LINKER_H_
#define CLAIMEX_LINK_LINKER_H_

#include <vector>

#include "assemble/analysis.h"
#include "assemble/claim.h"
#include "rulebook/rulebook.h"

namespace claimex {

class Linker {
 public:
  explicit Linker(const Rulebook& rules);

  // Sets `subject` and `place` (and appends their rules to `rules`) of each claim.
  void Link(const DocumentAnalysis& analysis, bool explain, std::vector<Claim>* claims) const;

 private:
  const Rulebook& rules_;
};

}  // namespace claimex

#endif  // CLAIMEX_LINK_LINKER_H_
