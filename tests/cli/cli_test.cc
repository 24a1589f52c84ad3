// End-to-end tests of the claimex binary: each test runs it as a subprocess
// and checks exit codes (cli/commands.h), stderr reports and the records
// against the output contract (CLAIMS.md).
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_support.h"
#include "csv_reader.h"

extern char** environ;

namespace claimex {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;  // keeps key order, to check field order

const std::string kBinary = CLAIMEX_BINARY;
const std::string kProjectDir = CLAIMEX_PROJECT_DIR;
const std::string kCorpus = kProjectDir + "/corpus";
const std::string kRules = kProjectDir + "/rules";

// ---------------------------------------------------------------- helpers --

// Lines of `text` without their '\n'; a final unterminated line counts.
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string LastLine(const std::string& text) {
  const std::vector<std::string> lines = Lines(text);
  return lines.empty() ? "" : lines.back();
}

std::string Summary(size_t documents, size_t claims, size_t errors) {
  return "claimex: " + std::to_string(documents) + " documents read, " + std::to_string(claims) +
         " claims, " + std::to_string(errors) + " errors";
}

// Parses JSONL output; a line that is not a JSON object is a test failure.
std::vector<Json> ParseJsonl(const std::string& out) {
  std::vector<Json> records;
  const std::vector<std::string> lines = Lines(out);
  for (size_t i = 0; i < lines.size(); ++i) {
    Json record = Json::parse(lines[i], nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded() || !record.is_object()) {
      ADD_FAILURE() << "output line " << i + 1 << " is not a JSON object: " << lines[i];
      continue;
    }
    records.push_back(std::move(record));
  }
  return records;
}

// The corpus articles: doc id -> original bytes.
std::map<std::string, std::string> CorpusTexts() {
  std::map<std::string, std::string> texts;
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    if (entry.path().extension() == ".txt") texts[entry.path().stem().string()] = ReadFile(entry.path());
  }
  return texts;
}

// The corpus metadata: doc id -> date ("" when none).
std::map<std::string, std::string> CorpusDates() {
  std::map<std::string, std::string> dates;
  for (const std::string& line : Lines(ReadFile(kCorpus + "/metadata.jsonl"))) {
    const Json meta = Json::parse(line, nullptr, false);
    if (meta.is_discarded() || !meta.is_object()) continue;
    const auto date = meta.find("date");
    dates[meta.value("id", "")] = date != meta.end() && date->is_string() ? date->get<std::string>() : "";
  }
  return dates;
}

// A JSONL line for one document.
std::string JsonlLine(const std::string& id, const std::string& text, const std::string& date = "") {
  Json doc = {{"id", id}, {"text", text}};
  if (!date.empty()) doc["date"] = date;
  return doc.dump() + "\n";
}

// Checks that each record's quantity and sentence offsets index `texts[doc]`.
void ExpectOffsetsIndexOriginal(const std::vector<Json>& records,
                                const std::map<std::string, std::string>& texts) {
  for (const Json& r : records) {
    const std::string id = r.value("id", "?");
    const auto text = texts.find(r.value("doc", ""));
    ASSERT_NE(text, texts.end()) << id << ": unknown doc";
    const std::string& bytes = text->second;
    const Json& q = r.at("quantity");
    const size_t qs = q.at("start").get<size_t>(), qe = q.at("end").get<size_t>();
    const size_t ss = r.at("sentence").at("start").get<size_t>(), se = r.at("sentence").at("end").get<size_t>();
    ASSERT_LE(qe, bytes.size()) << id << ": quantity.end past the document";
    ASSERT_LE(se, bytes.size()) << id << ": sentence.end past the document";
    EXPECT_LT(qs, qe) << id << ": empty quantity span";
    EXPECT_EQ(bytes.substr(qs, qe - qs), q.at("text").get<std::string>())
        << id << ": original bytes [" << qs << "," << qe << ") differ from quantity.text";
    EXPECT_TRUE(ss <= qs && qe <= se)
        << id << ": sentence [" << ss << "," << se << ") does not contain quantity [" << qs << "," << qe << ")";
  }
}

// Checks that no two claims of a document overlap (the conflict rules pick
// one match per stretch of text).
void ExpectNoOverlaps(const std::vector<Json>& records) {
  for (size_t i = 0; i < records.size(); ++i) {
    for (size_t j = i + 1; j < records.size(); ++j) {
      if (records[i].at("doc") != records[j].at("doc")) continue;
      const Json &a = records[i].at("quantity"), &b = records[j].at("quantity");
      const bool overlap = a.at("start").get<size_t>() < b.at("end").get<size_t>() &&
                           b.at("start").get<size_t>() < a.at("end").get<size_t>();
      EXPECT_FALSE(overlap) << records[i].at("id") << " \"" << a.at("text").get<std::string>() << "\" (low "
                            << a.at("low") << ") overlaps " << records[j].at("id") << " \""
                            << b.at("text").get<std::string>() << "\" (low " << b.at("low") << ")";
    }
  }
}

// Checks one record against CLAIMS.md "Record" and "Fields".
void ExpectContractRecord(const Json& r) {
  const std::string id = r.value("id", "?");
  SCOPED_TRACE("record " + id);
  const std::vector<std::string> keys = {"schema", "doc",     "id",  "sentence", "quantity",     "subject",
                                         "place",  "speaker", "cue", "date",     "article_date", "rules"};
  std::vector<std::string> got_keys;
  for (const auto& item : r.items()) got_keys.push_back(item.key());
  ASSERT_GE(got_keys.size(), keys.size()) << "fields: " << r.dump();
  EXPECT_EQ(std::vector<std::string>(got_keys.begin(), got_keys.begin() + keys.size()), keys)
      << "fields in CLAIMS.md order";
  for (size_t i = keys.size(); i < got_keys.size(); ++i) {
    EXPECT_TRUE(got_keys[i] == "meta" || got_keys[i] == "explain") << "unexpected field " << got_keys[i];
  }

  EXPECT_EQ(r.at("schema"), 1);
  ASSERT_TRUE(r.at("doc").is_string());
  const std::string doc = r.at("doc").get<std::string>();
  EXPECT_FALSE(doc.empty());
  ASSERT_TRUE(r.at("id").is_string());
  EXPECT_EQ(id.rfind(doc + ":", 0), 0u) << "id is doc:N";
  const std::string index = id.substr(std::min(id.size(), doc.size() + 1));
  EXPECT_TRUE(!index.empty() && index.find_first_not_of("0123456789") == std::string::npos && index[0] != '0')
      << "N in doc:N is a positive integer: " << index;

  const Json& s = r.at("sentence");
  ASSERT_TRUE(s.is_object() && s.size() == 2 && s.contains("start") && s.contains("end")) << s.dump();
  EXPECT_TRUE(s.at("start").is_number_unsigned() && s.at("end").is_number_unsigned()) << s.dump();

  const Json& q = r.at("quantity");
  ASSERT_TRUE(q.is_object());
  std::vector<std::string> q_keys;
  for (const auto& item : q.items()) q_keys.push_back(item.key());
  EXPECT_EQ(q_keys, (std::vector<std::string>{"text", "start", "end", "kind", "low", "high", "relation", "approx",
                                              "unit"}))
      << "quantity fields";
  EXPECT_TRUE(q.at("text").is_string() && !q.at("text").get<std::string>().empty());
  EXPECT_TRUE(q.at("start").is_number_unsigned() && q.at("end").is_number_unsigned());
  const std::set<std::string> kinds = {"count", "money", "percent", "ratio"};
  EXPECT_TRUE(q.at("kind").is_string() && kinds.count(q.at("kind").get<std::string>())) << q.at("kind");
  EXPECT_TRUE(q.at("low").is_null() || q.at("low").is_number()) << q.at("low");
  EXPECT_TRUE(q.at("high").is_null() || q.at("high").is_number()) << q.at("high");
  EXPECT_TRUE(q.at("approx").is_boolean());
  EXPECT_TRUE(q.at("unit").is_null() || (q.at("unit").is_string() && !q.at("unit").get<std::string>().empty()));
  // Relation and bounds agree (CLAIMS.md "Fields").
  ASSERT_TRUE(q.at("relation").is_string());
  const std::string relation = q.at("relation").get<std::string>();
  const bool has_low = q.at("low").is_number(), has_high = q.at("high").is_number();
  if (relation == "eq") {
    EXPECT_TRUE(has_low && has_high && q.at("low") == q.at("high")) << "eq: low == high";
  } else if (relation == "lt" || relation == "le") {
    EXPECT_TRUE(!has_low && has_high) << relation << ": only high";
  } else if (relation == "gt" || relation == "ge") {
    EXPECT_TRUE(has_low && !has_high) << relation << ": only low";
  } else if (relation == "range") {
    EXPECT_TRUE(has_low && has_high && q.at("low").get<double>() <= q.at("high").get<double>()) << "range: low <= high";
  } else {
    ADD_FAILURE() << "unknown relation " << relation;
  }

  // The stages after quantities: each field is null, or its mention with
  // the mention's text at its offsets and the contract's keys, in order.
  const std::map<std::string, std::vector<std::string>> stage_keys = {
      {"subject", {"text", "start", "end", "canonical"}},
      {"place", {"text", "start", "end"}},
      {"speaker", {"text", "start", "end", "name", "kind", "anonymous"}},
      {"cue", {"text", "start", "end", "lemma"}},
      {"date", {"text", "start", "end", "value"}}};
  for (const auto& [field, want_keys] : stage_keys) {
    const Json& m = r.at(field);
    if (m.is_null()) continue;
    ASSERT_TRUE(m.is_object()) << field << " is " << m.dump();
    std::vector<std::string> got_keys;
    for (const auto& item : m.items()) got_keys.push_back(item.key());
    EXPECT_EQ(got_keys, want_keys) << m.dump();
    EXPECT_TRUE(m.at("text").is_string() && !m.at("text").get<std::string>().empty()) << m.dump();
    EXPECT_TRUE(m.at("start").is_number_unsigned() && m.at("end").is_number_unsigned()) << m.dump();
    EXPECT_EQ(m.at("end").get<size_t>() - m.at("start").get<size_t>(), m.at("text").get<std::string>().size())
        << m.dump();
  }
  const Json& speaker = r.at("speaker");
  if (!speaker.is_null()) {
    const std::set<std::string> speaker_kinds = {"person", "official", "organization", "media", "document", "group"};
    EXPECT_TRUE(speaker.at("kind").is_string() && speaker_kinds.count(speaker.at("kind").get<std::string>()))
        << speaker.dump();
    EXPECT_TRUE(speaker.at("name").is_null() || speaker.at("name").is_string()) << speaker.dump();
    EXPECT_TRUE(speaker.at("anonymous").is_boolean()) << speaker.dump();
  }
  if (!r.at("cue").is_null()) {
    EXPECT_FALSE(speaker.is_null()) << "a cue without a speaker";
    EXPECT_TRUE(r.at("cue").at("lemma").is_string()) << r.at("cue").dump();
  }
  if (const Json& d = r.at("date"); !d.is_null())
    EXPECT_TRUE(d.at("value").is_null() || d.at("value").is_string()) << d.dump();
  if (const Json& s = r.at("subject"); !s.is_null())
    EXPECT_TRUE(s.at("canonical").is_null() || s.at("canonical").is_string()) << s.dump();
  const Json& date = r.at("article_date");
  if (!date.is_null()) {
    ASSERT_TRUE(date.is_string());
    const std::string d = date.get<std::string>();
    EXPECT_TRUE(d.size() == 4 || d.size() == 7 || d.size() == 10) << "article_date " << d;
  }
  ASSERT_TRUE(r.at("rules").is_array());
  EXPECT_FALSE(r.at("rules").empty()) << "rules";
  for (const Json& rule : r.at("rules")) EXPECT_TRUE(rule.is_string() && !rule.get<std::string>().empty()) << rule;
}

// One `file:line:col: error: [rule-id] message` line.
struct Diagnostic {
  std::string file;
  int line = 0;
  int column = 0;
  std::string rule_id;
  std::string message;
};

// Parses a diagnostic line (by hand: std::regex recurses per character and
// the "bad regex" messages are kilobytes long).
std::optional<Diagnostic> ParseDiagnostic(const std::string& text) {
  const std::string marker = ": error: ";
  const size_t at = text.find(marker);
  if (at == std::string::npos) return std::nullopt;
  const std::string where = text.substr(0, at);
  const size_t c2 = where.rfind(':');
  if (c2 == std::string::npos || c2 == 0) return std::nullopt;
  const size_t c1 = where.rfind(':', c2 - 1);
  if (c1 == std::string::npos) return std::nullopt;
  const std::string line = where.substr(c1 + 1, c2 - c1 - 1), col = where.substr(c2 + 1);
  const auto is_number = [](const std::string& s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
  };
  if (!is_number(line) || !is_number(col)) return std::nullopt;
  Diagnostic d;
  d.file = where.substr(0, c1);
  d.line = std::stoi(line);
  d.column = std::stoi(col);
  std::string rest = text.substr(at + marker.size());
  if (!rest.empty() && rest[0] == '[') {
    const size_t close = rest.find("] ");
    if (close == std::string::npos) return std::nullopt;
    d.rule_id = rest.substr(1, close - 1);
    rest = rest.substr(close + 2);
  }
  d.message = rest;
  return d;
}

// Lines of a file, and back (files end in '\n').
std::vector<std::string> FileLines(const fs::path& path) { return Lines(ReadFile(path)); }
void WriteLines(const fs::path& path, const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  WriteFile(path, text);
}

// A [[rule]] of a rule file: 0-based line indices of its id and pattern.
struct RuleLines {
  std::string id;
  size_t id_line = 0;
  size_t pattern_line = 0;
};

std::vector<RuleLines> FindRules(const std::vector<std::string>& lines) {
  std::vector<RuleLines> rules;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind("[[rule]]", 0) == 0) rules.emplace_back();
    if (rules.empty()) continue;
    if (lines[i].rfind("id = \"", 0) == 0) {
      rules.back().id_line = i;
      rules.back().id = lines[i].substr(6, lines[i].find('"', 6) - 6);
    }
    if (lines[i].rfind("pattern = '''", 0) == 0) rules.back().pattern_line = i;
  }
  return rules;
}

// ---------------------------------------------------------------- fixture --

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(::testing::TempDir()) /
           ("claimex_cli_" + std::string(info->name()) + "_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "run");
    ::unsetenv("CLAIMEX_RULES");  // the default rules are the project's
  }
  void TearDown() override {
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(dir_, ec)) {
      if (entry.is_directory(ec)) fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::remove_all(dir_, ec);
  }

  // Runs claimex with `args`; stdin is `stdin_text`, or /dev/null.
  RunResult Run(const std::vector<std::string>& args, const std::optional<std::string>& stdin_text = std::nullopt) {
    const std::string base = (dir_ / "run" / std::to_string(runs_++)).string();
    std::string command = ShellQuote(kBinary);
    for (const std::string& arg : args) command += " " + ShellQuote(arg);
    if (stdin_text) {
      WriteFile(base + ".in", *stdin_text);
      command += " <" + ShellQuote(base + ".in");
    } else {
      command += " </dev/null";
    }
    return RunShell(command, base);
  }

  // Writes `bytes` to dir_/name (creating parent dirs) and returns the path.
  std::string Write(const std::string& name, const std::string& bytes) {
    const fs::path path = dir_ / name;
    fs::create_directories(path.parent_path());
    WriteFile(path, bytes);
    return path.string();
  }

  // Copies the project's rules/ (and corpus/, when asked) into dir_.
  std::string CopyProject(bool with_corpus) {
    fs::copy(kRules, dir_ / "rules", fs::copy_options::recursive);
    if (with_corpus) fs::copy(kCorpus, dir_ / "corpus", fs::copy_options::recursive);
    return (dir_ / "rules").string();
  }

  fs::path dir_;
  int runs_ = 0;
};

// -------------------------------------------------------------------- tests --

// 1. The corpus: every line is a CLAIMS.md record; summary on stderr.
TEST_F(CliTest, ExtractCorpusEmitsContractRecords) {
  const RunResult r = Run({"extract", kCorpus});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<Json> records = ParseJsonl(r.out);
  ASSERT_EQ(records.size(), Lines(r.out).size());
  ASSERT_FALSE(records.empty()) << "the corpus has claims";
  std::map<std::string, int> last_index;
  std::map<std::string, size_t> last_start;
  std::set<std::string> ids;
  for (const Json& record : records) {
    ExpectContractRecord(record);
    if (::testing::Test::HasFatalFailure()) return;
    const std::string doc = record.at("doc").get<std::string>(), id = record.at("id").get<std::string>();
    EXPECT_TRUE(ids.insert(id).second) << "duplicate id " << id;
    // Ids count 1, 2, 3... in text order within a document.
    EXPECT_EQ(id, doc + ":" + std::to_string(++last_index[doc])) << "ids are consecutive";
    const size_t start = record.at("quantity").at("start").get<size_t>();
    EXPECT_GE(start, last_start[doc]) << id << ": records in text order";
    last_start[doc] = start;
    EXPECT_FALSE(record.at("article_date").is_null()) << id << ": corpus metadata gives every date";
    EXPECT_TRUE(record.contains("meta")) << id << ": corpus metadata fields carried into meta";
  }
  EXPECT_EQ(LastLine(r.err), Summary(CorpusTexts().size(), records.size(), 0));
}

// 2a. Offsets index the original corpus bytes.
TEST_F(CliTest, OffsetsIndexOriginalCorpusBytes) {
  const RunResult r = Run({"extract", kCorpus});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<Json> records = ParseJsonl(r.out);
  ASSERT_FALSE(records.empty());
  ExpectOffsetsIndexOriginal(records, CorpusTexts());
  ExpectNoOverlaps(records);
}

// 2b. Offsets survive non-ASCII that normalization folds, deletes or expands,
// before and inside numbers; the same text as .txt and as JSONL gives the
// same records.
TEST_F(CliTest, OffsetsIndexOriginalBytesThroughNonAscii) {
  const std::string text =
      u8"\ufeff\u201cAbout 800 American soldiers\u201d \u2014 were sent; 10\u2009500 refugees; "
      u8"\u200bfewer than 10,000 troops\u060c and 12\u00a0000 cafe\u0301s.\n\n"
      u8"Cafe\u0301 had 1\u200b200 people, \u00ab300\u00bb guards, 5\u2013 6,000 men, \uff14\uff15 troops.\n"
      u8"\u0627\u0644\u0639\u062f\u062f\u060c 300 troops\u060c 400 men\u061b 500 women\u061f "
      u8"The \ufb01ghters: 300 \ufb01ghters arrived\u2026 then 400\u00ad more. "
      u8"re\u0301sume\u0301 10\u202f000 soldiers and 20\u2007000 men \U0001F600 and 400\U0001F600 men.\r\n"
      u8"\u3300 about 300 troops, \ufdfa 40 troops, x\u0301\u0302\u0303 50 troops.";
  const std::string path = Write("u.txt", text);
  const RunResult r = Run({"extract", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<Json> records = ParseJsonl(r.out);
  ASSERT_GE(records.size(), 10u) << r.out;
  ExpectOffsetsIndexOriginal(records, {{"u", text}});
  ExpectNoOverlaps(records);
  for (const Json& record : records) ExpectContractRecord(record);

  // Numbers with typographic separators are read as numbers (CLAIMS.md).
  struct Want {
    std::string text;
    double low, high;
  };
  const Want wants[] = {{u8"About 800", 800, 800},
                        {u8"10\u2009500", 10500, 10500},
                        {u8"fewer than 10,000", -1, 10000},
                        {u8"12\u00a0000", 12000, 12000},
                        {u8"10\u202f000", 10000, 10000},
                        {u8"20\u2007000", 20000, 20000}};
  for (const Want& want : wants) {
    bool found = false;
    for (const Json& record : records) {
      const Json& q = record.at("quantity");
      if (q.at("text") != want.text) continue;
      found = true;
      if (want.low >= 0) EXPECT_EQ(q.at("low"), want.low) << want.text;
      EXPECT_EQ(q.at("high"), want.high) << want.text;
    }
    EXPECT_TRUE(found) << "no claim with text \"" << want.text << "\"";
  }

  // JSONL input: offsets index the decoded "text"; same records.
  const RunResult jsonl = Run({"extract", "-"}, JsonlLine("u", text));
  ASSERT_EQ(jsonl.exit_code, 0) << jsonl.err;
  EXPECT_EQ(jsonl.out, r.out) << "the same text as .txt and as JSONL";
}

// 2c. A character that NFKC expands (vulgar fractions: 1/2) yields at most
// one claim, not one per digit over the same span.
TEST_F(CliTest, ExpandedCharacterYieldsAtMostOneClaim) {
  const std::string cases[] = {u8"\u00bd of 300 men", u8"\u2153 of them", u8"\u00be of the 40 troops",
                               u8"2\u00bd million people"};
  for (const std::string& text : cases) {
    const RunResult r = Run({"extract", "-"}, JsonlLine("v", text));
    ASSERT_EQ(r.exit_code, 0) << text << ": " << r.err;
    const std::vector<Json> records = ParseJsonl(r.out);
    ExpectOffsetsIndexOriginal(records, {{"v", text}});
    ExpectNoOverlaps(records);
  }
}

// 2d. NFKC must not glue compatibility digits (superscripts, vulgar
// fractions) onto a number and change its value.
TEST_F(CliTest, CompatibilityDigitsDoNotChangeNumbers) {
  struct Case {
    std::string text;
    double want_low;                  // a claim with this low must exist
    std::vector<double> forbid_lows;  // no claim may have these
  };
  const Case cases[] = {
      {u8"The attack killed 300\u00b9 people.", 300, {3001}},
      {u8"About 1,200\u00b2 fighters remain.", 1200, {1, 12002}},
      {u8"They sent 45\u00bd troops.", -1, {451, 2}},
  };
  for (const Case& c : cases) {
    const RunResult r = Run({"extract", "-"}, JsonlLine("v", c.text));
    ASSERT_EQ(r.exit_code, 0) << c.text << ": " << r.err;
    const std::vector<Json> records = ParseJsonl(r.out);
    ExpectOffsetsIndexOriginal(records, {{"v", c.text}});
    ExpectNoOverlaps(records);
    bool found = c.want_low < 0;
    for (const Json& record : records) {
      const Json& low = record.at("quantity").at("low");
      if (!low.is_number()) continue;
      if (low.get<double>() == c.want_low) found = true;
      for (double bad : c.forbid_lows) {
        EXPECT_NE(low.get<double>(), bad) << c.text << ": claim " << record.at("quantity").dump();
      }
    }
    EXPECT_TRUE(found) << c.text << ": no claim with low " << c.want_low << ":\n" << r.out;
  }
}

// 3. Output is byte-identical whatever --jobs is, across batch boundaries.
TEST_F(CliTest, OutputIsIdenticalForAnyJobs) {
  const RunResult corpus = Run({"extract", kCorpus});
  ASSERT_EQ(corpus.exit_code, 0) << corpus.err;
  const size_t corpus_claims = Lines(corpus.out).size();

  // ~300 documents: the corpus articles repeated under other ids.
  const std::map<std::string, std::string> texts = CorpusTexts();
  const std::map<std::string, std::string> dates = CorpusDates();
  ASSERT_FALSE(texts.empty());
  const int rounds = static_cast<int>((300 + texts.size() - 1) / texts.size());
  // A bad line every 50 documents: its report must keep its place too.
  std::string jsonl;
  size_t bad_lines = 0;
  for (int round = 0; round < rounds; ++round) {
    for (const auto& [id, text] : texts) {
      const auto date = dates.find(id);
      jsonl += JsonlLine("r" + std::to_string(round) + "_" + id, text, date == dates.end() ? "" : date->second);
      if (round % 10 == 9 && id == texts.begin()->first) {
        jsonl += "{\"id\":\"bad" + std::to_string(round) + "\"}\n";
        ++bad_lines;
      }
    }
  }
  const std::string many = Write("many.jsonl", jsonl);

  struct Input {
    std::string name, path;
    size_t documents, claims, errors;
  };
  const Input inputs[] = {{"corpus", kCorpus, texts.size(), corpus_claims, 0},
                          {"300 documents", many, rounds * texts.size(), rounds * corpus_claims, bad_lines}};
  for (const Input& input : inputs) {
    RunResult reference;
    for (const char* jobs : {"1", "2", "4", "7"}) {
      SCOPED_TRACE(input.name + ", --jobs " + jobs);
      const RunResult r = Run({"extract", "--jobs", jobs, input.path});
      ASSERT_EQ(r.exit_code, input.errors ? 1 : 0) << r.err;
      EXPECT_EQ(LastLine(r.err), Summary(input.documents, input.claims, input.errors));
      if (reference.exit_code < 0) {
        reference = r;
        EXPECT_EQ(Lines(r.out).size(), input.claims);
      } else {
        EXPECT_TRUE(r.out == reference.out) << "stdout differs from --jobs 1";
        EXPECT_EQ(r.err, reference.err) << "stderr differs from --jobs 1";
      }
    }
  }
}

// 4a. Bad JSONL lines are reported with <stdin>:LINE; the rest is processed.
TEST_F(CliTest, JsonlFromStdinReportsBadLinesAndGoesOn) {
  const std::string input =
      R"({"id":"good1","text":"About 800 soldiers were sent.","date":"2020-06-01","url":"https://example.com/a","title":"T, \"quoted\""})"
      "\n"
      R"({"id":"broken","text":)"
      "\n"
      R"({"id":"notext","date":"2020-06-01"})"
      "\n"
      "{\"id\":\"badutf8\",\"text\":\"bad \xff\xfe 300 troops\"}\n"
      R"({"id":"baddate","text":"500 troops","date":"2020-13-01"})"
      "\n"
      R"({"id":"good2","text":"Some 7,000 fighters remain."})"
      "\n";
  const RunResult r = Run({"extract", "-"}, input);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::vector<Json> records = ParseJsonl(r.out);
  std::map<std::string, std::vector<Json>> by_doc;
  for (const Json& record : records) by_doc[record.value("doc", "")].push_back(record);
  EXPECT_EQ(by_doc.size(), 2u) << "only the good documents: " << r.out;
  ASSERT_FALSE(by_doc["good1"].empty()) << "claims of line 1";
  ASSERT_FALSE(by_doc["good2"].empty()) << "claims of line 6";

  // meta carries the extra fields, in input order; date -> article_date.
  const Json meta = {{"url", "https://example.com/a"}, {"title", "T, \"quoted\""}};
  for (const Json& record : by_doc["good1"]) {
    ExpectContractRecord(record);
    EXPECT_EQ(record.at("article_date"), "2020-06-01");
    ASSERT_TRUE(record.contains("meta")) << record.dump();
    EXPECT_EQ(record.at("meta").dump(), meta.dump()) << "meta fields and their order";
  }
  for (const Json& record : by_doc["good2"]) {
    ExpectContractRecord(record);
    EXPECT_TRUE(record.at("article_date").is_null());
    EXPECT_TRUE(!record.contains("meta") || record.at("meta").empty()) << "no extra fields: " << record.dump();
  }

  struct Bad {
    int line;
    std::string reason;
  };
  const Bad bads[] = {{2, "malformed JSON"}, {3, "missing \"text\""}, {4, "UTF-8"}, {5, "invalid date"}};
  const std::vector<std::string> err_lines = Lines(r.err);
  for (const Bad& bad : bads) {
    const std::string prefix = "claimex: <stdin>:" + std::to_string(bad.line) + ": ";
    int reports = 0;
    for (const std::string& line : err_lines) {
      if (line.rfind(prefix, 0) != 0) continue;
      ++reports;
      EXPECT_TRUE(Contains(line, bad.reason)) << "line " << bad.line << ": want \"" << bad.reason << "\" in: " << line;
    }
    EXPECT_EQ(reports, 1) << "line " << bad.line << " reported once:\n" << r.err;
  }
  for (int good : {1, 6}) {
    EXPECT_FALSE(Contains(r.err, "<stdin>:" + std::to_string(good) + ":")) << "good line " << good << " reported";
  }
  EXPECT_EQ(LastLine(r.err), Summary(2, records.size(), 4));

  // The same lines in a file are named path:LINE.
  const std::string path = Write("bad.jsonl", input);
  const RunResult file = Run({"extract", path});
  EXPECT_EQ(file.exit_code, 1);
  EXPECT_EQ(file.out, r.out) << "same records from a file";
  for (const Bad& bad : bads) {
    EXPECT_TRUE(Contains(file.err, "claimex: " + path + ":" + std::to_string(bad.line) + ": "))
        << "line " << bad.line << " named in:\n" << file.err;
  }
}

// 4b. JSONL "date": YYYY, YYYY-MM or YYYY-MM-DD with a real month and day.
TEST_F(CliTest, JsonlDateForms) {
  struct Case {
    std::string date_json;  // the "date" value as JSON
    std::string want;       // article_date, "" = null; "error" = line rejected
  };
  const Case cases[] = {
      {R"("2020-06-01")", "2020-06-01"}, {R"("2020-06")", "2020-06"}, {R"("2020")", "2020"},
      {R"("2020-02-29")", "2020-02-29"}, {"null", ""},                {R"("2019-02-29")", "error"},
      {R"("2020-13")", "error"},         {R"("2020-6-1")", "error"},  {R"("2020/06/01")", "error"},
      {"2020", "error"},                 {R"("")", "error"},          {R"("June 2020")", "error"},
  };
  std::string input;
  for (const Case& c : cases) {
    input += R"({"id":"d","text":"About 800 soldiers.","date":)" + c.date_json + "}\n";
  }
  const RunResult r = Run({"extract", "-"}, input);
  const std::vector<Json> records = ParseJsonl(r.out);
  size_t next = 0, errors = 0;
  for (size_t i = 0; i < std::size(cases); ++i) {
    const Case& c = cases[i];
    const std::string source = "<stdin>:" + std::to_string(i + 1) + ": ";
    if (c.want == "error") {
      ++errors;
      EXPECT_TRUE(Contains(r.err, source + "invalid date")) << "date " << c.date_json << " rejected:\n" << r.err;
      continue;
    }
    EXPECT_FALSE(Contains(r.err, source)) << "date " << c.date_json << " accepted:\n" << r.err;
    ASSERT_LT(next, records.size()) << "date " << c.date_json << ": no claim";
    const Json& date = records[next++].at("article_date");
    if (c.want.empty()) {
      EXPECT_TRUE(date.is_null()) << "date " << c.date_json;
    } else {
      EXPECT_EQ(date, c.want) << "date " << c.date_json;
    }
  }
  EXPECT_EQ(next, records.size()) << "one claim per accepted line";
  EXPECT_EQ(r.exit_code, errors ? 1 : 0);
}

// 5a. Text files: invalid UTF-8 and binary files are reported, empty files
// are fine, and the others are processed.
TEST_F(CliTest, BadTextFilesAreReportedAndOthersProcessed) {
  const std::string bad = Write("in/bad.txt", "About 800 soldiers. Bad \xc3\x28 here, 300 troops.\n");
  const std::string binary = Write("in/binary.txt", std::string("About 800 soldiers\0 300 troops", 31));
  const std::string empty = Write("in/empty.txt", "");
  const std::string good = Write("in/good.txt", "Some 7,000 fighters remain.\n");
  const std::string missing = (dir_ / "in" / "missing.txt").string();
  const RunResult r = Run({"extract", bad, binary, empty, good, missing});
  EXPECT_EQ(r.exit_code, 1);
  const std::vector<Json> records = ParseJsonl(r.out);
  ASSERT_FALSE(records.empty()) << "good.txt processed:\n" << r.err;
  for (const Json& record : records) EXPECT_EQ(record.at("doc"), "good") << record.dump();

  struct Report {
    std::string path, reason;
  };
  const Report reports[] = {{bad, "invalid UTF-8 at byte 24"},
                            {binary, "binary file"},
                            {missing, "no such file or directory"}};
  for (const Report& report : reports) {
    bool found = false;
    for (const std::string& line : Lines(r.err)) {
      if (line.rfind("claimex: " + report.path + ": ", 0) == 0) {
        found = true;
        EXPECT_TRUE(Contains(line, report.reason)) << report.path << ": want \"" << report.reason << "\": " << line;
      }
    }
    EXPECT_TRUE(found) << report.path << " not reported:\n" << r.err;
  }
  EXPECT_FALSE(Contains(r.err, empty)) << "an empty file is not an error:\n" << r.err;
  EXPECT_FALSE(Contains(r.err, good + ":")) << r.err;
  EXPECT_TRUE(Contains(LastLine(r.err), ", " + std::to_string(records.size()) + " claims, 3 errors")) << r.err;

  // A directory walk reports the same files.
  const RunResult walk = Run({"extract", (dir_ / "in").string()});
  EXPECT_EQ(walk.exit_code, 1);
  EXPECT_EQ(walk.out, r.out);
  EXPECT_TRUE(Contains(walk.err, "invalid UTF-8")) << walk.err;
  EXPECT_TRUE(Contains(walk.err, "binary file")) << walk.err;

  // The empty file alone: no claims, no error.
  const RunResult alone = Run({"extract", empty});
  EXPECT_EQ(alone.exit_code, 0) << alone.err;
  EXPECT_EQ(alone.out, "");
  EXPECT_EQ(LastLine(alone.err), Summary(1, 0, 0));
}

// 5b. Every kind of invalid UTF-8 is reported with its byte offset.
TEST_F(CliTest, InvalidUtf8KindsAreReported) {
  struct Case {
    std::string name, bad_bytes;
  };
  const Case cases[] = {
      {"lone continuation", "\x80"},        {"overlong NUL", "\xc0\x80"},
      {"truncated at end", "\xe2\x82"},     {"UTF-16 surrogate", "\xed\xa0\x80"},
      {"above U+10FFFF", "\xf4\x90\x80\x80"}, {"byte F5", "\xf5\x80\x80\x80"},
      {"bad second byte", "\xc3\x28"},
  };
  for (const Case& c : cases) {
    const std::string path = Write(c.name + ".txt", "ok 300 men " + c.bad_bytes);
    const RunResult r = Run({"extract", path});
    EXPECT_EQ(r.exit_code, 1) << c.name;
    EXPECT_EQ(r.out, "") << c.name;
    EXPECT_TRUE(Contains(r.err, "claimex: " + path + ": invalid UTF-8 at byte 11")) << c.name << ":\n" << r.err;
  }
}

// 6a. -o writes the file atomically: same bytes as stdout, no temp left.
TEST_F(CliTest, OutputFileIsWrittenAtomically) {
  const fs::path out_dir = dir_ / "out";
  fs::create_directories(out_dir);
  for (const char* format : {"jsonl", "csv"}) {
    SCOPED_TRACE(std::string("--format ") + format);
    const fs::path out = out_dir / (std::string("claims.") + format);
    WriteFile(out, "old contents\n");  // replaced, not appended to
    const RunResult to_stdout = Run({"extract", "--format", format, kCorpus});
    ASSERT_EQ(to_stdout.exit_code, 0) << to_stdout.err;
    const RunResult r = Run({"extract", "--format", format, "-o", out.string(), kCorpus});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "") << "nothing on stdout with -o";
    EXPECT_TRUE(ReadFile(out) == to_stdout.out) << "file holds what stdout would";
    EXPECT_EQ(LastLine(r.err), LastLine(to_stdout.err));
  }
  std::vector<std::string> entries;
  for (const auto& entry : fs::directory_iterator(out_dir)) entries.push_back(entry.path().filename().string());
  std::sort(entries.begin(), entries.end());
  EXPECT_EQ(entries, (std::vector<std::string>{"claims.csv", "claims.jsonl"})) << "no *.tmp.* left";
}

// 6b. An output that cannot be created: exit 3, no file.
TEST_F(CliTest, UnwritableOutputExits3) {
  Write("a_file", "x");
  struct Case {
    std::string name;
    fs::path dir;
  };
  fs::create_directories(dir_ / "target_is_dir" / "claims.jsonl");
  std::vector<Case> cases = {{"missing directory", dir_ / "no" / "such" / "dir"},
                             {"parent is a file", dir_ / "a_file"},
                             {"output is a directory", dir_ / "target_is_dir"}};
  if (geteuid() != 0) {  // root writes anywhere
    fs::create_directories(dir_ / "read_only");
    fs::permissions(dir_ / "read_only", fs::perms::owner_read | fs::perms::owner_exec);
    cases.push_back({"read-only directory", dir_ / "read_only"});
  }
  for (const Case& c : cases) {
    const fs::path out = c.dir / "claims.jsonl";
    const RunResult r = Run({"extract", "-o", out.string(), kCorpus});
    EXPECT_EQ(r.exit_code, 3) << c.name << ": " << r.err;
    EXPECT_EQ(r.out, "") << c.name;
    EXPECT_TRUE(Contains(r.err, out.string())) << c.name << ": stderr names the output:\n" << r.err;
    std::error_code ec;
    EXPECT_FALSE(fs::is_regular_file(out, ec)) << c.name;
    if (fs::is_directory(c.dir, ec)) {
      for (const auto& entry : fs::directory_iterator(c.dir, ec)) {
        EXPECT_EQ(entry.path(), out) << c.name << ": left behind";
      }
    }
  }
  // stdout that cannot be written (a full device).
  if (fs::exists("/dev/full")) {
    const std::string command = ShellQuote(kBinary) + " extract " + ShellQuote(kCorpus) + " >/dev/full 2>/dev/null";
    const int status = std::system(command.c_str());
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 3) << "stdout on /dev/full";
  }
}

// 6c. A failed rename names the temporary it could not rename.
// Refused before any document is read (a failed rename, which names the
// temporary, is tested in tests/io/atomic_file_test.cc).
TEST_F(CliTest, OutputThatIsADirectoryIsRefusedUpFront) {
  const fs::path out = dir_ / "claims.jsonl";
  fs::create_directories(out);
  const RunResult r = Run({"extract", "-o", out.string(), kCorpus});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(Contains(r.err, "cannot write " + out.string() + ": it is a directory")) << r.err;
  EXPECT_FALSE(Contains(r.err, "documents read")) << r.err;
  EXPECT_TRUE(fs::is_empty(out));
}

// The test's own CSV reader.
TEST_F(CliTest, CsvReaderSelfCheck) {
  using Rows = std::vector<std::vector<std::string>>;
  struct Case {
    std::string name, csv;
    Rows want;
  };
  const Case cases[] = {
      {"plain", "a,b\r\nc,d\r\n", {{"a", "b"}, {"c", "d"}}},
      {"empty fields", ",\r\n", {{"", ""}}},
      {"comma in quotes", "\"a,b\",c\r\n", {{"a,b", "c"}}},
      {"doubled quotes", "\"say \"\"hi\"\"\"\r\n", {{"say \"hi\""}}},
      {"CRLF and LF in quotes", "\"a\r\nb\nc\",d\r\n", {{"a\r\nb\nc", "d"}}},
      {"no final CRLF", "a,\"\"", {{"a", ""}}},
  };
  for (const Case& c : cases) {
    Rows rows;
    std::string error;
    ASSERT_TRUE(ParseCsv(c.csv, &rows, &error)) << c.name << ": " << error;
    EXPECT_EQ(rows, c.want) << c.name;
  }
  for (const std::string bad : {"a\nb\r\n", "\"a\"b\r\n", "a\"b\r\n", "\"open\r\n"}) {
    Rows rows;
    std::string error;
    EXPECT_FALSE(ParseCsv(bad, &rows, &error)) << "accepted: " << bad;
  }
}

// 6d. --format csv: a header, then one RFC 4180 row per JSONL record.
TEST_F(CliTest, CsvRowsMatchJsonlRecords) {
  // An id with a comma, quotes, CRLF and LF exercises the quoting.
  const std::string stdin_doc =
      JsonlLine("x,\"y\"\r\nz\nw", "Between 14,000 and 18,000 fighters, \"about 300\" troops and a third of them.",
                "2020-06-01");
  const RunResult jsonl = Run({"extract", kCorpus, "-"}, stdin_doc);
  const RunResult csv = Run({"extract", "--format", "csv", kCorpus, "-"}, stdin_doc);
  ASSERT_EQ(jsonl.exit_code, 0) << jsonl.err;
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(LastLine(csv.err), LastLine(jsonl.err));
  const std::vector<Json> records = ParseJsonl(jsonl.out);

  std::vector<std::vector<std::string>> rows;
  std::string error;
  ASSERT_TRUE(ParseCsv(csv.out, &rows, &error)) << error;
  ASSERT_FALSE(rows.empty()) << "no header";
  const std::vector<std::string> header = rows[0];
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < header.size(); ++i) column[header[i]] = i;
  for (const char* name : {"id", "doc", "article_date", "quantity_text", "quantity_start", "quantity_end", "kind",
                           "low", "high", "relation", "approx", "unit", "rules", "sentence_start", "sentence_end"}) {
    ASSERT_TRUE(column.count(name)) << "header lacks " << name;
  }
  ASSERT_EQ(rows.size() - 1, records.size()) << "one row per JSONL claim";
  const auto number = [](const Json& v) { return v.is_null() ? std::string() : v.dump(); };
  for (size_t i = 0; i < records.size(); ++i) {
    const std::vector<std::string>& row = rows[i + 1];
    const Json& r = records[i];
    const Json& q = r.at("quantity");
    const std::string id = r.at("id").get<std::string>();
    ASSERT_EQ(row.size(), header.size()) << "row " << i + 1 << " (" << id << ") width";
    const auto cell = [&](const char* name) { return row[column.at(name)]; };
    std::string rules;
    for (const Json& rule : r.at("rules")) rules += (rules.empty() ? "" : " ") + rule.get<std::string>();
    const std::pair<const char*, std::string> want[] = {
        {"id", id},
        {"doc", r.at("doc").get<std::string>()},
        {"article_date", r.at("article_date").is_null() ? "" : r.at("article_date").get<std::string>()},
        {"quantity_text", q.at("text").get<std::string>()},
        {"quantity_start", q.at("start").dump()},
        {"quantity_end", q.at("end").dump()},
        {"kind", q.at("kind").get<std::string>()},
        {"low", number(q.at("low"))},
        {"high", number(q.at("high"))},
        {"relation", q.at("relation").get<std::string>()},
        {"approx", q.at("approx").dump()},
        {"unit", q.at("unit").is_null() ? "" : q.at("unit").get<std::string>()},
        {"rules", rules},
        {"sentence_start", r.at("sentence").at("start").dump()},
        {"sentence_end", r.at("sentence").at("end").dump()},
    };
    for (const auto& [name, value] : want) EXPECT_EQ(cell(name), value) << id << ": column " << name;
  }
}

// 7. --date gives text documents their article_date; a bad one is a usage error.
TEST_F(CliTest, DateOption) {
  const std::string path = Write("article.txt", "About 800 soldiers were sent.\n");
  for (const std::string date : {"2020-06-01", "2020-06", "2020"}) {
    const RunResult r = Run({"extract", "--date", date, path});
    ASSERT_EQ(r.exit_code, 0) << date << ": " << r.err;
    const std::vector<Json> records = ParseJsonl(r.out);
    ASSERT_FALSE(records.empty()) << date;
    for (const Json& record : records) EXPECT_EQ(record.at("article_date"), date) << "--date " << date;
  }
  const RunResult none = Run({"extract", path});
  for (const Json& record : ParseJsonl(none.out)) EXPECT_TRUE(record.at("article_date").is_null()) << "no --date";

  for (const std::string bad : {"2020-02-30", "2019-02-29", "2020-13", "2020-6-1", "June 2020", "20200601", "2020-"}) {
    const RunResult r = Run({"extract", "--date", bad, path});
    EXPECT_EQ(r.exit_code, 2) << "--date " << bad;
    EXPECT_EQ(r.out, "") << "--date " << bad;
    EXPECT_TRUE(Contains(r.err, "--date")) << "--date " << bad << ": " << r.err;
  }

  // Metadata dates win over --date.
  const RunResult plain = Run({"extract", kCorpus});
  const RunResult dated = Run({"extract", "--date", "1999-01-01", kCorpus});
  ASSERT_EQ(dated.exit_code, 0) << dated.err;
  EXPECT_EQ(dated.out, plain.out) << "--date does not override corpus metadata dates";
}

// 7b. --input-format and --max-doc-bytes.
TEST_F(CliTest, InputFormatAndSizeLimit) {
  const std::string text = "About 800 soldiers were sent to the front.";
  // stdin as one text document, id "stdin".
  const RunResult txt = Run({"extract", "--input-format", "txt", "--date", "2020", "-"}, text);
  ASSERT_EQ(txt.exit_code, 0) << txt.err;
  const std::vector<Json> records = ParseJsonl(txt.out);
  ASSERT_FALSE(records.empty());
  for (const Json& record : records) {
    EXPECT_EQ(record.at("doc"), "stdin");
    EXPECT_EQ(record.at("article_date"), "2020");
  }
  // A .txt file read as JSONL: a malformed line.
  const std::string path = Write("article.txt", text + "\n");
  const RunResult jsonl = Run({"extract", "--input-format", "jsonl", path});
  EXPECT_EQ(jsonl.exit_code, 1);
  EXPECT_TRUE(Contains(jsonl.err, path + ":1: malformed JSON")) << jsonl.err;
  // Over the size limit: reported and skipped, the next document goes on.
  const std::string small = Write("small.txt", "300 men\n");
  const RunResult limited = Run({"extract", "--max-doc-bytes", "20", path, small});
  EXPECT_EQ(limited.exit_code, 1);
  EXPECT_TRUE(Contains(limited.err, path + ": document is")) << limited.err;
  EXPECT_TRUE(Contains(limited.err, "--max-doc-bytes")) << limited.err;
  const std::vector<Json> kept = ParseJsonl(limited.out);
  ASSERT_FALSE(kept.empty()) << limited.err;
  for (const Json& record : kept) EXPECT_EQ(record.at("doc"), "small");
  const RunResult line = Run({"extract", "--max-doc-bytes", "40", "-"},
                             JsonlLine("long", text) + JsonlLine("short", "300 men"));
  EXPECT_EQ(line.exit_code, 1);
  EXPECT_TRUE(Contains(line.err, "<stdin>:1: line is")) << line.err;
  EXPECT_TRUE(Contains(line.out, "\"doc\":\"short\"")) << line.out;
}

// 8. Usage errors and help.
TEST_F(CliTest, UsageAndHelp) {
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string out_has;  // "" = stdout empty
    std::string err_has;
  };
  const Case cases[] = {
      {{}, 2, "", "usage: claimex"},
      {{"--help"}, 0, "usage: claimex", ""},
      {{"-h"}, 0, "usage: claimex", ""},
      {{"extract", "--help"}, 0, "--format", ""},
      {{"test", "--help"}, 0, "--rules", ""},
      {{"--version"}, 0, "claimex", ""},
      {{"frobnicate"}, 2, "", "unknown command 'frobnicate'"},
      {{"extract"}, 2, "", "no input"},
      {{"extract", "--no-such-option", kCorpus}, 2, "", "no-such-option"},
      {{"extract", "--format", "xml", kCorpus}, 2, "", "--format"},
      {{"extract", "--input-format", "pdf", kCorpus}, 2, "", "--input-format"},
      {{"extract", "--jobs", "0", kCorpus}, 2, "", "--jobs"},
      {{"extract", "--jobs", "many", kCorpus}, 2, "", "jobs"},
      {{"extract", "--date"}, 2, "", "date"},
      {{"test", "--no-such-option"}, 2, "", "no-such-option"},
  };
  for (const Case& c : cases) {
    std::string name = "claimex";
    for (const std::string& arg : c.args) name += " " + arg;
    const RunResult r = Run(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << name << "\n" << r.err;
    if (c.out_has.empty()) {
      EXPECT_EQ(r.out, "") << name;
    } else {
      EXPECT_TRUE(Contains(r.out, c.out_has)) << name << ": stdout lacks \"" << c.out_has << "\":\n" << r.out;
    }
    if (!c.err_has.empty()) {
      EXPECT_TRUE(Contains(r.err, c.err_has)) << name << ": stderr lacks \"" << c.err_has << "\":\n" << r.err;
    }
  }
}

// 9. Every problem in the rules is reported in one run, located.
TEST_F(CliTest, RuleErrorsAreAllReportedWithLocations) {
  const fs::path rules = CopyProject(/*with_corpus=*/false);
  struct Want {
    std::string file;  // relative to the rules dir
    size_t line;       // 1-based
    std::string rule_id, message;
  };
  std::vector<Want> wants;

  // quantity.toml: an unknown fragment, a duplicate id, a bad regex.
  const fs::path quantity = rules / "quantity.toml";
  std::vector<std::string> lines = FileLines(quantity);
  const std::vector<RuleLines> found = FindRules(lines);
  ASSERT_GE(found.size(), 4u) << "quantity.toml has rules";
  for (size_t i = 0; i < 4; ++i) {
    ASSERT_TRUE(!found[i].id.empty() && found[i].pattern_line > 0) << "rule " << i << " has an id and a pattern";
  }
  const std::string open = "pattern = '''";
  lines[found[0].pattern_line].insert(open.size(), "{no_such_fragment}");
  wants.push_back({"quantity.toml", found[0].pattern_line + 1, found[0].id, "no_such_fragment"});
  lines[found[2].id_line] = "id = \"" + found[1].id + "\"";
  wants.push_back({"quantity.toml", found[2].id_line + 1, found[1].id, "duplicate"});
  lines[found[3].pattern_line].insert(open.size(), "(");
  wants.push_back({"quantity.toml", found[3].pattern_line + 1, found[3].id, "bad regex"});
  WriteLines(quantity, lines);

  // exclusions.toml: a TOML syntax error.
  lines = FileLines(rules / "exclusions.toml");
  lines.push_back("this is = = not toml");
  wants.push_back({"exclusions.toml", lines.size(), "", "TOML"});
  WriteLines(rules / "exclusions.toml", lines);

  // lexicon/fractions.tsv: a value that is not a number (first data row).
  lines = FileLines(rules / "lexicon" / "fractions.tsv");
  size_t row = 0;
  bool header = false;
  for (size_t i = 0; i < lines.size() && row == 0; ++i) {
    if (lines[i].empty() || lines[i][0] == '#') continue;
    if (header) row = i;
    header = true;
  }
  ASSERT_GT(row, 0u) << "fractions.tsv has a data row";
  const size_t tab = lines[row].find('\t');
  ASSERT_NE(tab, std::string::npos);
  lines[row] = lines[row].substr(0, tab) + "\tzero.five";
  wants.push_back({"lexicon/fractions.tsv", row + 1, "", "zero.five"});
  WriteLines(rules / "lexicon" / "fractions.tsv", lines);

  const fs::path out = dir_ / "claims.jsonl";
  const RunResult extract = Run({"extract", "--rules", rules.string(), "-o", out.string(), kCorpus});
  const RunResult test = Run({"test", "--rules", rules.string()});
  for (const RunResult* r : {&extract, &test}) {
    const std::string command = r == &extract ? "extract" : "test";
    SCOPED_TRACE(command);
    EXPECT_EQ(r->exit_code, 2) << r->err;
    EXPECT_EQ(r->out, "") << "nothing on stdout";
    std::vector<Diagnostic> diags;
    for (const std::string& line : Lines(r->err)) {
      if (std::optional<Diagnostic> d = ParseDiagnostic(line)) diags.push_back(*d);
    }
    EXPECT_EQ(diags.size(), wants.size()) << "one line per problem:\n" << r->err;
    for (const Want& want : wants) {
      const std::string file = (rules / want.file).string();
      const std::string where = want.file + ":" + std::to_string(want.line);
      int matches = 0;
      for (const Diagnostic& d : diags) {
        if (d.file != file || d.line != static_cast<int>(want.line)) continue;
        ++matches;
        EXPECT_GT(d.column, 0) << where;
        EXPECT_EQ(d.rule_id, want.rule_id) << where;
        EXPECT_TRUE(Contains(d.message, want.message)) << where << ": want \"" << want.message << "\" in " << d.message;
      }
      EXPECT_EQ(matches, 1) << where << " reported once:\n" << r->err;
    }
    EXPECT_TRUE(Contains(LastLine(r->err), std::to_string(wants.size()) + " error(s) in the rules")) << r->err;
  }
  EXPECT_FALSE(fs::exists(out)) << "no output file when the rules fail";
}

// 10. --explain adds the normalized sentence and the rule matches.
TEST_F(CliTest, ExplainDescribesEachClaim) {
  const RunResult plain = Run({"extract", kCorpus});
  const RunResult r = Run({"extract", "--explain", kCorpus});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<Json> records = ParseJsonl(r.out);
  const std::vector<Json> plain_records = ParseJsonl(plain.out);
  ASSERT_EQ(records.size(), plain_records.size());
  ASSERT_FALSE(records.empty());
  for (size_t i = 0; i < records.size(); ++i) {
    Json record = records[i];
    const std::string id = record.value("id", "?");
    EXPECT_FALSE(plain_records[i].contains("explain")) << id << ": explain only with --explain";
    ASSERT_TRUE(record.contains("explain") && record.at("explain").is_object()) << id;
    const Json x = record.at("explain");
    ASSERT_TRUE(x.contains("normalized_sentence") && x.at("normalized_sentence").is_string()) << id;
    EXPECT_FALSE(x.at("normalized_sentence").get<std::string>().empty()) << id;
    ASSERT_TRUE(x.contains("quantity_rule") && x.at("quantity_rule").is_string()) << id;
    const std::string rule = x.at("quantity_rule").get<std::string>();
    EXPECT_NE(std::find(record.at("rules").begin(), record.at("rules").end(), rule), record.at("rules").end())
        << id << ": quantity_rule " << rule << " among rules";
    ASSERT_TRUE(x.contains("matches") && x.at("matches").is_array() && !x.at("matches").empty()) << id;
    bool chosen = false;
    for (const Json& m : x.at("matches")) {
      ASSERT_TRUE(m.is_object()) << id;
      for (const char* field : {"rule", "normalized_text", "outcome"}) {
        EXPECT_TRUE(m.contains(field) && m.at(field).is_string()) << id << ": match field " << field << " " << m.dump();
      }
      if (m.value("outcome", "") == "chosen" && m.value("rule", "") == rule) chosen = true;
    }
    EXPECT_TRUE(chosen) << id << ": a match of " << rule << " is \"chosen\"";
    // Otherwise the record is unchanged.
    record.erase("explain");
    EXPECT_EQ(record.dump(), plain_records[i].dump()) << id;
  }
}

// 11a. `claimex test` passes on the project.
TEST_F(CliTest, TestCommandPassesOnProject) {
  const RunResult r = Run({"test"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(Contains(r.out, "rule examples:")) << r.out;
  EXPECT_TRUE(Contains(r.out, ", 0 failed")) << r.out;
  EXPECT_EQ(LastLine(r.out), "claimex test: ok");
}

// 11b. A rule example with a wrong expected value fails, located.
TEST_F(CliTest, TestCommandReportsFailingExample) {
  const fs::path rules = CopyProject(/*with_corpus=*/true);
  const RunResult intact = Run({"test", "--rules", rules.string()});
  ASSERT_EQ(intact.exit_code, 0) << "the copied project passes:\n" << intact.out << intact.err;

  // Change the first `low = N` of an example to N + 1.
  const fs::path quantity = rules / "quantity.toml";
  std::vector<std::string> lines = FileLines(quantity);
  const std::vector<RuleLines> found = FindRules(lines);
  size_t line = 0;
  std::string rule_id;
  for (size_t i = 0; i < lines.size() && line == 0; ++i) {
    const size_t at = lines[i].find(" low = ");
    if (lines[i].find("{ text = ") == std::string::npos || at == std::string::npos) continue;
    const size_t start = at + 7, end = lines[i].find_first_not_of("0123456789", start);
    if (end == start) continue;
    const long value = std::stol(lines[i].substr(start, end - start));
    lines[i].replace(start, end - start, std::to_string(value + 1));
    line = i;
    for (const RuleLines& rule : found) {
      if (rule.id_line < i) rule_id = rule.id;
    }
  }
  ASSERT_GT(line, 0u) << "an example with low = N";
  WriteLines(quantity, lines);

  const RunResult r = Run({"test", "--rules", rules.string()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const std::string where = quantity.string() + ":" + std::to_string(line + 1) + ":";
  EXPECT_TRUE(Contains(r.out, where)) << "names " << where << ":\n" << r.out;
  EXPECT_TRUE(Contains(r.out, "[" + rule_id + "]")) << r.out;
  EXPECT_TRUE(Contains(r.out, ", 1 failed")) << r.out;
  EXPECT_EQ(LastLine(r.out), "claimex test: FAILED");
}

// Starts claimex with `args`, stdin read from `stdin_path`, stdout to
// `stdout_fd` (/dev/null when -1) and stderr to /dev/null, without waiting
// for it. Returns its pid, or -1.
pid_t SpawnClaimex(std::vector<std::string> args, const fs::path& stdin_path, int stdout_fd) {
  args.insert(args.begin(), kBinary);
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, stdin_path.c_str(), O_RDONLY, 0);
  if (stdout_fd >= 0) posix_spawn_file_actions_adddup2(&actions, stdout_fd, 1);
  else posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, kBinary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return spawned == 0 ? pid : -1;
}

// SIGINT while extract waits for stdin: exit 130, no output file left.
TEST_F(CliTest, SigintWhileReadingStdinExits130) {
  const fs::path fifo = dir_ / "stdin.fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  // Holds the pipe open so the child sees no EOF; CLOEXEC keeps it out of the child.
  const int writer = open(fifo.c_str(), O_RDWR | O_CLOEXEC);
  ASSERT_GE(writer, 0);
  const fs::path out_dir = dir_ / "out";
  fs::create_directories(out_dir);
  const pid_t pid = SpawnClaimex({"extract", "-o", (out_dir / "claims.jsonl").string(), "-"}, fifo, -1);
  ASSERT_GT(pid, 0);
  using namespace std::chrono_literals;
  // Running once the temp output exists; then the handlers are installed.
  for (int i = 0; i < 100 && fs::is_empty(out_dir); ++i) std::this_thread::sleep_for(50ms);
  std::this_thread::sleep_for(300ms);
  kill(pid, SIGINT);
  int status = 0;
  bool exited = false;
  for (int i = 0; i < 100 && !exited; ++i) {
    exited = waitpid(pid, &status, WNOHANG) == pid;
    if (!exited) std::this_thread::sleep_for(50ms);
  }
  close(writer);  // EOF lets a stuck run finish
  if (!exited) waitpid(pid, &status, 0);
  EXPECT_TRUE(exited) << "still running 5 s after SIGINT";
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 130) << "status " << status;
  EXPECT_TRUE(fs::is_empty(out_dir)) << "no output or temp file left";
}

// A slow stream: the records of the documents that have arrived come out
// while claimex waits for more (batches close when input would block, and
// stdout is flushed per batch), not only at the end of input.
TEST_F(CliTest, StreamedDocumentIsWrittenBeforeTheEndOfInput) {
  const fs::path fifo = dir_ / "stream.fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const int writer = open(fifo.c_str(), O_RDWR | O_CLOEXEC);  // held open: no EOF yet
  ASSERT_GE(writer, 0);
  int out[2];
  ASSERT_EQ(pipe2(out, O_CLOEXEC), 0);
  const pid_t pid = SpawnClaimex({"extract", "--no-progress", "-"}, fifo, out[1]);
  close(out[1]);
  ASSERT_GT(pid, 0);
  const std::string line = JsonlLine("first", "The group has about 5,000 fighters.");
  ASSERT_EQ(write(writer, line.data(), line.size()), static_cast<ssize_t>(line.size()));
  // Wait (up to a generous bound, not a speed test) for the first record.
  std::string received;
  fcntl(out[0], F_SETFL, O_NONBLOCK);
  using namespace std::chrono_literals;
  for (int i = 0; i < 600 && received.find('\n') == std::string::npos; ++i) {
    char buffer[4096];
    const ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n > 0) received.append(buffer, static_cast<size_t>(n));
    else std::this_thread::sleep_for(50ms);
  }
  close(writer);  // now the end of input
  int status = 0;
  waitpid(pid, &status, 0);
  close(out[0]);
  ASSERT_NE(received.find('\n'), std::string::npos) << "no record while the stream stayed open";
  EXPECT_TRUE(Contains(received, "\"doc\":\"first\"")) << received;
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
}

// ------------------------------------------------------------------ limits --

// A document over --max-claims-per-doc is reported and skipped; the run goes on.
TEST_F(CliTest, ClaimCapSkipsTheDocument) {
  std::string many;
  for (int i = 2; i < 22; ++i) many += std::to_string(i) + " apples, ";
  const std::string input = JsonlLine("many", many) + JsonlLine("few", "about 800 soldiers") ;
  RunResult r = Run({"extract", "--max-claims-per-doc", "10", "-"}, input);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(Contains(r.err, "<stdin>:1: more than 10 claims (--max-claims-per-doc), skipped")) << r.err;
  EXPECT_EQ(ParseJsonl(r.out).size(), 1u) << r.out;
  EXPECT_EQ(LastLine(r.err), Summary(2, 1, 1));
}

// A document over --doc-timeout-ms is reported and skipped.
TEST_F(CliTest, TimeBudgetSkipsTheDocument) {
  // 16 MiB takes seconds (its quantity stage alone takes over 20 ms even on
  // a machine ten times faster than a 2-core CI runner); a short article,
  // about a millisecond even in a sanitizer build. The budget sits between
  // the two, and the big document stops once past it.
  std::string big;
  while (big.size() < (16u << 20)) big += "About 800 American soldiers were sent home. ";
  const std::string input = JsonlLine("slow", big) + JsonlLine("quick", "about 800 soldiers");
  RunResult r = Run({"extract", "--doc-timeout-ms", "20", "-"}, input);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(Contains(r.err, "<stdin>:1: took longer than the time budget of 20 ms (--doc-timeout-ms), skipped"))
      << r.err;
  EXPECT_EQ(LastLine(r.err), Summary(2, 1, 1));
}

// --fail-fast stops at the first bad document and leaves no output file.
TEST_F(CliTest, FailFastStopsAndWritesNothing) {
  const std::string out = (dir_ / "claims.jsonl").string();
  const std::string input = JsonlLine("a", "about 800 soldiers") + "{not json\n" + JsonlLine("b", "5 tanks");
  RunResult r = Run({"extract", "--fail-fast", "-o", out, "-"}, input);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(Contains(r.err, "<stdin>:2: malformed JSON")) << r.err;
  EXPECT_TRUE(Contains(r.err, "--fail-fast")) << r.err;
  EXPECT_FALSE(fs::exists(out));
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_EQ(entry.path().filename().string().find("claims.jsonl.tmp"), std::string::npos) << entry.path();
}

// A megabyte-long "sentence" with no punctuation is matched in bounded
// windows; its claims still index the original bytes.
TEST_F(CliTest, HugeSentenceIsMatchedInWindows) {
  std::string line;
  while (line.size() < (1u << 20)) line += "some 7,000 fighters and ";
  const std::string path = Write("huge.txt", line);
  // No time budget: sanitizer builds are several times slower.
  RunResult r = Run({"extract", "--max-claims-per-doc", "1000000", "--doc-timeout-ms", "0", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::vector<Json> records = ParseJsonl(r.out);
  EXPECT_GT(records.size(), 40000u);
  for (const Json& rec : records) {
    const size_t start = rec["quantity"]["start"], end = rec["quantity"]["end"];
    ASSERT_EQ(line.substr(start, end - start), rec["quantity"]["text"].get<std::string>());
  }
}

// --keep-going is the default, spelled out; it excludes --fail-fast.
TEST_F(CliTest, KeepGoingIsTheDefault) {
  const std::string input = JsonlLine("a", "about 800 soldiers") + "{not json\n" + JsonlLine("b", "5 tanks");
  RunResult plain = Run({"extract", "-"}, input);
  RunResult keep = Run({"extract", "--keep-going", "-"}, input);
  EXPECT_EQ(keep.exit_code, 1) << keep.err;
  EXPECT_EQ(keep.out, plain.out);
  EXPECT_EQ(ParseJsonl(keep.out).size(), 2u);
  EXPECT_EQ(Run({"extract", "--keep-going", "--fail-fast", "-"}, input).exit_code, 2);
}

}  // namespace
}  // namespace claimex

namespace claimex {
namespace {

// 17. --progress shows a progress line on stderr; the summary still ends it.
TEST_F(CliTest, ProgressLine) {
  const RunResult r = Run({"extract", "--progress", "--jobs", "2", kCorpus});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.err, "documents,")) << r.err;
  EXPECT_TRUE(Contains(r.err, "MB/s")) << r.err;
  EXPECT_EQ(LastLine(r.err), Summary(5, Lines(Run({"extract", kCorpus}).out).size(), 0));
  const RunResult quiet = Run({"extract", kCorpus});
  EXPECT_FALSE(Contains(quiet.err, "MB/s")) << "no progress line when stderr is not a terminal";
}

// 18. --stages switches the stages after quantities (to measure their cost);
// quantities are the same either way.
TEST_F(CliTest, StagesOption) {
  const RunResult all = Run({"extract", kCorpus});
  const RunResult none = Run({"extract", "--stages", "none", kCorpus});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  ASSERT_EQ(none.exit_code, 0) << none.err;
  const std::vector<Json> a = ParseJsonl(all.out), n = ParseJsonl(none.out);
  ASSERT_EQ(a.size(), n.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i]["quantity"], n[i]["quantity"]);
    for (const char* field : {"speaker", "cue", "date", "subject", "place"}) EXPECT_TRUE(n[i][field].is_null());
  }
  EXPECT_EQ(Run({"extract", "--stages", "time,bogus", kCorpus}).exit_code, 2);
  EXPECT_EQ(Run({"extract", "--stages", "time,attribution,link", kCorpus}).out, all.out);
}

// 19. --mentions writes every time expression to its own file, atomically,
// and refuses to share the output file.
TEST_F(CliTest, MentionsFile) {
  const std::string mentions = (dir_ / "mentions.jsonl").string();
  const RunResult r = Run({"extract", "--mentions", mentions, "-o", (dir_ / "claims.jsonl").string(), kCorpus});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(fs::exists(mentions));
  for (const Json& m : ParseJsonl(ReadFile(mentions))) {
    for (const char* key : {"doc", "text", "start", "end", "type", "value", "rule"}) EXPECT_TRUE(m.contains(key)) << m;
  }
  const std::string same = (dir_ / "same.jsonl").string();
  EXPECT_EQ(Run({"extract", "--mentions", same, "-o", same, kCorpus}).exit_code, 2);
}

}  // namespace
}  // namespace claimex
