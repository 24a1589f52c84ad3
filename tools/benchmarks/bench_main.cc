// claimex_bench: end-to-end throughput of `claimex extract`, side by side
// with the floor (ICU normalization + sentence segmentation alone, in process) and, when
// given, a peer (Recognizers-Text's English number models under Node.js), all
// in one run on the same generated input. tools/bench builds and runs it.
//
// The input is news-like by construction: the corpus articles, shuffled and
// repeated (fixed seed, so every run sees the same bytes) to --size-mb, as a
// JSONL file and as a corpus directory of .txt files.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "io/document_source.h"
#include "normalize/normalize.h"
#include "rulebook/rulebook.h"
#include "segment/segment.h"
#include "pipeline.h"

namespace fs = std::filesystem;
namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

namespace {

struct Article {
  std::string id, text, date;
};

std::vector<Article> ReadCorpus(const std::string& dir) {
  std::vector<Article> out;
  claimex::DocumentSource source({dir}, claimex::InputOptions());
  claimex::Document doc;
  claimex::InputError error;
  for (auto r = source.Next(&doc, &error); r != claimex::DocumentSource::Result::kEnd;
       r = source.Next(&doc, &error))
    if (r == claimex::DocumentSource::Result::kDocument) out.push_back({doc.id, doc.text, doc.date});
  return out;
}

// The articles in a fixed pseudo-random order, repeated until `bytes` of text.
std::vector<Article> Repeat(const std::vector<Article>& seeds, size_t bytes) {
  std::mt19937 rng(20261121);
  std::vector<Article> out;
  size_t total = 0;
  for (int round = 0; total < bytes; ++round) {
    std::vector<size_t> order(seeds.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    for (size_t i : order) {
      if (total >= bytes) break;
      Article a = seeds[i];
      a.id += "-r" + std::to_string(round);
      total += a.text.size();
      out.push_back(std::move(a));
    }
  }
  return out;
}

std::string JsonlLine(const Article& a) {
  nlohmann::json j = {{"id", a.id}, {"text", a.text}};
  if (!a.date.empty()) j["date"] = a.date;
  return j.dump() + "\n";
}

void WriteJsonl(const std::string& path, const std::vector<Article>& docs) {
  std::ofstream out(path, std::ios::binary);
  for (const Article& a : docs) out << JsonlLine(a);
}

void WriteCorpusDir(const fs::path& dir, const std::vector<Article>& docs) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream meta(dir / "metadata.jsonl", std::ios::binary);
  for (const Article& a : docs) {
    std::ofstream(dir / (a.id + ".txt"), std::ios::binary) << a.text;
    nlohmann::json j = {{"id", a.id}};
    if (!a.date.empty()) j["date"] = a.date;
    meta << j.dump() << "\n";
  }
}

struct ProcessResult {
  double seconds = 0;
  long max_rss_kb = 0;
  int exit_code = -1;
};

// Runs argv with stdin from `stdin_path` (or, with `feed`, from a pipe the
// callback writes to), stdout to `stdout_path`, stderr discarded; measures
// wall time and the child's peak RSS.
ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& stdin_path,
                         const std::string& stdout_path, void (*feed)(int fd, void* ctx) = nullptr,
                         void* ctx = nullptr) {
  int pipe_fds[2] = {-1, -1};
  if (feed && pipe(pipe_fds) != 0) return {};
  const auto start = Clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    if (feed) {
      dup2(pipe_fds[0], 0);
      close(pipe_fds[0]);
      close(pipe_fds[1]);
    } else {
      int in = open(stdin_path.empty() ? "/dev/null" : stdin_path.c_str(), O_RDONLY);
      dup2(in, 0);
    }
    int out = open(stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, 1);
    int err = open("/dev/null", O_WRONLY);
    dup2(err, 2);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  if (feed) {
    close(pipe_fds[0]);
    feed(pipe_fds[1], ctx);
    close(pipe_fds[1]);
  }
  int status = 0;
  struct rusage usage = {};
  wait4(pid, &status, 0, &usage);
  ProcessResult r;
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  r.max_rss_kb = usage.ru_maxrss;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct StreamFeed {
  const std::vector<Article>* docs;
  size_t bytes;
};

// Writes JSONL lines to `fd` until `bytes` have gone, cycling through docs.
void FeedStream(int fd, void* ctx) {
  const StreamFeed& feed = *static_cast<StreamFeed*>(ctx);
  size_t sent = 0;
  for (size_t n = 0; sent < feed.bytes; ++n) {
    Article a = (*feed.docs)[n % feed.docs->size()];
    a.id += "-s" + std::to_string(n);
    const std::string line = JsonlLine(a);
    for (size_t off = 0; off < line.size();) {
      const ssize_t w = write(fd, line.data() + off, line.size() - off);
      if (w <= 0) return;
      off += static_cast<size_t>(w);
    }
    sent += line.size();
  }
}

void Row(const std::string& what, const std::string& figure, const std::string& note = "") {
  std::printf("| %s | %s | %s |\n", what.c_str(), figure.c_str(), note.c_str());
  std::fflush(stdout);
}

std::string Fixed(double v, int digits = 1) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::string binary, corpus, rules, work, node = "node", peer_script;
  double size_mb = 50, stream_mb = 0, peer_mb = 1;
  po::options_description options("claimex_bench [options]");
  options.add_options()("help,h", "show this help")
      ("binary", po::value(&binary)->required(), "the claimex binary to measure")
      ("corpus", po::value(&corpus)->required(), "corpus directory whose articles make the input")
      ("rules", po::value(&rules)->required(), "rules directory")
      ("work", po::value(&work)->required(), "directory for generated input and output")
      ("size-mb", po::value(&size_mb)->default_value(50), "size of the generated input")
      ("stream-mb", po::value(&stream_mb)->default_value(0),
       "also pipe this many MB of JSONL through stdin and report peak RSS (0 = skip)")
      ("peer-script", po::value(&peer_script), "Node.js script running the Recognizers-Text peer (skip if empty)")
      ("node", po::value(&node)->default_value("node"), "Node.js executable")
      ("peer-mb", po::value(&peer_mb)->default_value(1), "input size for the peer (it is slow)");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, options), vm);
    if (vm.count("help")) {
      std::cout << options;
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "claimex_bench: " << e.what() << "\n" << options;
    return 2;
  }
  fs::create_directories(work);
  const std::vector<Article> seeds = ReadCorpus(corpus);
  if (seeds.empty()) {
    std::cerr << "claimex_bench: no articles in " << corpus << "\n";
    return 2;
  }
  const std::vector<Article> docs = Repeat(seeds, static_cast<size_t>(size_mb * 1e6));
  size_t text_bytes = 0;
  for (const Article& a : docs) text_bytes += a.text.size();
  const double mb = text_bytes / 1e6;
  const std::string jsonl = work + "/input.jsonl";
  WriteJsonl(jsonl, docs);
  WriteCorpusDir(fs::path(work) / "input-corpus", docs);
  std::printf("input: %zu articles, %.1f MB of text (the %zu corpus articles shuffled and repeated)\n\n",
              docs.size(), mb, seeds.size());
  std::printf("| measure | figure | note |\n|---|---|---|\n");

  // Floor: normalize + segment in process, one thread.
  double floor_mbps = 0;
  {
    claimex::Diagnostics diags;
    auto book = claimex::Rulebook::Load(rules, &diags);
    if (!book) {
      for (const auto& d : diags) std::cerr << d.ToString() << "\n";
      return 2;
    }
    const claimex::SentenceSegmenter segmenter = claimex::SegmenterOf(*book);
    size_t sentences = 0;
    const auto start = Clock::now();
    for (const Article& a : docs) {
      claimex::NormalizedText normalized;
      (void)claimex::Normalize(a.text, &normalized);
      sentences += segmenter.Split(normalized.text).size();
    }
    const double s = std::chrono::duration<double>(Clock::now() - start).count();
    Row("floor: normalize + segment, 1 thread", Fixed(mb / s) + " MB/s",
        std::to_string(sentences) + " sentences, in process");
    floor_mbps = mb / s;
  }

  auto extract = [&](const std::vector<std::string>& extra, const std::string& input, const std::string& out) {
    std::vector<std::string> args = {binary, "extract", "--rules", rules, "--no-progress", "-o", out};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(input);
    return RunProcess(args, "", "/dev/null");
  };
  // Throughput: the best of kRuns runs (the machine is shared; the fastest
  // run is the one least disturbed), records written to /dev/null so the
  // figure is extraction, not the disk. One and two jobs run in interleaved
  // rounds, so the speed-up compares runs of the same minutes.
  constexpr int kRuns = 5;
  constexpr int kStageRounds = 7;
  auto keep_best = [](ProcessResult* fastest, const ProcessResult& r, bool first) {
    const long rss = first ? r.max_rss_kb : std::max(fastest->max_rss_kb, r.max_rss_kb);
    if (first || r.seconds < fastest->seconds) *fastest = r;
    fastest->max_rss_kb = rss;
  };
  auto best = [&](const std::vector<std::string>& extra, const std::string& input) {
    ProcessResult fastest;
    for (int i = 0; i < kRuns; ++i) {
      const ProcessResult r = extract(extra, input, "/dev/null");
      if (r.exit_code != 0) return r;
      keep_best(&fastest, r, i == 0);
    }
    return fastest;
  };
  ProcessResult one, two;
  for (int round = 0; round < kRuns; ++round) {
    const ProcessResult r1 = extract({"--jobs", "1"}, jsonl, "/dev/null");
    const ProcessResult r2 = extract({"--jobs", "2"}, jsonl, "/dev/null");
    if (r1.exit_code != 0 || r2.exit_code != 0) {
      std::cerr << "claimex_bench: claimex extract failed (exit " << (r1.exit_code ? r1.exit_code : r2.exit_code)
                << ")\n";
      return 1;
    }
    keep_best(&one, r1, round == 0);
    keep_best(&two, r2, round == 0);
  }
  const double one_mbps = mb / one.seconds;
  Row("claimex extract, JSONL, --jobs 1", Fixed(one_mbps) + " MB/s",
      Fixed(docs.size() / one.seconds, 0) + " articles/s; " + Fixed(one_mbps / floor_mbps * 100, 0) +
          "% of the floor; peak RSS " + std::to_string(one.max_rss_kb / 1024) + " MB; best of " +
          std::to_string(kRuns) + " interleaved with the row below");
  Row("claimex extract, JSONL, --jobs 2", Fixed(mb / two.seconds) + " MB/s",
      Fixed(one.seconds / two.seconds, 2) + "x of --jobs 1; peak RSS " + std::to_string(two.max_rss_kb / 1024) +
          " MB; best of " + std::to_string(kRuns));
  // Byte identity across --jobs, and what writing the records to a file
  // (atomically: temp file, fsync, rename) adds.
  const ProcessResult written = extract({"--jobs", "1"}, jsonl, work + "/out-1.jsonl");
  extract({"--jobs", "2"}, jsonl, work + "/out-2.jsonl");
  extract({"--jobs", "4"}, jsonl, work + "/out-4.jsonl");
  const std::string reference = ReadFile(work + "/out-1.jsonl");
  const bool identical =
      reference == ReadFile(work + "/out-2.jsonl") && reference == ReadFile(work + "/out-4.jsonl");
  Row("output identical for --jobs 1/2/4", identical ? "yes" : "NO",
      std::to_string(std::count(reference.begin(), reference.end(), '\n')) + " claims, " +
          Fixed(reference.size() / 1e6) + " MB of records");
  Row("claimex extract, JSONL, --jobs 1, records to a file", Fixed(mb / written.seconds) + " MB/s",
      "one run; the atomic write (fsync included) of the records");
  const ProcessResult dir = best({"--jobs", "1"}, work + "/input-corpus");
  Row("claimex extract, corpus directory of .txt, --jobs 1", Fixed(mb / dir.seconds) + " MB/s",
      std::to_string(docs.size()) + " files; best of " + std::to_string(kRuns));
  // The cost of each stage over quantities alone: the configurations run in
  // interleaved rounds (none, time, attribution, link, all; again), each
  // keeping its best, so a slow phase of the shared machine hits them alike.
  const std::vector<std::string> stage_sets = {"none", "time", "attribution", "link", "all"};
  std::vector<ProcessResult> stage_best(stage_sets.size());
  for (int round = 0; round < kStageRounds; ++round)
    for (size_t k = 0; k < stage_sets.size(); ++k) {
      const ProcessResult r = extract({"--jobs", "1", "--stages", stage_sets[k]}, jsonl, "/dev/null");
      if (round == 0 || r.seconds < stage_best[k].seconds) stage_best[k] = r;
    }
  const ProcessResult& quantities = stage_best[0];
  auto over_quantities = [&](const ProcessResult& r) {
    const double percent = (r.seconds / quantities.seconds - 1) * 100;
    return (percent >= 0 ? "+" : "") + Fixed(percent, 0) + "% over quantities only";
  };
  Row("claimex extract, quantities only (--stages none), --jobs 1", Fixed(mb / quantities.seconds) + " MB/s",
      "best of " + std::to_string(kStageRounds) + " interleaved rounds with the four rows below");
  for (size_t k = 1; k + 1 < stage_sets.size(); ++k)
    Row("claimex extract, quantities + " + stage_sets[k] + " only, --jobs 1",
        Fixed(mb / stage_best[k].seconds) + " MB/s", over_quantities(stage_best[k]));
  Row("claimex extract, all stages (--stages all), --jobs 1", Fixed(mb / stage_best.back().seconds) + " MB/s",
      over_quantities(stage_best.back()) + " (the same rounds)");

  // Rule load, in process; then every rule's own RE2, which a run compiles
  // on first use (CheckProgramSizes compiles the ones not compiled yet).
  {
    std::vector<double> load_ms, all_ms;
    for (int i = 0; i < 5; ++i) {
      claimex::Diagnostics diags;
      const auto start = Clock::now();
      auto book = claimex::Rulebook::Load(rules, &diags);
      load_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      if (book) book->CheckProgramSizes();
      all_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    Row("rule load + compile", Fixed(Median(load_ms)) + " ms",
        "median of 5, in process: the stages' Sets and the attribution prefilter; " + Fixed(Median(all_ms)) +
            " ms with every other rule's own RE2, which a run compiles on first use");
  }
  // One short article as a whole process.
  {
    const Article* shortest = &seeds[0];
    for (const Article& a : seeds)
      if (a.text.size() < shortest->text.size()) shortest = &a;
    const std::string path = work + "/short.txt";
    std::ofstream(path, std::ios::binary) << shortest->text;
    std::vector<double> ms;
    for (int i = 0; i < 11; ++i)
      ms.push_back(extract({}, path, "/dev/null").seconds * 1000);
    Row("one short article, whole process", Fixed(Median(ms)) + " ms",
        std::to_string(shortest->text.size()) + " bytes; median of 11");
  }
  if (stream_mb > 0) {
    StreamFeed feed{&seeds, static_cast<size_t>(stream_mb * 1e6)};
    const ProcessResult r = RunProcess({binary, "extract", "--rules", rules, "--no-progress", "--jobs", "2", "-"},
                                       "", "/dev/null", FeedStream, &feed);
    Row("JSONL stream on stdin, --jobs 2", "peak RSS " + std::to_string(r.max_rss_kb / 1024) + " MB",
        Fixed(stream_mb / 1000, 2) + " GB in " + Fixed(r.seconds, 0) + " s (" + Fixed(stream_mb / r.seconds) +
            " MB/s); exit " + std::to_string(r.exit_code));
  }
  if (!peer_script.empty()) {
    const std::vector<Article> small = Repeat(seeds, static_cast<size_t>(peer_mb * 1e6));
    size_t small_bytes = 0;
    for (const Article& a : small) small_bytes += a.text.size();
    const std::string small_path = work + "/peer-input.jsonl";
    WriteJsonl(small_path, small);
    const std::string report = work + "/peer-report.json";
    // The peer and claimex in interleaved rounds, so each ratio compares runs
    // of the same minutes (the machine's speed drifts, and the peer's with
    // it): the peer over 1 MB, then claimex over the whole input.
    constexpr int kPeerRounds = 3;
    std::vector<double> peer_rates, our_rates, ratios;
    int peer_exit = 0;
    for (int round = 0; round < kPeerRounds; ++round) {
      const ProcessResult peer = RunProcess({node, peer_script, small_path}, "", report);
      double peer_seconds = 0;
      try {
        peer_seconds = nlohmann::json::parse(ReadFile(report)).at("seconds").get<double>();
      } catch (const std::exception&) {
      }
      if (peer.exit_code != 0 || peer_seconds <= 0) {
        peer_exit = peer.exit_code != 0 ? peer.exit_code : 1;
        break;
      }
      const ProcessResult ours = extract({"--jobs", "1"}, jsonl, "/dev/null");
      if (ours.exit_code != 0) {
        peer_exit = ours.exit_code;
        break;
      }
      peer_rates.push_back(small_bytes / 1e6 / peer_seconds);
      our_rates.push_back(mb / ours.seconds);
      ratios.push_back(our_rates.back() / peer_rates.back());
    }
    if (peer_exit != 0 || ratios.empty()) {
      Row("peer: Recognizers-Text English number models", "failed", "exit " + std::to_string(peer_exit));
    } else {
      const ProcessResult ours_small = extract({"--jobs", "1"}, small_path, "/dev/null");
      const double ours_small_mbps = small_bytes / 1e6 / ours_small.seconds;
      std::string each;
      for (size_t k = 0; k < ratios.size(); ++k)
        each += (k ? ", " : "") + Fixed(ratios[k], 0) + "x (" + Fixed(our_rates[k]) + " against " +
                Fixed(peer_rates[k], 3) + " MB/s)";
      Row("peer: Recognizers-Text English number, ordinal + percentage models, Node.js",
          Fixed(Median(peer_rates), 3) + " MB/s",
          Fixed(small_bytes / 1e6, 1) + " MB; model calls only, module load excluded; median of " +
              std::to_string(peer_rates.size()) + " rounds");
      Row("claimex against the peer, rounds interleaved", Fixed(Median(ratios), 0) + "x",
          "median of the rounds, claimex --jobs 1 over the " + Fixed(mb, 0) + " MB input against the peer over its " +
              Fixed(small_bytes / 1e6, 1) + " MB: " + each);
      Row("claimex on the peer's input, --jobs 1, whole process", Fixed(ours_small_mbps) + " MB/s",
          Fixed(ours_small_mbps / Median(peer_rates), 0) +
              "x the peer's median (start-up and RE2's cold DFA caches included)");
    }
  }
  return 0;
}
