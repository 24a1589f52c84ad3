#include "attribute/speaker_mention.h"
#include "base/ascii.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace claimex {
namespace {

std::string_view StripPeriod(std::string_view w) {
  if (w.size() > 1 && w.back() == '.') w.remove_suffix(1);
  return w;
}

bool IsDeterminer(std::string_view word) {
  return IsOneOf(word, {"the", "a", "an", "this", "these", "those", "that", "some", "one", "two", "several", "other",
                        "many"});
}

bool IsPreposition(std::string_view word) {
  return IsOneOf(word, {"on", "in", "of", "for", "at", "from", "with", "to", "about", "by", "inside", "outside",
                        "within", "under", "near", "across"});
}

// words[from, to) joined by single spaces (to the last word by default).
std::string JoinWords(const std::vector<std::string_view>& words, size_t from, size_t to = SIZE_MAX) {
  std::string out;
  for (size_t k = from; k < std::min(to, words.size()); ++k) {
    if (k > from) out += ' ';
    out += words[k];
  }
  return out;
}

}  // namespace

std::vector<Span> Words(std::string_view text, Span within) {
  std::vector<Span> out;
  size_t i = within.start;
  while (i < within.end) {
    while (i < within.end && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < within.end && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) out.push_back({start, i});
  }
  return out;
}

bool IsNameParticle(std::string_view w) {
  return w == "al" || w == "bin" || w == "ibn" || w == "bint" || w == "de" || w == "van" || w == "von" ||
         w == "der" || w == "da" || w == "di" || w == "du" || w == "la" || w == "le" || w == "el" || w == "abu";
}

bool IsNameWord(std::string_view w) {
  if (w.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(w[0]);
  if (std::isupper(c)) return true;
  if (c >= 0x80) return true;  // a non-ASCII initial: accept (Élise, Ömer)
  // al-Hashimi, el-Sisi, ad-Dawla
  const size_t dash = w.find('-');
  return dash != std::string_view::npos && dash <= 3 && dash + 1 < w.size() &&
         std::isupper(static_cast<unsigned char>(w[dash + 1]));
}

// "Iran's", "the rebels'" (quotes are ASCII after normalization).
bool EndsWithPossessive(std::string_view w) {
  return (w.size() > 2 && w.substr(w.size() - 2) == "'s") || (w.size() > 1 && w.back() == '\'');
}

// An initialism or acronym written in capitals ("UNICEF", "ACLED", "M23"):
// an institution's name, never a person's.
bool IsAcronym(std::string_view w) {
  int capitals = 0;
  for (char c : w) {
    if (c >= 'A' && c <= 'Z') ++capitals;
    else if (!(c >= '0' && c <= '9') && c != '&' && c != '-') return false;
  }
  return capitals >= 2;
}

// Whether words[from…] are acronyms joined by "and" or "&": "WHO and UNICEF".
bool AllAcronyms(const std::vector<std::string_view>& words, size_t from) {
  size_t acronyms = 0;
  for (size_t k = from; k < words.size(); ++k) {
    if (IsAcronym(words[k])) ++acronyms;
    else if (words[k] != "and" && words[k] != "&") return false;
  }
  return acronyms >= 2;
}

const Lexicon* SpeakerLexicons::Get(const Rulebook& rules, const char* name) {
  return rules.has_lexicon(name) ? &rules.lexicon(name) : nullptr;
}

SpeakerLexicons::SpeakerLexicons(const Rulebook& rules) {
  titles_ = Get(rules, "speaker_titles");
  roles_ = Get(rules, "speaker_roles");
  media_ = Get(rules, "speaker_media");
  pronouns_ = Get(rules, "speaker_pronouns");
  boundaries_ = Get(rules, "speaker_boundaries");
  cues_ = Get(rules, "attribution_cues");
  nouns_ = Get(rules, "attribution_nouns");
  places_ = Get(rules, "link_places");
  organizations_ = Get(rules, "link_organizations");
  not_person_ = Get(rules, "not_person_words");
  qualifiers_ = Get(rules, "qualifiers");
  if (qualifiers_) qualifiers_position_ = qualifiers_->ColumnIndex("position");
  role_prefixes_ = Get(rules, "speaker_role_prefixes");
  if (not_person_) not_person_where_ = not_person_->ColumnIndex("where");
  if (roles_) roles_kind_ = roles_->ColumnIndex("kind");
  if (titles_) titles_kind_ = titles_->ColumnIndex("kind");
  if (pronouns_) pronouns_refers_ = pronouns_->ColumnIndex("refers");
  if (boundaries_) boundaries_side_ = boundaries_->ColumnIndex("side");
  if (cues_) cues_role_ = cues_->ColumnIndex("role");
  if (cues_) cues_lemma_ = cues_->ColumnIndex("lemma");
}

bool SpeakerLexicons::IsNotPersonWord(std::string_view word, std::string_view where) const {
  if (!not_person_) return false;
  const Lexicon::Entry* e = not_person_->Find(word);
  return e && not_person_->Cell(*e, not_person_where_) == where;
}

bool SpeakerLexicons::IsTitle(std::string_view word) const {
  if (!titles_ || word.empty() || !std::isupper(static_cast<unsigned char>(word[0]))) return false;
  return titles_->Find(StripPeriod(word)) != nullptr;
}

bool SpeakerLexicons::IsCueForm(std::string_view word) const {
  if (!cues_) return false;
  const Lexicon::Entry* e = cues_->Find(word);
  if (!e) return false;
  const std::string& role = cues_->Cell(*e, cues_role_);
  return role == "say" || role == "estimate" || role == "tell";
}

bool SpeakerLexicons::IsRecordCue(std::string_view word) const {
  if (!cues_) return false;
  const Lexicon::Entry* e = cues_->Find(word);
  return e && cues_->Cell(*e, cues_role_) == "record";
}

bool SpeakerLexicons::IsBaseCueForm(std::string_view word) const {
  if (!cues_) return false;
  const Lexicon::Entry* e = cues_->Find(word);
  return e && EqualsLower(word, cues_->Cell(*e, cues_lemma_));
}

std::string_view SpeakerLexicons::BoundarySide(std::string_view word) const {
  // An acronym is a name ("WHO", "US"), not the function word it spells.
  if (!boundaries_ || IsAcronym(word)) return "";
  const Lexicon::Entry* e = boundaries_->Find(word);
  if (!e) return "";
  const std::string& side = boundaries_->Cell(*e, boundaries_side_);
  if (side.empty()) return "both";
  return side;
}

namespace {
// Whether a word of speaker_boundaries on `side` ends a mention: the words
// that are boundaries only next to a cue (a determiner, "by", "at") do not.
bool CutsMention(std::string_view side) {
  return !side.empty() && side != "noun" && side != "agent" && side != "complement";
}
}  // namespace

bool SpeakerLexicons::IsBoundary(std::string_view word, bool before_cue) const {
  const std::string_view side = BoundarySide(word);
  if (!CutsMention(side)) return false;
  return before_cue ? side != "object" : side != "subject";
}

bool SpeakerLexicons::OpensWithQualifier(std::string_view text) const {
  if (!qualifiers_) return false;
  // A qualifier is a few words: each run of words from the start is looked up.
  size_t end = 0;
  for (int words = 0; words < 4; ++words) {
    while (end < text.size() && text[end] == ' ') ++end;
    const size_t word_start = end;
    while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
    if (end == word_start) return false;
    const Lexicon::Entry* e = qualifiers_->Find(text.substr(0, end));
    if (e && qualifiers_->Cell(*e, qualifiers_position_) == "before") return true;
  }
  return false;
}

std::string_view SpeakerLexicons::RoleKind(std::string_view word) const {
  if (roles_) {
    if (const Lexicon::Entry* e = roles_->Find(word)) return roles_->Cell(*e, roles_kind_);
  }
  if (nouns_ && nouns_->Find(word)) return "document";
  // "then-spokesperson", "ex-minister", "co-founder": the role after a
  // prefix of lexicon speaker_role_prefixes.
  const size_t hyphen = word.find('-');
  if (!role_prefixes_ || hyphen == std::string_view::npos || hyphen == 0 || hyphen + 1 >= word.size()) return "";
  if (!role_prefixes_->Find(word.substr(0, hyphen))) return "";
  return RoleKind(word.substr(hyphen + 1));
}

Span SpeakerLexicons::Trim(std::string_view text, Span captured, bool before_cue) const {
  std::vector<Span> words = Words(text, captured);
  auto word = [&](size_t k) { return text.substr(words[k].start, words[k].size()); };
  size_t first = 0, last = words.size();  // [first, last)
  // A boundary word that the word before it keeps in the mention ("sources
  // close to the group", "officers loyal to him"): the pair is listed as keep.
  auto KeptAfter = [&](size_t k) {
    return k > 0 && BoundarySide(text.substr(words[k - 1].start, words[k].end - words[k - 1].start)) == "keep";
  };
  if (before_cue) {
    // "Residents were told", "The group is said to": a passive names no
    // speaker; nor does "its count of losses", where the cue is a noun.
    if (last > first) {
      const std::string_view side = BoundarySide(word(last - 1));
      if (side == "passive" || side == "noun" || side == "complementizer" || EndsWithPossessive(word(last - 1)))
        return {captured.start, captured.start};
    }
    // "The army in a statement said", "Officials in their latest report
    // estimated": the channel of the saying closes the words, not the mention.
    if (last > first && RoleKind(word(last - 1)) == "document")
      for (size_t det = last - 1; det > first + 2 && det + 3 >= last; --det)
        if (IsDeterminer(word(det - 1)) || BoundarySide(word(det - 1)) == "noun") {  // "a", "its"
          if (IsOneOf(word(det - 2), {"in", "through", "via"})) last = det - 2;
          break;
        }
    while (last > first && IsBoundary(word(last - 1), true)) --last;
    // "... with good caution I can say": a pronoun right before the cue is the mention.
    if (last > first && pronouns_ && pronouns_->Find(word(last - 1))) first = last - 1;
    for (size_t k = last; k > first; --k) {
      // A cue form after a determiner is a noun ("the think tank's analysts"), not a nested cue;
      // nor is a capitalized one before another capitalized word, inside a name ("Recorded Future").
      const bool in_name = k < last && k - 1 > first && std::isupper(static_cast<unsigned char>(word(k - 1)[0])) &&
                           std::isupper(static_cast<unsigned char>(word(k)[0]));
      const bool nested_cue =
          k < last && IsCueForm(word(k - 1)) && !(k - 1 > first && IsDeterminer(word(k - 2))) && !in_name;
      const bool cut = (IsBoundary(word(k - 1), true) && !KeptAfter(k - 1)) || nested_cue;
      if (cut) {
        first = k;
        break;
      }
    }
  } else {
    for (size_t k = first; k < last; ++k) {
      const std::string_view side = BoundarySide(word(k));
      if (side == "clause" || side == "modal" || side == "passive") return {captured.start, captured.start};  // a clause
      if (IsBoundary(word(k), false) && !KeptAfter(k)) {
        last = k;
        break;
      }
    }
  }
  while (first < last) {
    const std::string_view w = word(first);
    // A run cut short by its length limit may open on a preposition ("at the Institute ...").
    if (IsOneOf(w, {"and", "or", "but", "nor"}) || IsPreposition(w)) ++first;
    else break;
  }
  while (last > first) {
    const std::string_view w = word(last - 1);
    if (IsOneOf(w, {"and", "or"}) || IsPreposition(w)) --last;
    else break;
  }
  bool content = false;
  for (size_t k = first; k < last && !content; ++k) content = !IsDeterminer(word(k));
  if (!content) return {captured.start, captured.start};
  Span out{words[first].start, words[last - 1].end};
  // A clause-final period belongs to the sentence, not to the last word,
  // unless that word is an abbreviation with periods of its own ("U.S.").
  std::string_view tail = text.substr(words[last - 1].start, words[last - 1].size());
  while (!tail.empty() && (tail.back() == '.' || tail.back() == '"' || tail.back() == '\'') &&
         tail.substr(0, tail.size() - 1).find('.') == std::string_view::npos) {
    tail.remove_suffix(1);
    --out.end;
  }
  return out;
}

Span SpeakerLexicons::CoordinatedSubject(std::string_view text, Span clause) const {
  const std::vector<Span> words = Words(text, clause);
  for (size_t k = 0; k < words.size(); ++k) {
    const std::string_view word = text.substr(words[k].start, words[k].size());
    const std::string_view side = BoundarySide(word);
    if (side == "clause" || side == "modal" || side == "passive") {
      if (k == 0) break;
      const Span subject{words[0].start, words[k - 1].end};
      return Trim(text, subject, /*before_cue=*/false);
    }
    // A determiner ("The ministry") belongs to the subject.
    if (CutsMention(side) || word.back() == ',' || IsCueForm(word)) break;
  }
  return {clause.start, clause.start};
}

namespace {

// The apposition right after `after` in `text`: ", <words>," (or, with
// `to_end`, ", <words>" up to the sentence's end at `limit`), at most 60
// bytes and free of clause punctuation; empty when there is none.
std::string_view AppositionAfter(std::string_view text, size_t after, size_t limit, bool to_end) {
  constexpr size_t kMaxBytes = 60;
  limit = std::min(limit, text.size());
  size_t at = after;
  while (at < limit && text[at] == ' ') ++at;
  if (at >= limit || text[at] != ',') return {};
  ++at;
  size_t end = text.find(',', at);
  if (end == std::string_view::npos || end > limit) {
    if (!to_end) return {};
    // Or it runs to the sentence's end: "…, said a spokesman, John Smith."
    end = limit;
    while (end > at && (std::isspace(static_cast<unsigned char>(text[end - 1])) || text[end - 1] == '.')) --end;
  }
  if (end <= at || end - at > kMaxBytes) return {};
  const std::string_view apposition = text.substr(at, end - at);
  if (apposition.find_first_of(";:!?\"()[]") != std::string_view::npos) return {};
  return apposition;
}

}  // namespace

std::optional<std::string> SpeakerLexicons::NameInApposition(std::string_view text, size_t after, size_t limit,
                                                             bool institution) const {
  const std::string_view apposition = AppositionAfter(text, after, limit, /*to_end=*/true);
  if (apposition.empty()) return std::nullopt;
  const MentionInfo info = Classify(apposition);
  if (info.type != MentionInfo::Type::kName || !info.name) return std::nullopt;
  if (institution) {
    if (info.kind != "organization" && info.kind != "media") return std::nullopt;
  } else if (info.kind != "person" || info.surname_only) {
    return std::nullopt;
  }
  return info.name;
}

std::string SpeakerLexicons::InstitutionInApposition(std::string_view text, size_t after, size_t limit) const {
  limit = std::min(limit, text.size());
  size_t at = after;
  while (at < limit && text[at] == ' ') ++at;
  if (at < limit && text[at] == '(') {  // "(JNIM)"
    const size_t close = text.find(')', at);
    if (close == std::string_view::npos || close >= limit) return "";
    at = close + 1;
  }
  // The cue follows, so the apposition closes with its comma.
  const std::string_view apposition = AppositionAfter(text, at, limit, /*to_end=*/false);
  if (apposition.empty()) return "";
  const MentionInfo info = Classify(apposition);
  if (info.type != MentionInfo::Type::kDescription) return "";
  return info.kind == "organization" || info.kind == "media" ? info.kind : "";
}

MentionInfo SpeakerLexicons::Classify(std::string_view mention) const {
  MentionInfo info;
  std::vector<Span> spans = Words(mention, {0, mention.size()});
  std::vector<std::string_view> words;
  for (const Span& s : spans) words.push_back(mention.substr(s.start, s.size()));
  if (words.empty()) return info;
  // The role kind of word k, with its final period or without, asked
  // several times below: looked up once each (mentions are short).
  constexpr size_t kRemembered = 16;
  std::string_view kinds[2][kRemembered];
  uint32_t known[2] = {0, 0};
  auto kind_of = [&](size_t k, bool strip) -> std::string_view {
    const std::string_view word = strip ? StripPeriod(words[k]) : words[k];
    if (k >= kRemembered) return RoleKind(word);
    if (strip && word.size() == words[k].size()) strip = false;  // nothing to strip: the same look-up
    const uint32_t bit = uint32_t{1} << k;
    if (!(known[strip] & bit)) {
      kinds[strip][k] = RoleKind(word);
      known[strip] |= bit;
    }
    return kinds[strip][k];
  };
  if (words.size() == 1 && pronouns_) {
    if (const Lexicon::Entry* e = pronouns_->Find(words[0])) {
      info.type = MentionInfo::Type::kPronoun;
      info.pronoun_refers = pronouns_->Cell(*e, pronouns_refers_);
      info.kind = info.pronoun_refers == "person" ? "person"
                  : info.pronoun_refers == "thing" ? "organization"
                  : info.pronoun_refers == "self"  ? "person"
                                                   : "group";
      return info;
    }
  }
  size_t first = 0;
  if (IsDeterminer(words[0])) {
    info.definite = IsOneOf(words[0], {"the", "this", "these", "those"});
    first = 1;
  }
  const std::string rest = JoinWords(words, first);
  if (media_ && (media_->Find(rest) || media_->Find(mention))) {
    info.type = MentionInfo::Type::kName;
    info.kind = "media";
    info.anonymous = false;
    info.name = rest;
    return info;
  }
  // The longest run of name words that ends the mention.
  size_t run = words.size();
  while (run > first) {
    const std::string_view w = words[run - 1];
    const bool joins = (w == "and" || w == "&" || IsNameParticle(w)) && run < words.size();
    if (IsNameWord(w) || joins) --run;
    else break;
  }
  while (run < words.size() && (words[run] == "and" || IsNameParticle(words[run]))) ++run;
  size_t name_start = run;
  while (name_start < words.size() && IsTitle(words[name_start])) ++name_start;
  // A title after a modifier the titles do not list: "Security Secretary Omar
  // García Harfuch", "Agriculture Minister X". The name follows the last title.
  for (size_t k = words.size() - 1; k > name_start; --k)
    if (IsTitle(words[k - 1])) {
      name_start = k;
      break;
    }
  size_t before_run = run;
  while (before_run > first && IsDeterminer(words[before_run - 1])) --before_run;
  bool after_preposition = before_run > first && IsPreposition(words[before_run - 1]);
  std::string_view name_head_kind;  // of "Bureau" in "National Bureau of Statistics"
  // "the Syrian Observatory for Human Rights", "Ministry of Defence": name
  // words joined by a preposition form one organization's name.
  if (after_preposition) {
    size_t k = before_run - 1;
    while (k > first && IsNameWord(words[k - 1]) && !IsTitle(words[k - 1])) --k;
    const size_t preposition = before_run - 1;
    // "Officials in Niger" is a description; "Office for National Statistics" a name.
    const std::string_view lone_kind = preposition - k == 1 ? kind_of(k, false) : std::string_view();
    const bool lone_role_word = !lone_kind.empty() && lone_kind != "organization";
    if (k < preposition && k == first && !lone_role_word) {
      name_head_kind = kind_of(preposition - 1, false);
      // "Abdourahouf Gnon-Konde of the UN Refugee Agency": a full name whose
      // words name no institution, then where the person works.
      bool institution_word = false;
      for (size_t w = k; w < preposition; ++w) institution_word = institution_word || !kind_of(w, false).empty();
      if (name_head_kind.empty() && !institution_word && preposition - k >= 2 && !info.definite) {
        info.type = MentionInfo::Type::kName;
        info.kind = "person";
        info.anonymous = false;
        info.name = JoinWords(words, k, preposition);
        return info;
      }
      run = first;
      name_start = first;
      after_preposition = false;
      info.definite = true;  // written as an institution's name
    }
  }
  bool media_word = false;
  for (size_t k = first; k < words.size(); ++k) {
    media_word = media_word || kind_of(k, false) == "media";
  }
  if (name_start < words.size() && !after_preposition) {
    // "U.S." is its own key; "Ministry." is "Ministry" at a sentence's end.
    std::string_view last_kind = kind_of(words.size() - 1, false);
    if (last_kind.empty()) last_kind = kind_of(words.size() - 1, true);
    // A name's head before its preposition decides: "National Bureau of Statistics" is a bureau.
    if (name_head_kind == "organization" || name_head_kind == "media" || name_head_kind == "document")
      last_kind = name_head_kind;
    // A lone capitalized role word ("Analysts", "Estimates") is a description.
    const bool lone_role = words.size() - name_start == 1 && name_start == run && run == first && !last_kind.empty() &&
                           last_kind != "organization" && last_kind != "media";
    const size_t name_words = words.size() - name_start;
    info.type = MentionInfo::Type::kName;
    info.anonymous = false;
    info.name = JoinWords(words, name_start);
    const bool place = places_ && places_->Find(*info.name);
    // A group the link rules know, possibly after a possessive ("Iran's
    // Revolutionary Guard"), is an organization.
    const bool possessive = name_start + 1 < words.size() && EndsWithPossessive(words[name_start]);
    const bool organization =
        organizations_ && (organizations_->Find(*info.name) ||
                           (possessive && organizations_->Find(JoinWords(words, name_start + 1))));
    if (organization) last_kind = "organization";
    if (last_kind != "organization" && last_kind != "document" && last_kind != "media") {
      // A name in apposition to an institution's noun names that institution
      // ("the children's agency UNICEF", "the rights group Amnesty
      // International"), and so does a name in capitals.
      const std::string_view described = run > first ? kind_of(run - 1, false) : std::string_view();
      if (described == "organization" || described == "media") last_kind = described;
      else if (name_words == 1 && IsAcronym(words.back())) last_kind = "organization";
      else if (AllAcronyms(words, name_start)) last_kind = "organization";  // "WHO and UNICEF"
    }
    if (!lone_role && (last_kind == "organization" || last_kind == "document" || last_kind == "media" || place ||
                       (info.definite && run == first))) {
      info.kind = last_kind == "document" ? "document" : last_kind == "media" ? "media" : "organization";
      // An institution's name keeps the words a person's name would drop
      // as a title: "the Defence Ministry", not "Ministry".
      if (run < words.size()) info.name = JoinWords(words, run);
      return info;
    }
    if (lone_role) {
      info.name.reset();
      info.anonymous = true;
    } else {
      info.kind = "person";
      // "Human Rights Watch's Kenneth Roth", "IOM Rome's Flavio Di Giacomo":
      // the person is named after the body's possessive.
      size_t person_start = name_start;
      for (size_t k = name_start; k + 1 < words.size(); ++k)
        if (EndsWithPossessive(words[k])) person_start = k + 1;
      if (person_start > name_start) info.name = JoinWords(words, person_start);
      info.surname_only = words.size() - person_start == 1;
      return info;
    }
  }
  // A description: its head is the last word before a preposition, or the
  // last word there that a lexicon knows as a source ("experts both in and
  // outside the US government" → experts), or else a source word that ends
  // the mention.
  size_t head = words.size();
  for (size_t k = first + 1; k < words.size(); ++k)
    if (IsPreposition(words[k])) {
      head = k;
      break;
    }
  bool known_head = false;
  for (size_t k = head; k > first && !known_head; --k)
    if (!kind_of(k - 1, true).empty()) {
      head = k;
      known_head = true;
    }
  // Or a source noun that ends the mention after the preposition ("a United
  // Nations panel of experts report"): always when it names a document that
  // ends a compound ("experts report"; not "the author of the report", nor
  // the capitalized word of a name: "Analysts at the Institute for Security
  // Studies" are analysts).
  const size_t last = words.size() - 1;
  const bool compound_document = last > head && !IsDeterminer(words[last - 1]) && !IsPreposition(words[last - 1]) &&
                                 !words[last].empty() && !std::isupper(static_cast<unsigned char>(words[last][0])) &&
                                 kind_of(last, true) == "document";
  if (head < words.size() && (known_head ? compound_document : !kind_of(last, true).empty())) head = words.size();
  info.type = MentionInfo::Type::kDescription;
  info.head = AsciiLower(StripPeriod(words[head - 1]));
  info.anonymous = true;
  info.name.reset();
  std::string kind(kind_of(head - 1, true));  // the head's kind: RoleKind ignores case
  if (media_word) kind = "media";
  if (kind.empty()) kind = info.head.size() > 1 && info.head.back() == 's' ? "group" : "person";
  if (kind == "organization") info.anonymous = false;
  info.kind = kind;
  return info;
}

}  // namespace claimex
