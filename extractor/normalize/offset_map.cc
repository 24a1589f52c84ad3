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

void OffsetMap::AddUnit(size_t orig_start, size_t orig_end,
                        size_t normalized_length) {
  assert(orig_start == original_size_ && "units must tile the original");
  assert(orig_start <= orig_end);
  if (identity_) {
    // Materialize what an identity prefix would have meant, then switch.
    unit_start_.reserve(normalized_size_ + normalized_length);
    unit_end_.reserve(normalized_size_ + normalized_length);
    for (size_t i = 0; i < normalized_size_; ++i) {
      unit_start_.push_back(static_cast<uint32_t>(i));
      unit_end_.push_back(static_cast<uint32_t>(i + 1));
    }
    identity_ = false;
  }
  for (size_t i = 0; i < normalized_length; ++i) {
    unit_start_.push_back(static_cast<uint32_t>(orig_start));
    unit_end_.push_back(static_cast<uint32_t>(orig_end));
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
  if (identity_) AddUnit(orig_start, orig_start, 0);  // materializes the identity prefix
  const size_t old = unit_start_.size();
  unit_start_.resize(old + length);
  unit_end_.resize(old + length);
  uint32_t* starts = unit_start_.data() + old;
  uint32_t* ends = unit_end_.data() + old;
  for (size_t i = 0; i < length; ++i) {
    starts[i] = static_cast<uint32_t>(orig_start + i);
    ends[i] = static_cast<uint32_t>(orig_start + i + 1);
  }
  normalized_size_ += length;
  original_size_ += length;
}

void OffsetMap::Reserve(size_t normalized_bytes) {
  unit_start_.reserve(normalized_bytes);
  unit_end_.reserve(normalized_bytes);
}

Span OffsetMap::ToOriginal(Span normalized) const {
  // Clamp defensively: out-of-contract input must still give a valid span.
  size_t s = std::min(normalized.start, normalized_size_);
  size_t e = std::min(std::max(normalized.end, s), normalized_size_);
  if (identity_) return Span{s, e};
  if (s == e) {
    const size_t pos = s < normalized_size_ ? unit_start_[s] : original_size_;
    return Span{pos, pos};
  }
  return Span{unit_start_[s], unit_end_[e - 1]};
}

}  // namespace claimex
