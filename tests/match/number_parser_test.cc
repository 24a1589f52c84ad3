// NumberParser and UnitFinder over the project's lexicons.
#include "match/number_parser.h"

#include <gtest/gtest.h>

#include "match/unit_finder.h"
#include "project_rules.h"
#include "rulebook/rulebook.h"

namespace claimex {
namespace {

const Rulebook& Rules() { return ProjectRules(); }

TEST(NumberParser, RefusesNumbersBeyondADouble) {
  NumberParser parser(Rules().lexicon("number_words"), Rules().lexicon("multipliers"));
  EXPECT_FALSE(parser.Parse(std::string(320, '5')).has_value()) << "320 digits are infinite as a double";
  EXPECT_FALSE(parser.Parse(std::string(300, '9') + " billion").has_value());
  EXPECT_TRUE(parser.Parse(std::string(300, '9')).has_value());
}

TEST(NumberParser, ReadsNumbers) {
  NumberParser parser(Rules().lexicon("number_words"), Rules().lexicon("multipliers"));
  struct Case {
    const char* text;
    double value;
  } cases[] = {
      {"566", 566},
      {"14,000", 14000},
      {"10 500", 10500},
      {"9,53,154", 953154},     // Indian grouping
      {"1,00,000", 100000},
      {"12,34,56,789", 123456789},
      {"1,234,567.89", 1234567.89},  // the cents of a large amount are kept
      {"16.4 million", 16400000},    // binary noise is not
      {"1.5 million", 1500000},
      {"5bn", 5e9},
      {"8m", 8e6},
      {"669+ Million", 669e6},
      {"two", 2},
      {"twenty-five", 25},
      {"a hundred", 100},
      {"five thousand", 5000},
      {"one hundred and fifty", 150},
      {"two dozen", 24},
      {"a dozen", 12},
      {"Two", 2},
      {"3.5", 3.5},
      {"1.2 lakh crore", 1.2e12},
      {"500 crore", 5e9},
      {"five thousand million", 5e9},
  };
  for (const Case& c : cases) {
    auto n = parser.Parse(c.text);
    ASSERT_TRUE(n.has_value()) << c.text;
    EXPECT_DOUBLE_EQ(n->value, c.value) << c.text;
  }
}

TEST(NumberParser, RejectsNonNumbers) {
  NumberParser parser(Rules().lexicon("number_words"), Rules().lexicon("multipliers"));
  for (const char* text : {"", "a", "several", "many thousand"}) EXPECT_FALSE(parser.Parse(text).has_value()) << text;
}

TEST(UnitFinder, FindsTheSingularHead) {
  UnitFinder finder(Rules());
  struct Case {
    const char* after;  // the text after the number
    const char* unit;   // "" = none
  } cases[] = {
      {" Lebanese soldiers were killed", "soldier"},
      {" foreign fighters", "fighter"},
      {" drone strikes", "strike"},
      {" rockets and missiles", "rocket"},
      {" ISIS-loyalists remain", "loyalist"},
      {" people", "person"},
      {" casualties", "casualty"},
      {" are American", ""},
      {" during 2019", ""},
      {". The next", ""},
      {" Australians", ""},
      {" the group's", ""},
      {" military bases", "base"},
      {" losses", "loss"},
      // -ies that is -ie, not -y; -es over -is (rules/lexicon/plural_nouns.tsv)
      {" sorties", "sortie"},
      {" crises", "crisis"},
      {" more troops", "troop"},  // "more" and "fewer" qualify the noun
      {" more than last year", ""},
      {" others were wounded", ""},  // "others" is no noun to count
      {"\" volunteers\"", "volunteer"},  // a quotation mark between: 5,000 "volunteers"
      {"\" of trained fighters", "fighter"},  // "tens of thousands" of trained fighters
      {"\" and left", ""},
  };
  for (const Case& c : cases) {
    auto unit = finder.HeadAfter(c.after, 0);
    EXPECT_EQ(unit.value_or(""), c.unit) << c.after;
  }
}

}  // namespace
}  // namespace claimex
