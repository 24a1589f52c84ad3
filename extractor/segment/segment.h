// Segment: the second pipeline stage. Splits normalized text into sentences
// at the boundaries of ICU's sentence BreakIterator (UAX #29; computed
// directly by sentence_breaks.h wherever that gives the same), then removes
// the breaks after an abbreviation from the lexicon
// (rules/lexicon/abbreviations.tsv): "Gen. David Petraeus", "Col. Myles
// Caggins", "the U.S. Army".
//
// Paragraph breaks (newlines) end a sentence, so a headline is a sentence of
// its own — except a single line break followed by a lower-case word or a
// digit after a line that does not end in . ! ?, which is a hard-wrapped line. Leading and trailing white space is trimmed from every
// sentence; sentences that are only white space are dropped.
//
// Thread-safety: a SentenceSegmenter is immutable after construction and may
// be shared; Split() clones ICU's iterator when it needs one, so calls from
// several threads are safe.
#ifndef CLAIMEX_SEGMENT_SEGMENT_H_
#define CLAIMEX_SEGMENT_SEGMENT_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/span.h"
#include "base/status.h"

namespace claimex {

class SentenceSegmenter {
 public:
  // `abbreviations`: tokens, with their final period, that never end a
  // sentence, compared case-sensitively ("Gen.", "U.S.", "No.").
  explicit SentenceSegmenter(std::vector<std::string> abbreviations);
  ~SentenceSegmenter();

  // Sentence spans over `normalized` (byte offsets into it), in order.
  std::vector<Span> Split(std::string_view normalized) const;

 private:
  std::unordered_set<std::string> abbreviations_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimex

#endif  // CLAIMEX_SEGMENT_SEGMENT_H_
