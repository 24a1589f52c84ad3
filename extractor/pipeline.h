// Pipeline: Normalize → Segment → Match → Assemble, for one document.
// (Emit is the caller's, so output order stays under its control.)
//
// An Extractor holds the compiled rulebook's matchers and is immutable:
// one instance serves every worker thread.
#ifndef CLAIMEX_PIPELINE_H_
#define CLAIMEX_PIPELINE_H_

#include <vector>

#include "assemble/claim.h"
#include "base/document.h"
#include "base/status.h"
#include "match/quantity_matcher.h"
#include "rulebook/rulebook.h"
#include "segment/segment.h"

namespace claimex {

class Extractor {
 public:
  explicit Extractor(const Rulebook& rules);

  // Claims of `doc`, in text order. Fails (and yields nothing) only for
  // input the pipeline cannot read, such as invalid UTF-8.
  Status Extract(const Document& doc, bool explain, std::vector<Claim>* claims) const;

  // Like Extract, and also appends every rule match of every sentence, with
  // what became of it (spans over the normalized text). For rule examples.
  Status ExtractWithTrace(const Document& doc, std::vector<Claim>* claims,
                          std::vector<MatchTrace>* trace) const;

  const Rulebook& rules() const { return rules_; }

 private:
  Status Run(const Document& doc, bool explain, std::vector<Claim>* claims,
             std::vector<MatchTrace>* trace) const;

  const Rulebook& rules_;
  SentenceSegmenter segmenter_;
  QuantityMatcher quantities_;
};

}  // namespace claimex

#endif  // CLAIMEX_PIPELINE_H_
