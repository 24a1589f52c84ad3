#include "io/document_source.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace claimex {
namespace {

namespace fs = std::filesystem;

const std::string kTestdata = std::string(CLAIMEX_TESTDATA_DIR) + "/io";

// One result of DocumentSource::Next, flattened for comparison.
struct Item {
  bool is_error = false;
  std::string source;
  std::string id;
  std::string text;
  std::string date;
  std::string meta_json;
  std::string reason;
};

std::vector<Item> ReadAll(std::vector<std::string> paths, InputOptions options = {}) {
  DocumentSource source(std::move(paths), std::move(options));
  std::vector<Item> items;
  for (int guard = 0; guard < 1000; ++guard) {
    Document doc;
    InputError error;
    const DocumentSource::Result result = source.Next(&doc, &error);
    if (result == DocumentSource::Result::kEnd) return items;
    Item item;
    if (result == DocumentSource::Result::kError) {
      item.is_error = true;
      item.source = error.source;
      item.reason = error.reason;
    } else {
      item.source = doc.source;
      item.id = doc.id;
      item.text = doc.text;
      item.date = doc.date;
      item.meta_json = doc.meta_json;
    }
    items.push_back(item);
  }
  ADD_FAILURE() << "DocumentSource never reached kEnd";
  return items;
}

// Expected result: a document (`id` set) or an error whose reason contains
// `reason`.
struct Want {
  std::string source;
  std::string id;      // document id; empty for an error
  std::string date;    // documents only
  std::string meta;    // documents only
  std::string reason;  // errors only: a substring of the reason
};

Want Doc(std::string source, std::string id, std::string date = "",
         std::string meta = "") {
  Want want;
  want.source = std::move(source);
  want.id = std::move(id);
  want.date = std::move(date);
  want.meta = std::move(meta);
  return want;
}

Want Err(std::string source, std::string reason) {
  Want want;
  want.source = std::move(source);
  want.reason = std::move(reason);
  return want;
}

void ExpectItems(const std::vector<Item>& got, const std::vector<Want>& want) {
  ASSERT_EQ(got.size(), want.size()) << "number of results";
  for (size_t i = 0; i < want.size(); ++i) {
    const Item& g = got[i];
    const Want& w = want[i];
    SCOPED_TRACE("result #" + std::to_string(i) + " (" + w.source + ")");
    EXPECT_EQ(g.source, w.source);
    if (w.id.empty()) {
      ASSERT_TRUE(g.is_error) << "want an error, got document " << g.id;
      EXPECT_NE(g.reason.find(w.reason), std::string::npos)
          << "reason \"" << g.reason << "\" lacks \"" << w.reason << "\"";
    } else {
      ASSERT_FALSE(g.is_error) << "want document " << w.id << ", got error "
                               << g.reason;
      EXPECT_EQ(g.id, w.id);
      EXPECT_EQ(g.date, w.date);
      EXPECT_EQ(g.meta_json, w.meta);
    }
  }
}

// A fresh empty directory for one test's generated files.
class TempDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(::testing::TempDir()) /
           ("claimex_io_" + std::string(info->test_suite_name()) + "_" +
            info->name() + "_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Writes `bytes` to dir_/name and returns the path.
  std::string WriteFile(const std::string& name, const std::string& bytes) {
    const fs::path path = dir_ / name;
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    return path.string();
  }

  fs::path dir_;
};

TEST(DocumentSourceTest, CorpusDirectoryAppliesMetadata) {
  const std::string dir = kTestdata + "/corpus";
  const std::string meta = dir + "/metadata.jsonl";
  InputOptions options;
  options.date = "2001-09";
  const std::vector<Want> want = {
      // Metadata problems come first, in line order; blank line 5 is skipped.
      Err(meta + ":3", "no article file for id gone"),
      Err(meta + ":4", "malformed JSON:"),
      Err(meta + ":6", "invalid date \"2010-02-30\" (want YYYY, YYYY-MM or YYYY-MM-DD)"),
      Err(meta + ":7", "missing \"id\""),
      // Articles in byte order; hidden files, other extensions and
      // subdirectories are not articles.
      Doc(dir + "/a_article.txt", "a_article", "2001-09",  // null date: --date applies
       R"({"title":null,"tags":["x","y"]})"),
      Doc(dir + "/b_article.txt", "b_article", "2008-03-21",
       R"({"title":"Bee","outlet":"Example Times","date_source":"url"})"),
      Doc(dir + "/c_article.txt", "c_article", "2001-09", ""),  // no metadata line
      Doc(dir + "/d_article.txt", "d_article", "2001-09", ""),  // its line was rejected
      Doc(dir + "/e_article.txt", "e_article", "2001-09", ""),  // only an id
  };
  const std::vector<Item> got = ReadAll({dir}, options);
  ExpectItems(got, want);
  ASSERT_GE(got.size(), 6u);
  EXPECT_EQ(got[4].text, "Article A says things.\n") << "article text is the file bytes";
}

TEST(DocumentSourceTest, DirectoryWalkTakesOnlyTxtAndJsonlInByteOrder) {
  const std::string dir = kTestdata + "/tree";
  const std::vector<Want> want = {
      Doc(dir + "/Z.txt", "Z"),
      Doc(dir + "/a.txt", "a"),
      Doc(dir + "/b.jsonl:1", "b1"),
      Doc(dir + "/b.jsonl:2", "b2"),
      Doc(dir + "/sub-x.txt", "sub-x"),  // '-' < '/' byte-wise
      Doc(dir + "/sub/d.txt", "d"),
      Doc(dir + "/sub/deeper/f.txt", "f"),
  };
  ExpectItems(ReadAll({dir}), want);
}

TEST(DocumentSourceTest, JsonlErrorsKeepLineNumbersAndGoodLines) {
  const std::string path = kTestdata + "/errors.jsonl";
  InputOptions options;
  options.date = "1990";  // not applied to JSONL documents
  const std::vector<Want> want = {
      Doc(path + ":1", "ok1", "2020-01-02", R"({"outlet":"O","n":3})"),
      Err(path + ":2", "malformed JSON: syntax error"),
      Err(path + ":3", "not a JSON object"),
      Err(path + ":4", "missing \"id\""),
      Err(path + ":5", "\"id\" is not a string"),
      Err(path + ":6", "missing \"text\""),
      Err(path + ":7", "\"text\" is not a string"),
      Err(path + ":8", "invalid date \"2020-13\" (want YYYY, YYYY-MM or YYYY-MM-DD)"),
      Err(path + ":9", "invalid date 2020 (want"),
      Doc(path + ":11", "ok2", "", ""),  // blank lines 10 and 12 are skipped
      Doc(path + ":13", "ok3", "1999", ""),
      Err(path + ":14", "\"id\" is empty"),
      Doc(path + ":15", "ok4", "", "{\"z\":null,\"a\":{\"k\":[1,\"\xC3\xA9\"]}}"),
      Err(path + ":16", "expected end of input"),
  };
  const std::vector<Item> got = ReadAll({path}, options);
  ExpectItems(got, want);
  ASSERT_EQ(got.size(), want.size());
  EXPECT_EQ(got[0].text, "First.") << "ok1 text";
  EXPECT_EQ(got[12].text, "") << "ok4 empty text is a document";
  EXPECT_EQ(got[1].reason.find("last read"), std::string::npos)
      << "malformed JSON reason is short: " << got[1].reason;
}

TEST(DocumentSourceTest, MissingPathIsAnErrorAndReadingGoesOn) {
  const std::string a = kTestdata + "/tree/a.txt";
  const std::vector<Want> want = {
      Err(kTestdata + "/nope.txt", "no such file or directory"),
      Doc(a, "a"),
  };
  ExpectItems(ReadAll({kTestdata + "/nope.txt", a}), want);
}

TEST(DocumentSourceTest, EmptyPathListEndsAtOnce) {
  EXPECT_TRUE(ReadAll({}).empty()) << "no paths";
}

using DocumentSourceFileTest = TempDirTest;

TEST_F(DocumentSourceFileTest, JsonlBomAndCrlf) {
  const std::string bom = WriteFile(
      "bom.jsonl", "\xEF\xBB\xBF" R"({"id": "b", "text": "t"})" "\n" R"({"id": "c", "text": "u"})");
  const std::string crlf = WriteFile(
      "crlf.jsonl",
      R"({"id": "r1", "text": "x"})" "\r\n\r\n" R"({"id": "r2", "text": "y"})" "\r\n");
  // The JSON parser also skips a BOM at the start of a later line, as left
  // by concatenating files; that is harmless, so it is accepted.
  const std::string late_bom = WriteFile(
      "late.jsonl", R"({"id": "l1", "text": "x"})" "\n\xEF\xBB\xBF" R"({"id": "l2", "text": "y"})");
  const std::vector<Want> want = {
      Doc(bom + ":1", "b"),
      Doc(bom + ":2", "c"),  // last line without '\n'
      Doc(crlf + ":1", "r1"),
      Doc(crlf + ":3", "r2"),
      Doc(late_bom + ":1", "l1"),
      Doc(late_bom + ":2", "l2"),
  };
  const std::vector<Item> got = ReadAll({bom, crlf, late_bom});
  ExpectItems(got, want);
  ASSERT_EQ(got.size(), want.size());
  EXPECT_EQ(got[2].text, "x") << "CRLF: '\\r' is not part of the line";
}

TEST_F(DocumentSourceFileTest, TextFileCases) {
  InputOptions options;
  options.date = "2024-02-29";
  options.max_document_bytes = 16;
  const std::string empty = WriteFile("empty.txt", "");
  const std::string binary = WriteFile("binary.txt", std::string("abc\0def", 7));
  const std::string exact = WriteFile("exact.txt", std::string(16, 'x'));
  const std::string over = WriteFile("over.txt", std::string(17, 'x'));
  const std::string other = WriteFile("notes.md", "any extension");
  const std::string raw = WriteFile("raw.txt", "\xEF\xBB\xBFkept\r\n\xFF");
  const std::vector<Want> want = {
      Doc(empty, "empty", "2024-02-29"),
      Err(binary, "binary file (NUL byte at offset 3), skipped"),
      Doc(exact, "exact", "2024-02-29"),
      Err(over, "document is 17 bytes, over the limit of 16 (--max-doc-bytes), skipped"),
      Doc(other, "notes", "2024-02-29"),  // an explicit file of any other extension is text
      Doc(raw, "raw", "2024-02-29"),
  };
  const std::vector<Item> got = ReadAll({empty, binary, exact, over, other, raw}, options);
  ExpectItems(got, want);
  ASSERT_EQ(got.size(), want.size());
  EXPECT_EQ(got[0].text, "") << "empty file";
  EXPECT_EQ(got[2].text, std::string(16, 'x')) << "file at the limit";
  EXPECT_EQ(got[5].text, "\xEF\xBB\xBFkept\r\n\xFF") << "text bytes are not altered";
}

TEST_F(DocumentSourceFileTest, OversizeJsonlLineIsSkipped) {
  InputOptions options;
  options.max_document_bytes = 40;
  const std::string big = "{\"id\": \"big\", \"text\": \"" + std::string(200000, 'y') + "\"}";
  const std::string path = WriteFile(
      "big.jsonl", R"({"id": "a", "text": "x"})" "\n" + big + "\n" R"({"id": "b", "text": "z"})");
  const std::vector<Want> want = {
      Doc(path + ":1", "a"),
      Err(path + ":2", "line is " + std::to_string(big.size()) +
                           " bytes, over the limit of 40 (--max-doc-bytes), skipped"),
      Doc(path + ":3", "b"),
  };
  ExpectItems(ReadAll({path}, options), want);
}

TEST_F(DocumentSourceFileTest, InvalidUtf8InJsonlIsMalformed) {
  const std::string path = WriteFile(
      "utf8.jsonl", R"({"id": "a", "text": ")" "\xFF" R"("})" "\n"
                    R"({"id": "b", "text": ")" "\xC3\xA9" R"("})" "\n");
  const std::vector<Want> want = {
      Err(path + ":1", "malformed JSON: "),
      Doc(path + ":2", "b"),
  };
  ExpectItems(ReadAll({path}), want);
}

TEST_F(DocumentSourceFileTest, JsonlValuesThatCannotBeKeptAreMalformed) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const std::string path = WriteFile(
      "values.jsonl", R"({"id": "a", "text": "x", "n": 1e999})" "\n"
                      R"({"id": "b", "text": "x", "m": )" + deep + "}\n"
                      R"({"id": "c", "text": "x", "m": [[[1]]]})" "\n");
  const std::vector<Want> want = {
      Err(path + ":1", "malformed JSON: number overflow"),
      Err(path + ":2", "malformed JSON: nested deeper than 256 levels"),
      Doc(path + ":3", "c", "", R"({"m":[[[1]]]})"),
  };
  ExpectItems(ReadAll({path}), want);
}

TEST_F(DocumentSourceFileTest, InputFormatOverridesExtension) {
  const std::string jsonl_as_txt = WriteFile("lines.txt", "{\"id\": \"j\", \"text\": \"t\"}\n");
  const std::string txt_as_jsonl = WriteFile("doc.jsonl", "plain text\n");
  InputOptions jsonl;
  jsonl.format = InputFormat::kJsonl;
  ExpectItems(ReadAll({jsonl_as_txt}, jsonl), {Doc(jsonl_as_txt + ":1", "j")});
  InputOptions txt;
  txt.format = InputFormat::kTxt;
  const std::vector<Item> got = ReadAll({txt_as_jsonl}, txt);
  ExpectItems(got, {Doc(txt_as_jsonl, "doc")});
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].text, "plain text\n") << "--input-format txt reads a .jsonl as text";
}

TEST_F(DocumentSourceFileTest, UnreadableFileReportsStrerror) {
  if (geteuid() == 0) GTEST_SKIP() << "root can read any file";
  const std::string path = WriteFile("locked.txt", "secret");
  ASSERT_EQ(chmod(path.c_str(), 0), 0);
  ExpectItems(ReadAll({path}), {Err(path, "Permission denied")});
}

TEST_F(DocumentSourceFileTest, CorpusMetadataWithoutArticles) {
  const std::string meta = WriteFile("metadata.jsonl",
                                     "{\"id\": \"x\"}\n{\"id\": \"x\"}\n");
  const std::vector<Want> want = {
      Err(meta + ":1", "no article file for id x"),
      Err(meta + ":2", "duplicate id x (first at line 1)"),
  };
  ExpectItems(ReadAll({dir_.string()}), want);
}

TEST(PartialDateTest, Table) {
  struct Case {
    const char* date;
    bool valid;
  };
  const Case cases[] = {
      {"2008", true},        {"2008-03", true},     {"2008-03-21", true},
      {"0001", true},        {"2008-01-31", true},  {"2008-04-30", true},
      {"2024-02-29", true},  {"2000-02-29", true},  {"2023-02-28", true},
      {"2023-02-29", false}, {"1900-02-29", false}, {"2008-04-31", false},
      {"2008-00", false},    {"2008-13", false},    {"2008-01-00", false},
      {"2008-01-32", false}, {"", false},           {"08", false},
      {"20080", false},      {"2008-3", false},     {"2008-03-1", false},
      {"2008/03/21", false}, {"2008-03-21 ", false}, {"2008-03-21T00", false},
      {"abcd", false},       {"2008-0a", false},    {"+008", false},
      {"2008--3", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsValidPartialDate(c.date), c.valid) << "date \"" << c.date << "\"";
  }
}

}  // namespace
}  // namespace claimex
