#include "pipeline.h"

#include <optional>

#include "assemble/assemble.h"
#include "normalize/normalize.h"

namespace claimex {
namespace {

// Cuts `sentence` into windows of at most `max_bytes`, each ending at white
// space when there is any in its second half.
std::vector<Span> Windows(const std::string& text, Span sentence, size_t max_bytes) {
  std::vector<Span> out;
  size_t start = sentence.start;
  while (sentence.end - start > max_bytes) {
    size_t cut = start + max_bytes;
    const size_t space = text.rfind(' ', cut);
    if (space != std::string::npos && space > start + max_bytes / 2) cut = space;
    while (cut > start && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    out.push_back({start, cut});
    start = cut;
  }
  out.push_back({start, sentence.end});
  return out;
}

// Translates a stage's normalized span to original offsets and slices its
// text from the original bytes.
void Finish(const Document& doc, const NormalizedText& normalized, TextRef* ref) {
  ref->span = normalized.map.ToOriginal(ref->span);
  ref->text = doc.text.substr(ref->span.start, ref->span.size());
}

void FinishSpans(const Document& doc, const NormalizedText& normalized, std::vector<Claim>* claims) {
  for (Claim& c : *claims) {
    if (c.subject) Finish(doc, normalized, &*c.subject);
    if (c.place) Finish(doc, normalized, &*c.place);
    if (c.speaker) Finish(doc, normalized, &*c.speaker);
    if (c.cue) Finish(doc, normalized, &*c.cue);
    if (c.date) Finish(doc, normalized, &*c.date);
  }
}

}  // namespace

SentenceSegmenter SegmenterOf(const Rulebook& rules) {
  auto first_column = [&](const std::string& lexicon) {
    std::vector<std::string> out;
    for (const Lexicon::Entry& e : rules.lexicon(lexicon).entries()) out.push_back(e.cells[0]);
    return out;
  };
  return SentenceSegmenter(first_column("abbreviations"), first_column("sentence_openers"));
}

Extractor::Extractor(const Rulebook& rules, ExtractLimits limits)
    : rules_(rules),
      limits_(limits),
      segmenter_(SegmenterOf(rules)),
      quantities_(rules),
      time_(rules),
      attributor_(rules),
      linker_(rules) {}

// One document on its way through the stages.
struct Extractor::Work {
  ExtractJob job;
  std::vector<MatchTrace>* trace = nullptr;
  NormalizedText normalized;
  std::optional<DocumentAnalysis> analysis;  // refers to job.doc and normalized: Work never moves once set
  std::chrono::steady_clock::duration spent{};  // in the stages so far, against the time budget
};

bool Extractor::OverBudget(std::chrono::steady_clock::duration spent) const {
  return limits_.time_budget.count() > 0 && spent > limits_.time_budget;
}

Status Extractor::OverBudgetError() const {
  return Status::Error("took longer than the time budget of " + std::to_string(limits_.time_budget.count()) +
                       " ms (--doc-timeout-ms)");
}

Status Extractor::Extract(const Document& doc, bool explain, std::vector<Claim>* claims,
                          std::vector<DateMention>* mentions) const {
  std::vector<Work> batch(1);
  batch[0].job = {&doc, claims, mentions, Status::Ok()};
  Run(&batch, explain);
  return batch[0].job.status;
}

Status Extractor::ExtractWithTrace(const Document& doc, std::vector<Claim>* claims,
                                   std::vector<MatchTrace>* trace) const {
  std::vector<Work> batch(1);
  batch[0].job = {&doc, claims, nullptr, Status::Ok()};
  batch[0].trace = trace;
  Run(&batch, false);
  return batch[0].job.status;
}

void Extractor::ExtractBatch(std::vector<ExtractJob>* jobs, bool explain) const {
  std::vector<Work> batch(jobs->size());
  for (size_t i = 0; i < jobs->size(); ++i) batch[i].job = (*jobs)[i];
  Run(&batch, explain);
  for (size_t i = 0; i < jobs->size(); ++i) (*jobs)[i].status = batch[i].job.status;
}

// Normalize, segment, match quantities and assemble claims; the limits are
// checked here, where a hostile document costs.
Status Extractor::MatchQuantities(Work* work, bool explain) const {
  const auto started = std::chrono::steady_clock::now();
  const Document& doc = *work->job.doc;
  std::vector<Claim>* claims = work->job.claims;
  NormalizedText& normalized = work->normalized;
  Status status = Normalize(doc.text, &normalized);
  if (!status.ok()) return status;
  DocumentAnalysis& analysis = work->analysis.emplace(doc, normalized);
  analysis.sentences = segmenter_.Split(normalized.text);
  analysis.article_date = doc.date;
  if (!doc.date.empty()) analysis.article_date_rule = "metadata";
  for (size_t index = 0; index < analysis.sentences.size(); ++index) {
    const Span sentence = analysis.sentences[index];
    for (const Span& window : Windows(normalized.text, sentence, limits_.max_sentence_bytes)) {
      SentenceMatches matches = quantities_.Match(normalized.text, window, explain || work->trace != nullptr);
      AssembleSentence(doc, normalized, window, index, matches, explain, claims);
      if (work->trace) work->trace->insert(work->trace->end(), matches.trace.begin(), matches.trace.end());
      if (claims->size() > limits_.max_claims) {
        claims->clear();
        return Status::Error("more than " + std::to_string(limits_.max_claims) +
                             " claims (--max-claims-per-doc)");
      }
      work->spent = std::chrono::steady_clock::now() - started;
      if (OverBudget(work->spent)) {
        claims->clear();
        return OverBudgetError();
      }
    }
  }
  work->spent = std::chrono::steady_clock::now() - started;
  return Status::Ok();
}

void Extractor::Run(std::vector<Work>* batch, bool explain) const {
  for (Work& w : *batch) w.job.status = MatchQuantities(&w, explain);
  // Each later stage over the whole batch in turn (see pipeline.h), for the
  // documents still in the running. A document's own time in each stage
  // counts against its budget (the stages after quantities are checked
  // between stages, not within them).
  auto each = [&](const auto& stage) {
    for (Work& w : *batch) {
      if (!w.job.status.ok()) continue;
      const auto started = std::chrono::steady_clock::now();
      stage(w, *w.analysis, w.job.claims);
      w.spent += std::chrono::steady_clock::now() - started;
      if (OverBudget(w.spent)) {
        w.job.claims->clear();
        if (w.job.mentions) w.job.mentions->clear();
        w.job.status = OverBudgetError();
      }
    }
  };
  using Claims = std::vector<Claim>;
  if (limits_.time_stage)
    each([&](Work& w, DocumentAnalysis& a, Claims* claims) { time_.Tag(&a, w.job.mentions ? nullptr : claims); });
  if (limits_.attribution_stage)
    each([&](Work&, DocumentAnalysis& a, Claims* claims) { attributor_.Attribute(a, explain, claims); });
  if (limits_.time_stage)
    each([&](Work&, DocumentAnalysis& a, Claims* claims) { time_.DateClaims(a, explain, claims); });
  if (limits_.link_stage)
    each([&](Work&, DocumentAnalysis& a, Claims* claims) { linker_.Link(a, explain, claims); });
  each([&](Work& w, DocumentAnalysis& analysis, Claims* claims) {
    const Document& doc = *w.job.doc;
    for (Claim& c : *claims) c.article_date = analysis.article_date;
    FinishSpans(doc, w.normalized, claims);
    if (!w.job.mentions) return;
    for (const TimeMention& m : analysis.time_mentions) {
      DateMention out;
      out.doc = doc.id;
      out.where.span = m.span;
      Finish(doc, w.normalized, &out.where);
      out.type = m.type;
      out.value = m.value;
      out.rule = m.rule;
      w.job.mentions->push_back(std::move(out));
    }
  });
}

}  // namespace claimex
