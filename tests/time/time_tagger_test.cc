// The time stage: calendar arithmetic, TIMEX3 resolution, the article date
// found in the seed articles' text or url, and claim dating through the
// whole Extractor with the project's rules.
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "assemble/analysis.h"
#include "normalize/normalize.h"
#include "pipeline.h"
#include "rulebook/rulebook.h"
#include "segment/segment.h"
#include "time/calendar.h"
#include "time/time_tagger.h"
#include "time/timex.h"
#include "project_rules.h"

namespace claimex {
namespace {

const Rulebook& Rules() { return ProjectRules(); }

TEST(Calendar, WeekdaysAndIsoWeeks) {
  EXPECT_EQ(Weekday(2013, 3, 22), 5);  // a Friday
  EXPECT_EQ(Weekday(2018, 1, 21), 7);  // a Sunday
  int y, w;
  IsoWeek(2013, 3, 22, &y, &w);
  EXPECT_EQ(FormatWeek(y, w), "2013-W12");
  IsoWeek(2008, 12, 29, &y, &w);  // belongs to the next ISO year
  EXPECT_EQ(FormatWeek(y, w), "2009-W01");
  IsoWeek(2010, 1, 3, &y, &w);  // belongs to the previous one
  EXPECT_EQ(FormatWeek(y, w), "2009-W53");
  int yy, mm, dd;
  CivilFromDays(DaysFromCivil(2020, 2, 29) + 1, &yy, &mm, &dd);
  EXPECT_EQ(FormatDay(yy, mm, dd), "2020-03-01");
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
}

TEST(Calendar, PartialDates) {
  EXPECT_TRUE(ParsePartialDate("2020"));
  EXPECT_TRUE(ParsePartialDate("2020-06"));
  EXPECT_TRUE(ParsePartialDate("2020-02-29"));
  EXPECT_FALSE(ParsePartialDate("2019-02-29"));
  EXPECT_FALSE(ParsePartialDate("2020-13"));
  EXPECT_FALSE(ParsePartialDate("20-01-01"));
}

TEST(Timex, ResolvesAgainstTheReference) {
  const auto ref = ParsePartialDate("2013-03-22");  // a Friday
  Timex friday;
  friday.weekday = 5;
  EXPECT_EQ(ResolveTimex(friday, ref), "2013-03-22");  // the same day counts
  Timex monday;
  monday.weekday = 1;
  EXPECT_EQ(ResolveTimex(monday, ref), "2013-03-18");
  monday.future = true;
  EXPECT_EQ(ResolveTimex(monday, ref), "2013-03-25");
  Timex july;
  july.month = 7;
  EXPECT_EQ(ResolveTimex(july, ref), "2012-07");  // the latest July not after the reference
  Timex march;
  march.month = 3;
  EXPECT_EQ(ResolveTimex(march, ref), "2013-03");
  march.direction = -1;  // "last March"
  EXPECT_EQ(ResolveTimex(march, ref), "2012-03");
  Timex last_month;
  last_month.relative = true;
  last_month.unit = TimeUnit::kMonth;
  last_month.shift = -1;
  EXPECT_EQ(ResolveTimex(last_month, ParsePartialDate("2020-01-15")), "2019-12");
  EXPECT_EQ(ResolveTimex(last_month, ParsePartialDate("2020")), std::nullopt);  // not precise enough
  Timex q1_this_year;
  q1_this_year.relative = true;
  q1_this_year.unit = TimeUnit::kYear;
  q1_this_year.quarter = 1;
  EXPECT_EQ(ResolveTimex(q1_this_year, ParsePartialDate("2020-06")), "2020-Q1");
  Timex next_quarter;
  next_quarter.relative = true;
  next_quarter.unit = TimeUnit::kQuarter;
  next_quarter.shift = 1;
  EXPECT_EQ(ResolveTimex(next_quarter, ParsePartialDate("2019-11")), "2020-Q1");
  EXPECT_EQ(ResolveTimex(july, std::nullopt), std::nullopt);  // year-less without a reference
  Timex absolute;
  absolute.year = 2018;
  absolute.month = 1;
  absolute.day = 21;
  EXPECT_EQ(ResolveTimex(absolute, std::nullopt), "2018-01-21");
  absolute.day = 32;
  EXPECT_EQ(ResolveTimex(absolute, std::nullopt), std::nullopt);
  Timex duration;
  duration.type = "DURATION";
  duration.unit = TimeUnit::kYear;
  duration.amount = 5;
  EXPECT_EQ(ResolveTimex(duration, std::nullopt), "P5Y");
}

TEST(Timex, DateOfValue) {
  EXPECT_EQ(DateOfValue("2022-09")->month, 9);
  EXPECT_FALSE(DateOfValue("2022-09")->has_day());
  EXPECT_EQ(DateOfValue("2018-01-19T12:00")->day, 19);
  EXPECT_EQ(DateOfValue("2020-Q1")->year, 2020);
  EXPECT_FALSE(DateOfValue("2020-Q1")->has_month());
  EXPECT_FALSE(DateOfValue("PRESENT_REF"));
  EXPECT_FALSE(DateOfValue("P5Y"));
}

// The pipeline's segmenter, with the project's abbreviations.
SentenceSegmenter Segmenter() {
  return SegmenterOf(Rules());
}

// Tags `doc` with the time stage alone and returns its article date and rule.
std::pair<std::string, std::string> ArticleDate(const Document& doc) {
  NormalizedText normalized;
  EXPECT_TRUE(Normalize(doc.text, &normalized).ok());
  const SentenceSegmenter segmenter = Segmenter();
  DocumentAnalysis analysis(doc, normalized);
  analysis.sentences = segmenter.Split(normalized.text);
  analysis.article_date = doc.date;
  TimeTagger tagger(Rules());
  tagger.Tag(&analysis);
  return {analysis.article_date, analysis.article_date_rule};
}

// Every seed article whose text or url states its date gets it, with no
// help from the metadata's `date`.
TEST(ArticleDate, SeedCorpusFromTextOrUrl) {
  const std::string corpus = std::string(CLAIMEX_PROJECT_DIR) + "/corpus/";
  std::map<std::string, std::string> urls;
  std::ifstream meta(corpus + "metadata.jsonl");
  std::string line;
  while (std::getline(meta, line)) {
    const nlohmann::json j = nlohmann::json::parse(line);
    if (j["url"].is_string()) urls[j["id"]] = j["url"];
  }
  const std::map<std::string, std::pair<std::string, std::string>> want = {
      {"000_7fea153f5673b827", {"2008-10-01", "time.article.url"}},
      {"001_1133531db2868947", {"2008-03-21", "time.article.url"}},
      {"002_4c15246a69764410", {"", ""}},  // neither the text nor the url says it
      {"003_5c259003176556fc", {"2018-01-21", "time.article.updated"}},
      {"004_b17dde39660d6713", {"2020-06", "time.article.url"}},
  };
  for (const auto& [id, expected] : want) {
    Document doc;
    doc.id = id;
    std::ifstream in(corpus + id + ".txt", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    doc.text = text.str();
    if (urls.count(id)) doc.meta_json = nlohmann::json{{"url", urls[id]}}.dump();
    EXPECT_EQ(ArticleDate(doc), expected) << id;
  }
}

TEST(ArticleDate, MetadataWinsAndTextBeatsUrl) {
  Document doc;
  doc.text = "KABUL, Jan. 5, 2018 (Reuters) - Gunmen killed 12 people.";
  doc.meta_json = R"({"url": "https://example.com/2017/12/30/story/"})";
  EXPECT_EQ(ArticleDate(doc), std::make_pair(std::string("2018-01-05"), std::string("time.article.dateline")));
  doc.date = "2018-01-06";
  EXPECT_EQ(ArticleDate(doc).first, "2018-01-06");
  // A dateline without its year takes the year from the url.
  Document yearless;
  yearless.text = "KABUL, Jan. 5 (Reuters) - Gunmen killed 12 people.";
  yearless.meta_json = R"({"url": "https://example.com/2018/01/06/story/"})";
  EXPECT_EQ(ArticleDate(yearless).first, "2018-01-05");
  // A date in running text is not the article's date.
  Document running;
  running.text = "Gunmen killed 12 people.\n\nThe report was published on 5 March 2017.";
  EXPECT_EQ(ArticleDate(running).first, "");
}

// Asked to date no claim, the stage does nothing: not even the article date
// is looked for. Without claims (as for --mentions), everything is tagged.
TEST(ArticleDate, NotLookedForWithoutClaimsToDate) {
  Document doc;
  doc.text = "KABUL, Jan. 5, 2018 (Reuters) - Gunmen attacked a market on Monday.";
  NormalizedText normalized;
  ASSERT_TRUE(Normalize(doc.text, &normalized).ok());
  const SentenceSegmenter segmenter = Segmenter();
  TimeTagger tagger(Rules());
  const std::vector<Claim> none;
  DocumentAnalysis dated_nothing(doc, normalized);
  dated_nothing.sentences = segmenter.Split(normalized.text);
  tagger.Tag(&dated_nothing, &none);
  EXPECT_EQ(dated_nothing.article_date, "");
  EXPECT_TRUE(dated_nothing.time_mentions.empty());
  DocumentAnalysis everything(doc, normalized);
  everything.sentences = segmenter.Split(normalized.text);
  tagger.Tag(&everything);
  EXPECT_EQ(everything.article_date, "2018-01-05");
  EXPECT_FALSE(everything.time_mentions.empty());
}

// The attribution's time: with the cue the attribution stage sets, an
// expression in the cue's clause dates a claim whose own clause has none,
// before the nearest expression of the sentence.
TEST(DateClaimsDirect, TheAttributionsTimeBeforeTheNearest) {
  Document doc;
  doc.text = "Officials said on Friday that the group, which grew in 2014, has 500 fighters.";
  doc.date = "2013-03-22";
  NormalizedText normalized;
  ASSERT_TRUE(Normalize(doc.text, &normalized).ok());
  DocumentAnalysis analysis(doc, normalized);
  analysis.sentences = {Span{0, normalized.text.size()}};
  analysis.article_date = doc.date;
  TimeTagger tagger(Rules());
  tagger.Tag(&analysis);
  Claim claim;
  claim.sentence_index = 0;
  claim.normalized_sentence = analysis.sentences[0];
  const size_t q = normalized.text.find("500");
  claim.normalized_quantity = {q, q + 3};
  std::vector<Claim> claims = {claim};
  tagger.DateClaims(analysis, false, &claims);
  ASSERT_TRUE(claims[0].date);
  EXPECT_EQ(claims[0].date->value, "2014");  // no cue: the nearest expression
  CueRef cue;
  const size_t said = normalized.text.find("said");
  cue.span = {said, said + 4};
  cue.lemma = "say";
  claims = {claim};
  claims[0].cue = cue;
  tagger.DateClaims(analysis, false, &claims);
  ASSERT_TRUE(claims[0].date);
  EXPECT_EQ(claims[0].date->value, "2013-03-22");
  EXPECT_EQ(claims[0].rules.back(), "time.weekday");
}

class ClaimDates : public ::testing::Test {
 protected:
  // The date value of each claim of `text`, "-" for no date, "null" for a
  // date whose value is null.
  std::vector<std::string> Dates(const std::string& text, const std::string& article_date, bool explain = false,
                                 std::vector<Claim>* out = nullptr) {
    // No time budget: a sanitizer build takes seconds over the test of
    // thousands of claims, and the dates are what is tested here.
    ExtractLimits limits;
    limits.time_budget = std::chrono::milliseconds(0);
    Extractor extractor(Rules(), limits);
    Document doc;
    doc.id = "t";
    doc.text = text;
    doc.date = article_date;
    std::vector<Claim> claims;
    EXPECT_TRUE(extractor.Extract(doc, explain, &claims).ok());
    std::vector<std::string> dates;
    for (const Claim& c : claims) dates.push_back(!c.date ? "-" : c.date->value ? *c.date->value : "null");
    if (out) *out = claims;
    return dates;
  }
};

TEST_F(ClaimDates, TheQuantitysClauseFirst) {
  EXPECT_EQ(Dates("The group staged 566 attacks in the first three months of the year and 1,669 during 2019.",
                  "2020-06"),
            (std::vector<std::string>{"2020-Q1", "2019"}));
}

TEST_F(ClaimDates, TheSaidTimeWhenTheClauseHasNone) {
  EXPECT_EQ(Dates("Officials estimated in January that Isis retained 14,000 fighters.", "2020-06"),
            (std::vector<std::string>{"2020-01"}));
}

// An apposition of change after a comma takes the time of the clause it
// follows, before the said-time; an apposition with none falls back to it.
TEST_F(ClaimDates, AnAppositionTakesTheTimeOfItsClause) {
  EXPECT_EQ(Dates("Mexico recorded 29,675 homicides last year, a 5.2% drop from 2022, the agency said Thursday.",
                  "2023-01-02"),
            (std::vector<std::string>{"2022", "2022"}));
  EXPECT_EQ(Dates("45,774 people crossed in 2022, up more than 60% from the previous year, data released on "
                  "Monday showed.",
                  "2023-01-02"),
            (std::vector<std::string>{"2022", "2022"}));
  EXPECT_EQ(Dates("The group has 3,000 fighters, up 20% from a year earlier, officials said on Monday.", "2023-01-04"),
            (std::vector<std::string>{"2023-01-02", "2023-01-02"}));
  // A participle clause of result: the event's time, not the report's.
  EXPECT_EQ(Dates("A car bomb exploded in Kabul on Monday, killing 20 people, police said on Tuesday.", "2023-01-04"),
            (std::vector<std::string>{"2023-01-02"}));
  // "down from N": N is the base, of another time than the clause's.
  EXPECT_EQ(Dates("Net migration fell to 728,000 in the year to June, down from a record 906,000, the ONS said last "
                  "month.",
                  "2024-01-05"),
            (std::vector<std::string>{"2023-06", "2023-12"}));
}

TEST_F(ClaimDates, SinceGivesNoDate) {
  EXPECT_EQ(Dates("The coalition has spent $5bn since 2014.", "2020-06"), (std::vector<std::string>{"-"}));
}

TEST_F(ClaimDates, SinceInTheClauseKeepsOtherExpressionsOut) {
  EXPECT_EQ(Dates("The ministry said 45 people were killed in the week to Sunday, and 300 since January 1.",
                  "2017-03-15"),
            (std::vector<std::string>{"2017-03-12", "-"}));
}

// An expression in a later quantity's clause is that quantity's date; an
// earlier quantity's may date an apposition after it.
TEST_F(ClaimDates, ALaterQuantitysClauseIsNotThisOnesDate) {
  EXPECT_EQ(Dates("The Pentagon estimates the group has between 55,000 and 85,000 fighters, up from about 30,000 in 2019.",
                  "2021-08-06"),
            (std::vector<std::string>{"-", "2019"}));
  EXPECT_EQ(Dates("It staged 1,669 attacks during 2019, a 13 per cent increase from the previous year.", "2020-06"),
            (std::vector<std::string>{"2019", "2019"}));
}

TEST_F(ClaimDates, NowGivesNoDate) {
  EXPECT_EQ(Dates("There are now fewer than 10,000 troops in Iraq.", "2020-06"), (std::vector<std::string>{"-"}));
}

TEST_F(ClaimDates, AComparisonBaseIsNotTheDate) {
  EXPECT_EQ(Dates("Attacks rose to 1,669 during 2019, a 13 per cent increase from the previous year.", "2020-06"),
            (std::vector<std::string>{"2019", "2019"}));
}

TEST_F(ClaimDates, RelativeWithoutArticleDateKeepsTextWithNullValue) {
  std::vector<Claim> claims;
  EXPECT_EQ(Dates("Last month 40 people died.", ""), (std::vector<std::string>{"null"}));
  EXPECT_EQ(Dates("In 2014 40 people died.", "", true, &claims), (std::vector<std::string>{"2014"}));
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_EQ(claims[0].date->text, "2014");
  EXPECT_EQ(claims[0].rules.back(), "time.year");
}

TEST_F(ClaimDates, ExplainNamesTheRules) {
  std::vector<Claim> claims;
  Dates("Last Modified: Sunday, 21 January 2018 12:37 PM\n\nLast month 40 people died.", "", true, &claims);
  ASSERT_EQ(claims.size(), 1u);
  ASSERT_TRUE(claims[0].explain);
  const auto& e = (*claims[0].explain)["date"];
  EXPECT_EQ(e["article_date"], "2018-01-21");
  EXPECT_EQ(e["article_date_rule"], "time.article.updated");
  EXPECT_EQ(e["rule"], "time.relative.unit");
  EXPECT_EQ(claims[0].date->value, "2017-12");
}

TEST_F(ClaimDates, OffsetsAreOriginalBytes) {
  std::vector<Claim> claims;
  const std::string text = "\xE2\x80\x9CIn July\xE2\x80\x9D \xE2\x80\x94 40 people died.";  // curly quotes, em dash
  Dates(text, "2020-08-01", false, &claims);
  ASSERT_EQ(claims.size(), 1u);
  ASSERT_TRUE(claims[0].date);
  EXPECT_EQ(text.substr(claims[0].date->span.start, claims[0].date->span.size()), "July");
  EXPECT_EQ(claims[0].date->value, "2020-07");
}

// Thousands of claims and expressions in one run-on sentence: dating them
// stays close to linear (it was quadratic in the sentence's length once).
// A run-on "sentence" with thousands of claims: each is dated by its own
// clause. (Its speed is the benchmark's business, not a timed test's; the
// document time budget bounds it in a run.)
TEST_F(ClaimDates, ManyClaimsInOneSentenceAreAllDated) {
  std::string text;
  for (int i = 0; i < 6000; ++i) text += "5 people died in 2014 and ";
  const std::vector<std::string> dates = Dates(text, "2020-01-01");
  ASSERT_EQ(dates.size(), 6000u);
  EXPECT_EQ(dates.front(), "2014");
  EXPECT_EQ(dates.back(), "2014");
}

}  // namespace
}  // namespace claimex
