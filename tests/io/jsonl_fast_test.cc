// The JSONL fast path must give exactly the Document the full parser gives,
// and decline every line it is not sure of (the full parser then decides).
#include "io/jsonl_fast.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "io/document_source.h"

namespace claimex {
namespace {

// What DocumentSource makes of a one-line JSONL file: the document, or
// nullopt for an error.
std::optional<Document> ThroughSource(const std::string& line) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("claimex_jsonl_fast_" + std::to_string(getpid()) + ".jsonl");
  std::ofstream(path, std::ios::binary) << line << "\n";
  DocumentSource source({path.string()}, InputOptions());
  Document doc;
  InputError error;
  const auto r = source.Next(&doc, &error);
  std::filesystem::remove(path);
  if (r != DocumentSource::Result::kDocument) return std::nullopt;
  return doc;
}

TEST(JsonlFastTest, AgreesWithTheFullParser) {
  const std::string lines[] = {
      R"({"id":"a","text":"About 800 soldiers.","date":"2020-06-01"})",
      R"({ "id" : "a" , "text" : "x" , "date" : null , "url" : "https://e.com/2017/12/05/x" })",
      R"({"text":"t\n\"q\"\\ \/ \b\f\r\t \u00e9 \u20ac \ud83d\ude00 \u0000","id":"esc"})",
      "{\"id\":\"u\",\"text\":\"caf\xc3\xa9 \xe2\x80\x9c" "5\xe2\x80\x9d \xf0\x9f\x98\x80\"}",
      R"({"id":"m","text":"x","title":"T, \"q\"","n":1.50,"big":12345678901234567890,"f":-1e-3,"l":[1,[2,{"a":null}]],"o":{"k":true,"z":false}})",
      R"({"id":"d","text":"x","date":"2019"})",
      R"({"id":"d","text":"x","date":"2019-02"})",
      // Declined (the full parser reports these or settles them):
      R"({"id":"d","text":"x","date":""})",
      R"({"id":"d","text":"x","date":"2019-02-29"})",
      R"({"id":"d","text":"x","date":2019})",
      R"({"id":"","text":"x"})",
      R"({"id":"a","text":"x","id":"b"})",
      R"({"id":"a","text":"x","k":1,"k":2})",
      R"({"id":"a","text":null})",
      R"({"id":"a"})",
      R"({"id":"a","text":"x"} trailing)",
      R"({"id":"a","text":"bad \x escape"})",
      R"({"id":"a","text":"lone \ud800 surrogate"})",
      R"({"id":"a","text":"x","n":01})",
      R"({"id":"a","text":"x","n":1e999})",
      "{\"id\":\"a\",\"text\":\"overlong \xc0\xaf\"}",
      "{\"id\":\"a\",\"text\":\"surrogate \xed\xa0\x80\"}",
      "{\"id\":\"a\",\"text\":\"raw\ttab\"}",
      R"([1,2])",
  };
  int fast = 0;
  for (const std::string& line : lines) {
    SCOPED_TRACE(line);
    Document doc;
    const std::optional<Document> full = ThroughSource(line);
    if (ParseDocumentLineFast(line, 32, &doc)) {
      ++fast;
      ASSERT_TRUE(full.has_value()) << "the fast path accepted a line the full parser rejects";
      EXPECT_EQ(doc.id, full->id);
      EXPECT_EQ(doc.text, full->text);
      EXPECT_EQ(doc.date, full->date);
      EXPECT_EQ(doc.meta_json, full->meta_json);
    }
  }
  EXPECT_EQ(fast, 7) << "the first seven lines are the common case the fast path exists for";
}

// Strings are scanned sixteen bytes at a time: every escape, UTF-8
// sequence and bad byte must be seen at every position of a chunk.
TEST(JsonlFastTest, SeesEverySpecialByteAtEveryPosition) {
  const std::string plain = "About 800 soldiers were deployed to the north of it.";
  const std::string good[] = {"\\n", "\\\"", "\\\\", "\\u00e9", "\xc3\xa9", "\xe2\x80\x9c", "\xf0\x9f\x98\x80"};
  const std::string bad[] = {"\x01", "\x1f", "\xff", "\xc3", "\x80", "\\q"};
  for (size_t at = 0; at <= 40; ++at) {
    for (const std::string& piece : good) {
      const std::string text = plain.substr(0, at) + piece + plain.substr(at);
      const std::string line = "{\"id\":\"a\",\"text\":\"" + text + "\"}";
      SCOPED_TRACE(line);
      Document doc;
      ASSERT_TRUE(ParseDocumentLineFast(line, 32, &doc));
      EXPECT_EQ(doc.text, nlohmann::json::parse(line)["text"].get<std::string>());
    }
    for (const std::string& piece : bad) {
      const std::string line = "{\"id\":\"a\",\"text\":\"" + plain.substr(0, at) + piece + plain.substr(at) + "\"}";
      SCOPED_TRACE(line);
      Document doc;
      EXPECT_FALSE(ParseDocumentLineFast(line, 32, &doc));
    }
  }
}

TEST(JsonlFastTest, DeclinesDeepNesting) {
  std::string deep = R"({"id":"a","text":"x","n":)";
  for (int i = 0; i < 40; ++i) deep += "[";
  for (int i = 0; i < 40; ++i) deep += "]";
  deep += "}";
  Document doc;
  EXPECT_FALSE(ParseDocumentLineFast(deep, 32, &doc));
  EXPECT_TRUE(ThroughSource(deep).has_value()) << "the full parser still takes it";
}

}  // namespace
}  // namespace claimex
