// SentenceBreaks: the sentence boundaries of Unicode UAX #29 (the rules
// ICU's sentence BreakIterator implements), computed directly over UTF-8.
//
// Why not ICU's iterator: it walks the text through a UText, converting
// UTF-8 to UTF-16 and running a generic state machine, which cost about a
// sixth of the whole pipeline (docs/performance.md). The rules themselves
// are few; here they run over each code point's Sentence_Break property
// (from ICU, a table lookup for ASCII).
//
// Coverage: rules SB1–SB11 except SB5 (Extend and Format characters are
// transparent, which the simple scan below does not model). Text holding
// such a character (combining marks, soft hyphens, zero-width joiners…) or
// invalid UTF-8 returns nullopt, and the caller uses ICU. The equivalence
// with ICU is checked by tests/segment/sentence_breaks_test.cc over random
// text drawn from every Sentence_Break class and over real articles.
#ifndef CLAIMEX_SEGMENT_SENTENCE_BREAKS_H_
#define CLAIMEX_SEGMENT_SENTENCE_BREAKS_H_

#include <optional>
#include <string_view>
#include <vector>

namespace claimex {

// Boundary offsets in bytes, ascending, each > 0, the last == text.size()
// (what ICU's BreakIterator::next() yields); empty for empty text.
std::optional<std::vector<size_t>> SentenceBreaks(std::string_view text);

}  // namespace claimex

#endif  // CLAIMEX_SEGMENT_SENTENCE_BREAKS_H_
