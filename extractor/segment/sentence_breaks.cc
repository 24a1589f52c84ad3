#include "segment/sentence_breaks.h"

#include <array>
#include <cstdint>
#include <limits>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

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

// Code points as the rules see them: a class per code point and its byte
// offset. ASCII text is read in place (one byte, one code point); other text
// is decoded once into the two arrays.
struct AsciiText {
  const uint8_t* bytes;
  size_t m;
  const std::array<Class, 128>& table;
  size_t size() const { return m; }
  Class cls(size_t k) const { return table[bytes[k]]; }
  size_t offset(size_t k) const { return k; }
};

struct DecodedText {
  std::vector<Class> classes;
  std::vector<uint32_t> offsets;  // one more than classes: the text's size last
  size_t size() const { return classes.size(); }
  Class cls(size_t k) const { return classes[k]; }
  size_t offset(size_t k) const { return offsets[k]; }
};

// UAX #29 over `t` (see the header for what is left out).
template <typename Text>
std::vector<size_t> Breaks(const Text& t) {
  std::vector<size_t> breaks;
  const size_t m = t.size();
  auto emit = [&](size_t k) { breaks.push_back(t.offset(k)); };
  size_t k = 0;
  while (k < m) {
    const Class c = t.cls(k);
    if (c == U_SB_CR) {  // SB3 CR × LF, SB4 ParaSep ÷
      k += k + 1 < m && t.cls(k + 1) == U_SB_LF ? 2 : 1;
      emit(k);
      continue;
    }
    if (c == U_SB_LF || c == U_SB_SEP) {  // SB4
      emit(++k);
      continue;
    }
    if (!IsSATerm(c)) {  // SB998
      ++k;
      continue;
    }
    const size_t term = k++;
    if (c == U_SB_ATERM && k < m) {
      if (t.cls(k) == U_SB_NUMERIC) continue;  // SB6 ATerm × Numeric: "3.5"
      if (t.cls(k) == U_SB_UPPER && term > 0 && (t.cls(term - 1) == U_SB_UPPER || t.cls(term - 1) == U_SB_LOWER))
        continue;  // SB7 (Upper | Lower) ATerm × Upper: "U.S"
    }
    while (k < m && t.cls(k) == U_SB_CLOSE) ++k;  // SB9
    while (k < m && t.cls(k) == U_SB_SP) ++k;     // SB10
    if (k == m) break;                            // SB2 at the end
    if (IsParaSep(t.cls(k))) {                    // SB10, then SB11 after the separator
      k += t.cls(k) == U_SB_CR && k + 1 < m && t.cls(k + 1) == U_SB_LF ? 2 : 1;
      emit(k);
      continue;
    }
    if (c == U_SB_ATERM) {  // SB8: no break before a lower-case continuation
      size_t j = k;
      while (j < m && t.cls(j) != U_SB_OLETTER && t.cls(j) != U_SB_UPPER && t.cls(j) != U_SB_LOWER &&
             !IsParaSep(t.cls(j)) && !IsSATerm(t.cls(j)))
        ++j;
      if (j < m && t.cls(j) == U_SB_LOWER) continue;
    }
    if (t.cls(k) == U_SB_SCONTINUE || IsSATerm(t.cls(k))) continue;  // SB8a
    emit(k);                                                          // SB11
  }
  if (breaks.empty() || breaks.back() != t.offset(m)) breaks.push_back(t.offset(m));
  return breaks;
}

}  // namespace

std::optional<std::vector<size_t>> SentenceBreaks(std::string_view text) {
  static const std::array<Class, 128> kAscii = AsciiClasses();
  const size_t n = text.size();
  if (n == 0) return std::vector<size_t>();
  if (n > std::numeric_limits<uint32_t>::max()) return std::nullopt;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  size_t i = 0;
  while (i < n && bytes[i] < 0x80) ++i;
  if (i == n) return Breaks(AsciiText{bytes, n, kAscii});

  DecodedText decoded;
  decoded.classes.reserve(n);
  decoded.offsets.reserve(n + 1);
  for (size_t k = 0; k < i; ++k) {
    decoded.classes.push_back(kAscii[bytes[k]]);
    decoded.offsets.push_back(static_cast<uint32_t>(k));
  }
  while (i < n) {
    decoded.offsets.push_back(static_cast<uint32_t>(i));
    if (bytes[i] < 0x80) {
      decoded.classes.push_back(kAscii[bytes[i]]);
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (c < 0) return std::nullopt;
    const Class k = static_cast<Class>(u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK));
    if (k == U_SB_EXTEND || k == U_SB_FORMAT) return std::nullopt;  // SB5: left to ICU
    decoded.classes.push_back(k);
  }
  decoded.offsets.push_back(static_cast<uint32_t>(n));
  return Breaks(decoded);
}

}  // namespace claimex
