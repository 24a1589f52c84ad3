// DatasetDiff: what changes in the dataset (corpus/dataset/claims.jsonl)
// when it is regenerated — claims added, removed and changed, per document,
// with the fields that changed (old -> new) and the rules involved. This is
// what `claimex regenerate` prints before it replaces the dataset, so an
// analyst who edits a rule sees exactly what the edit did.
//
// Claims are matched by what they are, not by their ids (an id is a
// position, and shifts when a claim appears before it): first by document,
// quantity text and offsets; then, within a document, by quantity text in
// order of appearance (the article's text moved); then by overlapping
// quantity spans (a rule now reads `less than 5,000` where it read `5,000`).
// `id` is never reported as a change on its own.
#ifndef CLAIMEX_EVAL_DATASET_DIFF_H_
#define CLAIMEX_EVAL_DATASET_DIFF_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace claimex {

struct FieldChange {
  std::string field;  // dotted path: quantity.low, subject.canonical, rules, meta.title
  std::string old_value;  // JSON text; "(absent)" when the field is missing
  std::string new_value;
};

struct ClaimChange {
  enum Kind { kAdded, kRemoved, kChanged };
  Kind kind = kChanged;
  std::string doc;
  nlohmann::ordered_json old_record;  // null for kAdded
  nlohmann::ordered_json new_record;  // null for kRemoved
  std::vector<FieldChange> fields;    // kChanged only
  std::vector<std::string> rules;     // ids of the rules involved, without repeats
};

struct DatasetDiff {
  std::vector<ClaimChange> changes;  // by document, then by position in it
  size_t unchanged = 0;
  size_t added() const;
  size_t removed() const;
  size_t changed() const;
  bool empty() const { return changes.empty(); }

  // The report people read: a summary line, then per document every added
  // (+), removed (-) and changed (~) claim with its fields and rules.
  std::string Report() const;
};

DatasetDiff DiffDatasets(const std::vector<nlohmann::ordered_json>& old_records,
                         const std::vector<nlohmann::ordered_json>& new_records);

// Parses JSON Lines (one record per non-blank line). Fails on the first line
// that is not a JSON object, naming it (`name:line`).
Status ParseDataset(const std::string& text, const std::string& name, std::vector<nlohmann::ordered_json>* records);

}  // namespace claimex

#endif  // CLAIMEX_EVAL_DATASET_DIFF_H_
