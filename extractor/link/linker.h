// Linker: the link stage. Ties each quantity to the organization it counts
// (`subject`, with its canonical name from lexicon link_organizations) and
// the place it holds in (`place`, from lexicon link_places) —
// rules/link.toml.
//
// Rules only find mentions: organizations (role "organization"), places
// after a locative word (role "place") and mentions never to link (role
// "not"). The linker then picks, per claim, the best mention of the claim's
// sentence by its position relative to the quantity (see LinkClaim in
// linker.cc and rules/README.md "Subject and place rules"), because which
// group a number counts is decided by syntax (`ISIS fighters`, `Isis
// retained N`, `N ... in Iraq`), not by the words alone.
//
// Only sentences that hold claims are scanned, each once.
// Immutable after construction; one instance serves every thread (the cache
// of match groups is per thread).
#ifndef CLAIMEX_LINK_LINKER_H_
#define CLAIMEX_LINK_LINKER_H_

#include <cstdint>
#include <optional>
#include <re2/re2.h>
#include <string>
#include <vector>

#include "assemble/analysis.h"
#include "assemble/claim.h"
#include "rulebook/rulebook.h"

namespace claimex {

// An organization or place mention found by a link rule (normalized offsets).
struct LinkMention {
  enum Role { kOrganization, kPlace };
  Role role = kOrganization;
  Span span;                // what the record shows (`Iraq and Syria`)
  const Rule* rule = nullptr;
  int priority = 0;
  std::string canonical;    // organizations: from link_organizations
};

class Linker {
 public:
  explicit Linker(const Rulebook& rules);

  // Sets `subject` and `place` (and appends their rules to `rules`) of each claim.
  void Link(const DocumentAnalysis& analysis, bool explain, std::vector<Claim>* claims) const;

  // Every mention the rules find in `sentence` of `text`, vetoes applied, in
  // text order. `vetoes_fired`, when given, receives the ids of the "not"
  // rules that matched (for rule examples).
  std::vector<LinkMention> FindMentions(std::string_view text, Span sentence,
                                        std::vector<std::string>* vetoes_fired = nullptr) const;

 private:
  enum class Role { kOrganization, kPlace, kNot, kUnknown };
  Role RoleOf(const Rule& rule) const;
  // The canonical name of an organization alias as written ("" when the
  // lexicon lacks it), or nullopt when its case must match exactly and does
  // not, or it stands among words in capitals.
  std::optional<std::string> Canonical(std::string_view alias, bool among_capitals) const;
  bool PlaceCaseMatches(std::string_view name) const;
  void LinkClaim(std::string_view text, const std::vector<LinkMention>& mentions,
                 const std::vector<Span>& sentence_quantities, bool explain, Claim* claim) const;
  bool InNounPhrase(std::string_view gap) const;
  // Fills the groups of a match of `rule` at [start, end) of `text`.
  void FillGroups(const Rule& rule, size_t rule_index, const re2::StringPiece& text, size_t start, size_t end,
                  std::vector<re2::StringPiece>* groups) const;

  const Rulebook& rules_;
  const Lexicon* organizations_ = nullptr;
  const Lexicon* places_ = nullptr;
  int org_canonical_ = -1, org_case_ = -1, place_case_ = -1;
  // Identifies this Linker (and so its rules) to the per-thread group cache.
  uint64_t id_ = 0;
  // Per link rule: the name of the group that is its whole match, or "".
  std::vector<std::string> whole_match_group_;
};

}  // namespace claimex

#endif  // CLAIMEX_LINK_LINKER_H_
