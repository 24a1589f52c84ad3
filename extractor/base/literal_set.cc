#include "base/literal_set.h"

#include <algorithm>
#include <cctype>
#include <deque>

namespace claimex {

bool LiteralSet::Build(const std::vector<std::string>& literals) {
  LiteralSet built;
  const bool ok = built.BuildFrom(literals);
  *this = ok ? std::move(built) : LiteralSet();
  return ok;
}

bool LiteralSet::BuildFrom(const std::vector<std::string>& literals) {
  for (const std::string& literal : literals) {
    if (literal.empty()) return false;
    for (unsigned char c : literal)
      if (c >= 0x80) return false;
  }
  // Classes: one per byte the literals hold, a letter's two cases together.
  for (const std::string& literal : literals)
    for (unsigned char c : literal) {
      const unsigned char lower = static_cast<unsigned char>(std::tolower(c));
      if (byte_class_[lower] != 0) continue;
      byte_class_[lower] = static_cast<uint8_t>(class_count_);
      byte_class_[std::toupper(lower)] = static_cast<uint8_t>(class_count_);
      ++class_count_;
    }
  // The trie (-1: no edge), the literals ending at each node.
  const size_t classes = class_count_;
  std::vector<int> trie(classes, -1);
  std::vector<std::vector<int>> ends(1);
  for (size_t id = 0; id < literals.size(); ++id) {
    size_t state = 0;
    for (unsigned char c : literals[id]) {
      int& edge = trie[state * classes + byte_class_[c]];
      if (edge < 0) {
        edge = static_cast<int>(ends.size());
        ends.emplace_back();
        trie.resize(trie.size() + classes, -1);
      }
      state = static_cast<size_t>(trie[state * classes + byte_class_[c]]);
    }
    ends[state].push_back(static_cast<int>(id));
  }
  // Breadth first: each node's failure (its longest proper suffix in the
  // trie) is settled before its children's, so missing edges borrow the
  // failure's transitions and outputs gather the failure's outputs.
  const size_t states = ends.size();
  std::vector<uint32_t> next(states * classes, 0);
  std::vector<size_t> failure(states, 0);
  std::deque<size_t> queue;
  for (size_t c = 0; c < classes; ++c) {
    const int child = trie[c];
    if (child > 0) {
      next[c] = static_cast<uint32_t>(child);
      queue.push_back(static_cast<size_t>(child));
    }
  }
  while (!queue.empty()) {
    const size_t state = queue.front();
    queue.pop_front();
    const std::vector<int> inherited = ends[failure[state]];
    ends[state].insert(ends[state].end(), inherited.begin(), inherited.end());
    for (size_t c = 0; c < classes; ++c) {
      const int child = trie[state * classes + c];
      const uint32_t via_failure = next[failure[state] * classes + c];
      if (child < 0) {
        next[state * classes + c] = via_failure;
      } else {
        failure[static_cast<size_t>(child)] = via_failure;
        next[state * classes + c] = static_cast<uint32_t>(child);
        queue.push_back(static_cast<size_t>(child));
      }
    }
  }
  const size_t stride = classes + 1;
  if (states * stride >= kNoOutput) return false;
  rows_.assign(states * stride, 0);
  output_begin_.assign(states + 1, 0);
  for (size_t state = 0; state < states; ++state) {
    for (size_t c = 0; c < classes; ++c) rows_[state * stride + c] = next[state * classes + c] * static_cast<uint32_t>(stride);
    rows_[state * stride + classes] = ends[state].empty() ? kNoOutput : static_cast<uint32_t>(state);
    output_begin_[state + 1] = output_begin_[state] + static_cast<uint32_t>(ends[state].size());
    outputs_.insert(outputs_.end(), ends[state].begin(), ends[state].end());
  }
  state_count_ = states;
  literal_count_ = literals.size();
  return true;
}

void LiteralSet::Match(std::string_view text, std::vector<int>* found) const {
  found->clear();
  if (literal_count_ == 0) return;
  // Which literals were seen; and which output states were already
  // reported in this call (a state's outputs are fixed, and a space or a
  // common letter recurs): a per-thread stamp per state, so nothing is
  // cleared per call.
  constexpr size_t kStackWords = 64;
  const size_t literal_words = (literal_count_ + 63) / 64;
  uint64_t stack_seen[kStackWords];
  std::vector<uint64_t> heap_seen(literal_words > kStackWords ? literal_words : 0);
  uint64_t* seen = heap_seen.empty() ? stack_seen : heap_seen.data();
  std::fill(seen, seen + literal_words, 0);
  thread_local std::vector<uint32_t> stamps;
  thread_local uint32_t stamp = 0;
  if (stamps.size() < state_count_) stamps.resize(state_count_, 0);
  if (++stamp == 0) {  // wrapped: old stamps could collide
    std::fill(stamps.begin(), stamps.end(), 0);
    stamp = 1;
  }
  uint32_t* reported = stamps.data();
  const uint32_t* rows = rows_.data();
  const size_t classes = class_count_;
  uint32_t row = 0;
  for (char ch : text) {
    row = rows[row + byte_class_[static_cast<unsigned char>(ch)]];
    const uint32_t state = rows[row + classes];
    if (state == kNoOutput || reported[state] == stamp) continue;
    reported[state] = stamp;
    for (uint32_t k = output_begin_[state]; k < output_begin_[state + 1]; ++k) {
      const int id = outputs_[k];
      seen[id / 64] |= uint64_t{1} << (id % 64);
    }
  }
  for (size_t w = 0; w < literal_words; ++w)
    for (uint64_t bits = seen[w]; bits != 0; bits &= bits - 1)
      found->push_back(static_cast<int>(w * 64 + static_cast<size_t>(__builtin_ctzll(bits))));
}

}  // namespace claimex
