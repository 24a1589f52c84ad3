#include "attribute/quotes.h"

#include <algorithm>
#include <cstring>

namespace claimex {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Whether an opening mark at `at` starts a full quotation: at the start of
// its paragraph, or after a colon, comma, or a sentence's end (ignoring spaces).
bool OpensFullQuotation(std::string_view text, size_t at, size_t paragraph_start) {
  size_t k = at;
  while (k > paragraph_start && IsSpace(text[k - 1])) --k;
  if (k == paragraph_start) return true;
  const char before = text[k - 1];
  return before == ':' || before == ',' || before == '.' || before == '?' || before == '!' || before == ';';
}

}  // namespace

std::vector<Quotation> FindQuotations(std::string_view text) {
  std::vector<Quotation> out;
  size_t paragraph = 0;
  size_t line_start = 0;
  int open_chain = -1;  // a quotation left open at the end of the previous paragraph
  while (line_start <= text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    size_t first = line_start;
    while (first < line_end && IsSpace(text[first])) ++first;
    if (first == line_end) {  // a blank line keeps an open quotation waiting
      line_start = line_end + 1;
      continue;
    }
    bool open = false;
    Quotation current;
    bool full = false;
    for (size_t at = first; at < line_end; ++at) {
      const void* hit = std::memchr(text.data() + at, '"', line_end - at);
      if (!hit) break;
      at = static_cast<const char*>(hit) - text.data();
      if (!open) {
        open = true;
        full = OpensFullQuotation(text, at, first);
        current = Quotation{};
        current.span.start = at;
        current.paragraph = paragraph;
        if (at == first && open_chain >= 0) current.chain_previous = open_chain;
      } else {
        open = false;
        current.span.end = at + 1;
        current.closed = true;
        if (full) out.push_back(current);
      }
    }
    open_chain = -1;
    if (open) {
      current.span.end = line_end;
      if (full) {
        out.push_back(current);
        open_chain = static_cast<int>(out.size()) - 1;
      }
    }
    ++paragraph;
    line_start = line_end + 1;
  }
  return out;
}

int QuotationAt(const std::vector<Quotation>& quotes, size_t at) {
  // Quotations do not overlap and are in text order: the last one opening at or before `at`.
  auto it = std::upper_bound(quotes.begin(), quotes.end(), at,
                             [](size_t offset, const Quotation& q) { return offset < q.span.start; });
  if (it == quotes.begin()) return -1;
  --it;
  return at < it->span.end ? static_cast<int>(it - quotes.begin()) : -1;
}

}  // namespace claimex
