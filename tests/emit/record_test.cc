// Unit tests of emit/record.h: numbers, CSV quoting and the record layout
// of CLAIMS.md "Record".
#include "emit/record.h"

#include "emit/json_writer.h"

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace claimex {
namespace {

using Json = nlohmann::ordered_json;

std::vector<std::string> Keys(const Json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  return keys;
}

// A claim with every field set.
Claim FullClaim() {
  Claim c;
  c.doc = "004_b17dde39660d6713";
  c.index = 7;
  c.sentence = {2301, 2455};
  c.quantity_text = "between 14,000 and 18,000";
  c.quantity_span = {2398, 2423};
  c.kind = QuantityKind::kCount;
  c.low = 14000;
  c.high = 18000;
  c.relation = Relation::kRange;
  c.approx = false;
  c.unit = "fighter";
  c.article_date = "2020-06-01";
  c.rules = {"quantity.range.between"};
  return c;
}

// JsonWriter's strings escape exactly what nlohmann's dump escapes, with the
// byte to escape at every position of the 16-byte blocks and their tails.
TEST(RecordTest, JsonStringsEscapeLikeNlohmann) {
  const std::string specials[] = {"\"", "\\", "\n", "\t", "\b", "\f", "\r", std::string(1, '\x1f'),
                                  std::string(1, '\0'), "\x7f", "\xc3\xa9"};
  for (const std::string& special : specials)
    for (size_t length = 0; length < 40; ++length)
      for (size_t at = 0; at <= length; ++at) {
        std::string text(length, 'a');
        text.insert(at, special);
        std::string written;
        JsonWriter(&written).String(text);
        EXPECT_EQ(written, Json(text).dump()) << "length " << length << " at " << at;
      }
}

TEST(RecordTest, NumberToJson) {
  struct Case {
    std::string name;
    std::optional<double> value;
    std::string want;  // dump()
  };
  const Case cases[] = {
      {"integer", 14000.0, "14000"},
      {"zero", 0.0, "0"},
      {"negative integer", -3.0, "-3"},
      {"large integer", 5e9, "5000000000"},
      {"third", 0.3333, "0.3333"},
      {"half", 0.5, "0.5"},
      {"fraction above one", 1.5, "1.5"},
      {"null", std::nullopt, "null"},
  };
  for (const Case& c : cases) {
    const Json j = NumberToJson(c.value);
    EXPECT_EQ(j.dump(), c.want) << c.name;
    if (c.value && std::nearbyint(*c.value) == *c.value) EXPECT_TRUE(j.is_number_integer()) << c.name;
  }
  // Beyond exact integers the value stays a double and round-trips.
  const Json huge = NumberToJson(1e20);
  EXPECT_TRUE(huge.is_number_float()) << "1e20";
  EXPECT_EQ(Json::parse(huge.dump()).get<double>(), 1e20) << "1e20 round-trips";
}

TEST(RecordTest, CsvFieldQuoting) {
  struct Case {
    std::string name, field, want;
  };
  const Case cases[] = {
      {"plain", "about 300", "about 300"},
      {"empty", "", ""},
      {"comma", "14,000", "\"14,000\""},
      {"quote", "say \"hi\"", "\"say \"\"hi\"\"\""},
      {"only a quote", "\"", "\"\"\"\""},
      {"CR", "a\rb", "\"a\rb\""},
      {"LF", "a\nb", "\"a\nb\""},
      {"CRLF and comma", "x,\r\ny", "\"x,\r\ny\""},
      {"non-ASCII", "10\u2009500 \u201cfighters\u201d", "10\u2009500 \u201cfighters\u201d"},
  };
  for (const Case& c : cases) EXPECT_EQ(CsvField(c.field), c.want) << c.name;
}

TEST(RecordTest, ClaimToJsonFieldsInContractOrder) {
  const Json j = ClaimToJson(FullClaim());
  EXPECT_EQ(Keys(j), (std::vector<std::string>{"schema", "doc", "id", "sentence", "quantity", "subject", "place",
                                               "speaker", "cue", "date", "article_date", "rules"}));
  EXPECT_EQ(Keys(j.at("quantity")), (std::vector<std::string>{"text", "start", "end", "kind", "low", "high",
                                                              "relation", "approx", "unit"}));
  EXPECT_EQ(Keys(j.at("sentence")), (std::vector<std::string>{"start", "end"}));
  EXPECT_EQ(j.at("schema"), 1);
  EXPECT_EQ(j.at("id"), "004_b17dde39660d6713:7") << "id is doc:index";
  EXPECT_EQ(j.at("article_date"), "2020-06-01");
  EXPECT_EQ(j.at("quantity").dump(),
            R"({"text":"between 14,000 and 18,000","start":2398,"end":2423,"kind":"count","low":14000,)"
            R"("high":18000,"relation":"range","approx":false,"unit":"fighter"})");
  EXPECT_EQ(j.at("sentence").dump(), R"({"start":2301,"end":2455})");
  EXPECT_EQ(j.at("rules").dump(), R"(["quantity.range.between"])");
}

TEST(RecordTest, ClaimToJsonStageFields) {
  Claim c = FullClaim();
  c.speaker = SpeakerRef{{{2301, 2329}, "The top US official on Syria"}, std::nullopt, "official", true};
  c.cue = CueRef{{{2330, 2339}, "estimated"}, "estimate"};
  c.subject = SubjectRef{{{2383, 2387}, "Isis"}, "Islamic State"};
  c.place = PlaceRef{{{2437, 2451}, "Iraq and Syria"}};
  c.date = DateRef{{{2340, 2350}, "in January"}, "2020-01"};
  const Json j = ClaimToJson(c);
  EXPECT_EQ(j.at("subject").dump(), R"({"text":"Isis","start":2383,"end":2387,"canonical":"Islamic State"})");
  EXPECT_EQ(j.at("place").dump(), R"({"text":"Iraq and Syria","start":2437,"end":2451})");
  EXPECT_EQ(j.at("speaker").dump(),
            R"({"text":"The top US official on Syria","start":2301,"end":2329,"name":null,"kind":"official",)"
            R"("anonymous":true})");
  EXPECT_EQ(j.at("cue").dump(), R"({"text":"estimated","start":2330,"end":2339,"lemma":"estimate"})");
  EXPECT_EQ(j.at("date").dump(), R"({"text":"in January","start":2340,"end":2350,"value":"2020-01"})");
}

TEST(RecordTest, MentionToJson) {
  DateMention m{"doc1", {{5, 15}, "last month"}, "DATE", std::nullopt, "time.relative"};
  EXPECT_EQ(MentionToJson(m).dump(),
            R"({"doc":"doc1","text":"last month","start":5,"end":15,"type":"DATE","value":null,"rule":"time.relative"})");
}

// The writer's lines are valid JSON in nlohmann's canonical compact form
// (escapes, numbers, UTF-8 kept as is): parsing one and dumping it gives it back.
TEST(RecordTest, JsonLinesAreCanonicalJson) {
  std::vector<Claim> claims;
  claims.push_back(FullClaim());
  Claim odd = FullClaim();
  odd.doc = "d\"q\\b\x01\x1f\x7f\t\n";
  odd.quantity_text = "\u00e9t\u00e9 \u201c5\u201d \U0001F600";
  odd.low = 0.3333;
  odd.high = 1e300;
  odd.unit.reset();
  odd.article_date.clear();
  // meta_json is always the reader's compact dump.
  odd.meta_json =
      nlohmann::ordered_json::parse(R"({"url":"https://x/\u00e9","n":1.5,"list":[1,{"a":null}],"t":"\"q\""})").dump();
  odd.explain = nlohmann::ordered_json{{"normalized_sentence", "a\tb \u00e9"}, {"matches", {1, 2.5, nullptr}}};
  odd.speaker = SpeakerRef{{{1, 2}, "he \"x\""}, "Myles Caggins", "person", false};
  odd.cue = CueRef{{{3, 4}, "said"}, "say"};
  odd.subject = SubjectRef{{{5, 6}, "IS"}, std::nullopt};
  odd.place = PlaceRef{{{7, 8}, "Deir al-Zour"}};
  odd.date = DateRef{{{9, 10}, "last month"}, std::nullopt};
  odd.rules = {};
  claims.push_back(odd);
  Claim negative = FullClaim();
  negative.low = -2.5;
  negative.high = 9.5e15;
  claims.push_back(negative);
  const std::string lines = ToJsonLines(claims);
  std::string again;
  size_t start = 0;
  for (size_t end = lines.find('\n'); end != std::string::npos; start = end + 1, end = lines.find('\n', start)) {
    const std::string line = lines.substr(start, end - start);
    again += nlohmann::ordered_json::parse(line).dump(-1, ' ', false, nlohmann::json::error_handler_t::strict) + "\n";
  }
  EXPECT_EQ(again, lines);
  EXPECT_EQ(start, lines.size()) << "every record ends in a newline";
}

TEST(RecordTest, ClaimToJsonNulls) {
  Claim c = FullClaim();
  c.article_date.clear();
  c.low.reset();
  c.relation = Relation::kLt;
  c.unit.reset();
  const Json j = ClaimToJson(c);
  EXPECT_TRUE(j.at("article_date").is_null()) << "empty article_date";
  EXPECT_TRUE(j.at("quantity").at("low").is_null()) << "no low";
  EXPECT_EQ(j.at("quantity").at("relation"), "lt");
  EXPECT_TRUE(j.at("quantity").at("unit").is_null()) << "no unit";
  for (const char* field : {"subject", "place", "speaker", "cue", "date"}) {
    EXPECT_TRUE(j.at(field).is_null()) << field;
  }
  EXPECT_FALSE(j.contains("meta")) << "no meta without meta_json";
  EXPECT_FALSE(j.contains("explain")) << "no explain without --explain";
}

TEST(RecordTest, ClaimToJsonMetaAndExplainComeLast) {
  Claim c = FullClaim();
  c.meta_json = R"({"url":"https://example.com","title":"T"})";
  c.explain = Json{{"normalized_sentence", "s"}};
  const Json j = ClaimToJson(c);
  const std::vector<std::string> keys = Keys(j);
  ASSERT_EQ(keys.size(), 14u);
  EXPECT_EQ(keys[12], "meta");
  EXPECT_EQ(keys[13], "explain");
  EXPECT_EQ(j.at("meta").dump(), c.meta_json) << "meta carried untouched, in order";
}

TEST(RecordTest, ToJsonLines) {
  Claim second = FullClaim();
  second.index = 8;
  second.quantity_text = "\u201cabout\u201d 300\n";
  const std::string out = ToJsonLines({FullClaim(), second});
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.back(), '\n');
  size_t lines = 0, start = 0;
  for (size_t nl = out.find('\n'); nl != std::string::npos; start = nl + 1, nl = out.find('\n', start)) {
    const Json j = Json::parse(out.substr(start, nl - start));
    EXPECT_EQ(j, ClaimToJson(lines == 0 ? FullClaim() : second)) << "line " << lines + 1;
    ++lines;
  }
  EXPECT_EQ(lines, 2u) << "one line per claim; a newline in a value is escaped";
  EXPECT_EQ(ToJsonLines({}), "");
}

TEST(RecordTest, CsvRows) {
  const std::string header = CsvHeader();
  ASSERT_GE(header.size(), 2u);
  EXPECT_EQ(header.substr(header.size() - 2), "\r\n");
  EXPECT_EQ(header.rfind("id,doc,", 0), 0u) << header;

  Claim c = FullClaim();
  c.doc = "a,b";
  c.index = 1;
  c.high.reset();
  c.relation = Relation::kGe;
  c.approx = true;
  c.rules = {"r.one", "r.two"};
  c.sentence_text = "He said \"no\",\nthen left.";
  const std::string row = ToCsvRows({c});
  EXPECT_EQ(row,
            "\"a,b:1\",\"a,b\",2020-06-01,\"between 14,000 and 18,000\",14000,,ge,true,fighter,count,,,,,,,,,,"
            "\"He said \"\"no\"\",\nthen left.\",,,2398,2423,2301,2455,r.one r.two\r\n");
  c.speaker = SpeakerRef{{{10, 20}, "the official"}, std::nullopt, "official", true};
  c.cue = CueRef{{{21, 25}, "said"}, "say"};
  c.subject = SubjectRef{{{30, 34}, "Isis"}, "Islamic State"};
  c.place = PlaceRef{{{40, 44}, "Iraq"}};
  c.date = DateRef{{{50, 60}, "in January"}, "2020-01"};
  const std::string full = ToCsvRows({c});
  EXPECT_NE(full.find(",Islamic State,Iraq,the official,,official,true,said,in January,2020-01,"), std::string::npos)
      << full;
  EXPECT_NE(full.find(",Isis,say,2398,"), std::string::npos) << full;
  EXPECT_EQ(ToCsvRows({}), "");
}

}  // namespace
}  // namespace claimex
