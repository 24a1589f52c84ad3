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

}  // namespace

std::optional<std::vector<size_t>> SentenceBreaks(std::string_view text) {
  static const std::array<Class, 128> kAscii = AsciiClasses();
  std::vector<size_t> breaks;
  const size_t n = text.size();
  if (n == 0) return breaks;
  if (n > std::numeric_limits<uint32_t>::max()) return std::nullopt;

  // Each code point's class and byte offset; offset[m] == n.
  std::vector<Class> cls;
  std::vector<uint32_t> offset;
  cls.reserve(n);
  offset.reserve(n + 1);
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  for (size_t i = 0; i < n;) {
    offset.push_back(static_cast<uint32_t>(i));
    if (bytes[i] < 0x80) {
      cls.push_back(kAscii[bytes[i]]);
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (c < 0) return std::nullopt;
    const Class k = static_cast<Class>(u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK));
    if (k == U_SB_EXTEND || k == U_SB_FORMAT) return std::nullopt;  // SB5: left to ICU
    cls.push_back(k);
  }
  offset.push_back(static_cast<uint32_t>(n));
  const size_t m = cls.size();

  auto emit = [&](size_t k) { breaks.push_back(offset[k]); };
  size_t k = 0;
  while (k < m) {
    const Class c = cls[k];
    if (c == U_SB_CR) {  // SB3 CR × LF, SB4 ParaSep ÷
      k += k + 1 < m && cls[k + 1] == U_SB_LF ? 2 : 1;
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
      if (cls[k] == U_SB_NUMERIC) continue;  // SB6 ATerm × Numeric: "3.5"
      if (cls[k] == U_SB_UPPER && term > 0 && (cls[term - 1] == U_SB_UPPER || cls[term - 1] == U_SB_LOWER))
        continue;  // SB7 (Upper | Lower) ATerm × Upper: "U.S"
    }
    while (k < m && cls[k] == U_SB_CLOSE) ++k;  // SB9
    while (k < m && cls[k] == U_SB_SP) ++k;     // SB10
    if (k == m) break;                          // SB2 at the end
    if (IsParaSep(cls[k])) {                    // SB10, then SB11 after the separator
      k += cls[k] == U_SB_CR && k + 1 < m && cls[k + 1] == U_SB_LF ? 2 : 1;
      emit(k);
      continue;
    }
    if (c == U_SB_ATERM) {  // SB8: no break before a lower-case continuation
      size_t j = k;
      while (j < m && cls[j] != U_SB_OLETTER && cls[j] != U_SB_UPPER && cls[j] != U_SB_LOWER &&
             !IsParaSep(cls[j]) && !IsSATerm(cls[j]))
        ++j;
      if (j < m && cls[j] == U_SB_LOWER) continue;
    }
    if (cls[k] == U_SB_SCONTINUE || IsSATerm(cls[k])) continue;  // SB8a
    emit(k);                                                      // SB11
  }
  if (breaks.empty() || breaks.back() != n) breaks.push_back(n);
  return breaks;
}

}  // namespace claimex
