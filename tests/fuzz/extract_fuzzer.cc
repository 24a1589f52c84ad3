// Fuzzes the whole pipeline: one Document (the input bytes) through
// Extractor::Extract with the project's rules, then through both emitters.
// Every claim must have its quantity span inside the text and inside its
// sentence, text equal to that slice, finite bounds with low <= high, and a
// relation consistent with which bounds are null. Any violation traps.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "emit/record.h"
#include "pipeline.h"
#include "rulebook/rulebook.h"

namespace {

using claimex::Claim;
using claimex::Relation;

const claimex::Extractor* g_extractor = nullptr;

void CheckClaim(const std::string& text, const Claim& c) {
  const claimex::Span q = c.quantity_span;
  CHECK(q.start <= q.end && q.end <= text.size());
  CHECK(c.sentence.start <= c.sentence.end && c.sentence.end <= text.size());
  CHECK(c.sentence.Contains(q));
  CHECK(c.quantity_text == text.substr(q.start, q.size()));
  if (c.low) CHECK(std::isfinite(*c.low));
  if (c.high) CHECK(std::isfinite(*c.high));
  if (c.low && c.high) CHECK(*c.low <= *c.high);
  switch (c.relation) {
    case Relation::kEq: CHECK(c.low && c.high && *c.low == *c.high); break;
    case Relation::kLt:
    case Relation::kLe: CHECK(!c.low && c.high); break;
    case Relation::kGt:
    case Relation::kGe: CHECK(c.low && !c.high); break;
    case Relation::kRange: CHECK(c.low && c.high); break;
  }
  CHECK(!c.rules.empty());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  static claimex::Diagnostics diags;
  static std::unique_ptr<claimex::Rulebook> rules =
      claimex::Rulebook::Load(CLAIMEX_PROJECT_DIR "/rules", &diags);
  if (!rules) {
    for (const auto& d : diags) std::fprintf(stderr, "%s\n", d.ToString().c_str());
    std::fprintf(stderr, "extract_fuzzer: cannot load %s/rules\n", CLAIMEX_PROJECT_DIR);
    std::abort();
  }
  static const claimex::Extractor extractor(*rules);
  g_extractor = &extractor;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  claimex::Document doc;
  doc.id = "fuzz";
  doc.text.assign(reinterpret_cast<const char*>(data), size);
  doc.source = "fuzz";
  // Odd-sized inputs also take the --explain path.
  const bool explain = size % 2 == 1;
  std::vector<Claim> claims;
  if (!g_extractor->Extract(doc, explain, &claims).ok()) return 0;
  for (size_t i = 0; i < claims.size(); ++i) {
    CheckClaim(doc.text, claims[i]);
    CHECK(claims[i].index == static_cast<int>(i) + 1);
    if (i > 0) CHECK(claims[i - 1].quantity_span.start <= claims[i].quantity_span.start);
  }
  // Emitting must not throw (e.g. on a slice that is not valid UTF-8).
  const std::string jsonl = claimex::ToJsonLines(claims);
  const std::string csv = claimex::ToCsvRows(claims);
  CHECK(claims.empty() || (!jsonl.empty() && !csv.empty()));
  return 0;
}
