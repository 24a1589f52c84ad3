// Mentions: what the match stage finds in one sentence, before claims are
// assembled. Spans here are over the NORMALIZED document text.
#ifndef CLAIMEX_MATCH_MENTION_H_
#define CLAIMEX_MATCH_MENTION_H_

#include <optional>
#include <string>
#include <vector>

#include "base/quantity.h"
#include "base/span.h"
#include "rulebook/rule.h"

namespace claimex {

struct QuantityMention : QuantityValue {
  const Rule* rule = nullptr;
  Span span;              // the claim's quantity text
  size_t match_end = 0;   // end of the whole rule match; the counted noun follows it
  size_t number_start = 0;  // where the number itself begins, after a qualifier before it
  std::string unit_how;  // for --explain: "noun", "carried from …", "partitive", …
};

// One rule match seen while matching a sentence, kept for --explain.
struct MatchTrace {
  std::string rule_id;
  Span span;
  std::string outcome;  // "chosen", "vetoed by exclusion.year", "overlapped by quantity.range", …
};

struct SentenceMatches {
  std::vector<QuantityMention> quantities;  // chosen, in text order
  std::vector<MatchTrace> trace;            // every match, in text order
};

}  // namespace claimex

#endif  // CLAIMEX_MATCH_MENTION_H_
