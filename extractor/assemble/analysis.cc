#include "assemble/analysis.h"

#include <algorithm>

namespace claimex {

size_t DocumentAnalysis::SentenceAt(size_t at) const {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), at,
                             [](size_t offset, const Span& s) { return offset < s.end; });
  if (it == sentences.end()) return sentences.empty() ? 0 : sentences.size() - 1;
  return static_cast<size_t>(it - sentences.begin());
}

}  // namespace claimex
