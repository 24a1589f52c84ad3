// NextJsonSpecial: where, in a JSON string's bytes, the next one that cannot
// be copied as it is lies. Shared by the JSON writer (which escapes control
// characters, '"' and '\\') and the JSONL reader (which also stops at
// non-ASCII bytes, to check their UTF-8). Sixteen bytes at a time where SSE2
// is there: most of a news record is plain ASCII text.
#ifndef CLAIMEX_BASE_JSON_SCAN_H_
#define CLAIMEX_BASE_JSON_SCAN_H_

#include <cstddef>
#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace claimex {

// The first i' >= i with s[i'] a control character (< 0x20), '"' or '\\',
// or, when kStopAtNonAscii, a byte >= 0x80; s.size() if none.
template <bool kStopAtNonAscii>
inline size_t NextJsonSpecial(std::string_view s, size_t i) {
#ifdef __SSE2__
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i last_control = _mm_set1_epi8(0x1F);
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, last_control), last_control);  // v <= 0x1F
    __m128i special = _mm_or_si128(control, _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    int mask = _mm_movemask_epi8(special);
    if (kStopAtNonAscii) mask |= _mm_movemask_epi8(v);  // the high bit: a byte >= 0x80
    if (mask) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\' || (kStopAtNonAscii && c >= 0x80)) return i;
  }
  return s.size();
}

}  // namespace claimex

#endif  // CLAIMEX_BASE_JSON_SCAN_H_
