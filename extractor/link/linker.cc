#include "link/linker.h"

#include "rulebook/captures.h"

#include <algorithm>
#include <cctype>
#include <atomic>
#include <unordered_map>

namespace claimex {
namespace {

constexpr char kOrganizations[] = "link_organizations";
constexpr char kPlaces[] = "link_places";

// The text of a named group that took part in the match (or of its
// <name>_<N> alternatives), or an empty piece.
re2::StringPiece Group(const Rule& rule, const std::vector<re2::StringPiece>& groups, const std::string& name) {
  const int g = rule.group(name);
  if (g >= 0 && groups[g].data() != nullptr) return groups[g];
  for (int k = 2; k < 10; ++k) {
    const int alt = rule.group(name + "_" + std::to_string(k));
    if (alt < 0) break;
    if (groups[alt].data() != nullptr) return groups[alt];
  }
  return re2::StringPiece();
}

// Whether the text between two mentions crosses a clause boundary: a comma,
// semicolon, colon, bracket, quote or a dash standing between spaces.
bool CrossesClause(std::string_view gap) {
  if (gap.find_first_of(",;:()[]\"") != std::string_view::npos) return true;
  return gap.find(" - ") != std::string_view::npos;
}

// Whether `pattern` is one named group, at most wrapped in \b, so that the
// group is the whole match: then a match needs no submatch pass (the costly
// part of RE2 on a large alternation), and the group is the match itself.
bool GroupIsWholeMatch(const std::string& pattern, std::string* name) {
  size_t at = 0;
  while (pattern.compare(at, 2, "\\b") == 0) at += 2;
  if (pattern.compare(at, 4, "(?P<") != 0) return false;
  const size_t name_end = pattern.find('>', at);
  if (name_end == std::string::npos) return false;
  *name = pattern.substr(at + 4, name_end - at - 4);
  int depth = 0;
  size_t i = at;
  for (; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      ++i;
    } else if (c == '[') {  // a class: skip to its end (a ']' first in it is literal)
      i += pattern.compare(i + 1, 1, "^") == 0 ? 2 : 1;
      if (i < pattern.size() && pattern[i] == ']') ++i;
      while (i < pattern.size() && pattern[i] != ']') i += pattern[i] == '\\' ? 2 : 1;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      break;
    }
  }
  if (i >= pattern.size()) return false;
  for (++i; pattern.compare(i, 2, "\\b") == 0;) i += 2;
  return i == pattern.size();
}

// Whether the word before or after [start, end) of `s` is written in
// capitals (two letters or more, no lower case).
bool NeighbourInCapitals(std::string_view s, size_t start, size_t end) {
  auto capitals = [](std::string_view word) {
    int letters = 0;
    for (char c : word) {
      if (c >= 'a' && c <= 'z') return false;
      if (c >= 'A' && c <= 'Z') ++letters;
    }
    return letters >= 2;
  };
  size_t b = start;
  while (b > 0 && s[b - 1] == ' ') --b;
  size_t a = b;
  while (a > 0 && s[a - 1] != ' ') --a;
  size_t c = end;
  while (c < s.size() && s[c] == ' ') ++c;
  size_t d = c;
  while (d < s.size() && s[d] != ' ') ++d;
  return (b > a && capitals(s.substr(a, b - a))) || (d > c && capitals(s.substr(c, d - c)));
}

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '\'' ||
         (static_cast<unsigned char>(c) & 0x80);
}

}  // namespace

Linker::Linker(const Rulebook& rules) : rules_(rules) {
  static std::atomic<uint64_t> next_id{0};
  id_ = ++next_id;
  for (const auto& rule : rules.stage_rules(RuleStage::kLink)) {
    std::string name;
    whole_match_group_.push_back(GroupIsWholeMatch(rule->pattern, &name) ? name : "");
  }
  if (rules.has_lexicon(kOrganizations)) {
    organizations_ = &rules.lexicon(kOrganizations);
    org_canonical_ = organizations_->ColumnIndex("canonical");
    org_case_ = organizations_->ColumnIndex("case");
  }
  if (rules.has_lexicon(kPlaces)) {
    places_ = &rules.lexicon(kPlaces);
    place_case_ = places_->ColumnIndex("case");
  }
}

Linker::Role Linker::RoleOf(const Rule& rule) const {
  const std::string role = rule.param("role");
  if (role == "organization") return Role::kOrganization;
  if (role == "place") return Role::kPlace;
  if (role == "not") return Role::kNot;
  // Without a role, the captures say what the rule finds.
  if (rule.group("subject") >= 0) return Role::kOrganization;
  if (rule.group("place") >= 0) return Role::kPlace;
  return Role::kUnknown;
}

std::optional<std::string> Linker::Canonical(std::string_view alias, bool among_capitals) const {
  if (!organizations_) return std::string();
  const Lexicon::Entry* entry = organizations_->Find(alias);
  if (!entry) return std::string();  // a rule's own alias: linked without a canonical name
  // An exact-case alias must be written as listed, and not in a line set in
  // capitals, where `IS` is just `is` (`WHY IS IT 5,000?`).
  if (organizations_->Cell(*entry, org_case_) == "exact" && (alias != entry->cells[0] || among_capitals))
    return std::nullopt;
  return organizations_->Cell(*entry, org_canonical_);
}

bool Linker::PlaceCaseMatches(std::string_view name) const {
  if (!places_ || place_case_ < 0) return true;
  // The name may carry a direction word (`northern Syria`): try it whole,
  // then without its first word.
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (const Lexicon::Entry* entry = places_->Find(name))
      return places_->Cell(*entry, place_case_) != "exact" || name == entry->cells[0];
    const size_t space = name.find(' ');
    if (space == std::string_view::npos) break;
    name.remove_prefix(space + 1);
  }
  return true;
}

// The groups of a match are read in a second pass over the match
// (ReadCaptures), which on a rule holding a large lexicon alternation costs
// more than the match itself. Matches repeat (`in Iraq`, `in Syria` across a
// corpus), so each thread remembers the groups of the matches it has seen, by
// rule, text and the characters around it (which \b may look at).
void Linker::FillGroups(const Rule& rule, size_t rule_index, const re2::StringPiece& text, size_t start, size_t end,
                        std::vector<re2::StringPiece>* groups) const {
  struct Cache {
    uint64_t owner = 0;  // Linker::id_
    std::unordered_map<std::string, std::vector<std::pair<int, int>>> groups;  // (offset from start, size); -1 = absent
  };
  thread_local Cache cache;
  if (cache.owner != id_ || cache.groups.size() > 4096) {
    cache.groups.clear();
    cache.owner = id_;
  }
  std::string key;
  key.reserve(end - start + 16);
  key.append(std::to_string(rule_index)).push_back('\0');
  key.push_back(start > 0 ? text[start - 1] : '\0');
  key.push_back(end < text.size() ? text[end] : '\0');
  key.append(text.data() + start, end - start);
  auto it = cache.groups.find(key);
  if (it == cache.groups.end()) {
    if (!ReadCaptures(rule, text, start, end, groups->data(), static_cast<int>(groups->size()))) {
      return;  // cannot happen: the same match, anchored
    }
    std::vector<std::pair<int, int>> found;
    for (const re2::StringPiece& g : *groups)
      found.emplace_back(g.data() ? static_cast<int>(g.data() - (text.data() + start)) : -1, static_cast<int>(g.size()));
    it = cache.groups.emplace(std::move(key), std::move(found)).first;
  }
  for (size_t g = 0; g < groups->size() && g < it->second.size(); ++g) {
    const auto [offset, size] = it->second[g];
    (*groups)[g] = offset < 0 ? re2::StringPiece() : re2::StringPiece(text.data() + start + offset, size);
  }
}

std::vector<LinkMention> Linker::FindMentions(std::string_view text, Span sentence,
                                              std::vector<std::string>* vetoes_fired) const {
  std::vector<LinkMention> mentions;
  if (sentence.empty()) return mentions;
  const std::string_view s = text.substr(sentence.start, sentence.size());
  const re2::StringPiece piece(s.data(), s.size());
  std::vector<int> hits;
  if (!rules_.StageCandidates(RuleStage::kLink, s, &hits) || hits.empty()) return mentions;
  const auto& stage_rules = rules_.stage_rules(RuleStage::kLink);
  auto span_of = [&](const re2::StringPiece& p) {
    const size_t start = sentence.start + static_cast<size_t>(p.data() - s.data());
    return Span{start, start + p.size()};
  };
  // What a `not` rule vetoes: the text of its group, and its whole match.
  struct Veto {
    Span text;
    Span match;
  };
  std::vector<Veto> org_vetoes, place_vetoes;
  std::vector<re2::StringPiece> groups;
  for (int index : hits) {
    const Rule& rule = *stage_rules[index];
    const Role role = RoleOf(rule);
    if (role == Role::kUnknown) continue;
    const std::string& whole = whole_match_group_[index];
    const int n = 1 + rule.group_count;
    groups.assign(n, re2::StringPiece());
    // The match alone first (RE2's DFA, cheap), then its groups.
    ForEachMatch(rule.regex(), piece, [&](size_t start, size_t end, size_t) {
      groups[0] = piece.substr(start, end - start);
      if (!whole.empty()) groups[rule.group(whole)] = groups[0];
      else if (n > 1) FillGroups(rule, index, piece, start, end, &groups);
      if (role == Role::kNot) {
        const re2::StringPiece subject = Group(rule, groups, "subject");
        const re2::StringPiece place = Group(rule, groups, "place");
        const Span match = span_of(groups[0]);
        if (subject.data()) org_vetoes.push_back({span_of(subject), match});
        if (place.data()) place_vetoes.push_back({span_of(place), match});
        if (!subject.data() && !place.data()) org_vetoes.push_back({match, match});
        if (vetoes_fired) vetoes_fired->push_back(rule.id);
        return;
      }
      LinkMention m;
      m.rule = &rule;
      m.priority = rule.priority;
      if (role == Role::kOrganization) {
        re2::StringPiece alias = Group(rule, groups, "subject");
        if (!alias.data()) alias = groups[0];
        const size_t alias_start = static_cast<size_t>(alias.data() - s.data());
        std::optional<std::string> canonical = Canonical(
            std::string_view(alias.data(), alias.size()),
            NeighbourInCapitals(s, alias_start, alias_start + alias.size()));
        if (!canonical) return;  // `is` is not `IS`
        m.role = LinkMention::kOrganization;
        m.canonical = std::move(*canonical);
        m.span = span_of(alias);
      } else {
        const re2::StringPiece name = Group(rule, groups, "place");
        if (name.data() && !PlaceCaseMatches(std::string_view(name.data(), name.size()))) return;
        re2::StringPiece shown = Group(rule, groups, "span");
        if (!shown.data()) shown = name.data() ? name : groups[0];
        // A comma item right before a lower-case word modifies that word
        // ("in Somalia, U.S. officials said"): the list ends at the comma,
        // unless a conjunction after it closes the list.
        const size_t shown_end = static_cast<size_t>(shown.data() + shown.size() - s.data());
        if (shown_end + 1 < s.size() && s[shown_end] == ' ' && std::islower(static_cast<unsigned char>(s[shown_end + 1]))) {
          const std::string_view list(shown.data(), shown.size());
          const size_t comma = list.rfind(',');
          const std::string_view last = comma == std::string_view::npos ? std::string_view() : list.substr(comma);
          if (comma != std::string_view::npos && last.find(" and ") == std::string_view::npos &&
              last.find(" or ") == std::string_view::npos)
            shown = re2::StringPiece(shown.data(), comma);
        }
        m.role = LinkMention::kPlace;
        m.span = span_of(shown);
      }
      mentions.push_back(std::move(m));
    });
  }
  // Vetoes, then overlaps: a place inside an organization's name is part of
  // the name; of two overlapping mentions of one role the longer (then the
  // higher priority) stays. A veto takes every mention its text overlaps,
  // so a `not` rule can name one word of it ("anti-Islamic State"), except a
  // name that holds the whole phrase ("US-led coalition").
  auto vetoed = [](const std::vector<Veto>& vetoes, const Span& span) {
    for (const Veto& v : vetoes)
      if (v.text.Overlaps(span) && !span.Contains(v.match)) return true;
    return false;
  };
  std::vector<LinkMention> kept;
  for (const LinkMention& m : mentions) {
    if (vetoed(m.role == LinkMention::kOrganization ? org_vetoes : place_vetoes, m.span)) continue;
    bool drop = false;
    for (const LinkMention& o : mentions) {
      if (&o == &m || !o.span.Overlaps(m.span)) continue;
      if (o.role != m.role) {
        drop = m.role == LinkMention::kPlace && !vetoed(org_vetoes, o.span);
      } else {
        const auto rank = [](const LinkMention& x) { return std::make_pair(x.span.size(), x.priority); };
        drop = rank(o) > rank(m) || (rank(o) == rank(m) && &o < &m);
      }
      if (drop) break;
    }
    if (!drop) kept.push_back(m);
  }
  std::sort(kept.begin(), kept.end(), [](const LinkMention& a, const LinkMention& b) {
    return a.span.start != b.span.start ? a.span.start < b.span.start : a.span.end < b.span.end;
  });
  return kept;
}

// Whether the words between a quantity and an organization keep the
// organization inside the counted noun phrase: `ISIS fighters` (nothing),
// `Two senior Isis leaders`, `19 members of the Iraqi security forces` — at
// most four words, none of them a word that ends the noun phrase
// (lexicon noun_phrase_stops) other than `of`, `the`, `a`, `an`.
bool Linker::InNounPhrase(std::string_view gap) const {
  int words = 0;
  size_t i = 0;
  while (i < gap.size()) {
    if (gap[i] == ' ') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < gap.size() && gap[j] != ' ') {
      if (!IsWordChar(gap[j])) return false;
      ++j;
    }
    const std::string word(gap.substr(i, j - i));
    if (++words > 4) return false;
    const std::string lower = Lexicon::LookupForm(word);
    if (lower != "of" && lower != "the" && lower != "a" && lower != "an" && rules_.has_lexicon("noun_phrase_stops") &&
        rules_.lexicon("noun_phrase_stops").Find(lower))
      return false;
    i = j;
  }
  return true;
}

void Linker::LinkClaim(std::string_view text, const std::vector<LinkMention>& mentions,
                       const std::vector<Span>& sentence_quantities, bool explain, Claim* claim) const {
  const Span q = claim->normalized_quantity;
  // The attribution (its speaker, an apposition after it, up to its cue)
  // names who asserts the quantity, not what it counts.
  Span attribution;
  const Span* speaker = nullptr;
  if (claim->speaker) {
    attribution = claim->speaker->span;
    if (claim->cue && claim->cue->span.start > attribution.end) attribution.end = claim->cue->span.start;
    speaker = &attribution;
  }
  if (claim->cue && claim->cue->span.start >= q.end) {
    // An attribution after the quantity runs on to the next comma, quantity
    // or the sentence's end: in "…, the minister told reporters in Abuja",
    // Abuja is where he spoke, not where the quantity holds.
    const Span cue = claim->cue->span;
    size_t end = claim->normalized_sentence.end;
    const size_t comma = text.substr(0, end).find_first_of(",;", cue.end);
    if (comma != std::string_view::npos) end = comma;
    for (const Span& other : sentence_quantities)
      if (other.start >= cue.end) end = std::min(end, other.start);
    attribution.start = speaker ? std::min(attribution.start, cue.start) : cue.start;
    attribution.end = std::max({attribution.end, cue.end, end});
    speaker = &attribution;
  }
  auto usable = [&](const LinkMention& m) {
    return !m.span.Overlaps(q) && !(speaker && speaker->Overlaps(m.span));
  };
  auto gap = [&](size_t from, size_t to) { return text.substr(from, to - from); };

  // Subject: inside the noun phrase, else before, else after in the clause.
  const LinkMention* subject = nullptr;
  const char* subject_how = "";
  for (const LinkMention& m : mentions) {
    if (m.role != LinkMention::kOrganization || !usable(m) || m.span.start < q.end) continue;
    if (InNounPhrase(gap(q.end, m.span.start))) subject = &m, subject_how = "in the counted noun phrase";
    break;
  }
  if (!subject)
    for (const LinkMention& m : mentions)
      if (m.role == LinkMention::kOrganization && usable(m) && m.span.end <= q.start)
        subject = &m, subject_how = "before the quantity";
  if (!subject)
    for (const LinkMention& m : mentions)
      if (m.role == LinkMention::kOrganization && usable(m) && m.span.start >= q.end) {
        if (!CrossesClause(gap(q.end, m.span.start))) subject = &m, subject_how = "after the quantity, same clause";
        break;
      }

  // Place: after in the clause (priority, then nearest), else before, else after.
  const LinkMention* place = nullptr;
  const char* place_how = "";
  for (const LinkMention& m : mentions) {
    if (m.role != LinkMention::kPlace || !usable(m) || m.span.start < q.end) continue;
    if (CrossesClause(gap(q.end, m.span.start))) break;
    if (!place || m.priority > place->priority) place = &m, place_how = "after the quantity, same clause";
  }
  if (!place)
    for (const LinkMention& m : mentions)
      if (m.role == LinkMention::kPlace && usable(m) && m.span.end <= q.start) place = &m, place_how = "before the quantity";
  // Past a clause boundary, a place belongs to the quantity nearest to it:
  // in `1,000 to 1,500, the actual number in Iraq and Syria is closer to
  // 10,000`, Iraq and Syria is the second quantity's.
  auto nearer_to_another = [&](const LinkMention& m) {
    const size_t mine = m.span.start - q.end;
    for (const Span& other : sentence_quantities) {
      if (other == q) continue;
      const size_t theirs = other.start >= m.span.end ? other.start - m.span.end
                            : m.span.start >= other.end ? m.span.start - other.end
                                                        : 0;
      if (theirs < mine) return true;
    }
    return false;
  };
  if (!place)
    for (const LinkMention& m : mentions)
      if (m.role == LinkMention::kPlace && usable(m) && m.span.start >= q.end) {
        if (!nearer_to_another(m)) place = &m, place_how = "after the quantity";
        break;
      }

  if (subject) {
    SubjectRef ref;
    ref.span = subject->span;
    if (!subject->canonical.empty()) ref.canonical = subject->canonical;
    claim->subject = std::move(ref);
    claim->rules.push_back(subject->rule->id);
  }
  if (place) {
    PlaceRef ref;
    ref.span = place->span;
    claim->place = std::move(ref);
    claim->rules.push_back(place->rule->id);
  }
  if (explain && claim->explain) {
    nlohmann::ordered_json e = nlohmann::ordered_json::object();
    nlohmann::ordered_json found = nlohmann::ordered_json::array();
    for (const LinkMention& m : mentions)
      found.push_back({{"text", std::string(gap(m.span.start, m.span.end))},
                       {"role", m.role == LinkMention::kOrganization ? "organization" : "place"},
                       {"rule", m.rule->id}});
    e["mentions"] = std::move(found);
    e["subject"] = subject ? nlohmann::ordered_json(subject_how) : nlohmann::ordered_json(nullptr);
    e["place"] = place ? nlohmann::ordered_json(place_how) : nlohmann::ordered_json(nullptr);
    (*claim->explain)["link"] = std::move(e);
  }
}

void Linker::Link(const DocumentAnalysis& analysis, bool explain, std::vector<Claim>* claims) const {
  if (rules_.stage_rules(RuleStage::kLink).empty()) return;
  const std::string& text = analysis.normalized.text;
  // Claims come in text order, so the claims of one sentence are adjacent:
  // its mentions are found once.
  size_t cached_sentence = static_cast<size_t>(-1);
  std::vector<LinkMention> mentions;
  std::vector<Span> quantities;  // of the claims in the sentence
  for (size_t i = 0; i < claims->size(); ++i) {
    Claim& claim = (*claims)[i];
    if (claim.sentence_index != cached_sentence) {
      cached_sentence = claim.sentence_index;
      mentions = FindMentions(text, claim.normalized_sentence);
      quantities.clear();
      for (size_t k = i; k < claims->size() && (*claims)[k].sentence_index == cached_sentence; ++k)
        quantities.push_back((*claims)[k].normalized_quantity);
    }
    if (!mentions.empty()) LinkClaim(text, mentions, quantities, explain, &claim);
  }
}

}  // namespace claimex
