#include "attribute/attributor.h"

namespace claimex {

Attributor::Attributor(const Rulebook& rules) : rules_(rules) {}

void Attributor::Attribute(const DocumentAnalysis& analysis, bool explain, std::vector<Claim>* claims) const {
  (void)analysis;
  (void)explain;
  (void)claims;
}

}  // namespace claimex
