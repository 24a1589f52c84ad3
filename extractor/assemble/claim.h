// Claim: one emitted record, mirroring CLAIMS.md "Record".
//
// While the pipeline runs, the spans the later stages fill (subject, place,
// speaker, cue, date) index the NORMALIZED text; Extractor translates them to
// original offsets and slices their text from the original bytes in one
// place (FinishSpans) before a claim leaves the pipeline. The quantity and
// sentence spans are original offsets from the start, with their normalized
// twins kept for the stages.
#ifndef CLAIMEX_ASSEMBLE_CLAIM_H_
#define CLAIMEX_ASSEMBLE_CLAIM_H_

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/quantity.h"
#include "base/span.h"
#include "rulebook/rule.h"

namespace claimex {

inline constexpr int kSchemaVersion = 1;

// A stretch of text a stage points at: `span` (normalized while the stage
// runs, original once the claim leaves the pipeline) and its original text.
struct TextRef {
  Span span;
  std::string text;
};

// CLAIMS.md `subject`: the organization a quantity is about.
struct SubjectRef : TextRef {
  std::optional<std::string> canonical;
};

// CLAIMS.md `place`.
struct PlaceRef : TextRef {};

// CLAIMS.md `speaker`.
struct SpeakerRef : TextRef {
  std::optional<std::string> name;  // resolved full name, or null
  std::string kind;                 // person | official | organization | media | document | group
  bool anonymous = false;
};

// CLAIMS.md `cue`.
struct CueRef : TextRef {
  std::string lemma;
};

// CLAIMS.md `date`: `value` is ISO 8601 / TIMEX3, or null when unresolvable.
struct DateRef : TextRef {
  std::optional<std::string> value;
};

// The quantity's fields come from QuantityValue (kind, low, high, relation,
// approx, unit).
struct Claim : QuantityValue {
  std::string doc;
  int index = 0;  // 1-based position in the document; id = doc:index
  Span sentence;
  std::string sentence_text;  // original bytes of `sentence` (for CSV)

  std::string quantity_text;
  Span quantity_span;

  // Normalized twins of `sentence` and `quantity_span`, for the later stages.
  Span normalized_sentence;
  Span normalized_quantity;
  size_t sentence_index = 0;  // into DocumentAnalysis::sentences

  std::optional<SubjectRef> subject;
  std::optional<PlaceRef> place;
  std::optional<SpeakerRef> speaker;
  std::optional<CueRef> cue;
  std::optional<DateRef> date;

  std::string article_date;  // empty = null
  std::vector<std::string> rules;  // quantity rule first, then speaker, date, subject, place rules
  std::string meta_json;  // input fields carried through, or empty

  // Filled only with --explain; each stage adds its own key.
  std::optional<nlohmann::ordered_json> explain;
};

// A time expression found in a document, as `extract --mentions` emits it
// (original offsets).
struct DateMention {
  std::string doc;
  TextRef where;
  std::string type;  // TIMEX3 type: DATE | TIME | DURATION | SET
  std::optional<std::string> value;
  std::string rule;
};

}  // namespace claimex

#endif  // CLAIMEX_ASSEMBLE_CLAIM_H_
