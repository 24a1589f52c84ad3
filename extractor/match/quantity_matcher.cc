#include "match/quantity_matcher.h"

#include "base/ascii.h"
#include "rulebook/captures.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace claimex {

struct QuantityMatcher::Candidate {
  const Rule* rule;
  size_t rule_index;
  Span match;  // the whole rule match: conflicts are settled on it
  Span span;   // the claim text, or the union of both claims for a split: vetoes apply to it
  std::vector<QuantityMention> mentions;  // empty until the captures are read and interpreted
};

namespace {

// Whether a match of `rule` needs its captures before conflicts are settled:
// only when its claim text (`span`, or a split's two amounts) can differ from
// the whole match, since vetoes apply to that text. Reading captures is the
// costly part of matching (RE2 runs its NFA over the match), and most matches
// lose to a longer or vetoing one, so the others are read only once chosen.
bool NeedsCapturesToSettle(const Rule& rule) {
  return rule.has(kCapSpan) || rule.split;
}

// The text of capture `c`: its first group (`c`, `c_2`, …) that took part in
// the match; null data when none did.
re2::StringPiece CaptureOf(const Rule& rule, Capture c, const re2::StringPiece* groups) {
  if (!rule.has(c)) return re2::StringPiece();
  for (size_t k = 0; k <= rule.alternative_groups[c].size(); ++k) {
    const re2::StringPiece& g = groups[k == 0 ? rule.capture_group[c] : rule.alternative_groups[c][k - 1]];
    if (g.data() != nullptr) return g;
  }
  return re2::StringPiece();
}

}  // namespace

QuantityMatcher::QuantityMatcher(const Rulebook& rules)
    : rules_(rules),
      numbers_(rules.lexicon("number_words"), rules.lexicon("multipliers")),
      units_(rules),
      qualifier_relation_{rules.lexicon("qualifiers"), rules.lexicon("qualifiers").ColumnIndex("relation")},
      qualifier_approx_{rules.lexicon("qualifiers"), rules.lexicon("qualifiers").ColumnIndex("approx")},
      currency_code_{rules.lexicon("currencies"), rules.lexicon("currencies").ColumnIndex("code")},
      vague_low_{rules.lexicon("vague_magnitudes"), rules.lexicon("vague_magnitudes").ColumnIndex("low")},
      fraction_value_{rules.lexicon("fractions"), rules.lexicon("fractions").ColumnIndex("value")},
      qualifier_verbs_(rules.lexicon("qualifier_verbs")) {}

namespace {

double Round4(double v) { return std::round(v * 10000.0) / 10000.0; }

bool IsUpper(Relation r) { return r == Relation::kLt || r == Relation::kLe; }
bool IsLower(Relation r) { return r == Relation::kGt || r == Relation::kGe; }

// "25 to 35,000" means 25,000 to 35,000: a bare low end takes the high end's
// scale when that lands it just below the high end.
double ExpandEllipticalLow(const ParsedNumber& low, const ParsedNumber& high) {
  if (low.has_separator || low.multiplier != 1 || low.value >= 1000) return low.value;
  const double scale = high.multiplier != 1 ? high.multiplier : high.trailing_group;
  if (scale <= 1) return low.value;
  const double expanded = low.value * scale;
  if (expanded <= high.value && expanded * 10 > high.value) return expanded;
  return low.value;
}

// Where a percentage's text ends when a percent sign or word (fragment
// percent_sign) follows its number at `end` ("47%", "36 per cent"); `end`
// otherwise.
size_t PastPercentSign(std::string_view s, size_t end, const RE2& percent_sign) {
  re2::StringPiece sign;
  if (!percent_sign.Match(re2::StringPiece(s.data(), s.size()), end, s.size(), RE2::ANCHOR_START, &sign, 1))
    return end;
  return static_cast<size_t>(sign.data() + sign.size() - s.data());
}

// A rule's scale ("84 cents" → 0.84), rounded to a millionth so that the
// product prints as written (84 × 0.01 is 0.8400000000000001 in binary).
void ApplyScale(const Rule& rule, QuantityMention* m) {
  if (rule.scale == 1) return;
  auto scaled = [&](double v) { return std::round(v * rule.scale * 1e6) / 1e6; };
  if (m->low) m->low = scaled(*m->low);
  if (m->high) m->high = scaled(*m->high);
}

}  // namespace

void QuantityMatcher::ApplyQualifier(std::string_view phrase, QuantityMention* m) const {
  const Lexicon::Entry* e = qualifier_relation_.lexicon.Find(phrase);
  if (!e) return;
  Relation r = *ParseRelation(qualifier_relation_.Of(*e));
  m->approx = m->approx || qualifier_approx_.Of(*e) == "yes";
  // A qualifier on a range keeps the range and only sets approx (CLAIMS.md
  // "Values": "about 4,000-6,000").
  if (r == Relation::kRange || m->relation == Relation::kRange) return;
  const double v = m->low ? *m->low : *m->high;
  m->relation = r;
  m->low = IsUpper(r) ? std::nullopt : std::optional<double>(v);
  m->high = IsLower(r) ? std::nullopt : std::optional<double>(v);
}

bool QuantityMatcher::QualifierIsVerbParticle(std::string_view text, std::string_view qualifier) const {
  size_t end = static_cast<size_t>(qualifier.data() - text.data());
  while (end > 0 && text[end - 1] == ' ') --end;
  size_t start = end;
  while (start > 0 && std::isalpha(static_cast<unsigned char>(text[start - 1]))) --start;
  if (start == end) return false;
  const size_t qualifier_end = static_cast<size_t>(qualifier.data() - text.data()) + qualifier.size();
  return qualifier_verbs_.Find(text.substr(start, qualifier_end - start)) != nullptr;
}

bool QuantityMatcher::Interpret(const Rule& rule, std::string_view s, const re2::StringPiece* groups,
                                std::vector<QuantityMention>* out, std::string* why) const {
  auto cap = [&](Capture c) -> std::optional<std::string_view> {
    const re2::StringPiece g = CaptureOf(rule, c, groups);
    if (g.data() == nullptr) return std::nullopt;
    return std::string_view(g.data(), g.size());
  };
  auto span_of = [&](std::string_view v) {
    size_t start = static_cast<size_t>(v.data() - s.data());
    return Span{start, start + v.size()};
  };
  auto number = [&](std::string_view v) -> std::optional<ParsedNumber> {
    auto n = numbers_.Parse(v);
    if (!n) *why = "cannot read '" + std::string(v) + "' as a number";
    return n;
  };
  const std::string_view whole(groups[0].data(), groups[0].size());

  QuantityMention m;
  m.rule = &rule;
  m.kind = rule.kind;
  m.span = span_of(cap(kCapSpan).value_or(whole));
  m.match_end = span_of(whole).end;
  m.number_start = m.span.start;
  if (auto number_text = cap(kCapValue)) m.number_start = std::max(m.number_start, span_of(*number_text).start);
  if (rule.unit_source == UnitSource::kFixed) {
    m.unit = rule.fixed_unit;
    m.unit_how = "rule";
  }
  if (auto currency = cap(kCapCurrency)) {
    // A currency written in letters starts a word: not the "rs" of "numbers 2,000".
    const auto is_word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    if (!currency->empty() && is_word_char(currency->front()) && currency->data() > s.data() &&
        is_word_char(currency->data()[-1])) {
      *why = "the currency '" + std::string(*currency) + "' continues the word before it";
      return false;
    }
    if (const Lexicon::Entry* e = currency_code_.lexicon.Find(*currency)) {
      if (rule.unit_source == UnitSource::kCurrency) {
        m.unit = currency_code_.Of(*e);
        m.unit_how = "currency";
      }
    } else {
      *why = "unknown currency '" + std::string(*currency) + "'";
      return false;
    }
  }

  if (auto low_text = cap(kCapLow)) {
    auto low = number(*low_text);
    auto high = number(*cap(kCapHigh));
    if (!low || !high) return false;
    double lo = ExpandEllipticalLow(*low, *high), hi = high->value;
    // A change "from X to Y" (a split rule) is two exact claims, and so is a
    // pair of shares written high first, a poll's "47% to 36%": a range of
    // percentages is written low to high.
    if (rule.split || (rule.kind == QuantityKind::kPercent && lo > hi)) {
      // Each amount's text takes the currency written before it ("$2.81").
      const std::optional<std::string_view> currency = cap(kCapCurrency);
      auto with_currency = [&](Span span) {
        if (!currency || currency->empty()) return span;
        size_t k = span.start;
        if (k > 0 && s[k - 1] == ' ') --k;
        if (k >= currency->size() && s.substr(k - currency->size(), currency->size()) == *currency)
          span.start = k - currency->size();
        return span;
      };
      for (auto [v, text] : {std::make_pair(lo, *low_text), std::make_pair(hi, *cap(kCapHigh))}) {
        QuantityMention part = m;
        part.span = with_currency(span_of(text));
        if (rule.kind == QuantityKind::kPercent) part.span.end = PastPercentSign(s, part.span.end, rules_.percent_sign());
        part.number_start = part.span.start;
        part.low = part.high = v;
        part.relation = Relation::kEq;
        if (rule.approx) part.approx = *rule.approx;
        ApplyScale(rule, &part);
        out->push_back(part);
      }
      return true;
    }
    // "Rs 7,08,300 crore - 31.54 per cent" (a dash folded from an em dash)
    // is two amounts: no range ends a hundred times below where it starts.
    if (lo > hi * 100) {
      *why = "the second number is far below the first: two amounts, not a range";
      return false;
    }
    if (lo > hi) std::swap(lo, hi);
    m.low = lo;
    m.high = hi;
    m.relation = Relation::kRange;
    if (auto q = cap(kCapQualifier)) ApplyQualifier(*q, &m);
  } else if (auto value2_text = cap(kCapValue2)) {
    // Two bounds on one quantity: "less than 5,000 and perhaps as low as 2,000".
    QuantityMention a = m, b = m;
    auto v1 = number(cap(kCapValue).value_or(""));
    auto v2 = number(*value2_text);
    if (!v1 || !v2) return false;
    a.low = a.high = v1->value;
    b.low = b.high = v2->value;
    if (auto q = cap(kCapQualifier)) ApplyQualifier(*q, &a);
    if (auto q = cap(kCapQualifier2)) ApplyQualifier(*q, &b);
    m.approx = a.approx || b.approx;
    m.relation = Relation::kRange;
    if (IsUpper(a.relation) && IsLower(b.relation)) {
      m.low = b.low;
      m.high = a.high;
    } else if (IsLower(a.relation) && IsUpper(b.relation)) {
      m.low = a.low;
      m.high = b.high;
    } else {
      m.low = std::min(v1->value, v2->value);
      m.high = std::max(v1->value, v2->value);
    }
    if (*m.low > *m.high) std::swap(m.low, m.high);  // contradictory bounds: keep low <= high
  } else if (auto vague = cap(kCapVague)) {
    const Lexicon::Entry* e = vague_low_.lexicon.Find(*vague);
    if (!e) {
      *why = "'" + std::string(*vague) + "' is not in lexicon vague_magnitudes";
      return false;
    }
    m.low = std::strtod(vague_low_.Of(*e).c_str(), nullptr);
    m.relation = Relation::kGe;
    m.approx = true;
  } else if (auto fraction = cap(kCapFraction)) {
    const Lexicon::Entry* e = fraction_value_.lexicon.Find(*fraction);
    if (!e) {
      *why = "'" + std::string(*fraction) + "' is not in lexicon fractions";
      return false;
    }
    m.low = m.high = Round4(std::strtod(fraction_value_.Of(*e).c_str(), nullptr));
    // A share of a round number is a count: "half a million" = 0.5 × 1,000,000.
    if (auto of_text = cap(kCapValue)) {
      auto of = number(*of_text);
      if (!of) return false;
      m.low = m.high = *m.low * of->value;
    }
    if (auto q = cap(kCapQualifier)) ApplyQualifier(*q, &m);
  } else if (auto numerator = cap(kCapNumerator)) {
    auto num = number(*numerator);
    auto den = number(cap(kCapDenominator).value_or(""));
    if (!num || !den) return false;
    // "one in three" is a share; "12 in six boxes" is not.
    if (den->value == 0 || num->value > den->value) {
      *why = "numerator is not a share of the denominator";
      return false;
    }
    m.low = m.high = Round4(num->value / den->value);
    if (auto q = cap(kCapQualifier)) ApplyQualifier(*q, &m);
  } else {
    auto v = number(cap(kCapValue).value_or(""));
    if (!v) return false;
    m.low = m.high = m.kind == QuantityKind::kRatio ? Round4(v->value) : v->value;
    if (auto q = cap(kCapQualifier)) {
      // "moved up to 186,000": the level reached; the text starts at the number.
      if (QualifierIsVerbParticle(s, *q)) {
        if (m.span.start == span_of(*q).start) m.span.start = m.number_start;
      } else {
        ApplyQualifier(*q, &m);
      }
    }
    if (auto q = cap(kCapQualifierAfter)) ApplyQualifier(*q, &m);
  }
  if (rule.relation && *rule.relation != m.relation) {
    const double v = m.low ? *m.low : *m.high;
    m.relation = *rule.relation;
    if (IsUpper(m.relation)) m.low.reset(), m.high = v;
    if (IsLower(m.relation)) m.high.reset(), m.low = v;
  }
  if (rule.approx) m.approx = *rule.approx;
  ApplyScale(rule, &m);
  out->push_back(m);
  return true;
}

SentenceMatches QuantityMatcher::Match(std::string_view text, Span sentence, bool want_trace) const {
  SentenceMatches result;
  const std::string_view s = text.substr(sentence.start, sentence.size());
  std::vector<int> hits;
  rules_.candidates().Match(re2::StringPiece(s.data(), s.size()), &hits);
  std::sort(hits.begin(), hits.end());  // RE2::Set does not sort

  std::vector<Candidate> candidates;
  std::vector<std::pair<Span, const Rule*>> vetoes;
  std::vector<re2::StringPiece> groups;
  const re2::StringPiece piece(s.data(), s.size());
  // Fills c->mentions from `groups`; Interpret adds nothing when it fails.
  auto read = [&](Candidate* c, std::string* why) { return Interpret(*c->rule, s, groups.data(), &c->mentions, why); };
  for (int index : hits) {
    const Rule& rule = *rules_.rules()[index];
    const int n = 1 + rule.group_count;
    const bool exclusion = rule.stage == RuleStage::kExclusion;
    // Captures now, or (for most quantity rules) only once the match is chosen.
    const int n_now = want_trace || (exclusion ? rule.has(kCapSpan) : NeedsCapturesToSettle(rule)) ? n : 1;
    groups.assign(n, re2::StringPiece());
    ForEachMatch(rule.regex(), piece, [&](size_t start, size_t end, size_t) {
      if (n_now > 1 && !ReadCaptures(rule, piece, start, end, groups.data(), n)) return;
      if (exclusion) {
        Span veto{start, end};
        if (const re2::StringPiece sp = CaptureOf(rule, kCapSpan, groups.data()); sp.data() != nullptr) {
          veto.start = static_cast<size_t>(sp.data() - s.data());
          veto.end = veto.start + sp.size();
        }
        vetoes.push_back({veto, &rule});
        if (want_trace) result.trace.push_back({rule.id, veto, "excludes this text"});
        return;
      }
      Candidate c{&rule, static_cast<size_t>(index), Span{start, end}, Span{start, end}, {}};
      if (n_now == n) {
        std::string why;
        if (!read(&c, &why)) {
          if (want_trace) result.trace.push_back({rule.id, Span{start, end}, "not read: " + why});
          return;
        }
        c.span = c.mentions.front().span;
        for (const QuantityMention& m : c.mentions) {
          c.span.start = std::min(c.span.start, m.span.start);
          c.span.end = std::max(c.span.end, m.span.end);
        }
      }
      candidates.push_back(std::move(c));
    });
  }

  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.match.start != b.match.start) return a.match.start < b.match.start;
    if (a.match.size() != b.match.size()) return a.match.size() > b.match.size();
    if (a.rule->priority != b.rule->priority) return a.rule->priority > b.rule->priority;
    return a.rule_index < b.rule_index;
  });
  std::vector<const Candidate*> chosen;
  for (Candidate& c : candidates) {
    std::string outcome = "chosen";
    for (const auto& [veto, by] : vetoes)
      if (veto.Overlaps(c.span)) {
        outcome = "vetoed by " + by->id;
        break;
      }
    if (outcome == "chosen")
      for (const Candidate* k : chosen)
        if (k->match.Overlaps(c.match)) {
          outcome = "overlapped by " + k->rule->id;
          break;
        }
    if (outcome == "chosen" && c.mentions.empty()) {
      // A match that cannot be read is no candidate: as if it never matched.
      const Rule& rule = *c.rule;
      const int n = 1 + rule.group_count;
      groups.assign(n, re2::StringPiece());
      std::string why;
      if (!ReadCaptures(rule, piece, c.match.start, c.match.end, groups.data(), n) || !read(&c, &why))
        continue;
    }
    if (outcome == "chosen") chosen.push_back(&c);
    if (want_trace) result.trace.push_back({c.rule->id, c.span, outcome});
  }
  for (const Candidate* c : chosen)
    for (const QuantityMention& m : c->mentions) result.quantities.push_back(m);
  std::stable_sort(result.quantities.begin(), result.quantities.end(),
                   [](const QuantityMention& a, const QuantityMention& b) { return a.span.start < b.span.start; });

  // Back to document offsets.
  for (QuantityMention& m : result.quantities) {
    m.span.start += sentence.start;
    m.span.end += sentence.start;
    m.match_end += sentence.start;
    m.number_start += sentence.start;
  }
  for (MatchTrace& t : result.trace) {
    t.span.start += sentence.start;
    t.span.end += sentence.start;
  }
  std::stable_sort(result.trace.begin(), result.trace.end(),
                   [](const MatchTrace& a, const MatchTrace& b) { return a.span.start < b.span.start; });
  FindUnits(text, sentence, &result.quantities);
  return result;
}

void QuantityMatcher::FindUnits(std::string_view text, Span sentence, std::vector<QuantityMention>* mentions) const {
  const std::string_view upto_end = text.substr(0, sentence.end);
  for (size_t i = 0; i < mentions->size(); ++i) {
    QuantityMention& m = (*mentions)[i];
    if (m.rule->unit_source != UnitSource::kNoun || m.unit) continue;
    if ((m.unit = units_.HeadAfter(upto_end, m.match_end))) {
      m.unit_how = "noun";
      continue;
    }
    // "37 of the 120 seats": the noun after a partitive.
    {
      re2::StringPiece partitive;
      const re2::StringPiece after(upto_end.data() + m.match_end, upto_end.size() - m.match_end);
      if (rules_.unit_partitive_after().Match(after, 0, after.size(), RE2::ANCHOR_START, &partitive, 1) &&
          (m.unit = units_.HeadAfter(upto_end, m.match_end + partitive.size()))) {
        m.unit_how = "partitive after";
        continue;
      }
    }
    // A noun shared across a list: "566 attacks … and 1,669"; also across
    // the change between a figure and its base: "5,402 burglaries, up 12%
    // from 4,823".
    if (i > 0) {
      size_t from = i - 1;
      if (from > 0 && (*mentions)[from].kind == QuantityKind::kPercent && m.kind != QuantityKind::kPercent) --from;
      const QuantityMention& prev = (*mentions)[from];
      if (prev.unit && prev.kind == m.kind && prev.match_end <= m.span.start) {
        const std::string_view gap = text.substr(prev.match_end, m.span.start - prev.match_end);
        if (RE2::FullMatch(re2::StringPiece(gap.data(), gap.size()), rules_.unit_carry_gap())) {
          m.unit = prev.unit;
          m.unit_how = "carried from the previous quantity";
          continue;
        }
      }
    }
    // "about 13,000 and 12,000 cases": the noun after the next number, when
    // only "and", "or" or "to" stands between them.
    if (i + 1 < mentions->size()) {
      const QuantityMention& next = (*mentions)[i + 1];
      if (next.kind == m.kind && next.rule->unit_source == UnitSource::kNoun && next.span.start >= m.match_end &&
          IsOneOf(Trimmed(text.substr(m.match_end, next.span.start - m.match_end)), {"and", "or", "to"}) &&
          (m.unit = units_.HeadAfter(upto_end, next.match_end))) {
        m.unit_how = "the noun after the next quantity";
        continue;
      }
    }
    // "the number of active terrorists … may have dropped below 3,000", "the
    // death toll rose to 95", "its fighters number about 5,000": the last
    // such phrase before the number.
    if ((m.unit = PartitiveUnitBefore(upto_end, Span{sentence.start, m.span.start}))) {
      m.unit_how = "partitive";
      continue;
    }
    // A verb read as the number's qualifier can close the phrase too:
    // "Arrivals have surpassed 61,000".
    if (m.number_start > m.span.start &&
        (m.unit = PartitiveUnitBefore(upto_end, Span{sentence.start, m.number_start})))
      m.unit_how = "partitive";
  }
}

// `text` ends with the sentence; `before_number` is the sentence up to the number.
std::optional<std::string> QuantityMatcher::PartitiveUnitBefore(std::string_view text, Span before_number) const {
  const RE2& partitive = rules_.unit_partitive();
  const Rulebook::PartitiveGroups& named = rules_.unit_partitive_groups();
  const re2::StringPiece before(text.data() + before_number.start, before_number.size());
  const int wanted = 1 + named.max;
  std::vector<re2::StringPiece> groups(wanted), last(wanted);
  size_t pos = 0;
  while (pos < before.size() &&
         partitive.Match(before, pos, before.size(), RE2::UNANCHORED, groups.data(), wanted)) {
    last = groups;
    pos = static_cast<size_t>(groups[0].data() - before.data()) + std::max<size_t>(groups[0].size(), 1);
  }
  if (!last[0].data()) return std::nullopt;
  auto offset = [&](const re2::StringPiece& piece) { return static_cast<size_t>(piece.data() - text.data()); };
  // The word the rule names as the unit itself ("death toll" → death).
  for (int g : named.unit)
    if (last[g].data()) {
      const std::string word = AsciiLower(std::string_view(last[g].data(), last[g].size()));
      return units_.Singular(word).value_or(word);
    }
  // A plural noun the rule points at ("contractors number 1,000").
  for (int g : named.noun)
    if (last[g].data()) return units_.HeadAfter(text.substr(0, offset(last[g]) + last[g].size()), offset(last[g]));
  return units_.HeadAfter(text, offset(last[0]) + last[0].size());
}

}  // namespace claimex
