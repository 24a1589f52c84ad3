// Speaker mentions (trimming and kinds) and in-document name resolution,
// with the project's lexicons.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "attribute/name_index.h"
#include "attribute/speaker_mention.h"
#include "rulebook/rulebook.h"
#include "project_rules.h"

namespace claimex {
namespace {

const SpeakerLexicons& Lexicons() {
  static const SpeakerLexicons* lexicons = new SpeakerLexicons(ProjectRules());
  return *lexicons;
}

std::string Trimmed(const std::string& text, bool before_cue) {
  Span s = Lexicons().Trim(text, {0, text.size()}, before_cue);
  return text.substr(s.start, s.size());
}

TEST(SpeakerMentionTest, TrimsBeforeACueAfterTheLastBoundary) {
  EXPECT_EQ(Trimmed("of Iraqi refugees crossing borders that government officials", true), "government officials");
  EXPECT_EQ(Trimmed("But experts both in and outside the US government", true),
            "experts both in and outside the US government");
  EXPECT_EQ(Trimmed("Reuters reports that officials", true), "officials");
  EXPECT_EQ(Trimmed("but with good caution I", true), "I");
  EXPECT_EQ(Trimmed("The group is", true), "");  // a passive: "The group is said to"
  EXPECT_EQ(Trimmed("an", true), "");            // only a determiner: "an estimated 5,000"
}

TEST(SpeakerMentionTest, TrimsAfterACueBeforeTheFirstBoundary) {
  EXPECT_EQ(Trimmed("a senior U.S. intelligence official who requested anonymity.", false),
            "a senior U.S. intelligence official");
  EXPECT_EQ(Trimmed("the official.", false), "the official");
  EXPECT_EQ(Trimmed("200 militants were arrested.", false), "");  // a clause, not a mention
}

TEST(SpeakerMentionTest, Kinds) {
  struct Case {
    const char* mention;
    const char* kind;
    bool anonymous;
    const char* name;  // nullptr: none
  };
  const Case cases[] = {
      {"a senior U.S. intelligence official", "official", true, nullptr},
      {"intelligence sources", "group", true, nullptr},
      {"an official U.S. intelligence estimate", "document", true, nullptr},
      {"HUMAN EVENTS", "media", false, "HUMAN EVENTS"},
      {"Colonel Myles Caggins", "person", false, "Myles Caggins"},
      {"Dr. Mohammad al-Massari", "person", false, "Mohammad al-Massari"},
      {"security analysts Michael Knights and Alex Almeida", "person", false, "Michael Knights and Alex Almeida"},
      {"The top US official on Syria", "official", true, nullptr},
      {"the Pentagon", "organization", false, "Pentagon"},
      {"The Syrian Observatory for Human Rights", "organization", false, "Syrian Observatory for Human Rights"},
      {"Officials in Niger", "group", true, nullptr},
      {"Estimates", "document", true, nullptr},
      {"local media reports", "media", true, nullptr},
      {"U.S.", "organization", false, "U.S."},    // a country speaks for its government
      {"Russia", "organization", false, "Russia"},
      {"a 2022 United Nations panel of experts report", "document", true, nullptr},
      {"The United Nations children's agency UNICEF", "organization", false, "UNICEF"},
      {"the rights group Amnesty International", "organization", false, "Amnesty International"},
      {"ACLED", "organization", false, "ACLED"},
      {"Police spokesman Yazid Abubakar", "person", false, "Yazid Abubakar"},
      {"Hassan", "person", false, "Hassan"},
      {"Iran's Revolutionary Guard", "organization", false, "Iran's Revolutionary Guard"},
      {"the Revolutionary Guards", "organization", false, "Revolutionary Guards"},
      {"the National Bureau of Statistics", "organization", false, "National Bureau of Statistics"},
      {"the author of the report", "person", true, nullptr},
      {"Security Secretary Omar García Harfuch", "person", false, "Omar García Harfuch"},
      {"Agriculture Minister Jane Doe", "person", false, "Jane Doe"},
      {"the Office for National Statistics", "organization", false, "Office for National Statistics"},
  };
  for (const Case& c : cases) {
    MentionInfo m = Lexicons().Classify(c.mention);
    EXPECT_EQ(m.kind, c.kind) << c.mention;
    EXPECT_EQ(m.anonymous, c.anonymous) << c.mention;
    if (c.name) EXPECT_EQ(m.name.value_or("<none>"), c.name) << c.mention;
    else EXPECT_FALSE(m.name.has_value()) << c.mention;
  }
  MentionInfo he = Lexicons().Classify("he");
  EXPECT_EQ(he.type, MentionInfo::Type::kPronoun);
  EXPECT_EQ(he.pronoun_refers, "person");
  MentionInfo col = Lexicons().Classify("Col Caggins");
  EXPECT_TRUE(col.surname_only);
  EXPECT_EQ(col.name.value_or(""), "Caggins");
}

// A description's name in apposition: a full person's name closed by a
// comma or the sentence's end, nothing else.
TEST(SpeakerMentionTest, NameInApposition) {
  auto named = [](const std::string& text) {
    const size_t after = text.find('|');
    std::string clean = text;
    clean.erase(after, 1);
    return Lexicons().NameInApposition(clean, after, clean.size()).value_or("<none>");
  };
  EXPECT_EQ(named("A spokesman for the group|, Zabihullah Mujahid, said 40 died."), "Zabihullah Mujahid");
  EXPECT_EQ(named("said a spokesman|, Ahmed Hassan."), "Ahmed Hassan");
  EXPECT_EQ(named("The army spokesman|, Col. Ali Hussein, said"), "Ali Hussein");
  EXPECT_EQ(named("A senior official|, who asked not to be named, said"), "<none>");
  EXPECT_EQ(named("A spokesman|, Hussein, said"), "<none>");           // a surname alone
  EXPECT_EQ(named("The ministry's spokesman|, the Health Ministry, said"), "<none>");  // not a person
  EXPECT_EQ(named("A spokesman| said"), "<none>");
}

TEST(NameIndexTest, SurnamesResolveToTheFullNameGivenEarlier) {
  const std::string text =
      "There are no firm plans, said Colonel Myles Caggins, a spokesperson for the coalition. "
      "Hassan Hassan, the coauthor, estimates 7,000. Col Caggins said 5,200 are American.";
  NameIndex names(text, Lexicons());
  EXPECT_EQ(names.FullName("Caggins", text.find("Col Caggins")).value_or(""), "Myles Caggins");
  EXPECT_EQ(names.FullName("Hassan", text.size()).value_or(""), "Hassan Hassan");
  EXPECT_FALSE(names.FullName("Caggins", text.find("Colonel")).has_value());  // nothing earlier
  EXPECT_FALSE(names.FullName("Rifi", text.size()).has_value());
}

TEST(NameIndexTest, PronounsAndDescriptions) {
  const std::string text =
      "Hisham al-Hashimi, an adviser to the Iraqi government, said 1,000. "
      "There are no firm plans, said Colonel Myles Caggins, a spokesperson for the coalition. He added more.";
  NameIndex names(text, Lexicons());
  EXPECT_EQ(names.LastPerson(text.find("He added")).value_or(""), "Myles Caggins");
  EXPECT_EQ(names.LastPerson(text.find("There are")).value_or(""), "Hisham al-Hashimi");
  EXPECT_EQ(names.Described("spokesperson", text.size()).value_or(""), "Myles Caggins");
  EXPECT_EQ(names.Described("adviser", text.size()).value_or(""), "Hisham al-Hashimi");
  EXPECT_EQ(names.Described("colonel", text.size()).value_or(""), "Myles Caggins");
  EXPECT_FALSE(names.Described("official", text.size()).has_value());
}

TEST(NameIndexTest, PlacesAndOrganizationsAreNotPeople) {
  const std::string text = "The Pentagon and the US Army said the Health Ministry counted 40.";
  NameIndex names(text, Lexicons());
  EXPECT_FALSE(names.LastPerson(text.size()).has_value());
  // A place or a known group before "the agency" is not a person it describes.
  const std::string fled = "Most fled to Chad, Egypt and South Sudan, the agency said. Others joined Boko Haram, the group said.";
  NameIndex places(fled, Lexicons());
  EXPECT_FALSE(places.LastPerson(fled.size()).has_value());
  EXPECT_FALSE(places.Described("agency", fled.size()).has_value());
}

}  // namespace
}  // namespace claimex
