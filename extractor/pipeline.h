// Pipeline, for one document: Normalize → Segment → Match quantities →
// Assemble claims → Time (tag expressions, article date) → Attribute
// (speaker, cue) → Date the claims → Link (subject, place) → translate every
// stage's spans to original offsets (FinishSpans, the one place that does).
// (Emit is the caller's, so output order stays under its control.)
//
// A batch of documents goes through the stages stage by stage: each stage
// runs over every document of the batch before the next stage starts. The
// stages' compiled rules (RE2 programs and their DFA caches) together
// outgrow the CPU caches, so running them in turn per document would evict
// each stage's working set before it is used again; per batch, each stage
// finds its own still warm. The results are those of one document at a time.
//
// An Extractor holds the compiled rulebook's matchers and is immutable:
// one instance serves every worker thread.
//
// Limits keep one hostile document from costing the run: a document that
// yields more than `max_claims` claims or spends longer than `time_budget`
// in the stages (its own time, not its batch's) fails with a Status naming the limit (the caller reports and skips it), and
// a "sentence" longer than `max_sentence_bytes` (no real one is) is matched
// in windows cut at white space, so matching stays bounded.
#ifndef CLAIMEX_PIPELINE_H_
#define CLAIMEX_PIPELINE_H_

#include <chrono>
#include <vector>

#include "assemble/claim.h"
#include "attribute/attributor.h"
#include "link/linker.h"
#include "time/time_tagger.h"
#include "base/document.h"
#include "base/status.h"
#include "match/quantity_matcher.h"
#include "rulebook/rulebook.h"
#include "segment/segment.h"

namespace claimex {

struct ExtractLimits {
  size_t max_claims = 10000;
  std::chrono::milliseconds time_budget{10000};  // 0 = none
  size_t max_sentence_bytes = 16 << 10;
  // The stages after quantities; switched off only to measure their cost
  // (`extract --stages`).
  bool time_stage = true;
  bool attribution_stage = true;
  bool link_stage = true;
};

// One document of a batch, and where its results go.
struct ExtractJob {
  const Document* doc = nullptr;
  std::vector<Claim>* claims = nullptr;        // required
  std::vector<DateMention>* mentions = nullptr;  // every time expression, when given
  Status status;                                 // set by ExtractBatch
};

// The pipeline's sentence segmenter: the abbreviations and sentence openers
// of `rules`' lexicons.
SentenceSegmenter SegmenterOf(const Rulebook& rules);

class Extractor {
 public:
  explicit Extractor(const Rulebook& rules, ExtractLimits limits = {});

  // Claims of `doc`, in text order, and, when `mentions` is given, every
  // time expression found (for `extract --mentions`). Fails (and yields
  // nothing) for input the pipeline cannot read, such as invalid UTF-8, and
  // for a document over a limit.
  Status Extract(const Document& doc, bool explain, std::vector<Claim>* claims,
                 std::vector<DateMention>* mentions = nullptr) const;

  // Like Extract, and also appends every rule match of every sentence, with
  // what became of it (spans over the normalized text). For rule examples.
  Status ExtractWithTrace(const Document& doc, std::vector<Claim>* claims,
                          std::vector<MatchTrace>* trace) const;

  // Extract for each job's document, stage by stage over the whole batch
  // (faster on many documents; the results are the same). A job that fails
  // gets its status and no claims; the others are unaffected.
  void ExtractBatch(std::vector<ExtractJob>* jobs, bool explain) const;

  const Rulebook& rules() const { return rules_; }

 private:
  struct Work;
  void Run(std::vector<Work>* batch, bool explain) const;
  Status MatchQuantities(Work* work, bool explain) const;
  bool OverBudget(std::chrono::steady_clock::duration spent) const;
  Status OverBudgetError() const;

  const Rulebook& rules_;
  ExtractLimits limits_;
  SentenceSegmenter segmenter_;
  QuantityMatcher quantities_;
  TimeTagger time_;
  Attributor attributor_;
  Linker linker_;
};

}  // namespace claimex

#endif  // CLAIMEX_PIPELINE_H_
