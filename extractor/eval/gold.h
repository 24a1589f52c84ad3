// Gold: hand-checked expected claims (corpus/gold/<doc>.jsonl, CLAIMS.md
// "Gold files") and the scoring `claimex test` reports (CLAIMS.md "Scoring").
//
// A gold record gives its quantity span either as "start"/"end" or as
// "text" + "occurrence" (1-based, which appearance of that exact text in the
// article); LoadGold resolves the latter. Fields a gold record leaves out are
// not scored.
#ifndef CLAIMEX_EVAL_GOLD_H_
#define CLAIMEX_EVAL_GOLD_H_

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "assemble/claim.h"
#include "base/span.h"
#include "base/status.h"

namespace claimex {

struct GoldClaim {
  std::string doc;
  Span span;  // quantity span in the original text
  bool optional = false;
  nlohmann::json record;  // the record as written
  int line = 0;           // in its gold file
};

// Reads `<gold_dir>/<doc>.jsonl` for every doc in `texts` (doc id -> original
// text). A document without a gold file is an error, so a new article cannot
// slip through unscored. Problems go to *diags as file:line:col.
std::map<std::string, std::vector<GoldClaim>> LoadGold(const std::string& gold_dir,
                                                        const std::map<std::string, std::string>& texts,
                                                        Diagnostics* diags);

// Counts for one group of claims (a document, a rule, the whole corpus).
struct Score {
  int gold = 0;       // required gold claims
  int predicted = 0;  // predicted claims not matched to optional gold
  int matched = 0;    // predicted claims matched to required gold
  // On matched claims: {right, scored}.
  std::map<std::string, std::pair<int, int>> fields;
  int claims_right = 0;  // matched with value, speaker and date all right

  double Precision() const { return predicted ? double(matched) / predicted : 1.0; }
  double Recall() const { return gold ? double(matched) / gold : 1.0; }
  double F1() const;
  double ClaimF1() const;
  double Accuracy(const std::string& field) const;
  void Add(const Score& other);
};

struct Mismatch {
  std::string doc;
  std::string kind;  // "missed", "spurious", "field"
  std::string detail;
};

struct CorpusScore {
  Score total;
  std::map<std::string, Score> by_doc;
  std::map<std::string, Score> by_rule;  // predicted claims, by their quantity rule
  std::vector<Mismatch> mismatches;
};

// Scores `predicted` (doc -> claims) against `gold`.
CorpusScore ScoreCorpus(const std::map<std::string, std::vector<GoldClaim>>& gold,
                        const std::map<std::string, std::vector<Claim>>& predicted);

// The fields scored on matched claims, in report order.
const std::vector<std::string>& ScoredFields();

}  // namespace claimex

#endif  // CLAIMEX_EVAL_GOLD_H_
