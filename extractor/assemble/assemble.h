// Assemble: the fourth pipeline stage. Turns the mentions of one sentence
// into Claims: translates every span to original offsets (through the
// document's OffsetMap, the only place that happens), slices the claim text
// from the original bytes, and attaches document-level fields.
#ifndef CLAIMEX_ASSEMBLE_ASSEMBLE_H_
#define CLAIMEX_ASSEMBLE_ASSEMBLE_H_

#include <string_view>
#include <vector>

#include "assemble/claim.h"
#include "base/document.h"
#include "match/mention.h"
#include "normalize/normalize.h"

namespace claimex {

// Appends one Claim per quantity of `matches` to *claims. `sentence` is over
// the normalized text (a window of sentence number `sentence_index`). With `explain`, each claim carries the normalized
// sentence and every rule match that touched its quantity.
void AssembleSentence(const Document& doc, const NormalizedText& normalized, Span sentence,
                      size_t sentence_index, const SentenceMatches& matches, bool explain,
                      std::vector<Claim>* claims);

}  // namespace claimex

#endif  // CLAIMEX_ASSEMBLE_ASSEMBLE_H_
