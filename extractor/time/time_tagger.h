// TimeTagger: the time stage. Finds and normalizes time expressions
// (rules/time.toml), settles the article's date, and dates each claim
// (CLAIMS.md "Conventions → Dates").
//
// Tag() runs in two passes. The first matches the time rules sentence by
// sentence (the stage's RE2::Set picks the candidate rules; among
// overlapping matches the leftmost, then the longest, then the higher
// priority wins) and turns each match into a Timex through the normalization
// tables (rules/lexicon/time_*.tsv). The second settles the article date
// (metadata, else the best `role = "article_date"` match, else the `url`)
// and only then resolves every expression, in text order, so that relative
// ones use the article date and anaphoric ones the nearest earlier
// expression.
//
// Immutable after construction; one instance serves every thread.
#ifndef CLAIMEX_TIME_TIME_TAGGER_H_
#define CLAIMEX_TIME_TIME_TAGGER_H_

#include <re2/re2.h>

#include <memory>
#include <string>
#include <vector>

#include "assemble/analysis.h"
#include "assemble/claim.h"
#include "match/number_parser.h"
#include "rulebook/rulebook.h"
#include "time/timex.h"

namespace claimex {

class TimeTagger {
 public:
  explicit TimeTagger(const Rulebook& rules);
  ~TimeTagger();

  // Fills analysis->time_mentions, and analysis->article_date when the
  // metadata did not give one and the text or the `url` does. With `claims`,
  // only the expressions dating them are needed, and only the sentences that
  // can hold them are matched (the others' expressions are left out; with
  // no claim, nothing is, not even the article date); without, every
  // sentence's.
  void Tag(DocumentAnalysis* analysis, const std::vector<Claim>* claims = nullptr) const;

  // Sets `date` (and appends the time rule to `rules`) of each claim.
  void DateClaims(const DocumentAnalysis& analysis, bool explain, std::vector<Claim>* claims) const;

  // What a time rule does, read once from its keys (rules/README.md "Time rules").
  struct CompiledRule;
  // One match of one rule in one sentence.
  struct Candidate;
  struct Tables;

 private:
  void MatchSentence(const DocumentAnalysis& analysis, size_t index, std::vector<Candidate>* out) const;
  bool BuildTimex(const CompiledRule& rule, const std::vector<re2::StringPiece>& groups, Timex* t) const;
  std::string ArticleDateFromUrl(const Document& doc, std::string* rule_id) const;

  const Rulebook& rules_;
  std::unique_ptr<Tables> tables_;
  std::vector<std::unique_ptr<CompiledRule>> compiled_;  // parallel to stage_rules(kTime)
  NumberParser numbers_;
  std::unique_ptr<RE2> future_cue_;    // lexicon time_future_cues
  std::unique_ptr<RE2> clause_word_;   // lexicon time_clause_words
  struct PrecedingCue {
    std::string cue;     // lookup form
    std::string effect;  // cumulative | comparison
    bool clause_reach;   // anywhere earlier in the expression's clause, not only right before it
  };
  std::vector<PrecedingCue> preceding_cues_;  // time_preceding_cues, longest first
  // Whether `other` is a comparison base: a comparison cue of
  // time_preceding_cues ("from", "than") ends the text between `from` (the
  // end of an earlier quantity) and it ("up 12% from 4,823").
  bool IsComparisonBase(const std::string& text, Span other, size_t from) const;
  // Whether `clause`, which opens with a boundary mark, is an apposition
  // after a comma whose quantity the clause before dates (time_appositions).
  bool IsApposition(const std::string& text, Span clause) const;
  // Where the comma stands before `clause` when it opens with a relative
  // pronoun (time_appositions' `relative` words); npos otherwise.
  size_t CommaBeforeRelative(const std::string& text, Span clause, size_t floor) const;
  const Lexicon* appositions_ = nullptr;  // lexicon time_appositions
  int apposition_role_ = -1;
};

}  // namespace claimex

#endif  // CLAIMEX_TIME_TIME_TAGGER_H_
