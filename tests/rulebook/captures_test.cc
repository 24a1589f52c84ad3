// The capture reader (PCRE2 on the span RE2 matched) must give exactly RE2's
// groups: every rule of the project, on every match RE2 finds in the rules'
// examples, the corpus articles, random recombinations of their words and,
// when present, the TempEval-3 articles and the Recognizers-Text inputs.
#include "rulebook/captures.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "normalize/normalize.h"
#include "project_rules.h"
#include "segment/segment.h"
#include "pipeline.h"

namespace claimex {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

fs::path ExternalDir() {
  const char* env = std::getenv("CLAIMEX_EXTERNAL_DIR");
  return env && *env ? fs::path(env) : fs::path(CLAIMEX_PROJECT_DIR) / "../shared/external";
}

// Counts what was compared.
struct Tally {
  size_t texts = 0;
  size_t matches = 0;
};

// Every match of every rule in `text`: the capture reader answers, and its
// groups are RE2's.
void ExpectSameGroups(const std::string& text, Tally* tally) {
  ++tally->texts;
  const re2::StringPiece piece(text);
  for (const Rule* rule : ProjectRules().all_rules()) {
    const int n = 1 + rule->regex().NumberOfCapturingGroups();
    if (n == 1) continue;
    std::vector<re2::StringPiece> ours(n), re2_groups(n);
    ForEachMatch(rule->regex(), piece, [&](size_t start, size_t end, size_t) {
      if (::testing::Test::HasFatalFailure()) return;  // one failure is enough
      const re2::StringPiece whole = piece.substr(start, end - start);
      ++tally->matches;
      ASSERT_TRUE(ReadCapturesWithRe2(*rule, piece, start, end, re2_groups.data(), n));
      const CaptureProgram* program = rule->captures ? rule->captures->Get() : nullptr;
      ASSERT_TRUE(program && program->Read(piece, start, end, ours.data(), n))
          << rule->id << ": the capture reader gave no answer on \"" << whole << "\"";
      for (int g = 0; g < n; ++g) {
        const bool same = ours[g].data() == re2_groups[g].data() && ours[g].size() == re2_groups[g].size();
        ASSERT_TRUE(same) << rule->id << " group " << g << " on \"" << whole << "\" in \"" << text
                          << "\": capture reader \"" << (ours[g].data() ? std::string(ours[g]) : "(unset)")
                          << "\", RE2 \"" << (re2_groups[g].data() ? std::string(re2_groups[g]) : "(unset)")
                          << "\"";
      }
    });
  }
}

// The sentences of an article, normalized and segmented as the pipeline does.
std::vector<std::string> Sentences(const std::string& raw) {
  static const SentenceSegmenter* segmenter = [] {
    return new SentenceSegmenter(SegmenterOf(ProjectRules()));
  }();
  NormalizedText normalized;
  if (!Normalize(raw, &normalized).ok()) return {};
  std::vector<std::string> out;
  for (const Span& s : segmenter->Split(normalized.text)) out.push_back(normalized.text.substr(s.start, s.size()));
  return out;
}

std::vector<std::string> ExampleTexts() {
  std::vector<std::string> out;
  for (const Rule* rule : ProjectRules().all_rules()) {
    for (const RuleExample& e : rule->examples) out.push_back(e.text);
    for (const RuleExample& e : rule->counter_examples) out.push_back(e.text);
  }
  return out;
}

std::vector<std::string> CorpusSentences() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(fs::path(CLAIMEX_PROJECT_DIR) / "corpus"))
    if (entry.path().extension() == ".txt")
      for (std::string& s : Sentences(ReadFile(entry.path()))) out.push_back(std::move(s));
  return out;
}

TEST(CapturesTest, EveryRuleWithGroupsHasACaptureProgram) {
  for (const Rule* rule : ProjectRules().all_rules())
    if (rule->regex().NumberOfCapturingGroups() > 0)
      EXPECT_TRUE(rule->captures && rule->captures->Get())
          << rule->id << ": RE2 reads its captures (PCRE2 could not take the pattern)";
}

TEST(CapturesTest, SameGroupsAsRe2OnRuleExamples) {
  Tally tally;
  for (const std::string& text : ExampleTexts()) {
    ExpectSameGroups(text, &tally);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(tally.matches, 500u);
}

TEST(CapturesTest, SameGroupsAsRe2OnTheCorpus) {
  Tally tally;
  for (const std::string& sentence : CorpusSentences()) {
    ExpectSameGroups(sentence, &tally);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(tally.matches, 400u);
}

// Sentences made of the words of the examples and the corpus in random
// order, so rules meet their words in orders no article has.
TEST(CapturesTest, SameGroupsAsRe2OnRecombinedWords) {
  std::vector<std::string> words;
  std::vector<std::string> sources = ExampleTexts();
  for (std::string& s : CorpusSentences()) sources.push_back(std::move(s));
  for (const std::string& s : sources) {
    std::istringstream in(s);
    for (std::string w; in >> w;) words.push_back(w);
  }
  ASSERT_GT(words.size(), 1000u);
  std::mt19937 random(20261121);
  Tally tally;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const size_t length = 3 + random() % 25;
    for (size_t i = 0; i < length; ++i) {
      if (i > 0) text += random() % 8 == 0 ? ", " : " ";
      text += words[random() % words.size()];
    }
    ExpectSameGroups(text, &tally);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(tally.matches, 20000u);
}

TEST(CapturesTest, SameGroupsAsRe2OnPeerTexts) {
  const fs::path external = ExternalDir();
  Tally tally;
  const fs::path tempeval = external / "tempeval3" / "te3-platinum";
  if (fs::is_directory(tempeval)) {
    for (const auto& entry : fs::directory_iterator(tempeval))
      for (const std::string& sentence : Sentences(ReadFile(entry.path()))) {
        ExpectSameGroups(sentence, &tally);
        if (HasFatalFailure()) return;
      }
  }
  const fs::path recognizers = external / "recognizers-text";
  if (fs::is_directory(recognizers)) {
    for (const auto& entry : fs::directory_iterator(recognizers)) {
      if (entry.path().extension() != ".json") continue;
      const nlohmann::json cases = nlohmann::json::parse(ReadFile(entry.path()), nullptr, false);
      if (!cases.is_array()) continue;
      for (const auto& c : cases)
        if (c.is_object() && c.contains("Input") && c["Input"].is_string()) {
          ExpectSameGroups(c["Input"].get<std::string>(), &tally);
          if (HasFatalFailure()) return;
        }
    }
  }
  if (tally.texts == 0) {
    std::cout << "[ NOTICE   ] " << external.lexically_normal().string()
              << " holds neither TempEval-3 nor Recognizers-Text: peer texts not compared\n";
    return;
  }
  EXPECT_GT(tally.matches, 1000u);
}

TEST(CapturesTest, TranslatesWhereTheDialectsDiffer) {
  EXPECT_EQ(CaptureProgram::Translate(R"(a\sb)"), R"((?:a[\t\n\f\r ]b)(?C1))");
  EXPECT_EQ(CaptureProgram::Translate(R"([^\s,])"), R"((?:[^\t\n\f\r ,])(?C1))");
  EXPECT_EQ(CaptureProgram::Translate(R"(\S+)"), R"((?:[^\t\n\f\r ]+)(?C1))");
  EXPECT_EQ(CaptureProgram::Translate(R"([[:punct:]\]x])"), R"((?:[[:punct:]\]x])(?C1))");
  EXPECT_EQ(CaptureProgram::Translate(R"([^\S])"), "");  // no exact translation: RE2 reads these
  EXPECT_EQ(CaptureProgram::Translate(R"(\Qa.b\E)"), "");
}

TEST(CapturesTest, VerticalTabIsNoSpaceAsInRe2) {
  // RE2's \s leaves out the vertical tab; the translation must too.
  auto program = CaptureProgram::Compile(R"((\s+)(\S+))", 2);
  ASSERT_NE(program, nullptr);
  const std::string text = " \x0bx";
  std::vector<re2::StringPiece> groups(3);
  ASSERT_TRUE(program->Read(text, 0, text.size(), groups.data(), 3));
  EXPECT_EQ(std::string(groups[1]), " ");
  EXPECT_EQ(std::string(groups[2]), "\x0bx");
}

// Threads that read captures of a rule for the first time at once share one
// compiled program (std::call_once), and each gets an answer.
TEST(CapturesTest, LazyProgramIsCompiledOnceForAllThreads) {
  const LazyCaptureProgram lazy(R"((\d+) (soldiers|troops))", 2);
  std::vector<const CaptureProgram*> seen(8, nullptr);
  std::vector<bool> read(8, false);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < seen.size(); ++t)
    threads.emplace_back([&, t] {
      seen[t] = lazy.Get();
      const std::string text = "some 800 troops";
      std::vector<re2::StringPiece> groups(3);
      read[t] = seen[t] && seen[t]->Read(text, 5, text.size(), groups.data(), 3) && groups[2] == "troops";
    });
  for (std::thread& t : threads) t.join();
  for (size_t t = 0; t < seen.size(); ++t) {
    EXPECT_NE(seen[t], nullptr);
    EXPECT_EQ(seen[t], seen[0]);
    EXPECT_TRUE(read[t]) << "thread " << t;
  }
}

}  // namespace
}  // namespace claimex
