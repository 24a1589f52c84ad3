// Quotations: pairing of quote marks, quotations over several paragraphs,
// unbalanced marks and quoted phrases inside a sentence.
#include "attribute/quotes.h"

#include <gtest/gtest.h>

#include <string>

namespace claimex {
namespace {

std::string Text(const std::string& text, const Quotation& q) { return text.substr(q.span.start, q.span.size()); }

TEST(QuotesTest, PairsMarksWithinAParagraph) {
  const std::string text = "\"They are in retreat,\" said the official. \"Their strength is down by half.\"";
  auto quotes = FindQuotations(text);
  ASSERT_EQ(quotes.size(), 2u);
  EXPECT_EQ(Text(text, quotes[0]), "\"They are in retreat,\"");
  EXPECT_EQ(Text(text, quotes[1]), "\"Their strength is down by half.\"");
  EXPECT_TRUE(quotes[0].closed);
  EXPECT_EQ(quotes[0].paragraph, quotes[1].paragraph);
  EXPECT_EQ(QuotationAt(quotes, text.find("half")), 1);
  EXPECT_EQ(QuotationAt(quotes, text.find("said")), -1);
}

TEST(QuotesTest, AQuotationOverParagraphsIsOneChain) {
  const std::string text =
      "He said: \"The first paragraph has 300 fighters.\n\n\"The second one has 400,\" he added.\n";
  auto quotes = FindQuotations(text);
  ASSERT_EQ(quotes.size(), 2u);
  EXPECT_FALSE(quotes[0].closed);
  EXPECT_EQ(quotes[1].chain_previous, 0);
  EXPECT_EQ(QuotationAt(quotes, text.find("300")), 0);
  EXPECT_EQ(QuotationAt(quotes, text.find("400")), 1);
}

TEST(QuotesTest, AnUnbalancedMarkRunsToTheEndOfItsParagraph) {
  const std::string text = "\"There are 500 of them, he said.\nNext paragraph with 20.";
  auto quotes = FindQuotations(text);
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(QuotationAt(quotes, text.find("500")), 0);
  EXPECT_EQ(QuotationAt(quotes, text.find("20.")), -1);
}

TEST(QuotesTest, AQuotedPhraseInsideASentenceIsNotAQuotation) {
  const std::string text = "He called it the \"perfect base\" for 300 fighters, and lauded \"a much safer place\".";
  EXPECT_TRUE(FindQuotations(text).empty());
}

}  // namespace
}  // namespace claimex
