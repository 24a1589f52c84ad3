// Fuzzes Normalize() and its OffsetMap on arbitrary bytes. On success, for
// every word-boundary span and a few pseudo-random spans over the normalized
// text, ToOriginal must give start <= end <= original size, both on UTF-8
// character boundaries of the original, and a valid UTF-8 slice; normalizing
// the original slice of the whole-text span must give the whole normalized
// text back. Any violation traps.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz_check.h"
#include "normalize/normalize.h"

namespace {

using claimex::NormalizedText;
using claimex::Span;

using claimex_fuzz::IsValidUtf8;

bool IsCharBoundary(std::string_view s, size_t pos) {
  return pos == 0 || pos == s.size() ||
         (pos < s.size() && (static_cast<uint8_t>(s[pos]) & 0xC0) != 0x80);
}

// 0: ASCII letter or digit, 1: ASCII space, 2: anything else.
int CharClass(uint8_t b) {
  if ((b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z')) return 0;
  if (b == ' ' || (b >= '\t' && b <= '\r')) return 1;
  return 2;
}

// Character starts of `text` where the character class changes, plus 0 and
// the end.
std::vector<size_t> WordBoundaries(std::string_view text) {
  std::vector<size_t> out = {0};
  int prev = -1;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<uint8_t>(text[i]);
    if ((b & 0xC0) == 0x80) continue;  // continuation byte
    const int cls = CharClass(b);
    if (i > 0 && cls != prev) out.push_back(i);
    prev = cls;
  }
  if (text.size() > 0) out.push_back(text.size());
  return out;
}

void CheckSpan(std::string_view original, const NormalizedText& n, Span s) {
  const Span o = n.map.ToOriginal(s);
  CHECK(o.start <= o.end);
  CHECK(o.end <= original.size());
  CHECK(IsCharBoundary(original, o.start));
  CHECK(IsCharBoundary(original, o.end));
  CHECK(IsValidUtf8(original.substr(o.start, o.size())));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view original(reinterpret_cast<const char*>(data), size);
  NormalizedText n;
  if (!claimex::Normalize(original, &n).ok()) return 0;
  const std::string& text = n.text;
  CHECK(n.map.normalized_size() == text.size());
  CHECK(n.map.original_size() == original.size());
  CHECK(IsValidUtf8(text));

  // Every word and gap, every pair of neighbours, and every empty span at a
  // boundary.
  const std::vector<size_t> bounds = WordBoundaries(text);
  for (size_t i = 0; i < bounds.size(); ++i) {
    CheckSpan(original, n, Span{bounds[i], bounds[i]});
    if (i + 1 < bounds.size()) CheckSpan(original, n, Span{bounds[i], bounds[i + 1]});
    if (i + 2 < bounds.size()) CheckSpan(original, n, Span{bounds[i], bounds[i + 2]});
  }

  // Pseudo-random spans (any byte offsets) seeded from the input (FNV-1a).
  uint64_t state = 1469598103934665603ULL;
  for (size_t i = 0; i < size; ++i) state = (state ^ data[i]) * 1099511628211ULL;
  for (int k = 0; k < 16; ++k) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    size_t a = static_cast<size_t>(state % (text.size() + 1));
    size_t b = static_cast<size_t>((state >> 32) % (text.size() + 1));
    if (a > b) std::swap(a, b);
    CheckSpan(original, n, Span{a, b});
  }

  // The whole text round-trips.
  const Span whole = n.map.ToOriginal(Span{0, text.size()});
  CheckSpan(original, n, Span{0, text.size()});
  NormalizedText again;
  CHECK(claimex::Normalize(original.substr(whole.start, whole.size()), &again).ok());
  CHECK(again.text == text);
  return 0;
}
