// `claimex test`: testing the rules against their examples and the corpus.
//
// 1. Runs every rule's `examples` and `not` entries; each failure is printed
//    as file:line:col: [rule-id] message, as is every rule whose RE2 program
//    is over Rulebook::kMaxProgramSize.
// 2. Extracts the corpus (a corpus directory: articles + metadata.jsonl) and
//    scores it against corpus/gold as CLAIMS.md "Scoring" says, printing a
//    per-document and a per-rule table and every mismatch.
// 3. Compares the scores with the floor file (corpus/gold/floor.toml) and
//    fails when one is below its floor.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>

#include <boost/program_options.hpp>
#include <toml++/toml.h>

#include "cli/commands.h"
#include "eval/gold.h"
#include "eval/rule_examples.h"
#include "io/document_source.h"
#include "pipeline.h"

namespace claimex {
namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

std::string Fixed(double v, int width = 6) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%*.3f", width, v);
  return buf;
}

std::string Pad(const std::string& s, size_t width) {
  return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
}

void PrintScoreRow(const std::string& name, size_t width, const Score& s) {
  std::cout << Pad(name, width) << Pad(std::to_string(s.gold), 6) << Pad(std::to_string(s.predicted), 6)
            << Pad(std::to_string(s.matched), 6) << Fixed(s.Precision()) << Fixed(s.Recall()) << Fixed(s.F1())
            << Fixed(s.Accuracy("value")) << Fixed(s.Accuracy("relation")) << Fixed(s.Accuracy("unit"))
            << Fixed(s.ClaimF1()) << "\n";
}

// The figures the floor file may name, read from a score.
std::map<std::string, double> Figures(const Score& s) {
  std::map<std::string, double> figures = {
      {"quantity_precision", s.Precision()}, {"quantity_recall", s.Recall()}, {"quantity_f1", s.F1()},
      {"claim_f1", s.ClaimF1()}};
  // <field>_accuracy for every field scored on matched claims.
  for (const std::string& field : ScoredFields()) figures[field + "_accuracy"] = s.Accuracy(field);
  return figures;
}

}  // namespace

int RunTest(const std::vector<std::string>& args, const std::string& argv0) {
  po::options_description options("claimex test [options]\n\noptions");
  std::string rules_dir, corpus_dir, floor_file;
  options.add_options()
      ("help,h", "show this help")
      ("rules", po::value(&rules_dir), "rules directory (default: the project's rules/)")
      ("corpus", po::value(&corpus_dir), "corpus directory with metadata.jsonl and gold/ (default: ../corpus beside the rules)")
      ("floor", po::value(&floor_file), "floor file (default: <corpus>/gold/floor.toml)")
      ("examples-only", "run the rule examples only");
  po::variables_map vm;
  const std::optional<int> done =
      ParseCommandLine("test", po::command_line_parser(args).options(options), options, &vm);
  if (done) return *done;
  std::unique_ptr<Rulebook> rules = LoadRulesOrReport(rules_dir, argv0);
  if (!rules) return kExitUsage;
  rules_dir = rules->dir();
  Extractor extractor(*rules);
  bool failed = false;

  // 1. Rule examples.
  ExampleReport examples = RunRuleExamples(extractor);
  std::map<std::string, std::pair<int, int>> per_rule_examples;
  for (const ExampleResult& r : examples.results) {
    auto& counts = per_rule_examples[r.rule->id];
    counts.second++;
    if (r.passed) {
      counts.first++;
      continue;
    }
    Diagnostic d{r.rule->file, r.example->line, r.example->column, r.rule->id,
                 std::string(r.positive ? "example" : "'not' example") + " \"" + r.example->text + "\": " + r.message};
    std::cout << d.ToString() << "\n";
  }
  std::cout << "rule examples: " << examples.passed() << " passed, " << examples.failed() << " failed ("
            << rules->all_rules().size() << " rules)\n";
  if (examples.failed()) failed = true;
  // Rules compiled on first use have had their program size checked by no load.
  for (const Diagnostic& d : rules->CheckProgramSizes()) {
    std::cout << d.ToString() << "\n";
    failed = true;
  }
  if (vm.count("examples-only")) return failed ? kExitDocumentErrors : kExitOk;

  // 2. Corpus against gold.
  if (corpus_dir.empty()) corpus_dir = (fs::path(rules_dir).parent_path() / "corpus").string();
  if (floor_file.empty()) floor_file = corpus_dir + "/gold/floor.toml";
  DocumentSource source({corpus_dir}, InputOptions());
  std::map<std::string, std::string> texts;
  std::map<std::string, std::vector<Claim>> predicted;
  Document doc;
  InputError input_error;
  for (auto r = source.Next(&doc, &input_error); r != DocumentSource::Result::kEnd;
       r = source.Next(&doc, &input_error)) {
    if (r == DocumentSource::Result::kError) {
      std::cout << "corpus: " << input_error.ToString() << "\n";
      failed = true;
      continue;
    }
    std::vector<Claim> claims;
    if (Status s = extractor.Extract(doc, false, &claims); !s.ok()) {
      std::cout << "corpus: " << doc.source << ": " << s.message() << "\n";
      failed = true;
    }
    texts[doc.id] = doc.text;
    predicted[doc.id] = std::move(claims);
  }
  if (texts.empty()) {
    std::cout << "corpus: no documents in " << corpus_dir << "\n";
    return kExitDocumentErrors;
  }
  Diagnostics gold_diags;
  auto gold = LoadGold(corpus_dir + "/gold", texts, &gold_diags);
  for (const Diagnostic& d : gold_diags) std::cout << d.ToString() << "\n";
  if (!gold_diags.empty()) failed = true;
  CorpusScore score = ScoreCorpus(gold, predicted);

  size_t width = 10;
  for (const auto& [name, s] : score.by_doc) width = std::max(width, name.size() + 2);
  for (const auto& [name, s] : score.by_rule) width = std::max(width, name.size() + 2);
  const std::string header = "gold  pred  match      P      R     F1  value    rel   unit claimF1\n";
  std::cout << "\n" << Pad("document", width) << header;
  for (const auto& [name, s] : score.by_doc) PrintScoreRow(name, width, s);
  PrintScoreRow("ALL", width, score.total);
  // Fields beyond the table's columns, on matched claims whose gold states them.
  for (const char* field : {"speaker", "cue"}) {
    auto it = score.total.fields.find(field);
    if (it == score.total.fields.end()) continue;
    std::cout << field << " accuracy" << Fixed(score.total.Accuracy(field)) << " (" << it->second.first << "/"
              << it->second.second << " matched claims)\n";
  }
  std::cout << "\n" << Pad("rule", width) << header;
  for (const auto& [name, s] : score.by_rule) PrintScoreRow(name, width, s);
  std::cout << "\n(per rule: gold = matched gold claims; examples passed/total)\n";
  for (const auto& [id, counts] : per_rule_examples)
    std::cout << "  " << Pad(id, width) << counts.first << "/" << counts.second << "\n";
  std::cout << "\naccuracy on matched claims (ALL):";
  for (const std::string& field : ScoredFields())
    if (score.total.fields.count(field)) std::cout << " " << field << " " << Fixed(score.total.Accuracy(field), 0);
  std::cout << "\n";
  if (!score.mismatches.empty()) {
    std::cout << "\nmismatches:\n";
    for (const Mismatch& m : score.mismatches) std::cout << "  " << m.doc << " " << m.kind << ": " << m.detail << "\n";
  }

  // 3. Floor.
  toml::parse_result floor = toml::parse_file(floor_file);
  if (!floor) {
    std::cout << floor_file << ": cannot read the floor file: " << floor.error().description() << "\n";
    return kExitDocumentErrors;
  }
  const auto figures = Figures(score.total);
  std::cout << "\nfloor (" << floor_file << "):\n";
  for (auto&& [key, node] : floor.table()) {
    const std::string name(key.str());
    auto it = figures.find(name);
    auto want = node.value<double>();
    if (it == figures.end() || !want) {
      std::cout << floor_file << ":" << key.source().begin.line << ": unknown figure or not a number: " << name << "\n";
      failed = true;
      continue;
    }
    const bool ok = it->second + 1e-9 >= *want;
    std::cout << "  " << Pad(name, 22) << Fixed(it->second) << (ok ? " >= " : " <  ") << Fixed(*want)
              << (ok ? "  ok" : "  BELOW FLOOR") << "\n";
    if (!ok) failed = true;
  }
  std::cout << (failed ? "claimex test: FAILED\n" : "claimex test: ok\n");
  return failed ? kExitDocumentErrors : kExitOk;
}

}  // namespace claimex
