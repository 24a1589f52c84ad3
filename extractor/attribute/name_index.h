// NameIndex: the person names a document gives, for in-document resolution
// of speakers (CLAIMS.md "Conventions → Speakers": pronouns resolve to their
// antecedent, a description or a surname to the full name given earlier).
//
// A cheap scan: runs of capitalized words (with name particles: al-Hashimi,
// bin, de), titles in front stripped (lexicon speaker_titles) and kept as
// role words, together with the lower-case word just before the run and the
// words of an apposition after it (", a spokesperson for the coalition,"),
// so "the spokesperson" can find "Colonel Myles Caggins". A run counts as a
// person when it has two words or more, or a title. Only names before a
// mention matter, so the scan runs on demand, no further than the latest
// offset asked about, and only for documents with a speaker to resolve.
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
    bool described = false;               // a title, or a role of a person among role_words
  };

  NameIndex(std::string_view text, const SpeakerLexicons& lexicons) : text_(text), lexicons_(lexicons) {}

  // The full name for a surname-only mention at `before` ("Caggins" →
  // "Myles Caggins"), from the latest earlier full name ending in it.
  std::optional<std::string> FullName(std::string_view surname, size_t before);

  // The latest person named before `before` (for he / she), full name when
  // known; `*at` (if given) receives where it is named. With
  // `described_only`, only a name given with a title or a person's role
  // ("information minister Ahmed Falagle", "Ahmed Falagle, the minister,"):
  // a bare capitalized pair may be a place ("captured El Gorof").
  std::optional<std::string> LastPerson(size_t before, size_t* at = nullptr, bool described_only = false);

  // The latest person before `before` described by `head` ("spokesperson",
  // "colonel"), full name when known.
  std::optional<std::string> Described(const std::string& head, size_t before);

  // Every person named before `before`, in text order.
  const std::vector<Person>& PeopleBefore(size_t before) {
    ScanTo(before);
    return people_;
  }

 private:
  struct Token {
    std::string_view core;  // the word without quotes, brackets, punctuation and 's
    size_t start = 0;
    char punct = 0;         // the punctuation after it, if any
  };
  void ScanTo(size_t offset);
  void CloseRun(size_t next);
  std::string Complete(const Person& p);

  std::string_view text_;
  const SpeakerLexicons& lexicons_;
  size_t scanned_ = 0;          // the text before this offset has been scanned
  std::vector<Token> run_;      // capitalized words being collected
  std::string_view before_run_;  // the word before the run, when it is a plain word
  std::vector<Person> people_;
};

}  // namespace claimex

#endif  // CLAIMEX_ATTRIBUTE_NAME_INDEX_H_
