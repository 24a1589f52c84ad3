#include "pipeline.h"

#include "assemble/assemble.h"
#include "normalize/normalize.h"

namespace claimex {
namespace {
std::vector<std::string> Abbreviations(const Rulebook& rules) {
  std::vector<std::string> out;
  for (const Lexicon::Entry& e : rules.lexicon("abbreviations").entries()) out.push_back(e.cells[0]);
  return out;
}

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

Extractor::Extractor(const Rulebook& rules, ExtractLimits limits)
    : rules_(rules),
      limits_(limits),
      segmenter_(Abbreviations(rules)),
      quantities_(rules),
      time_(rules),
      attributor_(rules),
      linker_(rules) {}

Status Extractor::Extract(const Document& doc, bool explain, std::vector<Claim>* claims,
                          std::vector<DateMention>* mentions) const {
  return Run(doc, explain, claims, nullptr, mentions);
}

Status Extractor::ExtractWithTrace(const Document& doc, std::vector<Claim>* claims,
                                   std::vector<MatchTrace>* trace) const {
  return Run(doc, false, claims, trace, nullptr);
}

Status Extractor::Run(const Document& doc, bool explain, std::vector<Claim>* claims,
                      std::vector<MatchTrace>* trace, std::vector<DateMention>* mentions) const {
  const auto started = std::chrono::steady_clock::now();
  NormalizedText normalized;
  Status status = Normalize(doc.text, &normalized);
  if (!status.ok()) return status;
  DocumentAnalysis analysis(doc, normalized);
  analysis.sentences = segmenter_.Split(normalized.text);
  analysis.article_date = doc.date;
  if (!doc.date.empty()) analysis.article_date_rule = "metadata";
  for (size_t index = 0; index < analysis.sentences.size(); ++index) {
    const Span sentence = analysis.sentences[index];
    for (const Span& window : Windows(normalized.text, sentence, limits_.max_sentence_bytes)) {
      SentenceMatches matches = quantities_.Match(normalized.text, window, explain || trace != nullptr);
      AssembleSentence(doc, normalized, window, index, matches, explain, claims);
      if (trace) trace->insert(trace->end(), matches.trace.begin(), matches.trace.end());
      if (claims->size() > limits_.max_claims) {
        claims->clear();
        return Status::Error("more than " + std::to_string(limits_.max_claims) +
                             " claims (--max-claims-per-doc)");
      }
      if (limits_.time_budget.count() > 0 && std::chrono::steady_clock::now() - started > limits_.time_budget) {
        claims->clear();
        return Status::Error("took longer than the time budget of " + std::to_string(limits_.time_budget.count()) +
                             " ms (--doc-timeout-ms)");
      }
    }
  }
  if (limits_.time_stage) time_.Tag(&analysis, mentions ? nullptr : claims);
  if (limits_.attribution_stage) attributor_.Attribute(analysis, explain, claims);
  if (limits_.time_stage) time_.DateClaims(analysis, explain, claims);
  if (limits_.link_stage) linker_.Link(analysis, explain, claims);
  for (Claim& c : *claims) c.article_date = analysis.article_date;
  FinishSpans(doc, normalized, claims);
  if (mentions) {
    for (const TimeMention& m : analysis.time_mentions) {
      DateMention out;
      out.doc = doc.id;
      out.where.span = m.span;
      Finish(doc, normalized, &out.where);
      out.type = m.type;
      out.value = m.value;
      out.rule = m.rule;
      mentions->push_back(std::move(out));
    }
  }
  return Status::Ok();
}

}  // namespace claimex
