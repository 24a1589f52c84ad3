// Segment: the second pipeline stage. Splits normalized text into sentences
// at the boundaries of ICU's sentence BreakIterator (UAX #29; computed
// directly by sentence_breaks.h wherever that gives the same), then removes
// the breaks after an abbreviation from the lexicon
// (rules/lexicon/abbreviations.tsv): "Gen. David Petraeus", "Col. Myles
// Caggins", "the U.S. Army" — unless the next word is one that opens
// sentences and never continues a name (rules/lexicon/sentence_openers.tsv):
// "… imposed by the U.S. The move …" stays two sentences.
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
  // `openers`: words that keep a break after an abbreviation ("The", "It"),
  // compared case-sensitively.
  explicit SentenceSegmenter(std::vector<std::string> abbreviations, std::vector<std::string> openers = {});
  SentenceSegmenter(SentenceSegmenter&&) noexcept;
  ~SentenceSegmenter();

  // Sentence spans over `normalized` (byte offsets into it), in order.
  std::vector<Span> Split(std::string_view normalized) const;

 private:
  // Whether the word at `at` (after white space and opening quotes) is an opener.
  bool OpenerAt(std::string_view text, size_t at) const;

  std::unordered_set<std::string> abbreviations_;
  std::unordered_set<std::string> openers_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimex

#endif  // CLAIMEX_SEGMENT_SEGMENT_H_
