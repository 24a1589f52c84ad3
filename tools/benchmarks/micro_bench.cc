// Micro-benchmarks of the hot pipeline stages (Google Benchmark), on the
// project's corpus articles with the project's rules:
//   normalize (with offset map), sentence segmentation, candidate selection
//   (the quantity RE2::Set over each sentence), the whole extractor per
//   document, and record serialization (claims to JSON Lines).
// Run through tools/bench --micro; throughput is reported in bytes/s.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "emit/record.h"
#include "io/document_source.h"
#include "normalize/normalize.h"
#include "pipeline.h"
#include "rulebook/rulebook.h"
#include "segment/segment.h"

namespace claimex {
namespace {

struct Fixture {
  std::unique_ptr<Rulebook> rules;
  std::unique_ptr<Extractor> extractor;
  std::unique_ptr<SentenceSegmenter> segmenter;
  std::vector<Document> docs;
  std::vector<NormalizedText> normalized;
  std::vector<std::vector<Span>> sentences;
  std::vector<std::vector<Claim>> claims;
  size_t bytes = 0;

  Fixture() {
    Diagnostics diags;
    rules = Rulebook::Load(CLAIMEX_PROJECT_DIR "/rules", &diags);
    if (!rules) std::abort();
    extractor = std::make_unique<Extractor>(*rules);
    std::vector<std::string> abbreviations;
    for (const auto& e : rules->lexicon("abbreviations").entries()) abbreviations.push_back(e.cells[0]);
    segmenter = std::make_unique<SentenceSegmenter>(abbreviations);
    DocumentSource source({CLAIMEX_PROJECT_DIR "/corpus"}, InputOptions());
    Document doc;
    InputError error;
    for (auto r = source.Next(&doc, &error); r != DocumentSource::Result::kEnd; r = source.Next(&doc, &error))
      if (r == DocumentSource::Result::kDocument) docs.push_back(doc);
    for (const Document& d : docs) {
      bytes += d.text.size();
      NormalizedText n;
      (void)Normalize(d.text, &n);
      sentences.push_back(segmenter->Split(n.text));
      normalized.push_back(std::move(n));
      std::vector<Claim> c;
      (void)extractor->Extract(d, false, &c);
      claims.push_back(std::move(c));
    }
  }
};

const Fixture& F() {
  static const Fixture* fixture = new Fixture();
  return *fixture;
}

void BM_Normalize(benchmark::State& state) {
  const Fixture& f = F();
  for (auto _ : state)
    for (const Document& d : f.docs) {
      NormalizedText n;
      benchmark::DoNotOptimize(Normalize(d.text, &n));
    }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}
BENCHMARK(BM_Normalize);

void BM_Segment(benchmark::State& state) {
  const Fixture& f = F();
  for (auto _ : state)
    for (const NormalizedText& n : f.normalized) benchmark::DoNotOptimize(f.segmenter->Split(n.text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}
BENCHMARK(BM_Segment);

void BM_CandidateSelection(benchmark::State& state) {
  const Fixture& f = F();
  std::vector<int> hits;
  for (auto _ : state)
    for (size_t d = 0; d < f.normalized.size(); ++d)
      for (const Span& s : f.sentences[d]) {
        hits.clear();
        f.rules->candidates().Match(
            std::string_view(f.normalized[d].text).substr(s.start, s.size()), &hits);
        benchmark::DoNotOptimize(hits.data());
      }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}
BENCHMARK(BM_CandidateSelection);

void BM_ExtractDocument(benchmark::State& state) {
  const Fixture& f = F();
  for (auto _ : state)
    for (const Document& d : f.docs) {
      std::vector<Claim> claims;
      benchmark::DoNotOptimize(f.extractor->Extract(d, false, &claims));
    }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}
BENCHMARK(BM_ExtractDocument);

void BM_SerializeClaims(benchmark::State& state) {
  const Fixture& f = F();
  size_t n = 0;
  for (auto _ : state)
    for (const auto& c : f.claims) {
      benchmark::DoNotOptimize(ToJsonLines(c));
      n += c.size();
    }
  state.SetItemsProcessed(static_cast<int64_t>(n));
}
BENCHMARK(BM_SerializeClaims);

}  // namespace
}  // namespace claimex

BENCHMARK_MAIN();
