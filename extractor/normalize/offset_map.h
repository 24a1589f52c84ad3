// OffsetMap: translates spans over the normalized text into spans over the
// original bytes. This is the ONLY place offsets are translated.
//
// Model: normalization works in "units" — a run of original bytes (one code
// point, or one NFKC segment) that becomes a run of normalized bytes (possibly
// empty, for deleted characters). A normalized span [s, e) maps to
// [original start of the unit holding byte s, original end of the unit holding
// byte e-1]. So a mapped span always starts and ends on original character
// boundaries and covers exactly the characters that produced it.
//
// Empty spans map to the original position of the unit at s (or the original
// end for s == normalized size).
#ifndef CLAIMEX_NORMALIZE_OFFSET_MAP_H_
#define CLAIMEX_NORMALIZE_OFFSET_MAP_H_

#include <cstdint>
#include <vector>

#include "base/span.h"

namespace claimex {

class OffsetMap {
 public:
  OffsetMap() = default;

  // Identity map over `size` bytes (nothing changed by normalization).
  static OffsetMap Identity(size_t size);

  // Builder API, used by Normalize(): append one unit, i.e. original bytes
  // [orig_start, orig_end) became `normalized_length` normalized bytes
  // (0 allowed). Units must be appended in order and tile the original.
  void AddUnit(size_t orig_start, size_t orig_end, size_t normalized_length);

  // Appends `length` one-byte units that normalization kept as they were
  // (an ASCII run): AddUnit(p, p + 1, 1) for each p, in bulk. A map that is
  // still the identity stays one.
  void AddSameBytes(size_t orig_start, size_t length);

  // Normalized span -> original span. `s` must satisfy s.start <= s.end <=
  // normalized size.
  Span ToOriginal(Span normalized) const;

  size_t normalized_size() const { return normalized_size_; }
  size_t original_size() const { return original_size_; }
  bool is_identity() const { return identity_; }

 private:
  // A run of normalized bytes [normalized_start, next piece's start): one
  // unit's bytes, all mapping to [original_start, original_end), or (when
  // original_end is kSameBytes) bytes kept as they were, byte n mapping to
  // original_start + (n - normalized_start). One entry per change, not per
  // byte: news text changes a few characters in a hundred (curly quotes).
  struct Piece {
    uint32_t normalized_start;
    uint32_t original_start;
    uint32_t original_end;
  };
  static constexpr uint32_t kSameBytes = UINT32_MAX;

  size_t PieceAt(size_t normalized) const;  // the index of the piece holding byte `normalized`
  size_t OriginalStartOf(size_t normalized, size_t piece) const;
  size_t OriginalEndOf(size_t normalized, size_t piece) const;
  void MaterializeIdentity();

  bool identity_ = true;
  size_t normalized_size_ = 0;
  size_t original_size_ = 0;
  std::vector<Piece> pieces_;  // non-identity only; deleted units (0 bytes) own no piece
};

}  // namespace claimex

#endif  // CLAIMEX_NORMALIZE_OFFSET_MAP_H_
