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
}  // namespace

Extractor::Extractor(const Rulebook& rules)
    : rules_(rules), segmenter_(Abbreviations(rules)), quantities_(rules) {}

Status Extractor::Extract(const Document& doc, bool explain, std::vector<Claim>* claims) const {
  return Run(doc, explain, claims, nullptr);
}

Status Extractor::ExtractWithTrace(const Document& doc, std::vector<Claim>* claims,
                                   std::vector<MatchTrace>* trace) const {
  return Run(doc, false, claims, trace);
}

Status Extractor::Run(const Document& doc, bool explain, std::vector<Claim>* claims,
                      std::vector<MatchTrace>* trace) const {
  NormalizedText normalized;
  Status status = Normalize(doc.text, &normalized);
  if (!status.ok()) return status;
  for (const Span& sentence : segmenter_.Split(normalized.text)) {
    SentenceMatches matches = quantities_.Match(normalized.text, sentence, explain || trace != nullptr);
    AssembleSentence(doc, normalized, sentence, matches, explain, claims);
    if (trace) trace->insert(trace->end(), matches.trace.begin(), matches.trace.end());
  }
  return Status::Ok();
}

}  // namespace claimex
