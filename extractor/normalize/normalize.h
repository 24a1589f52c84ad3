// Normalize: the first pipeline stage. Turns the original article bytes into
// the text every rule sees, and keeps the one map back to original offsets.
//
// What it does, in order, per code point of the input:
//   - ASCII passes through unchanged (fast path: a pure-ASCII document with
//     nothing to fold gets an identity map and no copies per byte).
//   - Folding (typographic punctuation to ASCII), applied before NFKC:
//       ‘ ’ ‚ ‛ ′ ` ´      -> '         “ ” „ ‟ ″ « »  -> "
//       ‐ ‑ ‒ – — ― − ﹘ ﹣ －  -> -      (hyphens, dashes, minus)
//       NBSP, thin, hair, narrow NBSP, figure, ideographic and other spaces -> ' '
//       zero-width space/joiner/non-joiner, word joiner, BOM, soft hyphen -> deleted
//       superscript/subscript digits, vulgar fractions (¹ ² ⁴ ½ ¾) -> ' ' (footnote
//       marks and powers must not glue onto the number before them)
//       ، (Arabic comma) -> ,   ؛ -> ;   ؟ -> ?   ۔ (Arabic full stop) -> .
//       … -> ...        ⁄ ∕ (fraction, division slash) -> /
//   - Everything else: ICU NFKC (so ﬁ -> fi, full-width digits -> ASCII, ...).
//   - Invalid UTF-8 is an error (Status), never silently replaced.
// Case is NOT folded: rules match case-insensitively instead, so names and
// demonyms keep their capitals for later stages.
//
// Thread-safety: Normalize() is a free function using ICU's shared,
// immutable NFKC instance; safe to call from many threads.
#ifndef CLAIMEX_NORMALIZE_NORMALIZE_H_
#define CLAIMEX_NORMALIZE_NORMALIZE_H_

#include <string>
#include <string_view>

#include "base/status.h"
#include "normalize/offset_map.h"

namespace claimex {

struct NormalizedText {
  std::string text;  // normalized UTF-8
  OffsetMap map;     // normalized byte offsets -> original byte offsets
};

// Normalizes `original` into `*out`. On invalid UTF-8 returns an error whose
// message names the byte offset of the first bad sequence; *out is then
// unspecified.
Status Normalize(std::string_view original, NormalizedText* out);

}  // namespace claimex

#endif  // CLAIMEX_NORMALIZE_NORMALIZE_H_
