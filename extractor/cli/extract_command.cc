// `claimex extract`: documents in, claim records out. Options and files are
// settled here; run/extraction_run.h streams the documents (in parallel with
// --jobs, output byte-identical whatever --jobs is, memory bounded).
#include <signal.h>

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <iostream>

#include <boost/program_options.hpp>

#include "cli/commands.h"
#include "emit/record.h"
#include "io/atomic_file.h"
#include "io/document_source.h"
#include "pipeline.h"
#include "run/extraction_run.h"

namespace claimex {
namespace po = boost::program_options;

namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void OnSignal(int) { g_interrupted = true; }

}  // namespace

int RunExtract(const std::vector<std::string>& args, const std::string& argv0) {
  po::options_description options("claimex extract [options] PATH...\n\n"
                                  "PATH: a .txt or .jsonl file, a directory (a corpus directory with "
                                  "metadata.jsonl, or any directory, walked for *.txt and *.jsonl), "
                                  "or - for stdin.\n\noptions");
  std::string input_format = "auto", output_format = "jsonl", output = "-", rules_dir, date, mentions_path;
  int jobs = 1;
  std::string stages = "all";
  size_t max_doc_bytes = 64u << 20;
  ExtractLimits limits;
  int64_t doc_timeout_ms = limits.time_budget.count();
  options.add_options()
      ("help,h", "show this help")
      ("input-format", po::value(&input_format)->default_value("auto"),
       "txt | jsonl | auto (by extension; stdin is jsonl)")
      ("date", po::value(&date), "article date (YYYY[-MM[-DD]]) for text documents without one")
      ("rules", po::value(&rules_dir), "rules directory (default: the project's rules/)")
      ("format", po::value(&output_format)->default_value("jsonl"), "output format: jsonl | csv")
      ("output,o", po::value(&output)->default_value("-"), "output file, written atomically (- = stdout; a device or named pipe is written in place)")
      ("jobs,j", po::value(&jobs)->default_value(1), "documents processed in parallel")
      ("explain", "add to each claim the normalized sentence and every rule match that touched it")
      ("mentions", po::value(&mentions_path),
       "also write every time expression found (doc, text, start, end, type, value, rule) as JSON Lines to this "
       "file, written atomically (- = stdout)")
      ("max-doc-bytes", po::value(&max_doc_bytes)->default_value(64u << 20),
       "larger documents are reported and skipped")
      ("max-claims-per-doc", po::value(&limits.max_claims)->default_value(limits.max_claims),
       "a document with more claims is reported and skipped")
      ("doc-timeout-ms", po::value(&doc_timeout_ms)->default_value(doc_timeout_ms),
       "a document taking longer is reported and skipped (0 = no limit)")
      ("progress", "show documents, MB/s and claims on stderr as the run goes (the default when stderr is a terminal)")
      ("no-progress", "never show the progress line")
      ("stages", po::value(&stages)->default_value("all"),
       "stages after quantities: all, or a comma list of time, attribution, link (for benchmarks: "
       "'none' gives quantities only)")
      ("keep-going", "report each bad document, skip it and go on; exit 1 at the end (the default)")
      ("fail-fast", "stop at the first bad document: exit 1 and write no output");
  po::options_description hidden;
  hidden.add_options()("path", po::value<std::vector<std::string>>(), "input");
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("path", -1);
  po::variables_map vm;
  const std::optional<int> done =
      ParseCommandLine("extract", po::command_line_parser(args).options(all).positional(positional), options, &vm);
  if (done) return *done;
  if (!vm.count("path")) {
    std::cerr << "claimex extract: no input (give PATH... or - for stdin)\n";
    return kExitUsage;
  }
  InputOptions input;
  if (input_format == "txt") input.format = InputFormat::kTxt;
  else if (input_format == "jsonl") input.format = InputFormat::kJsonl;
  else if (input_format != "auto") {
    std::cerr << "claimex extract: --input-format must be txt, jsonl or auto\n";
    return kExitUsage;
  }
  if (output_format != "jsonl" && output_format != "csv") {
    std::cerr << "claimex extract: --format must be jsonl or csv\n";
    return kExitUsage;
  }
  if (!date.empty() && !IsValidPartialDate(date)) {
    std::cerr << "claimex extract: --date must be YYYY, YYYY-MM or YYYY-MM-DD\n";
    return kExitUsage;
  }
  if (jobs < 1 || jobs > 256) {
    std::cerr << "claimex extract: --jobs must be between 1 and 256\n";
    return kExitUsage;
  }
  input.date = date;
  input.max_document_bytes = max_doc_bytes;
  const bool explain = vm.count("explain") > 0;
  const bool fail_fast = vm.count("fail-fast") > 0;
  if (fail_fast && vm.count("keep-going")) {
    std::cerr << "claimex extract: --fail-fast and --keep-going exclude each other\n";
    return kExitUsage;
  }
  if (doc_timeout_ms < 0) {
    std::cerr << "claimex extract: --doc-timeout-ms must be 0 or more\n";
    return kExitUsage;
  }
  limits.time_budget = std::chrono::milliseconds(doc_timeout_ms);
  if (stages != "all") {
    limits.time_stage = limits.attribution_stage = limits.link_stage = false;
    size_t start = 0;
    while (stages != "none" && start <= stages.size()) {
      size_t comma = stages.find(',', start);
      if (comma == std::string::npos) comma = stages.size();
      const std::string name = stages.substr(start, comma - start);
      if (name == "time") limits.time_stage = true;
      else if (name == "attribution") limits.attribution_stage = true;
      else if (name == "link") limits.link_stage = true;
      else {
        std::cerr << "claimex extract: --stages takes all, none, or a comma list of time, attribution, link\n";
        return kExitUsage;
      }
      start = comma + 1;
    }
  }

  std::unique_ptr<Rulebook> rules = LoadRulesOrReport(rules_dir, argv0);
  if (!rules) return kExitUsage;
  // The process ends when this returns: freeing every compiled program and
  // automaton then takes milliseconds of a short run's time and gives
  // nothing back, so the rule book is kept (still reachable) instead.
  struct KeepRulesToExit {
    std::unique_ptr<Rulebook>* rules;
    ~KeepRulesToExit() {
      static Rulebook* kept = nullptr;  // a plain pointer: no destructor at exit either
      delete kept;
      kept = rules->release();
    }
  } keep_rules_to_exit{&rules};
  Extractor extractor(*rules, limits);

  AtomicFile out;
  if (Status s = out.Open(output); !s.ok()) {
    std::cerr << "claimex: " << s.message() << "\n";
    return kExitOutput;
  }
  // No SA_RESTART: a read blocked on stdin returns EINTR, so Ctrl-C stops a
  // run that is waiting for input (the reader checks input.cancel).
  struct sigaction action = {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  input.cancel = &g_interrupted;
  AtomicFile mentions_out;
  const bool want_mentions = !mentions_path.empty();
  if (want_mentions) {
    if (mentions_path == output && output != "-") {
      std::cerr << "claimex extract: --mentions must name another file than --output\n";
      return kExitUsage;
    }
    if (Status s = mentions_out.Open(mentions_path); !s.ok()) {
      std::cerr << "claimex: " << s.message() << "\n";
      return kExitOutput;
    }
  }
  if (output_format == "csv") out.Write(CsvHeader());

  DocumentSource source(vm["path"].as<std::vector<std::string>>(), input);
  RunOptions run;
  run.jobs = jobs;
  run.explain = explain;
  run.format = output_format == "csv" ? OutputFormat::kCsv : OutputFormat::kJsonl;
  run.fail_fast = fail_fast;
  run.progress = vm.count("progress") || (!vm.count("no-progress") && isatty(STDERR_FILENO));
  run.cancel = &g_interrupted;
  const RunTotals totals = RunExtraction(extractor, &source, run, &out, want_mentions ? &mentions_out : nullptr);
  const size_t documents = totals.documents, claims = totals.claims, errors = totals.errors;
  const bool stopped = totals.stopped;
  Status write_status = totals.write_status;
  if (stopped) {
    out.Abandon();
    mentions_out.Abandon();
    std::cerr << "claimex: stopped at the first bad document (--fail-fast) after " << documents
              << " documents; no output written\n";
    return kExitDocumentErrors;
  }
  if (totals.interrupted || g_interrupted) {
    out.Abandon();
    mentions_out.Abandon();
    std::cerr << "claimex: interrupted after " << documents << " documents; no output written\n";
    return kExitInterrupted;
  }
  if (write_status.ok() && want_mentions) write_status = mentions_out.Commit();
  if (write_status.ok()) write_status = out.Commit();
  if (!write_status.ok()) {
    std::cerr << "claimex: " << write_status.message() << "\n";
    return kExitOutput;
  }
  std::cerr << "claimex: " << documents << " documents read, " << claims << " claims, " << errors
            << " errors\n";
  return errors ? kExitDocumentErrors : kExitOk;
}

}  // namespace claimex
