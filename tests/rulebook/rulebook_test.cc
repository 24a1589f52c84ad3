// Loading rules: the project's rules load cleanly, and a broken rules
// directory yields every problem at once, each as file:line:col with the
// rule id (tests/testdata/rules_broken).
#include "rulebook/rulebook.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <string>

namespace claimex {
namespace {

namespace fs = std::filesystem;

TEST(Rulebook, ProjectRulesLoad) {
  Diagnostics diags;
  auto book = Rulebook::Load(std::string(CLAIMEX_PROJECT_DIR) + "/rules", &diags);
  for (const Diagnostic& d : diags) ADD_FAILURE() << d.ToString();
  ASSERT_NE(book, nullptr);
  EXPECT_GT(book->rules().size(), 10u);
}

TEST(Rulebook, MissingDirectoryIsAnError) {
  Diagnostics diags;
  EXPECT_EQ(Rulebook::Load("/nonexistent/rules", &diags), nullptr);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].message.find("not found"), std::string::npos);
}

// The project's rules plus `files` (name → text) in a fresh directory. One
// directory per test and process: ctest runs tests in parallel, and other
// build trees (build-asan) may run the same tests at once.
std::string RulesDirWith(const std::map<std::string, std::string>& files) {
  const fs::path dir = fs::path(::testing::TempDir()) /
                       (std::string("claimex_rules_") +
                        ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" +
                        std::to_string(getpid()));
  fs::remove_all(dir);
  fs::copy(fs::path(CLAIMEX_PROJECT_DIR) / "rules", dir, fs::copy_options::recursive);
  for (const auto& [name, text] : files) std::ofstream(dir / name) << text;
  return dir.string();
}

// The project's rules plus the broken files, and three bad lexicon cells.
std::string BrokenRulesDir() {
  const fs::path dir = RulesDirWith({});
  for (const char* name : {"broken.toml", "syntax.toml"})
    fs::copy_file(fs::path(CLAIMEX_TESTDATA_DIR) / "rules_broken" / name, dir / name);
  std::ofstream(dir / "lexicon" / "vague_magnitudes.tsv", std::ios::app) << "zillions\tmany\n";
  std::ofstream(dir / "lexicon" / "time_appositions.tsv", std::ios::app) << "whereupon\tmaybe\n";
  std::ofstream(dir / "lexicon" / "speaker_boundaries.tsv", std::ios::app) << "thereby\tsometimes\n";
  return dir.string();
}

TEST(Rulebook, BrokenRulesReportEveryProblemWithItsPosition) {
  Diagnostics diags;
  const std::string dir = BrokenRulesDir();
  EXPECT_EQ(Rulebook::Load(dir, &diags), nullptr);
  std::string all;
  for (const Diagnostic& d : diags) all += d.ToString() + "\n";

  struct Expected {
    const char* file;     // ends with
    const char* rule_id;  // "" = none
    const char* message;  // substring
  };
  const Expected expected[] = {
      {"broken.toml", "broken.unknown_fragment", "unknown fragment '{no_such_fragment}'"},
      {"broken.toml", "broken.duplicate", "duplicate rule id"},
      {"broken.toml", "broken.bad_regex", "bad regex"},
      {"broken.toml", "broken.unknown_key", "unknown key 'colour'"},
      {"broken.toml", "broken.bad_scale", "'scale' must be a number above 0"},
      {"broken.toml", "broken.lookaround", "lookaround is not supported"},
      {"broken.toml", "broken.empty_match", "matches the empty string"},
      {"broken.toml", "broken.no_examples", "has no 'examples'"},
      {"broken.toml", "broken.no_examples", "has no 'not' examples"},
      {"broken.toml", "broken.unknown_capture", "unknown capture name 'amount'"},
      {"broken.toml", "broken.every_character", "matches any single character"},
      {"broken.toml", "broken.too_big", "pattern too large"},
      // A cycle is reported once, where it closes: at the fragment.
      {"broken.toml", "fragment loop_b", "fragment cycle"},
      {"syntax.toml", "", "TOML syntax"},
      {"vague_magnitudes.tsv", "", "'low' must be a number, not 'many'"},
      {"time_appositions.tsv", "", "'role' must be one of opens opens_unless_from relative not, not 'maybe'"},
      {"speaker_boundaries.tsv", "", "'side' must be one of both subject object clause modal passive noun agent keep complement complementizer, not 'sometimes'"},
  };
  for (const Expected& e : expected) {
    bool found = false;
    for (const Diagnostic& d : diags) {
      if (d.rule_id == e.rule_id && d.message.find(e.message) != std::string::npos &&
          d.file.size() >= strlen(e.file) && d.file.compare(d.file.size() - strlen(e.file), std::string::npos, e.file) == 0) {
        found = true;
        EXPECT_GT(d.line, 0) << d.ToString();
        EXPECT_GT(d.column, 0) << d.ToString();
      }
    }
    EXPECT_TRUE(found) << "no diagnostic [" << e.rule_id << "] " << e.message << " in " << e.file << "; got:\n" << all;
  }
  // Every line reads `file:line:col: error: [id] message` (or without [id]).
  const std::regex shape(R"(^[^:]+:\d+:\d+: error: (\[[^\]]+\] )?.+$)");
  for (const Diagnostic& d : diags) EXPECT_TRUE(std::regex_match(d.ToString(), shape)) << d.ToString();
}

bool HasDiagnostic(const Diagnostics& diags, const std::string& rule_id, const std::string& message) {
  for (const Diagnostic& d : diags)
    if (d.rule_id == rule_id && d.message.find(message) != std::string::npos && d.line > 0) return true;
  return false;
}

// With no other error in their stages, a rule's checks come from its stage's
// compiled Set (its own RE2 waits for first use): they must still fire.
TEST(Rulebook, ChecksThroughTheStageSet) {
  Diagnostics diags;
  const std::string dir = RulesDirWith({{"extra.toml", R"toml([[rule]]
id = "extra.empty_match"
kind = "count"
pattern = '''(?P<value>\d*)'''
examples = [ { text = "5" } ]
not = [ "x" ]

[[rule]]
stage = "time"
id = "extra.every_character"
pattern = '''(?P<year>.)'''
examples = [ { text = "x" } ]
not = [ "" ]
)toml"}});
  EXPECT_EQ(Rulebook::Load(dir, &diags), nullptr);
  std::string all;
  for (const Diagnostic& d : diags) all += d.ToString() + "\n";
  EXPECT_TRUE(HasDiagnostic(diags, "extra.empty_match", "matches the empty string")) << all;
  EXPECT_TRUE(HasDiagnostic(diags, "extra.every_character", "matches any single character")) << all;
  fs::remove_all(dir);
}

// A stage's Set holds each rule's core, without the optional pieces at its
// ends (SetCore); a pattern broken only in such a piece is still reported,
// in the quantity stage and in a stage of its own.
TEST(Rulebook, ABadPieceTheSetLeavesOutIsReported) {
  Diagnostics diags;
  const std::string dir = RulesDirWith({{"extra.toml", R"toml([[rule]]
id = "extra.bad_prefix"
kind = "count"
pattern = '''(?:[z-a]\s+)?(?P<value>\d+)'''
examples = [ { text = "5" } ]
not = [ "x" ]

[[rule]]
stage = "time"
id = "extra.bad_suffix"
pattern = '''(?P<year>\d{4})(?:\s+[z-a])?'''
examples = [ { text = "2019" } ]
not = [ "x" ]
)toml"}});
  EXPECT_EQ(Rulebook::Load(dir, &diags), nullptr);
  std::string all;
  for (const Diagnostic& d : diags) all += d.ToString() + "\n";
  EXPECT_TRUE(HasDiagnostic(diags, "extra.bad_prefix", "bad regex")) << all;
  EXPECT_TRUE(HasDiagnostic(diags, "extra.bad_suffix", "bad regex")) << all;
  fs::remove_all(dir);
}

// A rule over the program size limit that its stage's Set can still hold
// loads (it is compiled on first use), and CheckProgramSizes, which
// `claimex test` runs, names it.
TEST(Rulebook, ProgramSizeOfARuleCompiledOnFirstUse) {
  std::string pattern = R"((?P<value>\d+))";
  for (int i = 0; i < 30; ++i) pattern += "[a-z0-9]{1,900}";
  Diagnostics diags;
  const std::string dir = RulesDirWith({{"extra.toml", "[[rule]]\nid = \"extra.large\"\nkind = \"count\"\npattern = '''" +
                                                            pattern + "'''\nexamples = [ { text = \"5\" } ]\nnot = [ \"x\" ]\n"}});
  auto book = Rulebook::Load(dir, &diags);
  for (const Diagnostic& d : diags) ADD_FAILURE() << d.ToString();
  ASSERT_NE(book, nullptr);
  const Diagnostics sizes = book->CheckProgramSizes();
  ASSERT_EQ(sizes.size(), 1u);
  EXPECT_EQ(sizes[0].rule_id, "extra.large");
  EXPECT_NE(sizes[0].message.find("pattern too large"), std::string::npos) << sizes[0].ToString();
  EXPECT_GT(sizes[0].line, 0);
  // The project's own rules are all within it.
  Diagnostics project_diags;
  auto project = Rulebook::Load(std::string(CLAIMEX_PROJECT_DIR) + "/rules", &project_diags);
  ASSERT_NE(project, nullptr);
  EXPECT_TRUE(project->CheckProgramSizes().empty());
  fs::remove_all(dir);
}

TEST(Rulebook, ColumnPointsIntoThePattern) {
  Diagnostics diags;
  Rulebook::Load(BrokenRulesDir(), &diags);
  for (const Diagnostic& d : diags) {
    if (d.rule_id != "broken.unknown_fragment") continue;
    // pattern = '''about {no_such_fragment:value}''' : the text starts at column 14, the { at 20.
    EXPECT_EQ(d.column, 20) << d.ToString();
    return;
  }
  FAIL() << "no diagnostic for broken.unknown_fragment";
}

// Inputs the rules fuzzer found (tests/fuzz/regressions/rules): each must
// load to diagnostics, never crash, hang or exhaust memory.
TEST(Rulebook, FuzzRegressionsAreReported) {
  const fs::path regressions = fs::path(CLAIMEX_PROJECT_DIR) / "tests" / "fuzz" / "regressions" / "rules";
  ASSERT_TRUE(fs::is_directory(regressions));
  for (const auto& entry : fs::directory_iterator(regressions)) {
    const fs::path dir = fs::path(::testing::TempDir()) / ("claimex_rules_regression_" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy(fs::path(CLAIMEX_PROJECT_DIR) / "rules" / "lexicon", dir / "lexicon", fs::copy_options::recursive);
    fs::copy_file(fs::path(CLAIMEX_PROJECT_DIR) / "rules" / "fragments.toml", dir / "fragments.toml");
    fs::copy_file(entry.path(), dir / "extra.toml");
    Diagnostics diags;
    EXPECT_EQ(Rulebook::Load(dir.string(), &diags), nullptr) << entry.path();
    EXPECT_FALSE(diags.empty()) << entry.path();
    for (const Diagnostic& d : diags) EXPECT_FALSE(d.message.empty()) << entry.path();
    fs::remove_all(dir);
  }
}

// unit_partitive may name captures (the engine reads `unit` and `noun`, and
// their _N alternatives); any other name is reported where the fragment is.
TEST(Rulebook, UnitPartitiveRejectsUnknownGroups) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("claimex_rules_partitive_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(fs::path(CLAIMEX_PROJECT_DIR) / "rules", dir, fs::copy_options::recursive);
  const fs::path fragments = dir / "fragments.toml";
  std::ifstream in(fragments);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  const std::string key = "unit_partitive = '''";
  const size_t at = text.find(key);
  ASSERT_NE(at, std::string::npos);
  text.insert(at + key.size(), "(?P<bogus>zzz)|");
  std::ofstream(fragments, std::ios::binary) << text;
  Diagnostics diags;
  EXPECT_EQ(Rulebook::Load(dir.string(), &diags), nullptr);
  bool found = false;
  for (const Diagnostic& d : diags)
    found |= d.rule_id == "fragment unit_partitive" && d.message.find("'bogus'") != std::string::npos &&
             fs::path(d.file).filename() == "fragments.toml" && d.line > 0;
  EXPECT_TRUE(found);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace claimex
