// Tests for Normalize(): folding, NFKC, the ASCII fast path and UTF-8
// validation.
#include "normalize/normalize.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace claimex {
namespace {

struct Case {
  std::string input;
  std::string expected;
};

void ExpectNormalizes(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    NormalizedText out;
    const Status status = Normalize(c.input, &out);
    ASSERT_TRUE(status.ok()) << c.input << ": " << status.message();
    EXPECT_EQ(out.text, c.expected) << c.input;
    EXPECT_EQ(out.map.normalized_size(), out.text.size()) << c.input;
    EXPECT_EQ(out.map.original_size(), c.input.size()) << c.input;
  }
}

TEST(NormalizeTest, FoldsSingleQuotes) {
  ExpectNormalizes({
      {"it\u2019s", "it's"},              // ’
      {"\u2018hi\u2019", "'hi'"},         // ‘ ’
      {"\u201Ahi\u201B", "'hi'"},         // ‚ ‛
      {"5\u2032", "5'"},                  // ′ prime
      {"``hi''", "''hi''"},               // ASCII grave accent
      {"caf\u00E9\u00B4", "caf\u00E9'"},  // ´ acute accent
  });
}

TEST(NormalizeTest, FoldsDoubleQuotes) {
  ExpectNormalizes({
      {"\u201Cyes\u201D", "\"yes\""},    // “ ”
      {"\u201Eja\u201F", "\"ja\""},      // „ ‟
      {"5\u2033", "5\""},                // ″ double prime
      {"\u00ABoui\u00BB", "\"oui\""},    // « »
      {"\uFF02full\uFF02", "\"full\""},  // full-width, via NFKC
  });
}

TEST(NormalizeTest, FoldsDashes) {
  ExpectNormalizes({
      {"a\u2010b", "a-b"},  // hyphen
      {"a\u2011b", "a-b"},  // non-breaking hyphen
      {"a\u2012b", "a-b"},  // figure dash
      {"a\u2013b", "a-b"},  // en dash
      {"a\u2014b", "a-b"},  // em dash
      {"a\u2015b", "a-b"},  // horizontal bar
      {"a\u2212b", "a-b"},  // minus sign
      {"a\uFE58b", "a-b"},  // small em dash
      {"a\uFE63b", "a-b"},  // small hyphen-minus
      {"a\uFF0Db", "a-b"},  // full-width hyphen-minus
      {"a\u058Ab", "a-b"},  // Armenian hyphen (other Pd)
      {"a\u2E3Ab", "a-b"},  // two-em dash (other Pd)
      {"a\uFE31b", "a-b"},  // vertical em dash: NFKC gives an em dash
  });
}

TEST(NormalizeTest, FoldsSpaces) {
  ExpectNormalizes({
      {"10\u00A0500", "10 500"},  // no-break space
      {"10\u2009500", "10 500"},  // thin space
      {"10\u200A500", "10 500"},  // hair space
      {"10\u202F500", "10 500"},  // narrow no-break space
      {"10\u2007500", "10 500"},  // figure space
      {"a\u3000b", "a b"},        // ideographic space
      {"a\u2003b", "a b"},        // em space (other Zs)
      {"a\u205Fb", "a b"},        // medium mathematical space (other Zs)
      {"a\u1680b", "a b"},        // ogham space mark (other Zs)
  });
}

TEST(NormalizeTest, DeletesInvisibles) {
  ExpectNormalizes({
      {"zero\u200Bwidth", "zerowidth"},  // zero-width space
      {"zero\u200Cwidth", "zerowidth"},  // zero-width non-joiner
      {"zero\u200Dwidth", "zerowidth"},  // zero-width joiner
      {"word\u2060joiner", "wordjoiner"},
      {"\uFEFFbom", "bom"},
      {"soft\u00ADhyphen", "softhyphen"},
      {"\u200B", ""},
  });
}

TEST(NormalizeTest, FoldsArabicPunctuationAndEllipsis) {
  ExpectNormalizes({
      {"Sunday\u060C 21 January", "Sunday, 21 January"},
      {"a\u061B b", "a; b"},
      {"why\u061F", "why?"},
      {"end\u06D4", "end."},
      {"wait\u2026", "wait..."},
      {"\u0628\u063A\u062F\u0627\u062F\u060C",
       "\u0628\u063A\u062F\u0627\u062F,"},
  });
}

TEST(NormalizeTest, AppliesNfkc) {
  ExpectNormalizes({
      {"\uFB01ne", "fine"},    // ﬁ ligature
      {"\uFF11\uFF12", "12"},  // full-width digits
      {"e\u0301", "\u00E9"},   // combining acute composes
      {"cafe\u0301s", "caf\u00E9s"},
      {"\u00E9", "\u00E9"},                  // already composed
      {"x\u00B2", "x "},                     // superscripts become a space: "300¹" stays 300
      {"\u2460", "1"},                       // circled digit one
      {"\uFF21\uFF22C", "ABC"},              // full-width letters
      {"\uFF40q", "'q"},                     // full-width grave: NFKC then fold
      {"\u1100\u1161", "\uAC00"},            // Hangul jamo compose
      {"Caf\u00C9 \u2122", "Caf\u00C9 TM"},  // case is kept
  });
}

TEST(NormalizeTest, KeepsWhatNeedsNoChange) {
  ExpectNormalizes({
      {"", ""},
      {"plain ASCII text.\n", "plain ASCII text.\n"},
      {"\U0001F642\U0001F44D\U0001F3FD",
       "\U0001F642\U0001F44D\U0001F3FD"},  // emoji
      {"\u00A9 2018", "\u00A9 2018"},      // ©
      {"\u0628\u063A\u062F\u0627\u062F", "\u0628\u063A\u062F\u0627\u062F"},
  });
}

TEST(NormalizeTest, AsciiUsesIdentityMap) {
  const std::vector<std::string> inputs = {"", "Gen. David Petraeus said 5.",
                                           "``quoted''"};
  for (const std::string& input : inputs) {
    NormalizedText out;
    ASSERT_TRUE(Normalize(input, &out).ok()) << input;
    EXPECT_TRUE(out.map.is_identity()) << input;
    EXPECT_EQ(out.text.size(), input.size()) << input;
  }
  const std::string mixed = "it\u2019s";
  NormalizedText out;
  ASSERT_TRUE(Normalize(mixed, &out).ok()) << mixed;
  EXPECT_FALSE(out.map.is_identity()) << mixed;
}

TEST(NormalizeTest, UnitsCoverWholeSegments) {
  struct MapCase {
    std::string input;
    Span normalized;
    Span original;
  };
  const std::vector<MapCase> cases = {
      // "e" + U+0301 -> é: one unit of 3 original bytes, 2 normalized.
      {"xe\u0301y", {1, 3}, {1, 4}},
      {"xe\u0301y", {1, 2}, {1, 4}},
      {"xe\u0301y", {3, 4}, {4, 5}},
      // ﬁ -> "fi": a span over "i" alone maps to the whole ligature.
      {"\uFB01ne", {1, 2}, {0, 3}},
      {"\uFB01ne", {2, 4}, {3, 5}},
      // … -> "...".
      {"a\u2026b", {1, 4}, {1, 4}},
      {"a\u2026b", {4, 5}, {4, 5}},
  };
  for (const MapCase& c : cases) {
    NormalizedText out;
    ASSERT_TRUE(Normalize(c.input, &out).ok()) << c.input;
    const Span got = out.map.ToOriginal(c.normalized);
    EXPECT_EQ(got.start, c.original.start)
        << c.input << " [" << c.normalized.start << "," << c.normalized.end
        << ")";
    EXPECT_EQ(got.end, c.original.end) << c.input << " [" << c.normalized.start
                                       << "," << c.normalized.end << ")";
  }
}

TEST(NormalizeTest, RejectsInvalidUtf8) {
  struct ErrorCase {
    std::string input;
    size_t offset;
  };
  const std::vector<ErrorCase> cases = {
      {"ab\xE2\x80", 2},            // truncated at end of input
      {"ab\xE2\x80 cd", 2},         // truncated before ASCII
      {"\xE2\x80\xE2\x80\x99", 0},  // truncated before another sequence
      {"x\xC0\xAF", 1},             // overlong '/'
      {"x\xE0\x80\xAF", 1},         // overlong 3-byte
      {"x\xF0\x80\x80\xAF", 1},     // overlong 4-byte
      {"abc\x80", 3},               // lone continuation byte
      {"\xBF", 0},                  // lone continuation byte only
      {"it\u2019s \x80", 7},        // after a folded character
      {"e\u0301\xCC", 3},           // inside an NFKC segment
      {"x\xED\xA0\x80", 1},         // UTF-8 encoded high surrogate
      {"x\xED\xBF\xBF", 1},         // UTF-8 encoded low surrogate
      {"x\xF4\x90\x80\x80", 1},     // above U+10FFFF
      {"x\xFF", 1},                 // never valid
  };
  for (const ErrorCase& c : cases) {
    NormalizedText out;
    const Status status = Normalize(c.input, &out);
    ASSERT_FALSE(status.ok()) << c.input;
    EXPECT_EQ(status.message(),
              "invalid UTF-8 at byte " + std::to_string(c.offset))
        << c.input;
  }
}

TEST(NormalizeTest, ReusesOutput) {
  NormalizedText out;
  ASSERT_TRUE(Normalize("caf\u00E9 \u201Cx\u201D", &out).ok());
  ASSERT_TRUE(Normalize("abc", &out).ok());
  EXPECT_EQ(out.text, "abc");
  EXPECT_TRUE(out.map.is_identity());
}

}  // namespace
}  // namespace claimex
