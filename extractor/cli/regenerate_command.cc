// `claimex regenerate`: rebuilds the dataset analysts cite — every claim of
// every corpus article — from the corpus and the rules, and says what changed.
//
// 1. Extracts every article of the corpus directory (articles +
//    metadata.jsonl), in the corpus's sorted order, with --jobs workers.
// 2. Renders the dataset: <dataset>/claims.jsonl (CLAIMS.md records) and
//    <dataset>/claims.csv (one row per claim). Same corpus and rules, same
//    bytes, whatever --jobs is.
// 3. Compares it with the dataset on disk (eval/dataset_diff.h) and prints
//    the claims added, removed and changed, per document, with the rules
//    involved.
// 4. Writes both files atomically (io/atomic_file.h) — unless --dry-run
//    (report only) or --check (exit 1 when the dataset on disk is not what
//    the rules produce now; the test suite runs this on the real corpus).
// A corpus article that cannot be read fails the run and writes nothing: a
// dataset missing an article would silently drop its claims.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <boost/program_options.hpp>

#include "cli/commands.h"
#include "emit/record.h"
#include "eval/dataset_diff.h"
#include "io/atomic_file.h"
#include "io/document_source.h"
#include "pipeline.h"

namespace claimex {
namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

bool ReadWholeFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *out = buffer.str();
  return true;
}

// `path` relative to the working directory when it lies below it, so the
// report names `corpus/dataset` as the user would.
std::string Shown(const fs::path& path) {
  std::error_code ec;
  const fs::path relative = fs::relative(path, fs::current_path(ec), ec);
  if (ec || relative.empty() || *relative.begin() == "..") return path.string();
  return relative.string();
}

Status WriteAtomically(const fs::path& path, const std::string& bytes) {
  AtomicFile file;
  if (Status s = file.Open(path.string()); !s.ok()) return s;
  if (Status s = file.Write(bytes); !s.ok()) return s;
  return file.Commit();
}

}  // namespace

int RunRegenerate(const std::vector<std::string>& args, const std::string& argv0) {
  po::options_description options(
      "claimex regenerate [options]\n\n"
      "Extracts every article of the corpus and writes the dataset (claims.jsonl and claims.csv),\n"
      "printing the claims added, removed and changed since the dataset on disk.\n\noptions");
  std::string rules_dir, corpus_dir, dataset_dir;
  int jobs = 1;
  options.add_options()
      ("help,h", "show this help")
      ("corpus", po::value(&corpus_dir), "corpus directory: articles and metadata.jsonl (default: ../corpus beside the rules)")
      ("rules", po::value(&rules_dir), "rules directory (default: the project's rules/)")
      ("dataset", po::value(&dataset_dir), "dataset directory (default: <corpus>/dataset)")
      ("dry-run", "print the change report and write nothing")
      ("check", "write nothing; exit 1 (with the report) when the dataset differs from what the rules produce")
      ("jobs,j", po::value(&jobs)->default_value(1), "documents processed in parallel");
  po::variables_map vm;
  const std::optional<int> done =
      ParseCommandLine("regenerate", po::command_line_parser(args).options(options), options, &vm);
  if (done) return *done;
  const bool check = vm.count("check") > 0, dry_run = vm.count("dry-run") > 0;
  if (check && dry_run) {
    std::cerr << "claimex regenerate: --check and --dry-run exclude each other\n";
    return kExitUsage;
  }
  if (jobs < 1 || jobs > 256) {
    std::cerr << "claimex regenerate: --jobs must be between 1 and 256\n";
    return kExitUsage;
  }
  std::unique_ptr<Rulebook> rules = LoadRulesOrReport(rules_dir, argv0);
  if (!rules) return kExitUsage;
  if (corpus_dir.empty()) corpus_dir = (fs::path(rules->dir()).parent_path() / "corpus").string();
  std::error_code ec;
  if (!fs::is_regular_file(fs::path(corpus_dir) / "metadata.jsonl", ec)) {
    std::cerr << "claimex regenerate: " << corpus_dir << " is not a corpus directory (no metadata.jsonl)\n";
    return kExitUsage;
  }
  if (dataset_dir.empty()) dataset_dir = (fs::path(corpus_dir) / "dataset").string();
  dataset_dir = Shown(dataset_dir);
  const fs::path jsonl_path = fs::path(dataset_dir) / "claims.jsonl";
  const fs::path csv_path = fs::path(dataset_dir) / "claims.csv";

  // 1. Read the whole corpus (it is small enough to hold), then extract.
  std::vector<Document> docs;
  bool unreadable = false;
  {
    DocumentSource source({corpus_dir}, InputOptions());
    Document doc;
    InputError error;
    for (auto r = source.Next(&doc, &error); r != DocumentSource::Result::kEnd; r = source.Next(&doc, &error)) {
      if (r == DocumentSource::Result::kError) {
        std::cerr << "claimex: " << error.ToString() << "\n";
        unreadable = true;
      } else {
        docs.push_back(std::move(doc));
        doc = Document();
      }
    }
  }
  Extractor extractor(*rules);
  std::vector<std::vector<Claim>> claims(docs.size());
  std::vector<Status> statuses(docs.size());
  {
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i = next++; i < docs.size(); i = next++) statuses[i] = extractor.Extract(docs[i], false, &claims[i]);
    };
    std::vector<std::thread> threads;
    for (int t = 1; t < jobs; ++t) threads.emplace_back(work);
    work();
    for (std::thread& t : threads) t.join();
  }
  for (size_t i = 0; i < docs.size(); ++i) {
    if (statuses[i].ok()) continue;
    std::cerr << "claimex: " << docs[i].source << ": " << statuses[i].message() << "\n";
    unreadable = true;
  }
  if (unreadable) {
    std::cerr << "claimex regenerate: the corpus has unreadable articles; dataset not "
              << (check ? "checked" : "written") << "\n";
    return kExitDocumentErrors;
  }

  // 2. The dataset as the rules produce it now.
  std::string jsonl, csv = CsvHeader();
  size_t claim_count = 0;
  for (const std::vector<Claim>& doc_claims : claims) {
    jsonl += ToJsonLines(doc_claims);
    csv += ToCsvRows(doc_claims);
    claim_count += doc_claims.size();
  }

  // 3. What changes.
  std::string old_jsonl, old_csv;
  const bool had_jsonl = ReadWholeFile(jsonl_path, &old_jsonl);
  const bool had_csv = ReadWholeFile(csv_path, &old_csv);
  std::vector<nlohmann::ordered_json> old_records, new_records;
  if (Status s = ParseDataset(old_jsonl, jsonl_path.string(), &old_records); !s.ok()) {
    std::cerr << "claimex regenerate: " << s.message() << "; every claim counts as added\n";
    old_records.clear();
  }
  if (Status s = ParseDataset(jsonl, "(regenerated)", &new_records); !s.ok()) {
    std::cerr << "claimex regenerate: internal error: " << s.message() << "\n";
    return kExitOutput;
  }
  const DatasetDiff diff = DiffDatasets(old_records, new_records);
  const bool jsonl_current = had_jsonl && old_jsonl == jsonl;
  const bool csv_current = had_csv && old_csv == csv;
  const std::string where = dataset_dir + " (" + std::to_string(docs.size()) + " documents, " +
                            std::to_string(claim_count) + " claims)";

  if (jsonl_current && csv_current) {
    std::cout << "dataset " << where << " is current\n";
    return kExitOk;
  }
  std::cout << "dataset " << where << ": " << diff.Report();
  if (!had_jsonl) std::cout << "  (" << jsonl_path.string() << " does not exist yet)\n";
  if (diff.empty() && !jsonl_current) std::cout << "  claims.jsonl differs only in its bytes (order or formatting)\n";
  if (!csv_current) std::cout << "  claims.csv " << (had_csv ? "is out of date" : "does not exist yet") << "\n";
  if (check) {
    std::cout << "claimex regenerate --check: the dataset is stale; run `claimex regenerate` and commit "
              << jsonl_path.string() << " and " << csv_path.string() << "\n";
    return kExitDocumentErrors;
  }
  if (dry_run) {
    std::cout << "(dry run: nothing written)\n";
    return kExitOk;
  }

  // 4. Write both files, each atomically.
  fs::create_directories(dataset_dir, ec);
  if (ec) {
    std::cerr << "claimex: cannot create " << dataset_dir << ": " << ec.message() << "\n";
    return kExitOutput;
  }
  for (const auto& [path, bytes] : {std::make_pair(jsonl_path, &jsonl), std::make_pair(csv_path, &csv)}) {
    if (Status s = WriteAtomically(path, *bytes); !s.ok()) {
      std::cerr << "claimex: " << s.message() << "\n";
      return kExitOutput;
    }
  }
  std::cout << "wrote " << jsonl_path.string() << " and " << csv_path.string() << "\n";
  return kExitOk;
}

}  // namespace claimex
