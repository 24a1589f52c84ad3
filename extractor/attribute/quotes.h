// Quotations of a document: which stretches of text are someone's quoted
// words, so a number inside one is attributed to whoever the quotation is
// attributed to, even when that attribution is sentences away (CLAIMS.md
// "Conventions → Speakers"; after normalization every quote mark is ASCII ").
//
// Marks pair up within a paragraph (a line). A paragraph that ends inside a
// quotation closes it there; when the next paragraph opens with a mark, the
// quotation goes on there (the newspaper convention for a quotation over
// several paragraphs), and both parts form one chain. An unbalanced mark
// runs to the end of its paragraph.
//
// Only full quotations count: one that opens a paragraph or follows a colon,
// comma or sentence end. A quoted phrase inside a sentence ("called it the
// "perfect base"") is the sentence's own words and is left alone.
#ifndef CLAIMEX_ATTRIBUTE_QUOTES_H_
#define CLAIMEX_ATTRIBUTE_QUOTES_H_

#include <string_view>
#include <vector>

#include "base/span.h"

namespace claimex {

struct Quotation {
  Span span;                // from the opening mark to just after the closing one (or the paragraph end)
  bool closed = false;      // ends with a closing mark
  size_t paragraph = 0;     // index of the paragraph (line) it is in
  int chain_previous = -1;  // the part before it in a multi-paragraph quotation, or -1
};

// Every full quotation of `text`, in text order.
std::vector<Quotation> FindQuotations(std::string_view text);

// Index of the quotation containing offset `at`, or -1.
int QuotationAt(const std::vector<Quotation>& quotes, size_t at);

}  // namespace claimex

#endif  // CLAIMEX_ATTRIBUTE_QUOTES_H_
