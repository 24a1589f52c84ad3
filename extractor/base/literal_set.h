// LiteralSet: which of a fixed set of literal strings occur in a text,
// ignoring ASCII case, in one pass over it (an Aho–Corasick automaton with
// every transition precomputed).
//
// It serves the attribution prefilter (rulebook/required_literals.h): the same answer
// as an RE2::Set of the quoted literals matched case-insensitively, without
// the Set's per-call set-up and many-match DFA, which cost more than the scan
// on sentence-sized texts. Literals must be ASCII: on NFKC-normalized text
// RE2's case folding of ASCII letters adds nothing (the Kelvin sign and the
// long s it also folds normalize to K and s), but for other letters it
// would; Build refuses them and the caller keeps the Set.
//
// Immutable after Build; Match is safe from any number of threads.
#ifndef CLAIMEX_BASE_LITERAL_SET_H_
#define CLAIMEX_BASE_LITERAL_SET_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace claimex {

class LiteralSet {
 public:
  // Builds the automaton over `literals` (index = position in the vector).
  // False, leaving the set empty, if a literal is empty or not ASCII.
  bool Build(const std::vector<std::string>& literals);

  // The indices of the literals occurring in `text`, ascending, into *found
  // (cleared first).
  void Match(std::string_view text, std::vector<int>* found) const;

  size_t size() const { return literal_count_; }

 private:
  bool BuildFrom(const std::vector<std::string>& literals);

  static constexpr uint32_t kNoOutput = UINT32_MAX;

  // Each byte's class: bytes no literal holds share class 0.
  uint8_t byte_class_[256] = {};
  size_t class_count_ = 1;
  size_t literal_count_ = 0;
  size_t state_count_ = 0;
  // One row of class_count_ + 1 entries per state: the row offset of the
  // next state for each class, then the state's number if literals end
  // there, else kNoOutput. Offsets, not numbers, so a step is one load.
  std::vector<uint32_t> rows_;
  std::vector<uint32_t> output_begin_;  // literals ending at state s: outputs_[begin[s], begin[s + 1])
  std::vector<int> outputs_;
};

}  // namespace claimex

#endif  // CLAIMEX_BASE_LITERAL_SET_H_
