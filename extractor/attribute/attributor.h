// Attributor: the attribution stage. Finds who asserts each claim and with
// which words (rules/attribution.toml and the cue, title and role lexicons),
// resolving pronouns and short names within the document (CLAIMS.md
// "Conventions → Speakers").
//
// Per document, only the sentences holding claims are matched (and, on
// demand, the sentences that attribute a quotation a claim sits in, or the
// follow-on sentence after one). In a sentence, a literal prefilter picks
// the rules that can match: the strings each pattern cannot match without
// (its cue forms, "according", a quote mark; rulebook/required_literals.h),
// all found in one pass over the sentence. (An RE2::Set over the whole
// patterns answers exactly but costs several times more per sentence, its
// automaton tracking every speaker run of every rule at once; the stage has
// one only when a pattern does not parse.) Each match is a candidate
// attribution (speaker, cue, and which way it reaches). Candidates whose cues collide keep the
// higher priority. A claim takes, in order:
//   1. inside a quotation: an attribution inside the quotation before it,
//      else the quotation's own attribution (the one at its closing or
//      opening mark, or that of the quotation it continues);
//   2. a candidate whose `content` capture holds it (possessives);
//   3. the innermost candidate before it whose content runs on after its cue
//      ("X said that officials estimate N" → officials);
//   4. the nearest candidate after it ("N, X said");
//   5. any other candidate of the sentence (", he added, while six ...");
//   6. a follow-on attribution of the next sentence ("This is according to X.").
// A `block` rule (agentless passive, rejected proposition) chosen this way
// gives no speaker; so does the author's own first person.
//
// Immutable after construction; one instance serves every thread.
#ifndef CLAIMEX_ATTRIBUTE_ATTRIBUTOR_H_
#define CLAIMEX_ATTRIBUTE_ATTRIBUTOR_H_

#include <re2/set.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "assemble/analysis.h"
#include "assemble/claim.h"
#include "attribute/speaker_mention.h"
#include "rulebook/rulebook.h"

namespace claimex {

class Attributor {
 public:
  explicit Attributor(const Rulebook& rules);
  ~Attributor();

  // Sets `speaker` and `cue` (and appends the attribution rule to `rules`)
  // of each claim; with `explain`, records the rule and the candidates passed over.
  void Attribute(const DocumentAnalysis& analysis, bool explain, std::vector<Claim>* claims) const;

  struct Candidate;

 private:
  class Document;

  // What each attribution rule says besides its pattern, read once at
  // construction (indices as the stage's rules).
  struct RuleShape;

  const Rulebook& rules_;
  std::vector<RuleShape> shapes_;
  SpeakerLexicons lexicons_;
  // Whether words hold a number: a digit, or a number word that is no
  // article or "one" (lexicon number_words).
  bool HoldsNumber(std::string_view words) const;
  const Lexicon& number_words_;
  int number_words_role_;
};

}  // namespace claimex

#endif  // CLAIMEX_ATTRIBUTE_ATTRIBUTOR_H_
