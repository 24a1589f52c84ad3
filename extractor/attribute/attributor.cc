#include "attribute/attributor.h"

#include "rulebook/captures.h"

#include <algorithm>
#include <cstdint>
#include <cctype>
#include <limits>
#include <map>
#include <memory>
#include <optional>

#include "attribute/name_index.h"
#include "attribute/quotes.h"
#include "base/ascii.h"

namespace claimex {

namespace {
constexpr size_t kNone = std::numeric_limits<size_t>::max();
}  // namespace

struct Attributor::Candidate {
  enum class Kind { kSpeaker, kBlock, kFollowOn };
  enum class Direction { kBoth, kForward, kBackward };
  const Rule* rule = nullptr;
  size_t rule_index = 0;
  Kind kind = Kind::kSpeaker;
  Direction direction = Direction::kBoth;
  Span match, speaker, cue, content;  // normalized document offsets; empty when absent
  size_t quote_mark = kNone;          // the quote mark the attribution is tied to
  MentionInfo mention;
  std::string lost_to;  // id of the rule whose match this one collided with and lost to
};

struct Attributor::RuleShape {
  Candidate::Kind kind = Candidate::Kind::kSpeaker;
  Candidate::Direction direction = Candidate::Direction::kBoth;
  std::string forced_kind;  // `speaker_kind`, or empty
  std::string unknown_head_kind;  // `unknown_head_kind`, or empty: such a description is no speaker
  std::string cue_lemma;    // `cue_lemma`, or empty
  std::optional<bool> anonymous;  // `anonymous`, when the rule sets it
  // RE2 groups of each capture: `name`, then `name_2`, `name_3`, …
  std::vector<int> speaker, cue, content, quote;
};

// Per-document state: candidates per sentence, quotations and names, all
// computed on demand and kept for the document's other claims.
class Attributor::Document {
 public:
  Document(const Attributor& owner, const DocumentAnalysis& analysis)
      : owner_(owner),
        analysis_(analysis),
        sentences_(analysis.sentences.size()),
        quotation_neighbours_(analysis.sentences.size()),
        follow_on_neighbours_(analysis.sentences.size()) {}

  // Every candidate of sentence `index`.
  const std::vector<Candidate>& Sentence(size_t index);
  // Only what a sentence without claims is asked about: its candidates that
  // tie a quotation (a `quote` capture), or those that follow on
  // (pattern_kind follow_on); the whole list when it was matched anyway.
  enum class Only { kAll, kQuotation, kFollowOn };
  const std::vector<Candidate>& Neighbour(size_t index, Only only);
  const std::vector<Quotation>& Quotes() {
    if (!quotes_) quotes_ = FindQuotations(analysis_.normalized.text);
    return *quotes_;
  }
  NameIndex& Names() {
    if (!names_) names_ = std::make_unique<NameIndex>(analysis_.normalized.text, owner_.lexicons_);
    return *names_;
  }
  // The antecedent of a he/she at `before` in sentence `sentence`: the
  // latest speaker of the last few sentences (those already matched for
  // claims) that is a person, with its name when it has one; else the latest
  // person the document names.
  std::optional<std::string> PersonBefore(size_t sentence, size_t before, std::string* unnamed_kind);
  // The antecedent of an "it" at `before`: the latest named organization,
  // outlet or document among the speakers of the last few sentences already
  // matched for claims ("The Soufan Center calculated … N, it found"); null
  // when there is none.
  const Candidate* ThingBefore(size_t sentence, size_t before) const;
  // The antecedent of a bare "the agency" at `before`: the latest speaker of
  // this sentence or the one before, when it is a named organization or
  // outlet whose name holds `head` ("the International Atomic Energy
  // Agency"); null when another speaker stands between, or the name is of
  // another kind of body ("Human Rights Watch" is no army).
  const Candidate* InstitutionBefore(size_t sentence, size_t before, const std::string& head) const;

  // The attribution of quotation `index`: its own, or that of the
  // quotation it continues or that stands beside it in its paragraph.
  const Candidate* QuoteAttribution(size_t index);

 private:
  const Candidate* OwnAttribution(size_t index);
  // The latest speaker before `before` whose mention `fits`, in the nearest
  // of the last few sentences (only those already matched for claims).
  template <typename Fits>
  const Candidate* LatestSpeaker(size_t sentence, size_t before, Fits fits, size_t sentences_back = 3) const;
  void Build(size_t index, Only only, std::vector<Candidate>* out);
  // Whether a candidate's words after its cue hold a number: the report, not a speaker.
  bool ReportAfterCue(const Candidate& c) const;

  const Attributor& owner_;
  const DocumentAnalysis& analysis_;
  std::vector<std::unique_ptr<std::vector<Candidate>>> sentences_;
  std::vector<std::unique_ptr<std::vector<Candidate>>> quotation_neighbours_;
  std::vector<std::unique_ptr<std::vector<Candidate>>> follow_on_neighbours_;
  std::optional<std::vector<Quotation>> quotes_;
  std::unique_ptr<NameIndex> names_;
};

const std::vector<Attributor::Candidate>& Attributor::Document::Sentence(size_t index) {
  if (!sentences_[index]) {
    sentences_[index] = std::make_unique<std::vector<Candidate>>();
    Build(index, Only::kAll, sentences_[index].get());
  }
  return *sentences_[index];
}

const std::vector<Attributor::Candidate>& Attributor::Document::Neighbour(size_t index, Only only) {
  if (sentences_[index]) return *sentences_[index];
  auto& cached = only == Only::kQuotation ? quotation_neighbours_[index] : follow_on_neighbours_[index];
  if (!cached) {
    cached = std::make_unique<std::vector<Candidate>>();
    Build(index, only, cached.get());
  }
  return *cached;
}

namespace {

// The groups of `name`, `name_2`, … of `rule`, in that order.
std::vector<int> GroupsNamed(const Rule& rule, const std::string& name) {
  std::vector<int> out;
  for (int k = 1; k <= 4; ++k) {
    const int g = rule.group(k == 1 ? name : name + "_" + std::to_string(k));
    if (g >= 0) out.push_back(g);
    else if (k > 1) break;
  }
  return out;
}

// The first of `candidates` that took part in the match, as a span relative
// to the matched text's start; empty if none did.
Span Group(const std::vector<int>& candidates, const std::vector<re2::StringPiece>& groups, const char* base) {
  for (int g : candidates)
    if (groups[g].data() != nullptr) {
      const size_t start = static_cast<size_t>(groups[g].data() - base);
      return {start, start + groups[g].size()};
    }
  return {kNone, kNone};
}

bool Present(Span s) { return s.start != kNone; }

// Whether `word` is one word of a speaker run (rules/attribution.toml
// `attr_word`): "&", or a word that opens with a letter or digit and holds
// none of , ; : ! ? " ( ) [ ] (but a comma before a digit, as in 1,500).
bool IsRunWord(std::string_view word) {
  if (word == "&") return true;  // "Armed Conflict Location & Event Data Project"
  if (word.empty()) return false;
  const unsigned char first = static_cast<unsigned char>(word[0]);
  if (!(std::isalnum(first) || first >= 0x80)) return false;
  if (word.find_first_of(";:!?\"()[]") != std::string_view::npos) return false;
  for (size_t comma = word.find(','); comma != std::string_view::npos; comma = word.find(',', comma + 1))
    if (comma + 1 >= word.size() || !std::isdigit(static_cast<unsigned char>(word[comma + 1]))) return false;
  return true;
}

// Moves `start` left over up to kMaxRunWords - 3 more run words (the
// pattern holds the last three), never before `floor`.
size_t ExtendLeft(const std::string& text, size_t start, size_t floor) {
  constexpr int kMoreWords = 5;
  for (int n = 0; n < kMoreWords; ++n) {
    size_t k = start;
    while (k > floor && (text[k - 1] == ' ' || text[k - 1] == '\t' || text[k - 1] == '\n' || text[k - 1] == '\r')) --k;
    if (k == start || k == floor) break;
    size_t word_start = k;
    while (word_start > floor && !std::isspace(static_cast<unsigned char>(text[word_start - 1]))) --word_start;
    if (!IsRunWord(std::string_view(text).substr(word_start, k - word_start))) break;
    start = word_start;
  }
  return start;
}

// The end of text[start, end) without its trailing white space and a
// preposition that opened the time expression after it ("the Pentagon on").
size_t WithoutTrailingPreposition(std::string_view text, size_t start, size_t end) {
  auto blank = [&](size_t at) { return std::isspace(static_cast<unsigned char>(text[at - 1])) != 0; };
  while (end > start && blank(end)) --end;
  size_t word = end;
  while (word > start && !blank(word)) --word;
  if (IsOneOf(AsciiLower(text.substr(word, end - word)), {"on", "in", "at", "during", "over"})) {
    end = word;
    while (end > start && blank(end)) --end;
  }
  return end;
}

// Where `words` end once a time expression that closes them is left out
// (with the preposition that opens it); their end when none does, and their
// start when nothing is left ("…, an adviser, on Wednesday claimed": no
// speaker in "on Wednesday").
size_t BeforeClosingTime(std::string_view text, Span words, const std::vector<TimeMention>& times) {
  auto m = std::upper_bound(times.begin(), times.end(), words.start,
                            [](size_t at, const TimeMention& t) { return at < t.span.start; });
  for (; m != times.end() && m->span.start < words.end; ++m) {
    if (m->span.end < words.end) continue;
    return WithoutTrailingPreposition(text, words.start, m->span.start);
  }
  return words.end;
}

Span Shift(Span s, size_t by) { return Present(s) ? Span{s.start + by, s.end + by} : s; }

// Whether the one-word cue is a noun: written as its lemma and followed by
// another cue form ("a U.N. report warned", "the estimate said") or by a
// form of "be" ("the consensus estimate is that ...").
bool NounBeforeCue(std::string_view text, Span cue, size_t limit, const SpeakerLexicons& lexicons) {
  if (!Present(cue) || cue.empty()) return false;
  const std::string_view word = text.substr(cue.start, cue.size());
  if (word.find(' ') != std::string_view::npos || !lexicons.IsBaseCueForm(word)) return false;
  size_t next = cue.end;
  while (next < limit && text[next] == ' ') ++next;
  if (next == cue.end) return false;
  size_t next_end = next;
  while (next_end < limit && std::isalpha(static_cast<unsigned char>(text[next_end]))) ++next_end;
  const std::string_view next_word = text.substr(next, next_end - next);
  return next_end > next && (lexicons.IsCueForm(next_word) || lexicons.IsBe(next_word));
}

// Whether the cue is a participle, its subject being what was reported
// rather than who reported it: with its agent after it ("crimes
// acknowledged by attorneys general", "attacks claimed by the Taliban"), or
// with its complement (below).
bool CueIsParticiple(std::string_view text, Span cue, size_t limit, const SpeakerLexicons& lexicons) {
  if (!Present(cue)) return false;
  size_t next = cue.end;
  while (next < limit && text[next] == ' ') ++next;
  if (next == cue.end) return false;
  size_t next_end = next;
  while (next_end < limit && std::isalpha(static_cast<unsigned char>(text[next_end]))) ++next_end;
  if (next_end == next) return false;
  const std::string_view word = text.substr(next, next_end - next);
  if (lexicons.IsAgentMarker(word)) return true;
  // "persons reported to be in isolation", "losses estimated at around $640
  // million": a participle with its complement, not a speaker's verb
  // ("Officials estimated at least 500" keeps its speaker). The words are
  // speaker_boundaries' `complement` entries.
  size_t after = next_end;
  while (after < limit && text[after] == ' ') ++after;
  size_t after_end = after;
  while (after_end < limit && std::isalpha(static_cast<unsigned char>(text[after_end]))) ++after_end;
  if (after_end > after && lexicons.IsComplement(text.substr(next, after_end - next))) return true;
  if (after == next_end || after >= limit || !lexicons.IsComplement(word)) return false;
  const unsigned char c = static_cast<unsigned char>(text[after]);
  return std::isdigit(c) || c == '$' || c == 0xC2 /* £ */ || c == 0xE2 /* € ₹ */ ||
         lexicons.OpensWithQualifier(text.substr(after, limit - after));
}

// Whether a capitalized cue is a word of a name rather than a cue in a
// title-case headline ("Ukraine Says Russia Lost", capitals on both sides):
// it stands between a capitalized word and a lower-case one ("the Event
// Data Project shows"), or between a lower-case word and a capitalized one
// ("security firm Recorded Future counted"). Only words of the sentence
// from `floor` count.
bool CueInsideName(std::string_view text, Span cue, size_t floor) {
  if (!Present(cue) || cue.empty() || !std::isupper(static_cast<unsigned char>(text[cue.start]))) return false;
  size_t before = cue.start;
  while (before > floor && text[before - 1] == ' ') --before;
  if (before == cue.start || before == floor) return false;
  size_t word_start = before;
  while (word_start > floor && !std::isspace(static_cast<unsigned char>(text[word_start - 1]))) --word_start;
  size_t after = cue.end;
  while (after < text.size() && text[after] == ' ') ++after;
  if (after == cue.end || after >= text.size()) return false;
  const bool capital_before = std::isupper(static_cast<unsigned char>(text[word_start])) != 0;
  const bool capital_after = std::isupper(static_cast<unsigned char>(text[after])) != 0;
  const bool lower_before = std::islower(static_cast<unsigned char>(text[word_start])) != 0;
  const bool lower_after = std::islower(static_cast<unsigned char>(text[after])) != 0;
  return (capital_before && lower_after) || (lower_before && capital_after);
}

// Whether the cue is an infinitive ("plans to add another 1,000", "declined
// to estimate"): an intention or a refusal, not a report.
bool InfinitiveCue(std::string_view text, Span cue, size_t floor) {
  if (!Present(cue) || cue.start < floor + 3) return false;
  size_t end = cue.start;
  while (end > floor && text[end - 1] == ' ') --end;
  if (end == cue.start || end < floor + 2) return false;
  const size_t start = end - 2;
  if (start > floor && std::isalpha(static_cast<unsigned char>(text[start - 1]))) return false;
  return AsciiLower(text.substr(start, 2)) == "to";
}

// Whether a modal verb stands right before the cue, or before its "not"
// ("ministers will announce £1.5bn", "could not confirm"): an intention or
// a possibility, not a report. The modals are the `modal` words of
// speaker_boundaries.
bool ModalBeforeCue(std::string_view text, Span cue, size_t floor, const SpeakerLexicons& lexicons) {
  if (!Present(cue)) return false;
  size_t end = cue.start;
  for (int words = 0; words < 2; ++words) {
    while (end > floor && text[end - 1] == ' ') --end;
    size_t start = end;
    while (start > floor && std::isalpha(static_cast<unsigned char>(text[start - 1]))) --start;
    if (start == end) return false;
    const std::string_view word = text.substr(start, end - start);
    if (lexicons.IsModal(word)) return true;
    if (words == 0 && !IsOneOf(word, {"not", "never"})) return false;
    end = start;
  }
  return false;
}

// Whether text[from, to) holds a coordinating conjunction as a word.
bool ConjunctionBetween(std::string_view text, size_t from, size_t to) {
  for (const Span& w : Words(text, {from, to}))
    if (IsOneOf(text.substr(w.start, w.size()), {"and", "but", "or", "yet"})) return true;
  return false;
}

// Whether the speaker mention follows a relative pronoun or adverb: "which
// U.S. officials say", "who analysts believe", "where the U.N. said".
bool InRelativeClause(std::string_view text, Span speaker) {
  if (!Present(speaker)) return false;
  size_t end = speaker.start;
  while (end > 0 && text[end - 1] == ' ') --end;
  size_t start = end;
  while (start > 0 && std::isalpha(static_cast<unsigned char>(text[start - 1]))) --start;
  const std::string word = AsciiLower(text.substr(start, end - start));
  return word == "which" || word == "who" || word == "whom" || word == "whose" || word == "where";
}

}  // namespace

// "X, the author of "Y," estimates that 7,000 remain": words after the cue
// that hold a number are the report, not an inverted speaker.
bool Attributor::Document::ReportAfterCue(const Candidate& c) const {
  return Present(c.speaker) && Present(c.cue) && c.speaker.start >= c.cue.end &&
         owner_.HoldsNumber(analysis_.Text(c.speaker));
}

void Attributor::Document::Build(size_t index, Only only, std::vector<Candidate>* out) {
  const Span sentence = analysis_.sentences[index];
  const std::string_view text = analysis_.Text(sentence);
  const std::string& doc_text = analysis_.normalized.text;
  std::vector<int> hits;
  const auto& rules = owner_.rules_.stage_rules(RuleStage::kAttribution);
  if (only != Only::kAll) {
    // Few rules, asked of one sentence: cheaper to try them than to prefilter.
    if (only == Only::kQuotation && text.find('"') == std::string_view::npos) return;
    for (size_t k = 0; k < rules.size(); ++k) {
      const RuleShape& shape = owner_.shapes_[k];
      const bool wanted = only == Only::kQuotation ? !shape.quote.empty() : shape.kind == Candidate::Kind::kFollowOn;
      if (wanted) hits.push_back(static_cast<int>(k));
    }
  } else {
    owner_.rules_.StageCandidates(RuleStage::kAttribution, text, &hits);
  }
  // Higher priorities first: a match that holds the cue of a candidate of
  // higher priority would lose the collision below, so its captures (the
  // costly part of matching) are never read.
  std::stable_sort(hits.begin(), hits.end(), [&](int a, int b) {
    return rules[a]->priority != rules[b]->priority ? rules[a]->priority > rules[b]->priority : a < b;
  });
  for (int hit : hits) {
    const Rule& rule = *rules[hit];
    const RuleShape& shape = owner_.shapes_[hit];
    const int groups_count = rule.group_count + 1;
    std::vector<re2::StringPiece> groups(groups_count);
    const re2::StringPiece input(text.data(), text.size());
    // A match dropped because its cue word is a noun ("The report said",
    // "a U.N. report warned") has the search look again from that word, so
    // the verb after it can take the noun into its speaker.
    ForEachMatch(rule.regex(), input, [&](size_t start, size_t end, size_t search_from) -> size_t {
      auto look_again_at_cue = [&](const Candidate& c) {
        return Present(c.cue) ? c.cue.start - sentence.start : kNoResume;
      };
      groups[0] = input.substr(start, end - start);
      const Span whole{sentence.start + start, sentence.start + end};
      bool dominated = false;
      for (const Candidate& other : *out) {
        const Span key = Present(other.cue) ? other.cue : other.speaker;
        dominated = dominated || (other.rule->priority > rule.priority && Present(key) && whole.Contains(key) &&
                                  !ReportAfterCue(other));
      }
      if (dominated) return kNoResume;
      if (groups_count > 1 && !ReadCaptures(rule, input, start, end, groups.data(), groups_count)) return kNoResume;
      Candidate c;
      c.rule = &rule;
      c.rule_index = static_cast<size_t>(hit);
      c.match = {sentence.start + start, sentence.start + end};
      c.speaker = Shift(Group(shape.speaker, groups, text.data()), sentence.start);
      c.cue = Shift(Group(shape.cue, groups, text.data()), sentence.start);
      if (CueInsideName(doc_text, c.cue, sentence.start)) return look_again_at_cue(c);
      if (NounBeforeCue(doc_text, c.cue, sentence.end, owner_.lexicons_)) return look_again_at_cue(c);
      if (InfinitiveCue(doc_text, c.cue, sentence.start)) return look_again_at_cue(c);
      if (ModalBeforeCue(doc_text, c.cue, sentence.start, owner_.lexicons_)) return look_again_at_cue(c);
      if (Present(c.speaker) && c.speaker.end <= c.cue.start && CueIsParticiple(doc_text, c.cue, sentence.end, owner_.lexicons_))
        return look_again_at_cue(c);
      c.content = Shift(Group(shape.content, groups, text.data()), sentence.start);
      const Span quote = Shift(Group(shape.quote, groups, text.data()), sentence.start);
      if (Present(quote)) c.quote_mark = quote.start;
      c.kind = shape.kind;
      c.direction = shape.direction;
      if (c.kind != Candidate::Kind::kBlock) {
        if (!Present(c.speaker)) return look_again_at_cue(c);
        // A speaker that opens the match reaches further left than the pattern spells out.
        if (c.speaker.start == c.match.start)
          c.speaker.start = ExtendLeft(doc_text, c.speaker.start, sentence.start + search_from);
        const bool before_cue = !Present(c.cue) || c.speaker.end <= c.cue.start;
        // "The Pentagon on Friday announced", "Officials earlier this month
        // said": a time expression closing the words stands between subject and verb.
        if (before_cue) c.speaker.end = BeforeClosingTime(doc_text, c.speaker, analysis_.time_mentions);
        c.speaker = owner_.lexicons_.Trim(doc_text, c.speaker, before_cue);
        if (c.speaker.empty()) return look_again_at_cue(c);
        // A time expression where the words start: all of them ("a report
        // released on Monday, which said") is no speaker; opening them ("On
        // Monday the army said", "In 2019 the UN estimated") it is an
        // adverbial, not the mention.
        const auto& times = analysis_.time_mentions;
        auto t = std::upper_bound(times.begin(), times.end(), c.speaker.start,
                                  [](size_t at, const TimeMention& m) { return at < m.span.start; });
        if (t != times.begin() && std::prev(t)->span.end > c.speaker.start) {
          if (std::prev(t)->span.end >= c.speaker.end) return look_again_at_cue(c);
          if (before_cue) {
            c.speaker = owner_.lexicons_.Trim(doc_text, {std::prev(t)->span.end, c.speaker.end}, before_cue);
            if (c.speaker.empty()) return look_again_at_cue(c);
          }
        }
        // "The ministry does not count them but says N": the cue's predicate
        // is coordinated with an earlier one, whose subject opens the clause.
        if (before_cue && Present(c.cue) && ConjunctionBetween(doc_text, c.speaker.end, c.cue.start)) {
          c.speaker = owner_.lexicons_.CoordinatedSubject(doc_text, {sentence.start + search_from, c.speaker.start});
          if (c.speaker.empty()) return look_again_at_cue(c);
        }
        c.mention = owner_.lexicons_.Classify(analysis_.Text(c.speaker));
        // "JNIM, a Mali-based Islamist group, said": the apposition says what the name is.
        if (c.mention.type == MentionInfo::Type::kName && c.mention.kind == "person" && before_cue) {
          const std::string kind = owner_.lexicons_.InstitutionInApposition(doc_text, c.speaker.end, sentence.end);
          if (!kind.empty()) c.mention.kind = kind;
        }
        // "Mexico recorded 29,675 homicides", "Italy, where …, recorded": a
        // place keeps no record (the cues of role record).
        if (c.mention.type == MentionInfo::Type::kName && c.mention.name && Present(c.cue) &&
            owner_.lexicons_.IsPlace(*c.mention.name) && owner_.lexicons_.IsRecordCue(analysis_.Text(c.cue)))
          return look_again_at_cue(c);
        if (!shape.forced_kind.empty() && c.mention.type == MentionInfo::Type::kDescription) {
          c.mention.kind = shape.forced_kind;
        } else if (c.mention.type == MentionInfo::Type::kDescription &&
                   owner_.lexicons_.RoleKind(c.mention.head).empty() && c.mention.kind != "group" &&
                   c.mention.kind != "media") {
          // A singular noun no lexicon knows as a source: no speaker ("according
          // to plan"), unless the rule's position makes it one ("a dealer said").
          if (shape.unknown_head_kind.empty()) return look_again_at_cue(c);
          c.mention.kind = shape.unknown_head_kind;
        }
      }
      out->push_back(std::move(c));
      return kNoResume;
    });
  }
  // Back in rule order, then text order, as the choice among equals expects.
  std::stable_sort(out->begin(), out->end(), [](const Candidate& a, const Candidate& b) {
    return a.rule_index != b.rule_index ? a.rule_index < b.rule_index : a.match.start < b.match.start;
  });
  // Colliding candidates (one's cue inside the other's cue or speaker): the
  // higher priority stays, then the longer match, then the rule written first.
  auto overlaps = [](Span a, Span b) { return Present(a) && Present(b) && a.Overlaps(b); };
  // A reading with the speaker before the cue goes before one whose
  // "speaker" after that cue is the report (ReportAfterCue).
  auto beats = [&](const Candidate& a, const Candidate& b) {
    const bool a_before = Present(a.speaker) && Present(a.cue) && a.speaker.end <= a.cue.start;
    const bool b_before = Present(b.speaker) && Present(b.cue) && b.speaker.end <= b.cue.start;
    if (a_before && ReportAfterCue(b)) return true;
    if (b_before && ReportAfterCue(a)) return false;
    if (a.rule->priority != b.rule->priority) return a.rule->priority > b.rule->priority;
    if (a.match.size() != b.match.size()) return a.match.size() > b.match.size();
    return a.rule_index < b.rule_index;
  };
  for (size_t i = 0; i < out->size(); ++i)
    for (size_t j = i + 1; j < out->size(); ++j) {
      Candidate& a = (*out)[i];
      Candidate& b = (*out)[j];
      const bool collide = overlaps(a.cue, b.cue) || overlaps(a.cue, b.speaker) || overlaps(b.cue, a.speaker) ||
                           (!Present(a.cue) && overlaps(a.speaker, b.speaker)) ||
                           (!Present(b.cue) && overlaps(a.speaker, b.speaker));
      if (!collide) continue;
      if (beats(a, b)) {
        if (b.lost_to.empty()) b.lost_to = a.rule->id;
      } else if (a.lost_to.empty()) {
        a.lost_to = b.rule->id;
      }
    }
}

const Attributor::Candidate* Attributor::Document::OwnAttribution(size_t index) {
  const Quotation& q = Quotes()[index];
  const size_t sentences[] = {analysis_.SentenceAt(q.span.end - 1), analysis_.SentenceAt(q.span.end),
                              analysis_.SentenceAt(q.span.start)};
  for (size_t s : sentences) {
    if (s >= analysis_.sentences.size()) continue;
    for (const Candidate& c : Neighbour(s, Only::kQuotation)) {
      if (!c.lost_to.empty() || c.quote_mark == kNone || c.kind != Candidate::Kind::kSpeaker) continue;
      if (q.closed && c.quote_mark == q.span.end - 1) return &c;
      if (c.quote_mark == q.span.start && c.match.end == q.span.start + 1) return &c;
    }
  }
  return nullptr;
}

const Attributor::Candidate* Attributor::Document::QuoteAttribution(size_t index) {
  const std::vector<Quotation>& quotes = Quotes();
  // The chain of a quotation over several paragraphs, in order.
  std::vector<size_t> chain = {index};
  for (int k = quotes[index].chain_previous; k >= 0; k = quotes[k].chain_previous)
    chain.insert(chain.begin(), static_cast<size_t>(k));
  for (size_t k = index + 1; k < quotes.size() && quotes[k].chain_previous == static_cast<int>(chain.back()); ++k)
    chain.push_back(k);
  for (size_t part : chain)
    if (const Candidate* c = OwnAttribution(part)) return c;
  // Quotations beside it in its paragraph ("...," said X. "...").
  const size_t paragraph = quotes[chain.front()].paragraph;
  for (size_t k = chain.front(); k-- > 0 && quotes[k].paragraph == paragraph;)
    if (const Candidate* c = OwnAttribution(k)) return c;
  for (size_t k = chain.back() + 1; k < quotes.size() && quotes[k].paragraph == quotes[chain.back()].paragraph; ++k)
    if (const Candidate* c = OwnAttribution(k)) return c;
  return nullptr;
}

template <typename Fits>
const Attributor::Candidate* Attributor::Document::LatestSpeaker(size_t sentence, size_t before, Fits fits,
                                                                  size_t sentences_back) const {
  for (size_t s = sentence + 1; s-- > 0 && s + sentences_back >= sentence;) {
    if (!sentences_[s]) continue;  // only sentences already matched: no extra matching for this
    const Candidate* latest = nullptr;
    for (const Candidate& c : *sentences_[s]) {
      if (!c.lost_to.empty() || c.kind != Candidate::Kind::kSpeaker || c.speaker.start >= before) continue;
      if (!fits(c.mention)) continue;
      if (!latest || c.speaker.start > latest->speaker.start) latest = &c;
    }
    if (latest) return latest;
  }
  return nullptr;
}

const Attributor::Candidate* Attributor::Document::InstitutionBefore(size_t sentence, size_t before,
                                                                      const std::string& head) const {
  const Candidate* latest = LatestSpeaker(sentence, before, [](const MentionInfo&) { return true; }, 1);
  if (!latest || latest->mention.type != MentionInfo::Type::kName || !latest->mention.name ||
      (latest->mention.kind != "organization" && latest->mention.kind != "media"))
    return nullptr;
  const std::string& name = *latest->mention.name;
  for (const Span& w : Words(name, {0, name.size()}))
    if (AsciiLower(name.substr(w.start, w.size())) == head) return latest;
  return nullptr;
}

const Attributor::Candidate* Attributor::Document::ThingBefore(size_t sentence, size_t before) const {
  return LatestSpeaker(sentence, before, [](const MentionInfo& m) {
    return m.type == MentionInfo::Type::kName && m.name &&
           (m.kind == "organization" || m.kind == "media" || m.kind == "document");
  });
}

std::optional<std::string> Attributor::Document::PersonBefore(size_t sentence, size_t before,
                                                              std::string* unnamed_kind) {
  unnamed_kind->clear();
  // The sentences just before, matched now if no claim of theirs has been:
  // '"…," an army officer told Reuters. He said …'.
  for (size_t s = sentence >= 2 ? sentence - 2 : 0; s < sentence; ++s) Sentence(s);
  const Candidate* latest = LatestSpeaker(sentence, before, [](const MentionInfo& m) {
    return m.type != MentionInfo::Type::kPronoun && (m.kind == "person" || m.kind == "official");
  });
  if (!latest) return Names().LastPerson(before);
  // A person introduced since that speaker is nearer ("Pentagon spokesman
  // John Kirby ... spoke. He said"); a bare name there may be a place the
  // speaker spoke of ("X said the army captured El Gorof. … he told Reuters").
  const std::string_view since =
      std::string_view(analysis_.normalized.text).substr(latest->speaker.end, before - latest->speaker.end);
  NameIndex between(since, owner_.lexicons_);
  if (auto named = between.LastPerson(since.size(), nullptr, /*described_only=*/true)) {
    if (named->find(' ') == std::string::npos)
      if (auto full = Names().FullName(*named, before)) return full;
    return named;
  }
  if (!latest->mention.name) {
    *unnamed_kind = latest->mention.kind;
    return std::nullopt;
  }
  if (latest->mention.surname_only)
    if (auto full = Names().FullName(*latest->mention.name, latest->speaker.start)) return full;
  return latest->mention.name;
}

bool Attributor::HoldsNumber(std::string_view words) const {
  for (size_t i = 0; i < words.size();) {
    if (std::isdigit(static_cast<unsigned char>(words[i]))) return true;
    if (!std::isalpha(static_cast<unsigned char>(words[i]))) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < words.size() && std::isalpha(static_cast<unsigned char>(words[end]))) ++end;
    if (const Lexicon::Entry* e = number_words_.Find(words.substr(i, end - i))) {
      const std::string& r = number_words_.Cell(*e, number_words_role_);
      if (r == "unit" || r == "ten" || r == "hundred") return true;
    }
    i = end;
  }
  return false;
}

Attributor::Attributor(const Rulebook& rules)
    : rules_(rules),
      lexicons_(rules),
      number_words_(rules.lexicon("number_words")),
      number_words_role_(number_words_.ColumnIndex("role")) {
  for (const auto& rule : rules_.stage_rules(RuleStage::kAttribution)) {
    RuleShape shape;
    const std::string kind = rule->param("pattern_kind", "speaker");
    shape.kind = kind == "block"       ? Candidate::Kind::kBlock
                 : kind == "follow_on" ? Candidate::Kind::kFollowOn
                                       : Candidate::Kind::kSpeaker;
    const std::string direction = rule->param("direction", "both");
    shape.direction = direction == "forward"    ? Candidate::Direction::kForward
                      : direction == "backward" ? Candidate::Direction::kBackward
                                                : Candidate::Direction::kBoth;
    shape.forced_kind = rule->param("speaker_kind");
    shape.unknown_head_kind = rule->param("unknown_head_kind");
    shape.cue_lemma = rule->param("cue_lemma");
    if (auto it = rule->params.find("anonymous"); it != rule->params.end() && it->is_boolean())
      shape.anonymous = it->get<bool>();
    shape.speaker = GroupsNamed(*rule, "speaker");
    shape.cue = GroupsNamed(*rule, "cue");
    shape.content = GroupsNamed(*rule, "content");
    shape.quote = GroupsNamed(*rule, "quote");
    shapes_.push_back(std::move(shape));
  }
}

Attributor::~Attributor() = default;

namespace {

nlohmann::ordered_json Describe(const DocumentAnalysis& analysis, const Attributor::Candidate& c, const char* why);

}  // namespace

void Attributor::Attribute(const DocumentAnalysis& analysis, bool explain, std::vector<Claim>* claims) const {
  if (claims->empty() || rules_.stage_rules(RuleStage::kAttribution).empty()) return;
  Document doc(*this, analysis);
  const Lexicon* cues = rules_.has_lexicon("attribution_cues") ? &rules_.lexicon("attribution_cues") : nullptr;
  const Lexicon* nouns = rules_.has_lexicon("attribution_nouns") ? &rules_.lexicon("attribution_nouns") : nullptr;
  for (Claim& claim : *claims) {
    const Span q = claim.normalized_quantity;
    const size_t s = claim.sentence_index;
    if (s >= analysis.sentences.size()) continue;
    const std::vector<Candidate>& candidates = doc.Sentence(s);
    const Candidate* chosen = nullptr;
    std::string step = "none";
    bool in_quote = false;
    const std::vector<Quotation>* quotes = nullptr;
    auto inside_quote = [&](const Candidate& c) {
      const size_t at = Present(c.speaker) ? c.speaker.start : Present(c.cue) ? c.cue.start : c.match.start;
      return QuotationAt(*quotes, at);
    };
    quotes = &doc.Quotes();
    const int qi = QuotationAt(*quotes, q.start);
    // 1. Inside a quotation.
    if (qi >= 0) {
      in_quote = true;
      const Candidate* inner = nullptr;
      for (const Candidate& c : candidates)
        if (c.lost_to.empty() && c.kind != Candidate::Kind::kFollowOn && inside_quote(c) == qi &&
            c.match.end <= q.start && c.direction != Candidate::Direction::kBackward &&
            (!inner || c.match.end > inner->match.end))
          inner = &c;
      if (inner && inner->mention.pronoun_refers != "self") {
        chosen = inner;
        step = "inside the quotation";
      } else if (const Candidate* c = doc.QuoteAttribution(static_cast<size_t>(qi))) {
        chosen = c;
        step = "the quotation's attribution";
      } else {
        in_quote = false;  // an unattributed quotation: the sentence decides
      }
    }
    // "Two residents said they had counted 102 bodies": a number inside a
    // source's own mention counts the source; the article states it.
    bool in_mention = false;
    if (!chosen)
      for (const Candidate& c : candidates)
        in_mention = in_mention || (c.lost_to.empty() && c.kind == Candidate::Kind::kSpeaker && Present(c.speaker) &&
                                    c.speaker.start <= q.start && q.end <= c.speaker.end);
    if (in_mention) step = "inside a source's mention";
    if (!chosen && !in_mention) {
      const Candidate* content = nullptr;
      const Candidate* before = nullptr;
      const Candidate* after = nullptr;
      const Candidate* other = nullptr;
      for (const Candidate& c : candidates) {
        if (!c.lost_to.empty() || c.kind == Candidate::Kind::kFollowOn) continue;
        // "according to a poll of 2,100 adults": a number inside the source's
        // own mention is not what that source asserts.
        if (Present(c.speaker) && c.speaker.Overlaps(q)) continue;
        const int cq = inside_quote(c);
        if (cq >= 0 && cq != qi) continue;
        // "We estimate …," the general told reporters: a first person inside
        // the quotation is the quoted speaker, whom an attribution outside it names.
        if (cq >= 0 && cq == qi && c.mention.pronoun_refers == "self") continue;
        if (Present(c.content)) {
          if (c.content.start <= q.start && q.start < c.content.end &&
              (!content || c.content.size() < content->content.size()))
            content = &c;
          continue;
        }
        const Span reach = Present(c.cue) ? c.cue : Present(c.speaker) ? c.speaker : c.match;
        if (c.direction != Candidate::Direction::kBackward && reach.end <= q.start) {
          // "The cartel, which U.S. officials say is responsible for …, has
          // left 1,200 dead": an attribution inside a relative clause that a
          // comma has closed reports that clause only.
          if (InRelativeClause(analysis.normalized.text, c.speaker) &&
              std::string_view(analysis.normalized.text).substr(reach.end, q.start - reach.end).find(',') !=
                  std::string_view::npos)
            continue;
          if (!before || c.match.end > before->match.end) before = &c;
        } else if (c.direction != Candidate::Direction::kForward && c.match.start >= q.end) {
          // A semicolon closes the claim's clause: "N were killed; a study by
          // X put the toll at M" attributes M, not N.
          const bool new_clause = std::string_view(analysis.normalized.text)
                                      .substr(q.end, c.match.start - q.end)
                                      .find(';') != std::string_view::npos;
          // "N were reported in Syria, where the U.N. said M …": the
          // relative clause's attribution covers that clause only.
          const bool relative = InRelativeClause(analysis.normalized.text, c.speaker);
          if (!new_clause && !relative && (!after || c.match.start < after->match.start)) after = &c;
        } else if (c.kind == Candidate::Kind::kSpeaker && !c.match.Overlaps(q) &&
                   !(c.direction == Candidate::Direction::kForward && c.match.start >= q.end)) {
          if (!other) other = &c;
        }
      }
      if (content) chosen = content, step = "content";
      // "… is believed to have 7,000 fighters, U.S. officials said": the
      // agentless passive is part of what the trailing attribution reports.
      else if (before && before->kind == Candidate::Kind::kBlock && after && after->kind == Candidate::Kind::kSpeaker &&
               after->direction != Candidate::Direction::kForward)
        chosen = after, step = "after the claim, whose passive it reports";
      else if (before) chosen = before, step = "before the claim";
      else if (after) chosen = after, step = "after the claim";
      else if (other) chosen = other, step = "elsewhere in the sentence";
    }
    if (!chosen && !in_quote && !in_mention && s + 1 < analysis.sentences.size()) {
      for (const Candidate& c : doc.Neighbour(s + 1, Document::Only::kFollowOn))
        if (c.lost_to.empty() && c.kind == Candidate::Kind::kFollowOn) {
          chosen = &c;
          step = "follow-on sentence";
          break;
        }
    }
    // The author's own first person, outside a quotation, asserts nothing attributable.
    bool author = chosen && chosen->mention.pronoun_refers == "self";
    if (chosen && chosen->kind != Candidate::Kind::kBlock && !author) {
      SpeakerRef speaker;
      speaker.span = chosen->speaker;
      const MentionInfo& m = chosen->mention;
      speaker.kind = m.kind;
      speaker.anonymous = m.anonymous;
      speaker.name = m.name;
      if (m.type == MentionInfo::Type::kPronoun && m.pronoun_refers == "person") {
        std::string unnamed_kind;
        speaker.name = doc.PersonBefore(s, chosen->speaker.start, &unnamed_kind);
        speaker.anonymous = !speaker.name.has_value();
        if (!unnamed_kind.empty()) speaker.kind = unnamed_kind;
      } else if (m.type == MentionInfo::Type::kPronoun && m.pronoun_refers == "thing") {
        if (const Candidate* antecedent = doc.ThingBefore(s, chosen->speaker.start)) {
          speaker.name = antecedent->mention.name;
          speaker.kind = antecedent->mention.kind;
          speaker.anonymous = false;
        }
      } else if (m.type == MentionInfo::Type::kName && m.kind == "person" && m.surname_only && m.name) {
        if (auto full = doc.Names().FullName(*m.name, chosen->speaker.start)) speaker.name = full;
      } else if (m.type == MentionInfo::Type::kDescription) {
        const bool institution = m.kind == "organization" || m.kind == "media";
        // Named right there in apposition ("the refugee agency, UNHCR,",
        // "a spokesman, John Smith"), else, for a definite description, earlier.
        const size_t at = analysis.SentenceAt(chosen->speaker.start);
        const size_t sentence_end =
            at < analysis.sentences.size() ? analysis.sentences[at].end : analysis.normalized.text.size();
        std::optional<std::string> named =
            lexicons_.NameInApposition(analysis.normalized.text, chosen->speaker.end, sentence_end, institution);
        if (!named && m.definite && institution) {
          // "the agency": the institution named as the speaker just before.
          // Not "the education ministry": a modifier makes it another body.
          const bool bare = Words(analysis.normalized.text, chosen->speaker).size() == 2;
          if (const Candidate* antecedent = bare ? doc.InstitutionBefore(s, chosen->speaker.start, m.head) : nullptr) {
            named = antecedent->mention.name;
            speaker.kind = antecedent->mention.kind;
          }
        } else if (!named && m.definite && !m.head.empty()) {
          named = doc.Names().Described(m.head, chosen->speaker.start);
        }
        if (named) {
          speaker.name = named;
          if (!institution) speaker.kind = "person";
          speaker.anonymous = false;
        }
      }
      if (const std::optional<bool>& forced = shapes_[chosen->rule_index].anonymous) speaker.anonymous = *forced;
      claim.speaker = std::move(speaker);
      if (Present(chosen->cue)) {
        CueRef cue;
        cue.span = chosen->cue;
        const std::string text(analysis.Text(chosen->cue));
        cue.lemma = shapes_[chosen->rule_index].cue_lemma;
        if (cue.lemma.empty() && cues) {
          if (const Lexicon::Entry* e = cues->Find(text)) cue.lemma = cues->Cell(*e, cues->ColumnIndex("lemma"));
        }
        if (cue.lemma.empty() && nouns) {
          // "an estimate by": the lemma of its noun.
          for (const Span& w : Words(analysis.normalized.text, chosen->cue))
            if (const Lexicon::Entry* e = nouns->Find(analysis.Text(w)))
              cue.lemma = nouns->Cell(*e, nouns->ColumnIndex("lemma"));
        }
        if (!cue.lemma.empty()) claim.cue = std::move(cue);
      }
      claim.rules.push_back(chosen->rule->id);
    }
    if (explain) {
      nlohmann::ordered_json e;
      e["rule"] = chosen ? nlohmann::ordered_json(chosen->rule->id) : nlohmann::ordered_json(nullptr);
      e["step"] = author ? "first person of the author: no speaker"
                  : chosen && chosen->kind == Candidate::Kind::kBlock ? step + " (a rule that gives no speaker)"
                                                                      : step;
      nlohmann::ordered_json passed = nlohmann::ordered_json::array();
      for (const Candidate& c : candidates) {
        if (&c == chosen) continue;
        if (!c.lost_to.empty()) passed.push_back(Describe(analysis, c, ("collided with " + c.lost_to).c_str()));
        else if (c.kind == Candidate::Kind::kFollowOn) passed.push_back(Describe(analysis, c, "covers the sentence before"));
        else if (quotes && inside_quote(c) >= 0 && inside_quote(c) != qi) passed.push_back(Describe(analysis, c, "inside another quotation"));
        else passed.push_back(Describe(analysis, c, "not the innermost attribution covering the claim"));
      }
      e["passed_over"] = std::move(passed);
      if (!claim.explain) claim.explain = nlohmann::ordered_json::object();
      (*claim.explain)["speaker"] = std::move(e);
    }
  }
  // A one-word name read as a person ("…, Chainalysis says") takes the kind
  // the document gives the same name as an institution ("analysis firm
  // Chainalysis said").
  std::map<std::string, std::string> institutions;
  for (const Claim& claim : *claims)
    if (claim.speaker && claim.speaker->name && (claim.speaker->kind == "organization" || claim.speaker->kind == "media"))
      institutions.emplace(*claim.speaker->name, claim.speaker->kind);
  if (institutions.empty()) return;
  for (Claim& claim : *claims) {
    if (!claim.speaker || claim.speaker->kind != "person" || !claim.speaker->name ||
        claim.speaker->name->find(' ') != std::string::npos)
      continue;
    auto it = institutions.find(*claim.speaker->name);
    if (it != institutions.end()) claim.speaker->kind = it->second;
  }
}

namespace {

nlohmann::ordered_json Describe(const DocumentAnalysis& analysis, const Attributor::Candidate& c, const char* why) {
  nlohmann::ordered_json j;
  j["rule"] = c.rule->id;
  j["speaker"] = Present(c.speaker) && !c.speaker.empty() ? nlohmann::ordered_json(std::string(analysis.Text(c.speaker)))
                                                           : nlohmann::ordered_json(nullptr);
  j["cue"] = Present(c.cue) ? nlohmann::ordered_json(std::string(analysis.Text(c.cue))) : nlohmann::ordered_json(nullptr);
  j["why"] = why;
  return j;
}

}  // namespace

}  // namespace claimex
