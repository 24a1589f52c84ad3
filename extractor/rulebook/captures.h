// Captures: finding a rule's matches (ForEachMatch, RE2's DFA) and reading
// the capture groups of a match that RE2 has found (ReadCaptures).
//
// RE2 finds matches with its DFA, which is fast, but it reads their capture
// groups with its NFA whenever a rule's program is larger than 512
// instructions (most of ours are: lexicon alternations), at about 24,000
// instructions a match — the largest single cost of the pipeline
// (docs/performance.md). Here each rule's pattern is also compiled by PCRE2,
// with its JIT, and run anchored on exactly the span RE2 matched: a
// backtracker that knows where the match ends reads the groups about six
// times faster (claimex_micro_bench, BM_ReadCaptures, over the corpus).
//
// Same groups as RE2, by construction and by test:
//   - PCRE2 tries the parses in the same priority order as RE2's
//     leftmost-first semantics, and a callout accepts only a parse that ends
//     where RE2's match ends, so the first parse accepted is the one RE2's
//     NFA chooses in full-match mode;
//   - the pattern is translated where the dialects differ: RE2's \s excludes
//     the vertical tab (PCRE2's includes it), `$` is the end of text only;
//   - groups are numbered by their opening parenthesis in both.
// Each rule's program is compiled the first time one of its matches has its
// captures read, not at load: compiling with the JIT costs about a sixth of
// loading the rules, and a short article reads the captures of a few rules
// only. (Once per process, like RE2's own reverse programs and DFA states;
// never per document.) Every diagnostic still comes at load.
//
// A pattern PCRE2 cannot compile (or JIT), a group count that differs, a
// match over PCRE2's backtracking limit, or any other PCRE2 failure falls
// back to RE2's own submatch search, so the result never depends on PCRE2
// succeeding. tests/rulebook/captures_test.cc compares the two engines on
// every rule over every rule example, the corpus and random text.
#ifndef CLAIMEX_RULEBOOK_CAPTURES_H_
#define CLAIMEX_RULEBOOK_CAPTURES_H_

#include <re2/re2.h>

#include <memory>
#include <type_traits>
#include <mutex>
#include <string>

namespace claimex {

struct Rule;

// A rule's pattern compiled for reading captures; immutable, shared by threads.
class CaptureProgram {
 public:
  // Null when PCRE2 cannot take `pattern` (RE2 then reads the captures).
  // `groups`: RE2's number of capturing groups, which PCRE2's must equal.
  static std::shared_ptr<const CaptureProgram> Compile(const std::string& pattern, int groups);
  ~CaptureProgram();

  // The groups of the match text[start, end), into groups[0..n) (group 0 is
  // the whole match); false if PCRE2 did not give an answer.
  bool Read(const re2::StringPiece& text, size_t start, size_t end, re2::StringPiece* groups, int n) const;

  // PCRE2's translation of an RE2 pattern (exposed for tests); empty if the
  // pattern uses something that has no exact translation.
  static std::string Translate(const std::string& re2_pattern);

 private:
  struct Code;
  explicit CaptureProgram(std::unique_ptr<Code> code);
  std::unique_ptr<Code> code_;
};

// A rule's CaptureProgram, compiled on first use by whichever thread asks
// first; the others wait for it. Immutable from then on.
class LazyCaptureProgram {
 public:
  LazyCaptureProgram(std::string pattern, int groups) : pattern_(std::move(pattern)), groups_(groups) {}
  // Null when PCRE2 cannot take the pattern (RE2 then reads the captures).
  const CaptureProgram* Get() const;

 private:
  const std::string pattern_;
  const int groups_;
  mutable std::once_flag compiled_;
  mutable std::shared_ptr<const CaptureProgram> program_;
};

// Calls on_match(start, end, from) for each match of `re` in `text`, left to
// right, found by RE2's DFA alone (no groups; read them with ReadCaptures);
// `from` is where the search began after the last match kept. After an
// empty match the search moves on one byte. An on_match that returns a
// position drops its match when that position is not kNoResume: the search
// looks again from there (if past where it last began), `from` unchanged.
constexpr size_t kNoResume = static_cast<size_t>(-1);

template <typename OnMatch>
void ForEachMatch(const RE2& re, const re2::StringPiece& text, OnMatch on_match) {
  re2::StringPiece whole;
  size_t from = 0;
  for (size_t pos = 0; pos <= text.size() && re.Match(text, pos, text.size(), RE2::UNANCHORED, &whole, 1);) {
    const size_t start = static_cast<size_t>(whole.data() - text.data());
    const size_t end = start + whole.size();
    size_t resume = kNoResume;
    if constexpr (std::is_void_v<decltype(on_match(start, end, from))>) on_match(start, end, from);
    else resume = on_match(start, end, from);
    if (resume != kNoResume && resume > pos) {
      pos = resume;
    } else {
      pos = end > start ? end : start + 1;
      from = pos;
    }
  }
}

// The capture groups of `rule`'s match text[start, end), which RE2 found
// with `text` as its context: through the rule's CaptureProgram when it has
// one and it answers, else through RE2. groups[0..n), n <= 1 + the rule's
// number of groups. False only if RE2 does not match the span either.
bool ReadCaptures(const Rule& rule, const re2::StringPiece& text, size_t start, size_t end,
                  re2::StringPiece* groups, int n);

// The same through RE2 alone (for tests and for comparison).
bool ReadCapturesWithRe2(const Rule& rule, const re2::StringPiece& text, size_t start, size_t end,
                         re2::StringPiece* groups, int n);

}  // namespace claimex

#endif  // CLAIMEX_RULEBOOK_CAPTURES_H_
