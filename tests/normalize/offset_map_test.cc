// Tests for OffsetMap: hand-built maps (expansion, deletion, empty spans) and
// the round-trip property over real normalized text.
#include "normalize/offset_map.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "normalize/normalize.h"

namespace claimex {
namespace {

std::string SpanString(Span s) {
  return "[" + std::to_string(s.start) + "," + std::to_string(s.end) + ")";
}

TEST(OffsetMapTest, IdentityMapsToItself) {
  const OffsetMap map = OffsetMap::Identity(10);
  EXPECT_TRUE(map.is_identity());
  EXPECT_EQ(map.normalized_size(), 10u);
  EXPECT_EQ(map.original_size(), 10u);
  const std::vector<Span> spans = {{0, 0}, {0, 10}, {3, 7}, {10, 10}};
  for (const Span& s : spans) {
    EXPECT_EQ(map.ToOriginal(s), s) << SpanString(s);
  }
}

TEST(OffsetMapTest, DefaultIsEmptyIdentity) {
  const OffsetMap map;
  EXPECT_TRUE(map.is_identity());
  EXPECT_EQ(map.ToOriginal({0, 0}), (Span{0, 0}));
}

// Original "a<ZWSP>ﬁb…" (ZWSP = 3 bytes, ﬁ = 3 bytes, … = 3 bytes), which
// normalizes to "afib...":
//   unit  original  normalized
//   a     [0,1)     [0,1)
//   ZWSP  [1,4)     deleted
//   ﬁ     [4,7)     [1,3)
//   b     [7,8)     [3,4)
//   …     [8,11)    [4,7)
OffsetMap BuildSample() {
  OffsetMap map;
  map.AddUnit(0, 1, 1);
  map.AddUnit(1, 4, 0);
  map.AddUnit(4, 7, 2);
  map.AddUnit(7, 8, 1);
  map.AddUnit(8, 11, 3);
  return map;
}

TEST(OffsetMapTest, MapsUnitsBuiltByHand) {
  const OffsetMap map = BuildSample();
  EXPECT_FALSE(map.is_identity());
  EXPECT_EQ(map.normalized_size(), 7u);
  EXPECT_EQ(map.original_size(), 11u);
  struct Case {
    Span normalized;
    Span original;
    const char* why;
  };
  const std::vector<Case> cases = {
      {{0, 1}, {0, 1}, "'a' excludes the deleted ZWSP after it"},
      {{1, 3}, {4, 7}, "'fi' excludes the deleted ZWSP before it"},
      {{0, 3}, {0, 7}, "span across the deletion includes it"},
      {{1, 2}, {4, 7}, "'f' alone is the whole ligature"},
      {{2, 3}, {4, 7}, "'i' alone is the whole ligature"},
      {{2, 4}, {4, 8}, "'ib'"},
      {{4, 5}, {8, 11}, "one '.' of '...'"},
      {{0, 7}, {0, 11}, "everything"},
      {{0, 0}, {0, 0}, "empty at start"},
      {{1, 1}, {4, 4}, "empty after the deletion: after the deleted char"},
      {{2, 2}, {4, 4}, "empty inside a unit: unit start"},
      {{7, 7}, {11, 11}, "empty at end: original end"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(map.ToOriginal(c.normalized), c.original)
        << c.why << " " << SpanString(c.normalized) << " -> "
        << SpanString(map.ToOriginal(c.normalized));
  }
}

TEST(OffsetMapTest, TrailingAndLeadingDeletions) {
  OffsetMap map;
  map.AddUnit(0, 3, 0);  // BOM
  map.AddUnit(3, 4, 1);  // 'x'
  map.AddUnit(4, 7, 0);  // ZWSP
  EXPECT_EQ(map.normalized_size(), 1u);
  EXPECT_EQ(map.original_size(), 7u);
  EXPECT_EQ(map.ToOriginal({0, 1}), (Span{3, 4})) << "x";
  EXPECT_EQ(map.ToOriginal({0, 0}), (Span{3, 3})) << "empty at 0";
  EXPECT_EQ(map.ToOriginal({1, 1}), (Span{7, 7})) << "empty at end";
}

// Runs of kept bytes: one piece while they continue each other, two when a
// deleted character stands between them, whatever the order of calls.
TEST(OffsetMapTest, KeptRunsAroundADeletionAndAfterAUnit) {
  OffsetMap map;  // "ab" ZWSP "cd" "…" "e": normalized "abcd...e"
  map.AddSameBytes(0, 2);
  map.AddUnit(2, 5, 0);  // ZWSP
  map.AddSameBytes(5, 1);
  map.AddSameBytes(6, 1);  // continues "c"
  map.AddUnit(7, 10, 3);   // "…" -> "..."
  map.AddSameBytes(10, 1);
  EXPECT_EQ(map.normalized_size(), 8u);
  EXPECT_EQ(map.original_size(), 11u);
  EXPECT_EQ(map.ToOriginal({2, 3}), (Span{5, 6})) << "c";
  EXPECT_EQ(map.ToOriginal({1, 3}), (Span{1, 6})) << "bc holds the deletion";
  EXPECT_EQ(map.ToOriginal({2, 4}), (Span{5, 7})) << "cd";
  EXPECT_EQ(map.ToOriginal({2, 2}), (Span{5, 5})) << "empty after the deletion";
  EXPECT_EQ(map.ToOriginal({3, 5}), (Span{6, 10})) << "d and one dot: the whole ellipsis";
  EXPECT_EQ(map.ToOriginal({7, 8}), (Span{10, 11})) << "e";
  EXPECT_EQ(map.ToOriginal({5, 5}), (Span{7, 7})) << "empty inside a unit: unit start";
}

TEST(OffsetMapTest, AllDeleted) {
  OffsetMap map;
  map.AddUnit(0, 3, 0);
  EXPECT_FALSE(map.is_identity());
  EXPECT_EQ(map.normalized_size(), 0u);
  EXPECT_EQ(map.ToOriginal({0, 0}), (Span{3, 3})) << "empty at end";
}

TEST(OffsetMapTest, ClampsOutOfRangeSpans) {
  const OffsetMap map = BuildSample();
  const Span got = map.ToOriginal({5, 100});
  EXPECT_EQ(got, (Span{8, 11})) << SpanString(got);
  const Span identity = OffsetMap::Identity(4).ToOriginal({2, 9});
  EXPECT_EQ(identity, (Span{2, 4})) << SpanString(identity);
}

// --- Round-trip property over Normalize() output. ---

bool IsCharBoundary(const std::string& s, size_t i) {
  return i == 0 || i == s.size() ||
         (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80);
}

// Words of `text`: maximal runs of non-space bytes (normalized text has only
// ASCII white space).
std::vector<Span> Words(const std::string& text) {
  std::vector<Span> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n')) ++i;
    const size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\n') ++i;
    if (i > start) words.push_back({start, i});
  }
  return words;
}

const std::vector<std::string>& Samples() {
  static const std::vector<std::string> samples = {
      "\u201CThey have been dealt some very severe blows,\u201D he said. "
      "It\u2019s fair \u2014 roughly \u2013 \u00ABok\u00BB.",
      "Over 10\u2009500 fighters; 10\u00A0000\u202Fmore \u2026 maybe",
      "zero\u200Bwidth and\u200D joiner\u2060 \uFEFFbom soft\u00ADhyphen\u200B",
      "Baghdad\u060C Sunday\u060C 21 January\u06D4 Why\u061F",
      "emoji \U0001F642\U0001F44D\U0001F3FD \U0001F468\u200D\U0001F469 ok",
      "caf e\u0301 cafe\u0301s \u00E9t\u00E9 \uFB01ne \uFF11\uFF12 x\u00B2 "
      "\u1100\u1161 \u2122",
      "\u200B\u200B lead and trail \u200B",
      "plain ascii only, with ``quotes''",
  };
  return samples;
}

TEST(OffsetMapTest, EverySpanMapsInsideOriginalOnBoundaries) {
  for (const std::string& input : Samples()) {
    NormalizedText out;
    ASSERT_TRUE(Normalize(input, &out).ok()) << input;
    const size_t n = out.text.size();
    ASSERT_EQ(out.map.normalized_size(), n) << input;
    ASSERT_EQ(out.map.original_size(), input.size()) << input;
    for (size_t s = 0; s <= n; ++s) {
      for (size_t e = s; e <= n; ++e) {
        const Span got = out.map.ToOriginal({s, e});
        ASSERT_LE(got.start, got.end) << input << " " << SpanString({s, e});
        ASSERT_LE(got.end, input.size()) << input << " " << SpanString({s, e});
        ASSERT_TRUE(IsCharBoundary(input, got.start))
            << input << " " << SpanString({s, e}) << " -> " << SpanString(got);
        ASSERT_TRUE(IsCharBoundary(input, got.end))
            << input << " " << SpanString({s, e}) << " -> " << SpanString(got);
        if (e > s) {
          // A longer normalized span never maps to a shorter original one.
          const Span shorter = out.map.ToOriginal({s, e - 1});
          ASSERT_TRUE(got.Contains(shorter) || shorter.empty())
              << input << " " << SpanString({s, e});
        }
      }
    }
  }
}

TEST(OffsetMapTest, WholeWordSpansRoundTrip) {
  for (const std::string& input : Samples()) {
    NormalizedText out;
    ASSERT_TRUE(Normalize(input, &out).ok()) << input;
    const std::vector<Span> words = Words(out.text);
    ASSERT_FALSE(words.empty()) << input;
    // Every run of consecutive words, from one word to all of them.
    for (size_t first = 0; first < words.size(); ++first) {
      for (size_t last = first; last < words.size(); ++last) {
        const Span normalized{words[first].start, words[last].end};
        const Span original = out.map.ToOriginal(normalized);
        const std::string slice =
            input.substr(original.start, original.end - original.start);
        NormalizedText again;
        ASSERT_TRUE(Normalize(slice, &again).ok())
            << input << " slice " << slice;
        EXPECT_EQ(again.text,
                  out.text.substr(normalized.start, normalized.size()))
            << input << " words " << first << ".." << last << " original "
            << SpanString(original);
      }
    }
  }
}

}  // namespace
}  // namespace claimex
