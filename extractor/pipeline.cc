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

}  // namespace

Extractor::Extractor(const Rulebook& rules, ExtractLimits limits)
    : rules_(rules), limits_(limits), segmenter_(Abbreviations(rules)), quantities_(rules) {}

Status Extractor::Extract(const Document& doc, bool explain, std::vector<Claim>* claims) const {
  return Run(doc, explain, claims, nullptr);
}

Status Extractor::ExtractWithTrace(const Document& doc, std::vector<Claim>* claims,
                                   std::vector<MatchTrace>* trace) const {
  return Run(doc, false, claims, trace);
}

Status Extractor::Run(const Document& doc, bool explain, std::vector<Claim>* claims,
                      std::vector<MatchTrace>* trace) const {
  const auto started = std::chrono::steady_clock::now();
  NormalizedText normalized;
  Status status = Normalize(doc.text, &normalized);
  if (!status.ok()) return status;
  for (const Span& sentence : segmenter_.Split(normalized.text)) {
    for (const Span& window : Windows(normalized.text, sentence, limits_.max_sentence_bytes)) {
      SentenceMatches matches = quantities_.Match(normalized.text, window, explain || trace != nullptr);
      AssembleSentence(doc, normalized, window, matches, explain, claims);
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
  return Status::Ok();
}

}  // namespace claimex
