// Normalize(): typographic folding + ICU NFKC, building the OffsetMap as it
// goes. See normalize.h for what is folded and why.
//
// Units of the offset map: one 1-byte unit per ASCII byte, one unit per folded
// code point, and one unit per NFKC segment (a code point with a normalization
// boundary before it plus the following code points without one). Segments are
// independent under NFKC, so normalizing them one by one equals normalizing
// the whole text, and every unit starts on a character boundary.
#include "normalize/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

namespace claimex {
namespace {

// Replacement for a folded code point; `text` may be empty (deleted).
struct Fold {
  bool folded = false;
  const char* text = "";
  size_t length = 0;
};

constexpr Fold MakeFold(const char* text, size_t length) {
  return Fold{true, text, length};
}

// The fold table of normalize.h, for non-ASCII code points.
Fold LookupFold(UChar32 c) {
  // clang-format off
  switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B:  // ‘ ’ ‚ ‛
    case 0x2032: case 0x00B4:                             // ′ ´
      return MakeFold("'", 1);
    case 0x201C: case 0x201D: case 0x201E: case 0x201F:  // “ ” „ ‟
    case 0x2033: case 0x00AB: case 0x00BB:                // ″ « »
      return MakeFold("\"", 1);
    case 0x2212:  // − MINUS SIGN is Sm, not Pd, so list it explicitly.
      return MakeFold("-", 1);
    case 0x200B: case 0x200C: case 0x200D:  // zero-width space/non-joiner/joiner
    case 0x2060: case 0xFEFF: case 0x00AD:  // word joiner, BOM, soft hyphen
      return MakeFold("", 0);
    case 0x060C: return MakeFold(",", 1);  // Arabic comma
    case 0x061B: return MakeFold(";", 1);  // Arabic semicolon
    case 0x061F: return MakeFold("?", 1);  // Arabic question mark
    case 0x06D4: return MakeFold(".", 1);  // Arabic full stop
    case 0x2026: return MakeFold("...", 3);
    case 0x2044: case 0x2215: return MakeFold("/", 1);  // fraction and division slash (NFKC of ⅔ uses ⁄)
    default:
      break;
  }
  // clang-format on
  // Covers the listed dashes (‐ ‑ ‒ – — ― ﹘ ﹣ －) and spaces (NBSP, thin,
  // hair, ...) plus every other Pd and Zs character.
  // Superscript and subscript digits (footnote marks, powers) and vulgar
  // fractions would otherwise become ASCII digits glued to the number before
  // them ("300¹" -> 3001, "45½" -> 451/2): they become a space.
  if (c == 0x00B9 || c == 0x00B2 || c == 0x00B3 || (c >= 0x2070 && c <= 0x209F) ||
      (c >= 0x00BC && c <= 0x00BE) || (c >= 0x2150 && c <= 0x215F) || c == 0x2189)
    return MakeFold(" ", 1);
  switch (u_charType(c)) {
    case U_DASH_PUNCTUATION:
      return MakeFold("-", 1);
    case U_SPACE_SEPARATOR:
      return MakeFold(" ", 1);
    default:
      return Fold();
  }
}

// Fold lookup for any code point; '`' is the one ASCII character folded.
inline Fold LookupAnyFold(UChar32 c) {
  if (c < 0x80) return c == '`' ? MakeFold("'", 1) : Fold();
  return LookupFold(c);
}

// Offset of the first non-ASCII byte in [p, p + n), or n.
size_t FindNonAscii(const uint8_t* p, size_t n) {
  size_t i = 0;
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    std::memcpy(&word, p + i, 8);
    if (word & kHighBits) break;
  }
  while (i < n && p[i] < 0x80) ++i;
  return i;
}

// Folds '`' in an ASCII byte range in place (same length, so the offset map
// is unaffected).
void FoldBackticks(char* p, size_t n) {
  for (char* end = p + n;
       (p = static_cast<char*>(std::memchr(p, '`', end - p)));) {
    *p++ = '\'';
  }
}

Status InvalidUtf8(size_t offset) {
  return Status::Error("invalid UTF-8 at byte " + std::to_string(offset));
}

// Applies the fold table to NFKC output appended at text[from..]: NFKC can
// yield folded characters (U+FF40 -> '`', U+FE31 -> '—'). `scratch` is reused
// across calls to avoid allocations.
void FoldTail(std::string* text, size_t from, std::string* scratch) {
  const auto* p = reinterpret_cast<const uint8_t*>(text->data());
  const size_t n = text->size();
  bool any = false;
  for (size_t i = from; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (LookupAnyFold(c).folded) {
      any = true;
      break;
    }
  }
  if (!any) return;
  scratch->clear();
  for (size_t i = from; i < n;) {
    const size_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    const Fold fold = LookupAnyFold(c);
    if (fold.folded) {
      scratch->append(fold.text, fold.length);
    } else {
      scratch->append(text->data() + start, i - start);
    }
  }
  text->resize(from);
  text->append(*scratch);
}

}  // namespace

Status Normalize(std::string_view original, NormalizedText* out) {
  const auto* s = reinterpret_cast<const uint8_t*>(original.data());
  const size_t n = original.size();
  out->text.clear();

  size_t i = FindNonAscii(s, n);
  if (i == n) {
    out->text.assign(original);
    FoldBackticks(out->text.data(), n);
    out->map = OffsetMap::Identity(n);
    return Status::Ok();
  }
  // The offset map stores 32-bit offsets.
  if (n > std::numeric_limits<uint32_t>::max()) {
    return Status::Error("input too large to normalize: " + std::to_string(n) +
                         " bytes");
  }

  UErrorCode icu_status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(icu_status);
  if (U_FAILURE(icu_status)) {
    return Status::Error(std::string("cannot load ICU NFKC data: ") +
                         u_errorName(icu_status));
  }

  std::string& text = out->text;
  text.reserve(n + n / 16);
  OffsetMap map;
  std::string scratch;
  icu::UnicodeString decomposition;  // reused; short mappings stay inline
  i = 0;
  while (i < n) {
    // Bulk-copy the ASCII run [i, j).
    const size_t j = i + FindNonAscii(s + i, n - i);
    if (j > i) {
      size_t run_end = j;
      if (j < n) {
        // A following code point without a boundary before it (a combining
        // mark) composes with the last ASCII character: leave that character
        // to start the NFKC segment.
        size_t k = j;
        UChar32 c;
        U8_NEXT(s, k, n, c);
        if (c >= 0 && s[j - 1] != '`' && !LookupFold(c).folded &&
            !nfkc->hasBoundaryBefore(c)) {
          run_end = j - 1;
        }
      }
      const size_t from = text.size();
      text.append(original.data() + i, run_end - i);
      FoldBackticks(text.data() + from, run_end - i);
      map.AddSameBytes(i, run_end - i);
      i = run_end;
      if (i == n) break;
    }

    // One folded code point or one NFKC segment starting at i.
    const size_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) return InvalidUtf8(start);
    if (c >= 0x80) {
      const Fold fold = LookupFold(c);
      if (fold.folded) {
        text.append(fold.text, fold.length);
        map.AddUnit(start, i, fold.length);
        continue;
      }
    }
    bool single = true;
    while (i < n && s[i] >= 0x80) {  // ASCII always has a boundary before
      size_t k = i;
      UChar32 d;
      U8_NEXT(s, k, n, d);
      if (d < 0) return InvalidUtf8(i);
      if (LookupFold(d).folded || nfkc->hasBoundaryBefore(d)) break;
      i = k;
      single = false;
    }
    const size_t from = text.size();
    if (single &&
        (nfkc->isInert(c) || !nfkc->getDecomposition(c, decomposition))) {
      // A lone code point without a decomposition mapping is its own NFKC
      // form (the next code point has a boundary before it, so nothing
      // composes): skip the normalizer call.
      text.append(original.data() + start, i - start);
    } else {
      icu::StringByteSink<std::string> sink(&text);
      nfkc->normalizeUTF8(0,
                          icu::StringPiece(original.data() + start,
                                           static_cast<int32_t>(i - start)),
                          sink, nullptr, icu_status);
      if (U_FAILURE(icu_status)) {
        return Status::Error("NFKC failed at byte " + std::to_string(start) +
                             ": " + u_errorName(icu_status));
      }
      FoldTail(&text, from, &scratch);
    }
    map.AddUnit(start, i, text.size() - from);
  }
  out->map = std::move(map);
  return Status::Ok();
}

}  // namespace claimex
