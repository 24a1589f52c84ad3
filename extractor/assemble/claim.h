// Claim: one emitted record, mirroring CLAIMS.md "Record". All spans index
// the ORIGINAL document bytes. Fields later issues fill (speaker, cue, date,
// subject, place) are emitted as null until then.
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

// The quantity's fields come from QuantityValue (kind, low, high, relation,
// approx, unit).
struct Claim : QuantityValue {
  std::string doc;
  int index = 0;  // 1-based position in the document; id = doc:index
  Span sentence;

  std::string quantity_text;
  Span quantity_span;

  std::string article_date;  // empty = null
  std::vector<std::string> rules;
  std::string meta_json;  // input fields carried through, or empty

  // Filled only with --explain.
  std::optional<nlohmann::ordered_json> explain;
};

}  // namespace claimex

#endif  // CLAIMEX_ASSEMBLE_CLAIM_H_
