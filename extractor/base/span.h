// Span: a half-open [start, end) range of UTF-8 byte offsets.
//
// Every span that leaves the extractor indexes the ORIGINAL input bytes
// (CLAIMS.md). Spans over the normalized text exist only inside the pipeline
// and are translated back by OffsetMap (normalize/offset_map.h), the one place
// where that happens.
#ifndef CLAIMEX_BASE_SPAN_H_
#define CLAIMEX_BASE_SPAN_H_

#include <cstddef>

namespace claimex {

struct Span {
  size_t start = 0;
  size_t end = 0;

  size_t size() const { return end - start; }
  bool empty() const { return end <= start; }
  bool Overlaps(const Span& o) const { return start < o.end && o.start < end; }
  bool Contains(const Span& o) const { return start <= o.start && o.end <= end; }
  bool operator==(const Span& o) const { return start == o.start && end == o.end; }
  bool operator!=(const Span& o) const { return !(*this == o); }
};

}  // namespace claimex

#endif  // CLAIMEX_BASE_SPAN_H_
