// Lexicon: a table of words or phrases loaded from `rules/lexicon/<name>.tsv`.
//
// File format (documented for analysts in rules/README.md):
//   # comment lines and blank lines are ignored
//   the first other line is the header: tab-separated column names
//   every following line is one entry: tab-separated cells, the first is the key
// A lexicon can be referenced in a pattern as `{@name}` (an alternation of its
// keys, longest first) and some lexicons are read by the engine by column
// name (number_words: value, role; qualifiers: relation, approx; ...).
#ifndef CLAIMEX_RULEBOOK_LEXICON_H_
#define CLAIMEX_RULEBOOK_LEXICON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"

namespace claimex {

class Lexicon {
 public:
  struct Entry {
    std::vector<std::string> cells;  // cells[0] is the key
    int line = 0;                    // 1-based line in the file, for diagnostics
  };

  // Loads `path`; problems are appended to *diags (file:line:col). Returns
  // false if the file could not be read or has no header.
  bool Load(const std::string& path, const std::string& name, Diagnostics* diags);

  const std::string& name() const { return name_; }
  const std::string& file() const { return file_; }
  const std::vector<Entry>& entries() const { return entries_; }

  // Index of column `column`, or -1.
  int ColumnIndex(const std::string& column) const;
  // Cell of `entry` in `column`, or "" if the column is absent or the cell empty.
  const std::string& Cell(const Entry& entry, int column) const;

  // Case-insensitive (ASCII) key lookup; nullptr if absent. Keys compare with
  // runs of white space collapsed to one space. Allocates nothing (the
  // stages look up words by the thousand per document).
  const Entry* Find(std::string_view key) const;

  // Builds a located diagnostic for `entry`'s cell in `column`.
  Diagnostic At(const Entry& entry, int column, std::string message) const;

  // The RE2 alternation of all keys, written as a trie of their characters
  // that prefers the longest key (spaces match \s+).
  // With `column`, only entries whose cell in that column is one of `allowed`.
  std::string Alternation(int column = -1, const std::vector<std::string>& allowed = {}) const;

  // Lower-cases ASCII and collapses white space: the lookup form of a key.
  static std::string LookupForm(std::string_view text);
  // The same, written into `out` (whose capacity is reused).
  static void LookupForm(std::string_view text, std::string* out);

 private:
  std::string name_;
  std::string file_;
  std::vector<std::string> columns_;
  std::vector<Entry> entries_;
  std::vector<std::vector<int>> cell_columns_;  // 1-based column of each cell, per entry
  std::unordered_map<std::string, size_t> index_;  // lookup form → entry, while loading
  // The index Find reads: open addressing over the lookup forms, a slot
  // holding an entry's number + 1 (0: empty) and its key's hash; a probe
  // is one hash of the form and, mostly, one comparison.
  struct Slot {
    uint32_t entry_plus_one = 0;
    uint32_t hash = 0;
  };
  void BuildSlots();
  static uint64_t HashForm(std::string_view form);
  std::vector<std::string> forms_;  // per entry
  std::vector<Slot> slots_;
  size_t max_form_size_ = 0;  // of the longest form: a longer key is none
};

}  // namespace claimex

#endif  // CLAIMEX_RULEBOOK_LEXICON_H_
