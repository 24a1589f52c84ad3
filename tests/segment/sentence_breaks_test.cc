// SentenceBreaks must give exactly ICU's sentence boundaries wherever it
// answers: checked on random text drawn from every Sentence_Break class (so
// every pair and triple of classes around a terminator occurs), on the
// corpus articles and, when present, on the TempEval-3 articles.
#include "segment/sentence_breaks.h"

#include <gtest/gtest.h>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "normalize/normalize.h"

namespace claimex {
namespace {

namespace fs = std::filesystem;

std::vector<size_t> IcuBreaks(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(icu::Locale("en"), status));
  EXPECT_TRUE(U_SUCCESS(status));
  UText utext = UTEXT_INITIALIZER;
  utext_openUTF8(&utext, text.data(), static_cast<int64_t>(text.size()), &status);
  it->setText(&utext, status);
  std::vector<size_t> out;
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) out.push_back(static_cast<size_t>(b));
  utext_close(&utext);
  return out;
}

std::string Utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

void ExpectSameAsIcu(const std::string& text) {
  const std::optional<std::vector<size_t>> ours = SentenceBreaks(text);
  if (!ours) return;  // left to ICU
  ASSERT_EQ(*ours, IcuBreaks(text)) << "text: \"" << text << "\"";
}

TEST(SentenceBreaksTest, SameAsIcuOnRandomTextOfEveryClass) {
  // Code points of every Sentence_Break class but Extend and Format.
  const std::vector<char32_t> alphabet = {
      U'#', U'$', U'%', U'_', U'*', U'/', U'\x00A9', U'\x2026',         // Other (… is Other)
      U'\r', U'\n', U'\x0085', U'\x2028', U'\x2029',                    // CR, LF, Sep
      U' ', U'\t', U'\x000B', U'\x000C', U'\x00A0', U'\x3000',          // Sp
      U'a', U'x', U'\x00E9', U'\x00DF', U'\x00AA',                      // Lower
      U'A', U'Z', U'\x00C9', U'\x0394',                                 // Upper
      U'\x05D0', U'\x4E00', U'\x0E01',                                  // OLetter
      U'0', U'7', U'\x0661',                                            // Numeric
      U'.', U'\x2024', U'\xFF0E',                                       // ATerm
      U'!', U'?', U'\x3002', U'\x0964', U'\x203C',                      // STerm
      U'"', U'\'', U'(', U')', U'[', U']', U'\x201C', U'\x201D', U'\x00AB', U'\x00BB',  // Close
      U',', U'-', U':', U';', U'\x2013', U'\xFE50',                     // SContinue
  };
  // Terminators and their neighbours come up more often than in prose.
  const std::vector<char32_t> common = {U'.', U'.', U'!', U'?', U' ', U' ', U'a', U'A', U'"', U')', U'1', U'\n'};
  std::mt19937 random(20261121);
  for (int round = 0; round < 200000; ++round) {
    const size_t length = 1 + random() % 12;
    std::string text;
    for (size_t i = 0; i < length; ++i) {
      const bool pick_common = random() % 2 == 0;
      text += Utf8(pick_common ? common[random() % common.size()] : alphabet[random() % alphabet.size()]);
    }
    ExpectSameAsIcu(text);
    if (HasFatalFailure()) return;
  }
}

TEST(SentenceBreaksTest, SameAsIcuOnProse) {
  const char* cases[] = {
      "The U.S. Army said 3.5 million. It was (he said.) wrong! Really? yes.",
      "Gen. David Petraeus spoke.  \"It is over,\" he said. The end",
      "Mr. Smith went to Washington. e.g. this one. Etc.\n\nNew paragraph.\r\nAnd another...",
      "Hello.World. Hi.  (Yes.)  No.\u2029Next? \u201cQuoted.\u201d Then: more; less.",
      "",
      "   ",
      "no terminator at all",
  };
  for (const char* c : cases) ExpectSameAsIcu(c);
}

// Every article of a directory (of .txt, or of .tml whose tags do not matter
// here) normalized as the pipeline normalizes it.
// Counts the files and those SentenceBreaks answered itself.
void ExpectSameAsIcuOnFiles(const fs::path& dir, const std::string& extension, int* files, int* answered) {
  if (!fs::is_directory(dir)) return;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != extension) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    NormalizedText normalized;
    ASSERT_TRUE(Normalize(buffer.str(), &normalized).ok()) << entry.path();
    ExpectSameAsIcu(normalized.text);
    ++*files;
    *answered += SentenceBreaks(normalized.text).has_value();
  }
}

TEST(SentenceBreaksTest, SameAsIcuOnArticles) {
  int files = 0, answered = 0;
  ExpectSameAsIcuOnFiles(fs::path(CLAIMEX_PROJECT_DIR) / "corpus", ".txt", &files, &answered);
  EXPECT_EQ(files, 5);
  EXPECT_EQ(answered, 5);
  const char* env = std::getenv("CLAIMEX_EXTERNAL_DIR");
  const fs::path external = env && *env ? fs::path(env) : fs::path(CLAIMEX_PROJECT_DIR) / "../shared/external";
  const fs::path tempeval = external / "tempeval3" / "te3-platinum";
  if (!fs::is_directory(tempeval)) {
    std::cout << "[ NOTICE   ] " << tempeval.lexically_normal().string()
              << " is absent: the TempEval-3 articles are not compared\n";
    return;
  }
  ExpectSameAsIcuOnFiles(tempeval, ".tml", &files, &answered);
  EXPECT_GT(files, 5);
  EXPECT_GT(answered, files / 2);
}

TEST(SentenceBreaksTest, LeavesTransparentCharactersAndBadUtf8ToIcu) {
  EXPECT_FALSE(SentenceBreaks("co\u00ADoperate. Yes").has_value());  // soft hyphen: Format
  EXPECT_FALSE(SentenceBreaks("e\u0301t\u00E9. Yes").has_value());  // combining acute: Extend
  EXPECT_FALSE(SentenceBreaks(std::string("abc\xff. Yes")).has_value());
  EXPECT_TRUE(SentenceBreaks("plain text. Yes").has_value());
}

TEST(SentenceBreaksTest, LinearOnLongRunsOfTerminators) {
  // Each terminator's look-ahead stops at the next terminator.
  std::string text;
  for (int i = 0; i < 20000; ++i) text += ". 1 ";
  text += "a";
  ExpectSameAsIcu(text);
}

}  // namespace
}  // namespace claimex
