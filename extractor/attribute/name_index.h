// NameIndex: the person names a document gives, for in-document resolution
// of speakers (CLAIMS.md "Conventions → Speakers": pronouns resolve to their
// antecedent, a description or a surname to the full name given earlier).
//
// A cheap scan: runs of capitalized words (with name particles: al-Hashimi,
// bin, de), titles in front stripped (lexicon speaker_titles) and kept as
// role words, together with the lower-case word just before the run and the
// words of an apposition after it (", a spokesperson for the coalition,"),
// so "the spokesperson" can find "Colonel Myles Caggins". A run counts as a
// person when it has two words or more, or a title. Built once per
// document, only when some speaker needs resolving.
#ifndef CLAIMEX_ATTRIBUTE_NAME_INDEX_H_
#define CLAIMEX_ATTRIBUTE_NAME_INDEX_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attribute/speaker_mention.h"

namespace claimex {

class NameIndex {
 public:
  struct Person {
    size_t start = 0;                     // offset of the name (after its titles)
    std::string name;                     // "Myles Caggins"; a surname when only that was written
    std::vector<std::string> role_words;  // lower-case titles, role word before, apposition words
  };

  NameIndex(std::string_view text, const SpeakerLexicons& lexicons);

  // The full name for a surname-only mention at `before` ("Caggins" →
  // "Myles Caggins"), from the latest earlier full name ending in it.
  std::optional<std::string> FullName(std::string_view surname, size_t before) const;

  // The latest person named before `before` (for he / she), full name when known.
  std::optional<std::string> LastPerson(size_t before) const;

  // The latest person before `before` described by `head` ("spokesperson",
  // "colonel"), full name when known.
  std::optional<std::string> Described(const std::string& head, size_t before) const;

  const std::vector<Person>& people() const { return people_; }

 private:
  std::string Complete(const Person& p) const;
  std::vector<Person> people_;
};

}  // namespace claimex

#endif  // CLAIMEX_ATTRIBUTE_NAME_INDEX_H_
