// TimeTagger: the time stage. Finds and normalizes time expressions
// (rules/time.toml), settles the article's date, and dates each claim
// (CLAIMS.md "Conventions → Dates").
//
// Immutable after construction; one instance serves every thread.
#ifndef CLAIMEX_TIME_TIME_TAGGER_H_
#define CLAIMEX_TIME_TIME_TAGGER_H_

#include <vector>

#include "assemble/analysis.h"
#include "assemble/claim.h"
#include "rulebook/rulebook.h"

namespace claimex {

class TimeTagger {
 public:
  explicit TimeTagger(const Rulebook& rules);

  // Fills analysis->time_mentions, and analysis->article_date when the
  // metadata did not give one and the text or the `url` does.
  void Tag(DocumentAnalysis* analysis) const;

  // Sets `date` (and appends the time rule to `rules`) of each claim.
  void DateClaims(const DocumentAnalysis& analysis, bool explain, std::vector<Claim>* claims) const;

 private:
  const Rulebook& rules_;
};

}  // namespace claimex

#endif  // CLAIMEX_TIME_TIME_TAGGER_H_
