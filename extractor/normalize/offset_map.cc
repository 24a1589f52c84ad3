// OffsetMap: normalized byte offsets -> original byte offsets.
//
// Deleted units (characters normalization removed: zero-width spaces, soft
// hyphens, BOM, ...) own no normalized byte, so they belong to no span on
// their own: a span that ends just before a deleted character, or starts just
// after it, does not include it; only a span covering normalized bytes on
// both sides of it does (it then lies strictly inside). An empty span at a
// position preceded by deleted units maps to the start of the next real unit,
// i.e. after the deleted characters; at the very end it maps to
// original_size(). Every unit starts and ends on an original character
// boundary, so mapped spans always do too.
#include "normalize/offset_map.h"

#include <algorithm>
#include <cassert>

namespace claimex {

OffsetMap OffsetMap::Identity(size_t size) {
  OffsetMap map;
  map.identity_ = true;
  map.normalized_size_ = size;
  map.original_size_ = size;
  return map;
}

void OffsetMap::MaterializeIdentity() {
  if (!identity_) return;
  if (normalized_size_ > 0) pieces_.push_back({0, 0, kSameBytes});
  identity_ = false;
}

void OffsetMap::AddUnit(size_t orig_start, size_t orig_end,
                        size_t normalized_length) {
  assert(orig_start == original_size_ && "units must tile the original");
  assert(orig_start <= orig_end);
  MaterializeIdentity();
  if (normalized_length > 0) {
    pieces_.push_back({static_cast<uint32_t>(normalized_size_), static_cast<uint32_t>(orig_start),
                       static_cast<uint32_t>(orig_end)});
  }
  normalized_size_ += normalized_length;
  original_size_ = orig_end;
}

void OffsetMap::AddSameBytes(size_t orig_start, size_t length) {
  assert(orig_start == original_size_ && "units must tile the original");
  if (identity_ && orig_start == normalized_size_) {
    normalized_size_ += length;
    original_size_ += length;
    return;
  }
  MaterializeIdentity();
  if (length == 0) return;
  // Continues the last piece when that kept its bytes and nothing was
  // deleted in between.
  const bool continues = !pieces_.empty() && pieces_.back().original_end == kSameBytes &&
                         pieces_.back().original_start + (normalized_size_ - pieces_.back().normalized_start) ==
                             orig_start;
  if (!continues) {
    pieces_.push_back({static_cast<uint32_t>(normalized_size_), static_cast<uint32_t>(orig_start), kSameBytes});
  }
  normalized_size_ += length;
  original_size_ += length;
}

size_t OffsetMap::PieceAt(size_t normalized) const {
  auto after = std::upper_bound(pieces_.begin(), pieces_.end(), normalized,
                                [](size_t n, const Piece& p) { return n < p.normalized_start; });
  return static_cast<size_t>(after - pieces_.begin()) - 1;  // the first piece starts at 0
}

size_t OffsetMap::OriginalStartOf(size_t normalized, size_t piece) const {
  const Piece& p = pieces_[piece];
  return p.original_end == kSameBytes ? p.original_start + (normalized - p.normalized_start) : p.original_start;
}

size_t OffsetMap::OriginalEndOf(size_t normalized, size_t piece) const {
  const Piece& p = pieces_[piece];
  return p.original_end == kSameBytes ? p.original_start + (normalized - p.normalized_start) + 1 : p.original_end;
}

Span OffsetMap::ToOriginal(Span normalized) const {
  // Clamp defensively: out-of-contract input must still give a valid span.
  size_t s = std::min(normalized.start, normalized_size_);
  size_t e = std::min(std::max(normalized.end, s), normalized_size_);
  if (identity_) return Span{s, e};
  const size_t first = s < normalized_size_ ? PieceAt(s) : 0;
  if (s == e) {
    const size_t pos = s < normalized_size_ ? OriginalStartOf(s, first) : original_size_;
    return Span{pos, pos};
  }
  // The span's last byte is a few pieces on at most: walk, do not search again.
  size_t last = first;
  while (last + 1 < pieces_.size() && pieces_[last + 1].normalized_start <= e - 1) ++last;
  return Span{OriginalStartOf(s, first), OriginalEndOf(e - 1, last)};
}

}  // namespace claimex
