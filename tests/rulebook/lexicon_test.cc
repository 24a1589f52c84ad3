#include "rulebook/lexicon.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <re2/re2.h>

#include <algorithm>
#include <string>
#include <vector>

#include "base/ascii.h"
#include "project_rules.h"
#include "rulebook/rulebook.h"

namespace claimex {
namespace {

namespace fs = std::filesystem;

Lexicon LoadText(const std::string& text) {
  const fs::path path = fs::path(::testing::TempDir()) / ("claimex_lexicon_" + std::to_string(getpid()) + ".tsv");
  std::ofstream(path) << text;
  Lexicon lexicon;
  Diagnostics diags;
  EXPECT_TRUE(lexicon.Load(path.string(), "test", &diags));
  for (const Diagnostic& d : diags) ADD_FAILURE() << d.ToString();
  fs::remove(path);
  return lexicon;
}

TEST(Lexicon, FindIgnoresAsciiCaseAndCollapsesWhiteSpace) {
  const Lexicon lexicon = LoadText("key\tkind\nU.S.\tcountry\nDefence Ministry\torganization\nofficials\tgroup\n");
  ASSERT_NE(lexicon.Find("u.s."), nullptr);
  EXPECT_EQ(lexicon.Cell(*lexicon.Find("u.s."), 1), "country");
  ASSERT_NE(lexicon.Find("DEFENCE \t ministry"), nullptr);
  EXPECT_EQ(lexicon.Cell(*lexicon.Find("  defence\nMinistry "), 1), "organization");
  EXPECT_NE(lexicon.Find("Officials"), nullptr);
  EXPECT_EQ(lexicon.Find("official"), nullptr);
  EXPECT_EQ(lexicon.Find("officialss"), nullptr);
  EXPECT_EQ(lexicon.Find("us"), nullptr);
  EXPECT_EQ(lexicon.Find(""), nullptr);
  EXPECT_EQ(Lexicon().Find("anything"), nullptr);  // never loaded
}

TEST(Lexicon, LookupFormLowerCasesAsciiOnlyAndCollapsesRuns) {
  EXPECT_EQ(Lexicon::LookupForm("  The \t\n Pentagon  "), "the pentagon");
  EXPECT_EQ(Lexicon::LookupForm("ÉLYSÉE Palace"), "ÉlysÉe palace");  // non-ASCII bytes kept as they are
  EXPECT_EQ(Lexicon::LookupForm(""), "");
  std::string reused = "a much longer string than the form";
  Lexicon::LookupForm("Said", &reused);
  EXPECT_EQ(reused, "said");
}

// Every key of every project lexicon is found by itself, in upper case, and
// not with a letter added: the index holds them all, collisions included.
TEST(Lexicon, EveryProjectKeyIsFound) {
  const Rulebook& rules = ProjectRules();
  size_t keys = 0;
  for (const std::string& name : {"attribution_cues", "speaker_roles", "speaker_titles", "link_places",
                                  "link_organizations", "abbreviations", "number_words", "plural_nouns"}) {
    ASSERT_TRUE(rules.has_lexicon(name)) << name;
    const Lexicon& lexicon = rules.lexicon(name);
    for (const Lexicon::Entry& entry : lexicon.entries()) {
      const std::string& key = entry.cells[0];
      EXPECT_EQ(lexicon.Find(key), &entry) << name << ": " << key;
      std::string upper = key;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      EXPECT_EQ(lexicon.Find(upper), &entry) << name << ": " << upper;
      const Lexicon::Entry* longer = lexicon.Find(key + "q");
      EXPECT_TRUE(longer == nullptr || Lexicon::LookupForm(longer->cells[0]) == AsciiLower(key + "q"))
          << name << ": " << key << "q";
      ++keys;
    }
  }
  EXPECT_GT(keys, 1000u);
}

// The plain "longest key first" alternation the factored one must agree with.
std::string LongestFirstAlternation(const Lexicon& lexicon) {
  std::vector<std::string> keys;
  for (const Lexicon::Entry& e : lexicon.entries()) keys.push_back(Lexicon::LookupForm(e.cells[0]));
  std::sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  std::string alt;
  for (const std::string& key : keys) {
    std::string quoted = RE2::QuoteMeta(key);
    for (size_t at = quoted.find("\\ "); at != std::string::npos; at = quoted.find("\\ ", at + 3))
      quoted.replace(at, 2, "\\s+");
    alt += (alt.empty() ? "" : "|") + quoted;
  }
  return "(?:" + alt + ")";
}

// How much of `text` the alternation takes at its start (-1: none).
int MatchedLength(const RE2& re, const std::string& text) {
  re2::StringPiece match;
  if (!re.Match(text, 0, text.size(), RE2::ANCHOR_START, &match, 1)) return -1;
  return static_cast<int>(match.size());
}

TEST(Lexicon, AlternationFactorsSharedPrefixes) {
  const Lexicon lexicon = LoadText("key\nal-Qaeda\nal-Shabaab\ntens\ntens of thousands\n");
  EXPECT_EQ(lexicon.Alternation(), "(?:tens(?:\\s+of\\s+thousands)?|al\\-(?:shabaab|qaeda))");
  RE2 re("(" + lexicon.Alternation() + ")", Rulebook::MatchOptions());
  ASSERT_TRUE(re.ok()) << re.error();
  EXPECT_EQ(MatchedLength(re, "tens of  thousands of people"), 18);
  EXPECT_EQ(MatchedLength(re, "tens of people"), 4);
  EXPECT_EQ(MatchedLength(re, "Al-Shabaab fighters"), 10);
  EXPECT_EQ(MatchedLength(re, "al-Q"), -1);
}

// On every project lexicon the factored alternation takes exactly what the
// longest-first one takes: each key alone, followed by a word, by the start
// of another key, and cut short by one character.
TEST(Lexicon, FactoredAlternationMatchesLikeLongestFirst) {
  const Rulebook& rules = ProjectRules();
  size_t checked = 0;
  size_t lexicons = 0;
  for (const auto& file : fs::directory_iterator(fs::path(rules.dir()) / "lexicon")) {
    const std::string name = file.path().stem().string();
    if (file.path().extension() != ".tsv" || !rules.has_lexicon(name)) continue;
    ++lexicons;
    const Lexicon& lexicon = rules.lexicon(name);
    RE2 factored(lexicon.Alternation(), Rulebook::MatchOptions());
    RE2 reference(LongestFirstAlternation(lexicon), Rulebook::MatchOptions());
    ASSERT_TRUE(factored.ok()) << name << ": " << factored.error();
    ASSERT_TRUE(reference.ok()) << name << ": " << reference.error();
    const std::vector<Lexicon::Entry>& entries = lexicon.entries();
    for (size_t i = 0; i < entries.size(); ++i) {
      const std::string& key = entries[i].cells[0];
      const std::string& next = entries[(i + 1) % entries.size()].cells[0];
      for (const std::string& text : {key, key + " said", key + " " + next, key.substr(0, key.size() - 1)}) {
        EXPECT_EQ(MatchedLength(factored, text), MatchedLength(reference, text)) << name << ": '" << text << "'";
        ++checked;
      }
    }
  }
  EXPECT_GT(lexicons, 20u);
  EXPECT_GT(checked, 4000u);
}

}  // namespace
}  // namespace claimex
