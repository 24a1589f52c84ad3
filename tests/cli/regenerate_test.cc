// `claimex regenerate`: the dataset diff (eval/dataset_diff.h) and the
// command end to end on a copy of the corpus and rules in a temporary
// directory — writing, --check passing on a current dataset and failing with
// a readable report after a one-line rule change, --dry-run writing nothing,
// byte-identical output for any --jobs, and a CSV that a CSV parser reads
// back field for field.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_support.h"
#include "csv_reader.h"
#include "eval/dataset_diff.h"

namespace claimex {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

const std::string kBinary = CLAIMEX_BINARY;
const std::string kProjectDir = CLAIMEX_PROJECT_DIR;

// ------------------------------------------------------------ the diff --

Json Record(const std::string& doc, int index, const std::string& text, size_t start, double low,
            const std::string& subject = "") {
  Json r;
  r["schema"] = 1;
  r["doc"] = doc;
  r["id"] = doc + ":" + std::to_string(index);
  r["quantity"] = {{"text", text}, {"start", start}, {"end", start + text.size()}, {"low", low}, {"high", low}};
  r["subject"] = subject.empty() ? Json(nullptr) : Json({{"text", subject}, {"canonical", subject}});
  r["rules"] = {"quantity.count.plain"};
  if (!subject.empty()) r["rules"].push_back("link.organization");
  return r;
}

TEST(DatasetDiff, IdenticalDatasetsHaveNoChanges) {
  const std::vector<Json> a = {Record("d", 1, "5,000", 10, 5000), Record("d", 2, "300", 40, 300)};
  const DatasetDiff diff = DiffDatasets(a, a);
  EXPECT_TRUE(diff.empty());
  EXPECT_EQ(diff.unchanged, 2u);
}

TEST(DatasetDiff, ShiftedIdsAreNotChanges) {
  // A claim appears first: the others move down one id but are the same claims.
  const std::vector<Json> before = {Record("d", 1, "5,000", 10, 5000), Record("d", 2, "300", 40, 300)};
  const std::vector<Json> after = {Record("d", 1, "two", 2, 2), Record("d", 2, "5,000", 10, 5000),
                                   Record("d", 3, "300", 40, 300)};
  const DatasetDiff diff = DiffDatasets(before, after);
  ASSERT_EQ(diff.changes.size(), 1u) << diff.Report();
  EXPECT_EQ(diff.changes[0].kind, ClaimChange::kAdded);
  EXPECT_EQ(diff.unchanged, 2u);
}

TEST(DatasetDiff, ChangedFieldsShowOldAndNewWithRules) {
  const std::vector<Json> before = {Record("d", 1, "5,000", 10, 5000, "Islamic State"), Record("e", 1, "7", 0, 7)};
  const std::vector<Json> after = {Record("d", 1, "5,000", 10, 5000), Record("e", 1, "about 7", 0, 7)};
  const DatasetDiff diff = DiffDatasets(before, after);
  ASSERT_EQ(diff.changed(), 2u) << diff.Report();
  const std::string report = diff.Report();
  EXPECT_TRUE(Contains(report, "0 added, 0 removed, 2 changed, 0 unchanged")) << report;
  EXPECT_TRUE(Contains(report, "d:\n  ~ d:1 \"5,000\"")) << report;
  EXPECT_TRUE(Contains(report, "subject: {\"text\":\"Islamic State\",\"canonical\":\"Islamic State\"} -> null")) << report;
  EXPECT_TRUE(Contains(report, "rules involved: quantity.count.plain, link.organization")) << report;
  // The quantity grew from `7` to `about 7`: matched by overlap, one change.
  EXPECT_TRUE(Contains(report, "quantity.text: \"7\" -> \"about 7\"")) << report;
}

TEST(DatasetDiff, RemovedClaimsAndDocuments) {
  const std::vector<Json> before = {Record("d", 1, "5,000", 10, 5000), Record("gone", 1, "3", 0, 3)};
  const std::vector<Json> after = {Record("d", 1, "5,000", 10, 5000)};
  const DatasetDiff diff = DiffDatasets(before, after);
  ASSERT_EQ(diff.removed(), 1u);
  EXPECT_TRUE(Contains(diff.Report(), "gone:\n  - gone:1 \"3\"")) << diff.Report();
}

TEST(DatasetDiff, OddRecordsInAnEditedDatasetDoNotThrow) {
  // A hand-edited dataset may hold anything that is a JSON object.
  const std::vector<Json> before = {Json::parse(R"({"doc": 5, "quantity": "x", "rules": "r"})"),
                                    Json::parse(R"({"id": 7, "quantity": {"text": 3, "start": -1, "unit": 2}})")};
  const std::vector<Json> after = {Record("d", 1, "5,000", 10, 5000)};
  const DatasetDiff diff = DiffDatasets(before, after);
  EXPECT_EQ(diff.added(), 1u);
  EXPECT_EQ(diff.removed(), 2u);
  EXPECT_FALSE(diff.Report().empty());
}

TEST(DatasetDiff, ParseDatasetNamesTheBadLine) {
  std::vector<Json> records;
  EXPECT_TRUE(ParseDataset("{\"doc\":\"a\"}\n\n{\"doc\":\"b\"}\n", "x.jsonl", &records).ok());
  EXPECT_EQ(records.size(), 2u);
  const Status s = ParseDataset("{\"doc\":\"a\"}\nnot json\n", "x.jsonl", &records);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "x.jsonl:2: not a JSON object");
}

// ----------------------------------------------------- the command --

class RegenerateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("claimex_regenerate_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // A copy of the project's rules and corpus articles (not its dataset:
    // these tests make their own).
    fs::copy(kProjectDir + "/rules", dir_ / "rules", fs::copy_options::recursive);
    fs::create_directories(dir_ / "corpus");
    for (const auto& entry : fs::directory_iterator(kProjectDir + "/corpus"))
      if (entry.is_regular_file()) fs::copy(entry.path(), dir_ / "corpus" / entry.path().filename());
  }
  void TearDown() override { fs::remove_all(dir_); }

  RunResult Run(const std::vector<std::string>& args, const std::string& corpus = "") {
    std::string command = ShellQuote(kBinary) + " regenerate --rules " + ShellQuote((dir_ / "rules").string()) +
                          " --corpus " + ShellQuote(corpus.empty() ? (dir_ / "corpus").string() : corpus);
    for (const std::string& a : args) command += " " + ShellQuote(a);
    return RunShell(command, (dir_ / "run").string());
  }

  // Replaces the one line of `file` that starts with `prefix`.
  void ChangeLine(const fs::path& file, const std::string& prefix, const std::string& replacement) {
    std::istringstream in(ReadFile(file));
    std::string out, line;
    int changed = 0;
    while (std::getline(in, line)) {
      if (line.rfind(prefix, 0) == 0) line = replacement, ++changed;
      out += line + "\n";
    }
    ASSERT_EQ(changed, 1) << "want exactly one line starting with " << prefix << " in " << file;
    WriteFile(file, out);
  }

  fs::path dataset() const { return dir_ / "corpus" / "dataset"; }
  fs::path dir_;
};

TEST_F(RegenerateTest, WritesThenCheckPassesThenFailsAfterARuleChange) {
  // No dataset yet: --check fails and says so.
  RunResult r = Run({"--check"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(Contains(r.out, "does not exist yet")) << r.out;
  EXPECT_FALSE(fs::exists(dataset()));

  r = Run({});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(Contains(r.out, "wrote ")) << r.out;
  ASSERT_TRUE(fs::exists(dataset() / "claims.jsonl"));
  ASSERT_TRUE(fs::exists(dataset() / "claims.csv"));
  for (const auto& entry : fs::directory_iterator(dataset()))
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << "temp file left: " << entry.path();

  r = Run({"--check"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(Contains(r.out, "is current")) << r.out;

  // One line of the rules changes: ISIS gets another canonical name.
  ChangeLine(dir_ / "rules" / "lexicon" / "link_organizations.tsv", "ISIS\t",
             "ISIS\tISIS (renamed)\tany\tgroup");
  const std::string before = ReadFile(dataset() / "claims.jsonl");
  r = Run({"--check"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(Contains(r.out, "the dataset is stale")) << r.out;
  EXPECT_TRUE(Contains(r.out, "003_5c259003176556fc:\n  ~ 003_5c259003176556fc:")) << r.out;
  EXPECT_TRUE(Contains(r.out, "subject.canonical: \"Islamic State\" -> \"ISIS (renamed)\"")) << r.out;
  EXPECT_TRUE(Contains(r.out, "link.organization")) << r.out;
  EXPECT_TRUE(Contains(r.out, "0 added, 0 removed, ")) << r.out;
  EXPECT_EQ(ReadFile(dataset() / "claims.jsonl"), before) << "--check writes nothing";

  // --dry-run reports the same and writes nothing either.
  const RunResult dry = Run({"--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.out << dry.err;
  EXPECT_TRUE(Contains(dry.out, "subject.canonical: \"Islamic State\" -> \"ISIS (renamed)\"")) << dry.out;
  EXPECT_TRUE(Contains(dry.out, "dry run: nothing written")) << dry.out;
  EXPECT_EQ(ReadFile(dataset() / "claims.jsonl"), before);

  // Regenerating takes the change; the check passes again.
  EXPECT_EQ(Run({}).exit_code, 0);
  EXPECT_NE(ReadFile(dataset() / "claims.jsonl"), before);
  EXPECT_EQ(Run({"--check"}).exit_code, 0);
}

TEST_F(RegenerateTest, ANumberRuleChangeReportsAddedAndRemovedClaims) {
  ASSERT_EQ(Run({}).exit_code, 0);
  // Turn `between X and Y` into something no text holds: its claims go.
  ChangeLine(dir_ / "rules" / "quantity.toml", "pattern = '''(?:{qualifier_before:qualifier}\\s+)?\\bbetween",
             "pattern = '''(?:{qualifier_before:qualifier}\\s+)?\\bbetwixt\\s+{number:low}\\s+and\\s+{number:high}'''");
  const RunResult r = Run({"--check"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(Contains(r.out, "004_b17dde39660d6713:")) << r.out;
  EXPECT_TRUE(Contains(r.out, "\"between 14,000 and 18,000\"") || Contains(r.out, "\"14,000\"")) << r.out;
  EXPECT_TRUE(Contains(r.out, "quantity.range.between")) << r.out;
}

TEST_F(RegenerateTest, ByteIdenticalForAnyJobs) {
  ASSERT_EQ(Run({"--jobs", "1"}).exit_code, 0);
  const std::string jsonl = ReadFile(dataset() / "claims.jsonl"), csv = ReadFile(dataset() / "claims.csv");
  fs::remove_all(dataset());
  ASSERT_EQ(Run({"--jobs", "4"}).exit_code, 0);
  EXPECT_EQ(ReadFile(dataset() / "claims.jsonl"), jsonl);
  EXPECT_EQ(ReadFile(dataset() / "claims.csv"), csv);
}

TEST_F(RegenerateTest, CsvRoundTripsQuotesCommasAndNewlines) {
  // An article whose claim sentence holds commas, quotes and line breaks.
  WriteFile(dir_ / "corpus" / "zz_quotes.txt",
            "Officials said \"Isis retained\nbetween 14,000 and 18,000 fighters, perhaps more\"\r\nin Iraq and Syria.\n");
  {
    std::ofstream meta(dir_ / "corpus" / "metadata.jsonl", std::ios::app);
    meta << "{\"id\": \"zz_quotes\", \"date\": \"2020-06-01\", \"title\": \"A, \\\"quoted\\\" title\"}\n";
  }
  const RunResult r = Run({});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::vector<Json> records;
  ASSERT_TRUE(ParseDataset(ReadFile(dataset() / "claims.jsonl"), "claims.jsonl", &records).ok());
  std::vector<std::vector<std::string>> rows;
  std::string error;
  ASSERT_TRUE(ParseCsv(ReadFile(dataset() / "claims.csv"), &rows, &error)) << error;
  ASSERT_EQ(rows.size(), records.size() + 1) << "a header and one row per claim";
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < rows[0].size(); ++i) column[rows[0][i]] = i;
  for (const char* name : {"id", "doc", "article_date", "quantity_text", "low", "high", "relation", "approx", "unit",
                           "kind", "subject", "place", "speaker_text", "speaker_name", "speaker_kind",
                           "speaker_anonymous", "cue", "date_text", "date_value", "sentence_text"})
    ASSERT_TRUE(column.count(name)) << "header lacks " << name;
  bool saw_quotes = false;
  for (size_t i = 0; i < records.size(); ++i) {
    const Json& rec = records[i];
    const std::vector<std::string>& row = rows[i + 1];
    ASSERT_EQ(row.size(), rows[0].size()) << "row " << i + 1;
    EXPECT_EQ(row[column["id"]], rec["id"].get<std::string>());
    EXPECT_EQ(row[column["quantity_text"]], rec["quantity"]["text"].get<std::string>());
    const Json& subject = rec["subject"];
    EXPECT_EQ(row[column["subject"]], subject.is_null() ? "" : subject["canonical"].get<std::string>());
    EXPECT_EQ(row[column["place"]], rec["place"].is_null() ? "" : rec["place"]["text"].get<std::string>());
    if (rec["doc"] == "zz_quotes") {
      saw_quotes = true;
      const std::string article = ReadFile(dir_ / "corpus" / "zz_quotes.txt");
      const size_t start = rec["sentence"]["start"], end = rec["sentence"]["end"];
      EXPECT_EQ(row[column["sentence_text"]], article.substr(start, end - start)) << "the sentence round-trips";
      EXPECT_TRUE(Contains(row[column["sentence_text"]], "\"Isis retained\nbetween")) << row[column["sentence_text"]];
      EXPECT_EQ(row[column["subject"]], "Islamic State");
      EXPECT_EQ(row[column["place"]], "Iraq and Syria");
    }
  }
  EXPECT_TRUE(saw_quotes);
}

TEST_F(RegenerateTest, UsageErrors) {
  EXPECT_EQ(Run({"--check", "--dry-run"}).exit_code, 2);
  const RunResult r = Run({}, (dir_ / "rules").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "is not a corpus directory")) << r.err;
}

}  // namespace
}  // namespace claimex
