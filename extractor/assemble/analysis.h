// DocumentAnalysis: what the pipeline knows about one document once its
// quantities are found, shared by the stages that complete the claims
// (time → attribute → date → link). Spans index the normalized text.
#ifndef CLAIMEX_ASSEMBLE_ANALYSIS_H_
#define CLAIMEX_ASSEMBLE_ANALYSIS_H_

#include <optional>
#include <string>
#include <vector>

#include "base/document.h"
#include "base/span.h"
#include "normalize/normalize.h"

namespace claimex {

// A time expression the time stage found (normalized offsets).
struct TimeMention {
  Span span;
  std::string type = "DATE";          // TIMEX3 type: DATE | TIME | DURATION | SET
  std::optional<std::string> value;   // ISO 8601 / TIMEX3, null when unresolvable
  std::string rule;                   // id of the rule that found it
  size_t sentence_index = 0;
  bool dates_claims = true;           // false for expressions that never date a claim (`since 2014`)
  bool comparison = false;            // a comparison base (`up 13% from the previous year`): dates a claim last
  bool baseline = false;              // the period a change is measured against (`than the same period in
                                      // 2004`): dates no percentage or ratio
};

struct DocumentAnalysis {
  DocumentAnalysis(const Document& d, const NormalizedText& n) : doc(d), normalized(n) {}

  const Document& doc;
  const NormalizedText& normalized;
  std::vector<Span> sentences;  // in text order

  // The article's date (YYYY[-MM[-DD]]), or empty: from the input's metadata
  // or --date, else found in the text by the time stage.
  std::string article_date;
  std::string article_date_rule;  // "metadata" or the id of the rule that found it

  std::vector<TimeMention> time_mentions;  // in text order

  // The sentence holding normalized offset `at` (index into sentences).
  size_t SentenceAt(size_t at) const;
  std::string_view Text(Span span) const {
    return std::string_view(normalized.text).substr(span.start, span.size());
  }
};

}  // namespace claimex

#endif  // CLAIMEX_ASSEMBLE_ANALYSIS_H_
