// The attribution stage end to end: every claim of a text through the whole
// extractor, its speaker and cue, and the explanation --explain gives.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "emit/record.h"
#include "pipeline.h"
#include "rulebook/rulebook.h"
#include "project_rules.h"

namespace claimex {
namespace {

std::vector<Claim> Extract(const std::string& text) {
  Document doc;
  doc.id = "t";
  doc.text = text;
  std::vector<Claim> claims;
  EXPECT_TRUE(ProjectExtractor().Extract(doc, /*explain=*/true, &claims).ok());
  return claims;
}

const Claim& ClaimOf(const std::vector<Claim>& claims, const std::string& quantity) {
  for (const Claim& c : claims)
    if (c.quantity_text == quantity) return c;
  static Claim none;
  ADD_FAILURE() << "no claim " << quantity;
  return none;
}

std::string SpeakerText(const Claim& c) { return c.speaker ? c.speaker->text : "null"; }
std::string SpeakerName(const Claim& c) { return c.speaker && c.speaker->name ? *c.speaker->name : "null"; }

TEST(AttributorTest, ResolvesPronounsAndSurnamesAcrossTheDocument) {
  const auto claims = Extract(
      "There are no firm plans for those troops to return, said Colonel Myles Caggins, a spokesperson.\n\n"
      "In total there are fewer than 10,000 coalition troops, of which about 5,200 are American, Col Caggins said. "
      "About 800 American troops have been sent home, he added, while six military bases were transferred.");
  const Claim& c1 = ClaimOf(claims, "about 5,200");
  EXPECT_EQ(SpeakerText(c1), "Col Caggins");
  EXPECT_EQ(SpeakerName(c1), "Myles Caggins");
  const Claim& c2 = ClaimOf(claims, "About 800");
  EXPECT_EQ(SpeakerText(c2), "he");
  EXPECT_EQ(SpeakerName(c2), "Myles Caggins");
  ASSERT_TRUE(c2.cue.has_value());
  EXPECT_EQ(c2.cue->text, "added");
  EXPECT_EQ(c2.cue->lemma, "add");
  EXPECT_EQ(SpeakerName(ClaimOf(claims, "six")), "Myles Caggins");
}

// A one-word name is a person unless the document names it as an
// institution elsewhere, before or after.
TEST(AttributorTest, AOneWordNameTakesTheKindTheDocumentGivesIt) {
  const auto claims = Extract(
      "Ransomware payments top $1 billion, Chainalysis says.\n\n"
      "Gangs took $1.1 billion in 2023, blockchain analysis firm Chainalysis said. "
      "Attacks cost $5 million, Smith said.");
  const Claim& headline = ClaimOf(claims, "$1 billion");
  ASSERT_TRUE(headline.speaker.has_value());
  EXPECT_EQ(headline.speaker->kind, "organization");
  EXPECT_EQ(SpeakerName(headline), "Chainalysis");
  const Claim& smith = ClaimOf(claims, "$5 million");
  ASSERT_TRUE(smith.speaker.has_value());
  EXPECT_EQ(smith.speaker->kind, "person");
}

// "it" takes the latest named organization among the recent speakers; a
// description takes the full name in its apposition.
TEST(AttributorTest, ResolvesItAndAppositionNames) {
  const auto claims = Extract(
      "The Soufan Center calculated that as many as 40,000 foreigners had traveled to Syria. "
      "Of those, roughly 5,600 had returned home, it found. "
      "A spokesman for the group, Zabihullah Mujahid, said 12 fighters were killed. "
      "It is thought to have 300 more.");
  const Claim& found = ClaimOf(claims, "roughly 5,600");
  EXPECT_EQ(SpeakerText(found), "it");
  EXPECT_EQ(SpeakerName(found), "Soufan Center");
  ASSERT_TRUE(found.speaker.has_value());
  EXPECT_EQ(found.speaker->kind, "organization");
  EXPECT_FALSE(found.speaker->anonymous);
  const Claim& killed = ClaimOf(claims, "12");
  EXPECT_EQ(SpeakerText(killed), "A spokesman for the group");
  EXPECT_EQ(SpeakerName(killed), "Zabihullah Mujahid");
  EXPECT_EQ(SpeakerText(ClaimOf(claims, "300")), "null");  // an agentless passive, not a pronoun speaker
}

TEST(AttributorTest, AQuotationOverSeveralSentencesKeepsItsSpeaker) {
  const auto claims = Extract(
      "\"They have been dealt severe blows,\" said a senior official who requested anonymity. "
      "\"Their strength is down by 40 percent. They lost 300 fighters.\"\n\n"
      "The army lost 20 tanks.");
  EXPECT_EQ(SpeakerText(ClaimOf(claims, "40 percent")), "a senior official");
  EXPECT_EQ(SpeakerText(ClaimOf(claims, "300")), "a senior official");
  EXPECT_EQ(SpeakerText(ClaimOf(claims, "20")), "null");
}

TEST(AttributorTest, InnermostSpeakerAndNoSpeakerCases) {
  const auto claims = Extract(
      "Reuters reports that officials estimate 2,000 militants remain. "
      "The group is estimated to have 5,000 fighters. "
      "Islamic State claimed responsibility for 25 attacks. "
      "Militants staged 40 attacks in May.");
  EXPECT_EQ(SpeakerText(ClaimOf(claims, "2,000")), "officials");
  EXPECT_EQ(SpeakerText(ClaimOf(claims, "5,000")), "null");
  EXPECT_EQ(SpeakerText(ClaimOf(claims, "25")), "null");
  EXPECT_EQ(SpeakerText(ClaimOf(claims, "40")), "null");
  EXPECT_FALSE(ClaimOf(claims, "40").cue.has_value());
}

TEST(AttributorTest, ExplainNamesTheRuleAndTheCandidatesPassedOver) {
  const auto claims = Extract("Reuters reports that officials estimate 2,000 militants remain.");
  const Claim& c = ClaimOf(claims, "2,000");
  ASSERT_TRUE(c.explain.has_value());
  const auto& e = (*c.explain)["speaker"];
  EXPECT_EQ(e["rule"], "attribution.subject_estimate");
  ASSERT_EQ(e["passed_over"].size(), 1u);
  EXPECT_EQ(e["passed_over"][0]["rule"], "attribution.subject_say");
  EXPECT_EQ(e["passed_over"][0]["speaker"], "Reuters");
  EXPECT_EQ(c.rules.back(), "attribution.subject_estimate");
}

TEST(AttributorTest, SpansPointAtTheOriginalBytes) {
  // Typographic quotes are normalized for matching; spans index the original.
  const std::string text = "\xE2\x80\x9CWe counted 300 bodies,\xE2\x80\x9D said Dr. Ahmed Ali.";
  const auto claims = Extract(text);
  const Claim& c = ClaimOf(claims, "300");
  ASSERT_TRUE(c.speaker.has_value());
  EXPECT_EQ(c.speaker->text, "Dr. Ahmed Ali");
  EXPECT_EQ(text.substr(c.speaker->span.start, c.speaker->span.size()), "Dr. Ahmed Ali");
  EXPECT_EQ(text.substr(c.cue->span.start, c.cue->span.size()), "said");
}

}  // namespace
}  // namespace claimex
