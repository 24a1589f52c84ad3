#include "link/linker.h"

namespace claimex {

Linker::Linker(const Rulebook& rules) : rules_(rules) {}

void Linker::Link(const DocumentAnalysis& analysis, bool explain, std::vector<Claim>* claims) const {
  (void)analysis;
  (void)explain;
  (void)claims;
}

}  // namespace claimex
