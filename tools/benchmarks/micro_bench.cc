// Micro-benchmarks of the hot pipeline stages (Google Benchmark), on the
// project's corpus articles with the project's rules:
//   normalize (with offset map), sentence segmentation (and its boundaries,
//   computed directly beside ICU's iterator), candidate selection (the
//   quantity RE2::Set over each sentence), finding the attribution
//   prefilter's strings (LiteralSet beside an RE2::Set), reading captures (the capture
//   reader beside RE2's submatch search), claim assembly, the whole
//   extractor per document, and record serialization (claims to JSON Lines).
// Run through tools/bench --micro; throughput is reported in bytes/s.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include "assemble/assemble.h"
#include "emit/record.h"
#include "match/quantity_matcher.h"
#include "rulebook/captures.h"
#include "segment/sentence_breaks.h"
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
    segmenter = std::make_unique<SentenceSegmenter>(SegmenterOf(*rules));
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

// Sentence boundaries side by side: computed directly (what Split uses) and
// by ICU's iterator (what it replaced, and still uses for text with
// Extend/Format characters).
void BM_SentenceBreaksDirect(benchmark::State& state) {
  const Fixture& f = F();
  for (auto _ : state)
    for (const NormalizedText& n : f.normalized) benchmark::DoNotOptimize(SentenceBreaks(n.text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}
BENCHMARK(BM_SentenceBreaksDirect);

void BM_SentenceBreaksIcu(benchmark::State& state) {
  const Fixture& f = F();
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(icu::Locale("en"), status));
  for (auto _ : state)
    for (const NormalizedText& n : f.normalized) {
      UText utext = UTEXT_INITIALIZER;
      utext_openUTF8(&utext, n.text.data(), static_cast<int64_t>(n.text.size()), &status);
      it->setText(&utext, status);
      size_t breaks = 0;
      for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) ++breaks;
      benchmark::DoNotOptimize(breaks);
      utext_close(&utext);
    }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}
BENCHMARK(BM_SentenceBreaksIcu);

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

// Finding the attribution prefilter's strings in each sentence side by side:
// LiteralSet (what the attributor uses) and an RE2::Set of the quoted
// strings; the same answer, checked by tests/base/literal_set_test.
template <bool kRe2Set>
void BM_AttributionAtoms(benchmark::State& state) {
  const Fixture& f = F();
  const Rulebook::Prefilter* prefilter = f.rules->stage_prefilter(RuleStage::kAttribution);
  if (!prefilter || prefilter->literals.size() == 0) {
    state.SkipWithError("no attribution prefilter");
    return;
  }
  static const RE2::Set* atoms = [&] {
    auto* set = new RE2::Set(Rulebook::MatchOptions(), RE2::UNANCHORED);
    for (const std::string& w : prefilter->strings) set->Add(RE2::QuoteMeta(w), nullptr);
    set->Compile();
    return set;
  }();
  std::vector<int> found;
  for (auto _ : state)
    for (size_t d = 0; d < f.normalized.size(); ++d)
      for (const Span& s : f.sentences[d]) {
        const std::string_view sentence = std::string_view(f.normalized[d].text).substr(s.start, s.size());
        if (kRe2Set) {
          found.clear();
          atoms->Match(re2::StringPiece(sentence.data(), sentence.size()), &found);
        } else {
          prefilter->literals.Match(sentence, &found);
        }
        benchmark::DoNotOptimize(found.data());
      }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}
BENCHMARK_TEMPLATE(BM_AttributionAtoms, false)->Name("BM_AttributionAtoms/literal_set");
BENCHMARK_TEMPLATE(BM_AttributionAtoms, true)->Name("BM_AttributionAtoms/re2_set");

// Reading the groups of matches side by side: the capture reader (PCRE2 JIT
// on the span) and RE2's own submatch search, over every match of every rule
// with groups in the corpus sentences. Items are matches read.
struct RuleMatch {
  const Rule* rule;
  std::string_view sentence;
  size_t start, end;
  int groups;
};

const std::vector<RuleMatch>& CorpusMatches() {
  static const std::vector<RuleMatch>* matches = [] {
    const Fixture& f = F();
    auto* out = new std::vector<RuleMatch>();
    for (size_t d = 0; d < f.normalized.size(); ++d)
      for (const Span& s : f.sentences[d]) {
        const std::string_view sentence = std::string_view(f.normalized[d].text).substr(s.start, s.size());
        const re2::StringPiece piece(sentence.data(), sentence.size());
        for (const Rule* rule : f.rules->all_rules()) {
          const int n = 1 + rule->group_count;
          if (n == 1) continue;
          ForEachMatch(rule->regex(), piece,
                       [&](size_t start, size_t end, size_t) { out->push_back({rule, sentence, start, end, n}); });
        }
      }
    return out;
  }();
  return *matches;
}

template <bool kRe2Only>
void BM_ReadCaptures(benchmark::State& state) {
  const std::vector<RuleMatch>& matches = CorpusMatches();
  std::vector<re2::StringPiece> groups(64);
  for (auto _ : state)
    for (const RuleMatch& m : matches) {
      const re2::StringPiece piece(m.sentence.data(), m.sentence.size());
      benchmark::DoNotOptimize(kRe2Only ? ReadCapturesWithRe2(*m.rule, piece, m.start, m.end, groups.data(), m.groups)
                                        : ReadCaptures(*m.rule, piece, m.start, m.end, groups.data(), m.groups));
    }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * matches.size()));
}
BENCHMARK_TEMPLATE(BM_ReadCaptures, false)->Name("BM_ReadCaptures/capture_reader");
BENCHMARK_TEMPLATE(BM_ReadCaptures, true)->Name("BM_ReadCaptures/re2");

// Claim assembly alone: the claims of every sentence from its quantity
// matches (found once, before the clock). Items are claims assembled.
void BM_AssembleClaims(benchmark::State& state) {
  const Fixture& f = F();
  static const auto* matches = [&] {
    QuantityMatcher matcher(*f.rules);
    auto* out = new std::vector<std::vector<SentenceMatches>>();
    for (size_t d = 0; d < f.normalized.size(); ++d) {
      out->emplace_back();
      for (const Span& s : f.sentences[d]) out->back().push_back(matcher.Match(f.normalized[d].text, s, false));
    }
    return out;
  }();
  size_t n = 0;
  for (auto _ : state)
    for (size_t d = 0; d < f.normalized.size(); ++d) {
      std::vector<Claim> claims;
      for (size_t i = 0; i < f.sentences[d].size(); ++i)
        AssembleSentence(f.docs[d], f.normalized[d], f.sentences[d][i], i, (*matches)[d][i], false, &claims);
      n += claims.size();
      benchmark::DoNotOptimize(claims.data());
    }
  state.SetItemsProcessed(static_cast<int64_t>(n));
}
BENCHMARK(BM_AssembleClaims);

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
