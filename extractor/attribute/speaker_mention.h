// Speaker mentions: from the run of words an attribution rule captured to
// the mention CLAIMS.md wants ("Conventions → Speakers"), and what kind of
// source it is.
//
// Trimming: a rule captures up to a dozen words beside the cue. Before a cue
// the mention is what follows the last boundary word (lexicon
// speaker_boundaries) or the last other cue ("X says officials estimate" →
// "officials"); after a cue it is what precedes the first boundary word
// ("a senior official who requested anonymity" → "a senior official").
//
// Classification, from the lexicons (speaker_titles, speaker_roles,
// speaker_media, speaker_pronouns, attribution_nouns): a pronoun; a news
// outlet (media); a name, possibly after titles and role words ("security
// analysts Michael Knights and Alex Almeida", "Col Caggins") — a person, or
// an organization when its last word is an organization noun ("the Health
// Ministry") or it is a place (lexicon link_places: "Russia says", "U.S.
// says" speak for a government); else a description whose head noun gives the kind ("a senior
// U.S. intelligence official" → official, "intelligence sources" → group).
#ifndef CLAIMEX_ATTRIBUTE_SPEAKER_MENTION_H_
#define CLAIMEX_ATTRIBUTE_SPEAKER_MENTION_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/span.h"
#include "rulebook/rulebook.h"

namespace claimex {

struct MentionInfo {
  enum class Type { kPronoun, kName, kDescription };
  Type type = Type::kDescription;
  std::string kind;                 // person | official | organization | media | document | group
  bool anonymous = true;
  std::optional<std::string> name;  // the name as written (titles dropped), before resolution
  std::string pronoun_refers;       // person | group | thing | self, for pronouns
  std::string head;                 // lower-case head noun of a description
  bool definite = false;            // a description opening with "the"/"this"
  bool surname_only = false;        // a one-word name ("Hassan", "Col Caggins")
};

// The lexicons a mention is read with; any may be absent (then empty).
class SpeakerLexicons {
 public:
  explicit SpeakerLexicons(const Rulebook& rules);

  // The mention inside `captured` (offsets into `text`), trimmed as above;
  // empty when nothing of a mention is left. `before_cue`: the capture
  // stands before its cue.
  Span Trim(std::string_view text, Span captured, bool before_cue) const;

  MentionInfo Classify(std::string_view mention) const;

  // The person's name in an apposition right after a description ending at
  // `after` in `text`: "A spokesman for the group, Zabihullah Mujahid, said"
  // → "Zabihullah Mujahid". Only a full name (two words or more), closed by
  // a comma or by the sentence's end at `limit`, counts. With `institution`,
  // an organization's or outlet's name instead: "Turkey's disaster
  // management agency, AFAD, said" → "AFAD".
  std::optional<std::string> NameInApposition(std::string_view text, size_t after, size_t limit,
                                              bool institution = false) const;

  // The kind an apposition right after a name gives it, when the apposition
  // describes an institution ("JNIM, a Mali-based Islamist group, said" →
  // organization; an acronym in brackets may stand between); "" otherwise
  // ("Hisham al-Hashimi, an adviser to the Iraqi government,").
  std::string InstitutionInApposition(std::string_view text, size_t after, size_t limit) const;

  // The subject of a predicate that a cue's is coordinated with ("The
  // ministry does not count them but says …"): the words opening `clause`
  // (offsets into `text`) up to a clause verb or a form of "be"
  // (speaker_boundaries sides clause and passive); empty unless they end
  // that way, as in "Police arrested three men and said …".
  Span CoordinatedSubject(std::string_view text, Span clause) const;
  bool IsTitle(std::string_view word) const;  // "Col", "Col.", "Gen."
  bool IsCueForm(std::string_view word) const;
  // Whether `word` is a cue form written as its lemma ("report", "estimate"):
  // a form that may be a noun.
  bool IsBaseCueForm(std::string_view word) const;
  // Whether `word` is a cue of role `record` ("recorded", "counted").
  bool IsRecordCue(std::string_view word) const;
  // The kind a role word gives ("officials" → group), or "" (any case;
  // the view lives as long as the rulebook).
  std::string_view RoleKind(std::string_view word) const;
  bool IsMedia(const std::string& name) const { return media_ && media_->Find(name); }
  // A place the link lexicon knows ("Mexico", "Kyiv").
  bool IsPlace(const std::string& name) const { return places_ && places_->Find(name); }
  // A modal verb of speaker_boundaries ("will", "could"): before a cue, an
  // intention rather than a report.
  bool IsModal(std::string_view word) const { return BoundarySide(word) == "modal"; }
  // A form of "be" (the `passive` words of speaker_boundaries).
  bool IsBe(std::string_view word) const { return BoundarySide(word) == "passive"; }
  // The word that brings a participle's agent ("by", the `agent` word of
  // speaker_boundaries): right after a cue, the cue is a participle.
  bool IsAgentMarker(std::string_view word) const { return BoundarySide(word) == "agent"; }
  // A `complement` entry of speaker_boundaries: one word that brings a
  // participle's figure ("estimated at $640 million"), or two words that
  // open its complement ("reported to be").
  bool IsComplement(std::string_view words) const { return BoundarySide(words) == "complement"; }
  // Whether `text` opens with a qualifier that stands before a number
  // ("around", "more than": lexicon qualifiers, position before).
  bool OpensWithQualifier(std::string_view text) const;
  // Whether `word` is listed in lexicon not_person_words for `where`: opens
  // ("first") or closes ("last") the names of places and events ("South
  // Kivu", "Presidential Elections"), or is dropped from a name's ends
  // ("edge": "Wednesday").
  bool IsNotPersonWord(std::string_view word, std::string_view where) const;
  // A place or a group the link lexicons know: a name that is no person's.
  bool IsPlaceOrGroup(const std::string& name) const {
    return (places_ && places_->Find(name)) || (organizations_ && organizations_->Find(name));
  }

 private:
  const Lexicon* Get(const Rulebook& rules, const char* name);
  bool IsBoundary(std::string_view word, bool before_cue) const;
  std::string_view BoundarySide(std::string_view word) const;  // "" when not a boundary
  const Lexicon* titles_ = nullptr;
  const Lexicon* roles_ = nullptr;
  const Lexicon* media_ = nullptr;
  const Lexicon* not_person_ = nullptr;
  int not_person_where_ = 0;
  const Lexicon* pronouns_ = nullptr;
  const Lexicon* boundaries_ = nullptr;
  const Lexicon* cues_ = nullptr;
  const Lexicon* nouns_ = nullptr;
  const Lexicon* places_ = nullptr;  // link_places: a country or city as speaker is its government
  const Lexicon* organizations_ = nullptr;  // link_organizations: a known group or force
  const Lexicon* qualifiers_ = nullptr;
  const Lexicon* role_prefixes_ = nullptr;  // speaker_role_prefixes: "then-", "ex-"
  int qualifiers_position_ = -1;
  int roles_kind_ = -1, titles_kind_ = -1, pronouns_refers_ = -1, boundaries_side_ = -1, cues_role_ = -1,
      cues_lemma_ = -1;
};

// Words of `text` split at white space, as spans.
std::vector<Span> Words(std::string_view text, Span within);

// Whether `word` is written like part of a name: a capital first letter, or
// a particle (al-Hashimi, bin, de, van) inside one.
bool IsNameWord(std::string_view word);
bool IsNameParticle(std::string_view word);

}  // namespace claimex

#endif  // CLAIMEX_ATTRIBUTE_SPEAKER_MENTION_H_
