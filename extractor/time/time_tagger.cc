#include "time/time_tagger.h"

namespace claimex {

TimeTagger::TimeTagger(const Rulebook& rules) : rules_(rules) {}

void TimeTagger::Tag(DocumentAnalysis* analysis) const { (void)analysis; }

void TimeTagger::DateClaims(const DocumentAnalysis& analysis, bool explain, std::vector<Claim>* claims) const {
  (void)analysis;
  (void)explain;
  (void)claims;
}

}  // namespace claimex
