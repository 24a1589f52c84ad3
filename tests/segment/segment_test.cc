// Tests for SentenceSegmenter, using the real abbreviation lexicon.
#include "rulebook/lexicon.h"
#include "segment/segment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "normalize/normalize.h"

namespace claimex {
namespace {

// The project's abbreviation lexicon, read as the rulebook reads it.
std::vector<std::string> LoadFirstColumn(const std::string& name) {
  Lexicon lexicon;
  Diagnostics diags;
  lexicon.Load(std::string(CLAIMEX_PROJECT_DIR) + "/rules/lexicon/" + name + ".tsv", name, &diags);
  EXPECT_TRUE(diags.empty());
  std::vector<std::string> out;
  for (const Lexicon::Entry& e : lexicon.entries()) out.push_back(e.cells[0]);
  return out;
}

std::vector<std::string> LoadAbbreviations() { return LoadFirstColumn("abbreviations"); }

const SentenceSegmenter& Segmenter() {
  static const SentenceSegmenter* segmenter =
      new SentenceSegmenter(LoadAbbreviations(), LoadFirstColumn("sentence_openers"));
  return *segmenter;
}

std::vector<std::string> Sentences(const std::string& text) {
  std::vector<std::string> out;
  for (const Span& s : Segmenter().Split(text)) {
    out.push_back(text.substr(s.start, s.size()));
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts) {
  std::ostringstream os;
  for (const std::string& p : parts) os << "\n  <" << p << ">";
  return os.str();
}

struct Case {
  std::string input;
  std::vector<std::string> expected;
};

void ExpectSplits(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    const std::vector<std::string> got = Sentences(c.input);
    EXPECT_EQ(got, c.expected) << c.input << "\ngot:" << Join(got);
  }
}

TEST(SegmentTest, LexiconIsWellFormed) {
  const std::vector<std::string> abbreviations = LoadAbbreviations();
  ASSERT_GT(abbreviations.size(), 50u) << "lexicon missing or truncated";
  for (const std::string& a : abbreviations) {
    EXPECT_FALSE(a.empty()) << a;
    EXPECT_EQ(a.back(), '.') << a;
    EXPECT_EQ(a.find_first_of(" \t"), std::string::npos) << a;
  }
  for (const char* must : {"Gen.", "U.S.", "Mr.", "No.", "Jan.", "Inc."}) {
    EXPECT_NE(std::find(abbreviations.begin(), abbreviations.end(), must),
              abbreviations.end())
        << must;
  }
  for (const char* never : {"etc.", "a.m.", "p.m."}) {
    EXPECT_EQ(std::find(abbreviations.begin(), abbreviations.end(), never),
              abbreviations.end())
        << never;
  }
}

TEST(SegmentTest, KeepsTitlesWithNames) {
  ExpectSplits({
      {"Gen. David Petraeus said 5. Then he left.",
       {"Gen. David Petraeus said 5.", "Then he left."}},
      {"In July, Gen. David Petraeus, then the top commander in Iraq, spoke.",
       {"In July, Gen. David Petraeus, then the top commander in Iraq, "
        "spoke."}},
      {"Col. Myles Caggins said so. Mr. Smith met Dr. Jones on Jan. 5. They "
       "talked.",
       {"Col. Myles Caggins said so.", "Mr. Smith met Dr. Jones on Jan. 5.",
        "They talked."}},
      {"Lt. Gen. Ray Odierno and Sgt. Maj. Dan Smith arrived. Nobody else did.",
       {"Lt. Gen. Ray Odierno and Sgt. Maj. Dan Smith arrived.",
        "Nobody else did."}},
      {"The raid (Gen. Petraeus ordered it) worked. Then calm.",
       {"The raid (Gen. Petraeus ordered it) worked.", "Then calm."}},
      // A middle initial.
      {"U.S. President George W. Bush said so. Then he left.",
       {"U.S. President George W. Bush said so.", "Then he left."}},
  });
}

TEST(SegmentTest, KeepsCountryAbbreviations) {
  ExpectSplits({
      {"U.S. officials said the raid worked. Others disagreed.",
       {"U.S. officials said the raid worked.", "Others disagreed."}},
      {"The U.S. Army said it was ready. The U.N. Security Council met.",
       {"The U.S. Army said it was ready.", "The U.N. Security Council met."}},
      {"a senior U.S. intelligence official said. Next.",
       {"a senior U.S. intelligence official said.", "Next."}},
      {"Acme Inc. Chairman John Doe and No. 2 Jane Roe resigned. Shares fell.",
       {"Acme Inc. Chairman John Doe and No. 2 Jane Roe resigned.",
        "Shares fell."}},
      // Inside brackets.
      {"A report by the United Nations (U.N.) Office for Human Rights said 9,000 fled. Next.",
       {"A report by the United Nations (U.N.) Office for Human Rights said 9,000 fled.", "Next."}},
  });
}

// An abbreviation that ends a sentence: a sentence opener after it keeps the break.
TEST(SegmentTest, BreaksAfterAnAbbreviationBeforeASentenceOpener) {
  ExpectSplits({
      {"Sanctions were imposed by the U.S. The move angered Moscow.",
       {"Sanctions were imposed by the U.S.", "The move angered Moscow."}},
      {"Losses could reach $1 billion, according to Acme Inc. It said 40 homes burned.",
       {"Losses could reach $1 billion, according to Acme Inc.", "It said 40 homes burned."}},
      {"Gen. David Petraeus spoke.", {"Gen. David Petraeus spoke."}},
      {"The U.S. Army agreed.", {"The U.S. Army agreed."}},
  });
}

TEST(SegmentTest, BreaksAfterOtherPeriods) {
  ExpectSplits({
      // Not in the lexicon: a sentence ends after "etc.".
      {"They seized guns, knives, etc. Police kept them.",
       {"They seized guns, knives, etc.", "Police kept them."}},
      // Case-sensitive: "GEN." is not "Gen.".
      {"IT WAS THE GEN. THEN IT ENDED.", {"IT WAS THE GEN.", "THEN IT ENDED."}},
      {"The count was 5. Then 6.", {"The count was 5.", "Then 6."}},
      {"Is it? Yes! It is.", {"Is it?", "Yes!", "It is."}},
  });
}

// UAX #29 keeps a full stop before "37% of likely voters" inside one
// sentence (the next letter is lower case); a figure opens a sentence in news.
TEST(SegmentTest, BreaksBeforeAFigureThatOpensASentence) {
  ExpectSplits({
      {"The poll was done in Atlanta. 37% of likely voters back him.",
       {"The poll was done in Atlanta.", "37% of likely voters back him."}},
      {"Deaths rose in 2016. 2,000 people died in 2017.", {"Deaths rose in 2016.", "2,000 people died in 2017."}},
      {"He said so. \"300 of them were killed,\" he said.", {"He said so.", "\"300 of them were killed,\" he said."}},
      // An abbreviation, an initialism or a lone digit before the number keeps the sentence.
      {"On Jan. 5 the group attacked.", {"On Jan. 5 the group attacked."}},
      {"The budget is Rs. 500 crore.", {"The budget is Rs. 500 crore."}},
      {"The U.S. 5th Fleet has 20 ships.", {"The U.S. 5th Fleet has 20 ships."}},
      {"Figure 3. 5 of them died.", {"Figure 3. 5 of them died."}},
  });
}

TEST(SegmentTest, LineBreaksEndSentences) {
  ExpectSplits({
      {"Al Qaeda's Iraqi Retreat\n\nAl Qaeda is retreating from Iraq. It is "
       "weak.",
       {"Al Qaeda's Iraqi Retreat", "Al Qaeda is retreating from Iraq.",
        "It is weak."}},
      {"Iraq News - Local News - Baghdadpost\n\n"
       "Over 10,000 ISIS terrorists still in Iraq, Syria - experts\n\n"
       "There are many more ISIS loyalists.",
       {"Iraq News - Local News - Baghdadpost",
        "Over 10,000 ISIS terrorists still in Iraq, Syria - experts",
        "There are many more ISIS loyalists."}},
      // A newline after an abbreviation still ends the sentence.
      {"He briefed the Gen.\nDavid Petraeus listened.",
       {"He briefed the Gen.", "David Petraeus listened."}},
      {"Headline in the U.S.\r\n\r\nBody text here.",
       {"Headline in the U.S.", "Body text here."}},
      {"one line\nSecond line", {"one line", "Second line"}},
      // A single line break before a lower-case word is a hard-wrapped line.
      {"between 14,000\nand 18,000 fighters", {"between 14,000\nand 18,000 fighters"}},
      {"it ended.\nthen more", {"it ended.", "then more"}},
  });
}

TEST(SegmentTest, QuotesEndSentences) {
  ExpectSplits({
      {"\"They are in retreat,\" said an official. \"Al Qaeda is down by "
       "half.\" "
       "He added more.",
       {"\"They are in retreat,\" said an official.",
        "\"Al Qaeda is down by half.\"", "He added more."}},
      {"He said: 'We won.' Then he left.",
       {"He said: 'We won.'", "Then he left."}},
      // Unnormalized curly quotes work too.
      {"\u201CWe won.\u201D Then he left.",
       {"\u201CWe won.\u201D", "Then he left."}},
  });
}

TEST(SegmentTest, HandlesArabicPunctuationAndMultibyteText) {
  const std::string raw =
      "Baghdad\u060C Sunday\u060C 21 January \u2014 Gunmen killed 5 people. "
      "Police said the caf\u00E9 was closed.";
  ExpectSplits({
      {raw,
       {"Baghdad\u060C Sunday\u060C 21 January \u2014 Gunmen killed 5 people.",
        "Police said the caf\u00E9 was closed."}},
  });
  NormalizedText normalized;
  ASSERT_TRUE(Normalize(raw, &normalized).ok()) << raw;
  ExpectSplits({
      {normalized.text,
       {"Baghdad, Sunday, 21 January - Gunmen killed 5 people.",
        "Police said the caf\u00E9 was closed."}},
  });
}

TEST(SegmentTest, TrimsAndDropsWhitespace) {
  ExpectSplits({
      {"", {}},
      {" \n\n\t ", {}},
      {"  \n\n  Hello world.  \n\n ", {"Hello world."}},
      {"No final period", {"No final period"}},
      {"Hi.  B is next.\u00A0\u2009", {"Hi.", "B is next."}},
  });
}

TEST(SegmentTest, SpansAreOrderedAndDisjoint) {
  const std::string text =
      "Gen. Petraeus spoke.\n\nThe U.S. Army agreed. \"Yes,\" it said. Done";
  Span previous;
  for (const Span& s : Segmenter().Split(text)) {
    EXPECT_LT(s.start, s.end) << text;
    EXPECT_LE(previous.end, s.start) << text;
    EXPECT_LE(s.end, text.size()) << text;
    previous = s;
  }
}

TEST(SegmentTest, SplitIsThreadSafe) {
  const std::string text =
      "Gen. David Petraeus said 5. Then he left.\n\nThe U.S. Army agreed. "
      "Fine.";
  const std::vector<Span> expected = Segmenter().Split(text);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        if (Segmenter().Split(text) != expected) ++mismatches[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < 4; ++t)
    EXPECT_EQ(mismatches[t], 0) << text << " thread " << t;
}

}  // namespace
}  // namespace claimex
