#include "segment/sentence_breaks.h"

#include <array>
#include <cstdint>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace claimex {
namespace {

using Class = uint8_t;  // a USentenceBreak value

std::array<Class, 128> AsciiClasses() {
  std::array<Class, 128> table{};
  for (UChar32 c = 0; c < 128; ++c)
    table[c] = static_cast<Class>(u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK));
  return table;
}

bool IsParaSep(Class c) { return c == U_SB_SEP || c == U_SB_CR || c == U_SB_LF; }
bool IsSATerm(Class c) { return c == U_SB_ATERM || c == U_SB_STERM; }
// Where a rule other than SB998 (no break) can apply.
bool StartsBreakRule(Class c) { return IsParaSep(c) || IsSATerm(c); }

// Code points as the rules see them, read in place from UTF-8 that has been
// checked: a code point is named by the offset of its first byte. ASCII
// bytes, nearly all of news text, take a table lookup; the others are
// decoded where the rules look at them.
struct Utf8Text {
  const uint8_t* bytes;
  size_t m;
  const std::array<Class, 128>& table;
  const std::array<bool, 128>& starts;  // StartsBreakRule of each ASCII byte's class

  Class cls(size_t k) const {
    if (bytes[k] < 0x80) return table[bytes[k]];
    UChar32 c;
    U8_NEXT_UNSAFE(bytes, k, c);
    return static_cast<Class>(u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK));
  }
  size_t next(size_t k) const {
    ++k;
    while (k < m && (bytes[k] & 0xC0) == 0x80) ++k;
    return k;
  }
  size_t prev(size_t k) const {
    --k;
    while (k > 0 && (bytes[k] & 0xC0) == 0x80) --k;
    return k;
  }
  // The first code point from k whose class StartsBreakRule, or m.
  size_t NextCandidate(size_t k) const {
    while (k < m) {
      if (bytes[k] < 0x80) {
        if (starts[bytes[k]]) return k;
        ++k;
      } else {
        if (StartsBreakRule(cls(k))) return k;
        k = next(k);
      }
    }
    return m;
  }
};

// UAX #29 over `t` (see the header for what is left out).
std::vector<size_t> Breaks(const Utf8Text& t) {
  std::vector<size_t> breaks;
  const size_t m = t.m;
  // Past a paragraph separator at k, and CR LF as one (SB3).
  auto past_separator = [&](size_t k) {
    const bool cr = t.cls(k) == U_SB_CR;
    k = t.next(k);
    return cr && k < m && t.cls(k) == U_SB_LF ? t.next(k) : k;
  };
  size_t k = 0;
  while ((k = t.NextCandidate(k)) < m) {
    const Class c = t.cls(k);
    if (IsParaSep(c)) {  // SB4 ParaSep ÷
      k = past_separator(k);
      breaks.push_back(k);
      continue;
    }
    const size_t term = k;  // an STerm or ATerm: NextCandidate passed the rest (SB998)
    k = t.next(k);
    if (c == U_SB_ATERM && k < m) {
      if (t.cls(k) == U_SB_NUMERIC) continue;  // SB6 ATerm × Numeric: "3.5"
      if (t.cls(k) == U_SB_UPPER && term > 0) {
        const Class before = t.cls(t.prev(term));
        if (before == U_SB_UPPER || before == U_SB_LOWER) continue;  // SB7 (Upper | Lower) ATerm × Upper: "U.S"
      }
    }
    while (k < m && t.cls(k) == U_SB_CLOSE) k = t.next(k);  // SB9
    while (k < m && t.cls(k) == U_SB_SP) k = t.next(k);     // SB10
    if (k == m) break;                                      // SB2 at the end
    if (IsParaSep(t.cls(k))) {                              // SB10, then SB11 after the separator
      k = past_separator(k);
      breaks.push_back(k);
      continue;
    }
    if (c == U_SB_ATERM) {  // SB8: no break before a lower-case continuation
      size_t j = k;
      while (j < m && t.cls(j) != U_SB_OLETTER && t.cls(j) != U_SB_UPPER && t.cls(j) != U_SB_LOWER &&
             !IsParaSep(t.cls(j)) && !IsSATerm(t.cls(j)))
        j = t.next(j);
      if (j < m && t.cls(j) == U_SB_LOWER) continue;
    }
    if (t.cls(k) == U_SB_SCONTINUE || IsSATerm(t.cls(k))) continue;  // SB8a
    breaks.push_back(k);                                               // SB11
  }
  if (breaks.empty() || breaks.back() != m) breaks.push_back(m);
  return breaks;
}

// Whether the rules above can read `text`: valid UTF-8 without Extend or
// Format characters (SB5, left to ICU). ASCII is passed sixteen bytes at a time.
bool Readable(const uint8_t* bytes, size_t n) {
  size_t i = 0;
  while (i < n) {
#ifdef __SSE2__
    while (i + 16 <= n && !_mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i)))) i += 16;
#endif
    if (bytes[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (c < 0) return false;
    const auto k = u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
    if (k == U_SB_EXTEND || k == U_SB_FORMAT) return false;
  }
  return true;
}

}  // namespace

std::optional<std::vector<size_t>> SentenceBreaks(std::string_view text) {
  static const std::array<Class, 128> kAscii = AsciiClasses();
  static const std::array<bool, 128> kStarts = [] {
    std::array<bool, 128> starts{};
    for (size_t b = 0; b < 128; ++b) starts[b] = StartsBreakRule(kAscii[b]);
    return starts;
  }();
  const size_t n = text.size();
  if (n == 0) return std::vector<size_t>();
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  if (!Readable(bytes, n)) return std::nullopt;
  return Breaks(Utf8Text{bytes, n, kAscii, kStarts});
}

}  // namespace claimex
