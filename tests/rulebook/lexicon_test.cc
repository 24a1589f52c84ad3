#include "rulebook/lexicon.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "base/ascii.h"
#include "project_rules.h"

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

}  // namespace
}  // namespace claimex
