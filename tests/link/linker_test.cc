// The link stage (extractor/link) with the project's rules: which
// organization and place each claim gets, by position, with original offsets.
#include "link/linker.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pipeline.h"
#include "rulebook/rulebook.h"
#include "project_rules.h"

namespace claimex {
namespace {

namespace fs = std::filesystem;

const std::string kRules = std::string(CLAIMEX_PROJECT_DIR) + "/rules";

class LinkerTest : public ::testing::Test {
 protected:
  // The claim whose quantity text is `quantity` (the test fails without one).
  static Claim ClaimOf(const std::string& text, const std::string& quantity, bool explain = false) {
    Document doc;
    doc.id = "t";
    doc.text = text;
    std::vector<Claim> claims;
    EXPECT_TRUE(ProjectExtractor().Extract(doc, explain, &claims).ok());
    for (const Claim& c : claims)
      if (c.quantity_text == quantity) return c;
    ADD_FAILURE() << "no claim \"" << quantity << "\" in: " << text;
    return Claim();
  }

};

std::string Slice(const std::string& text, Span span) { return text.substr(span.start, span.size()); }

TEST_F(LinkerTest, SubjectBeforeAndPlaceAfter) {
  const std::string text = "The top US official estimated that Isis retained between 14,000 and 18,000 fighters in Iraq and Syria.";
  const Claim c = ClaimOf(text, "between 14,000 and 18,000");
  ASSERT_TRUE(c.subject);
  EXPECT_EQ(c.subject->text, "Isis");
  EXPECT_EQ(c.subject->canonical.value_or(""), "Islamic State");
  EXPECT_EQ(Slice(text, c.subject->span), "Isis");
  ASSERT_TRUE(c.place);
  EXPECT_EQ(c.place->text, "Iraq and Syria");
  EXPECT_EQ(Slice(text, c.place->span), "Iraq and Syria");
  EXPECT_NE(std::find(c.rules.begin(), c.rules.end(), "link.organization"), c.rules.end());
  EXPECT_NE(std::find(c.rules.begin(), c.rules.end(), "link.place.locative"), c.rules.end());
  EXPECT_EQ(c.rules.front(), "quantity.range.between") << "the quantity rule stays first";
}

TEST_F(LinkerTest, OrganizationInTheCountedNounPhraseWins) {
  // Taliban stands before the quantity, but ISIS modifies the counted noun.
  const Claim c = ClaimOf("Taliban officials said 2,000 ISIS fighters had fled.", "2,000");
  ASSERT_TRUE(c.subject);
  EXPECT_EQ(c.subject->canonical.value_or(""), "Islamic State");
  const Claim members = ClaimOf("Militants killed at least 19 members of the Iraqi security forces.", "at least 19");
  ASSERT_TRUE(members.subject);
  EXPECT_EQ(members.subject->canonical.value_or(""), "Iraqi Security Forces");
}

TEST_F(LinkerTest, OffsetsAreOriginalBytesAfterTypographicText) {
  // Curly quotes and an em dash are folded to ASCII in the normalized text;
  // the spans must still slice the original bytes.
  const std::string text = "\u201cThey\u2019re done\u201d \u2014 yet some 7,000 ISIS\u2011loyalists remain in northern Syria.";
  const Claim c = ClaimOf(text, "some 7,000");
  ASSERT_TRUE(c.subject);
  EXPECT_EQ(Slice(text, c.subject->span), "ISIS");
  ASSERT_TRUE(c.place);
  EXPECT_EQ(c.place->text, "northern Syria");
  EXPECT_EQ(Slice(text, c.place->span), "northern Syria");
}

TEST_F(LinkerTest, ExactCaseAliases) {
  EXPECT_FALSE(ClaimOf("This is a count of 5,000 people.", "5,000").subject) << "`is` is not IS";
  const Claim c = ClaimOf("IS still has 5,000 fighters.", "5,000");
  ASSERT_TRUE(c.subject);
  EXPECT_EQ(c.subject->canonical.value_or(""), "Islamic State");
  EXPECT_FALSE(ClaimOf("The attack on us killed 40 people.", "40").place) << "`us` is not the US";
  EXPECT_FALSE(ClaimOf("WHY IS THE TOLL NOW 5,000 AND RISING", "5,000").subject) << "a line in capitals";
  EXPECT_TRUE(ClaimOf("ISIS TOLL NOW 5,000", "5,000").subject) << "only exact-case aliases are doubted";
}

TEST_F(LinkerTest, PlaceInsideAnOrganizationNameIsNoPlace) {
  const Claim c = ClaimOf("Al Qaeda in Iraq\u2019s overall strength is down by well over half.", "well over half");
  ASSERT_TRUE(c.subject);
  EXPECT_EQ(c.subject->canonical.value_or(""), "al-Qaeda in Iraq");
  EXPECT_FALSE(c.place);
}

TEST_F(LinkerTest, OpposedAndBackingGroupsAreNotSubjects) {
  EXPECT_FALSE(ClaimOf("About 800 soldiers have joined anti-Isis operations.", "About 800").subject);
  EXPECT_FALSE(ClaimOf("Coalition-backed forces took two towns.", "two").subject);
  const Claim c = ClaimOf("About 800 soldiers were sent home from the US-led anti-Isis coalition.", "About 800");
  ASSERT_TRUE(c.subject);
  EXPECT_EQ(c.subject->canonical.value_or(""), "US-led coalition");
}

TEST_F(LinkerTest, ClauseBoundariesAndPlacePreference) {
  // An organization after the quantity counts only within its clause.
  EXPECT_FALSE(ClaimOf("Supplies came in eight planeloads, which angered Hezbollah.", "eight").subject);
  // A place after the quantity in its clause beats one before it; `from` is
  // where something came from, not where it is.
  const Claim c = ClaimOf("In Syria, you have 50 fighters from Iraq in Lebanon now.", "50");
  ASSERT_TRUE(c.place);
  EXPECT_EQ(c.place->text, "Lebanon");
  // With nothing after it, the place before the quantity holds.
  const Claim before = ClaimOf("Officials estimate ISIS strength in Iraq and Syria at 6,000 to 8,000.", "6,000 to 8,000");
  ASSERT_TRUE(before.place);
  EXPECT_EQ(before.place->text, "Iraq and Syria");
}

TEST_F(LinkerTest, NothingNamedGivesNull) {
  const Claim c = ClaimOf("About 800 American troops have been permanently sent home.", "About 800");
  EXPECT_FALSE(c.subject);
  EXPECT_FALSE(c.place);
}

// The attribution names who asserts the quantity: an organization in the
// speaker's apposition is not what the quantity counts.
TEST_F(LinkerTest, NoSubjectFromTheAttribution) {
  const Claim c = ClaimOf(
      "Colonel Ahmed al-Jaburi, a spokesman for the Iraqi army, puts the number of remaining militants at about 500.",
      "about 500");
  ASSERT_TRUE(c.speaker);
  EXPECT_FALSE(c.subject) << c.subject->text;
  const Claim d = ClaimOf("Iraqi army officials said about 500 Isis fighters remain.", "about 500");
  ASSERT_TRUE(d.subject);
  EXPECT_EQ(d.subject->canonical.value_or(""), "Islamic State");
}

// A comma item right before a lower-case word modifies it; a list closed by
// a conjunction, or ended by punctuation, stays whole.
TEST_F(LinkerTest, ACommaItemBeforeALowerCaseWordIsAModifier) {
  const Claim a = ClaimOf("Al-Shabaab has some 7,000 fighters in Somalia, U.S. officials said.", "some 7,000");
  ASSERT_TRUE(a.place);
  EXPECT_EQ(a.place->text, "Somalia");
  const Claim b = ClaimOf("ISIS has 3,000 fighters in Iraq, Syria and Libya combined.", "3,000");
  ASSERT_TRUE(b.place);
  EXPECT_EQ(b.place->text, "Iraq, Syria and Libya");
  const Claim c = ClaimOf("Over 10,000 ISIS terrorists still in Iraq, Syria - experts", "Over 10,000");
  ASSERT_TRUE(c.place);
  EXPECT_EQ(c.place->text, "Iraq, Syria");
}

TEST_F(LinkerTest, ExplainSaysWhy) {
  const Claim c = ClaimOf("Isis retained 14,000 fighters in Iraq.", "14,000", /*explain=*/true);
  ASSERT_TRUE(c.explain);
  ASSERT_TRUE(c.explain->contains("link")) << c.explain->dump();
  EXPECT_EQ((*c.explain)["link"]["subject"], "before the quantity");
  EXPECT_EQ((*c.explain)["link"]["place"], "after the quantity, same clause");
}

TEST_F(LinkerTest, FindMentionsReportsVetoes) {
  const Linker linker(ProjectRules());
  const std::string text = "The anti-Isis coalition and Hezbollah-backed militias fought in Syria.";
  std::vector<std::string> fired;
  const std::vector<LinkMention> mentions = linker.FindMentions(text, Span{0, text.size()}, &fired);
  std::vector<std::string> found;
  for (const LinkMention& m : mentions) found.push_back(text.substr(m.span.start, m.span.size()));
  EXPECT_EQ(found, (std::vector<std::string>{"anti-Isis coalition", "Syria"}));
  EXPECT_NE(std::find(fired.begin(), fired.end(), "link.not.backer"), fired.end());
}

// A rules directory without link rules links nothing and still loads.
TEST(LinkerWithoutRules, LinksNothing) {
  const fs::path dir = fs::temp_directory_path() / ("claimex_link_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(kRules, dir, fs::copy_options::recursive);
  fs::remove(dir / "link.toml");
  Diagnostics diags;
  std::unique_ptr<Rulebook> rules = Rulebook::Load(dir.string(), &diags);
  ASSERT_NE(rules, nullptr) << (diags.empty() ? "" : diags[0].ToString());
  Extractor extractor(*rules);
  Document doc;
  doc.id = "t";
  doc.text = "Isis retained 14,000 fighters in Iraq.";
  std::vector<Claim> claims;
  ASSERT_TRUE(extractor.Extract(doc, false, &claims).ok());
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_FALSE(claims[0].subject);
  EXPECT_FALSE(claims[0].place);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace claimex
