#include "time/time_tagger.h"

#include "rulebook/captures.h"
#include "base/ascii.h"

#include <algorithm>
#include <limits>
#include <cctype>
#include <cstdlib>

#include <nlohmann/json.hpp>

namespace claimex {
namespace {

// The captures a time rule may name (rulebook/stages.cc), in this order.
enum Field {
  kSpan, kYear, kMonth, kDay, kWeekday, kQuarter, kHalf, kPart, kNumber, kUnit, kHour, kMinute, kAmpm,
  kDecade, kSeason, kOffset, kFieldCount
};
const char* const kFieldNames[kFieldCount] = {"span",   "year",   "month", "day",  "weekday", "quarter",
                                              "half",   "part",   "number", "unit", "hour",    "minute",
                                              "ampm",   "decade", "season", "offset"};

enum class Role { kDate, kNoDate, kArticleDate, kUrlDate, kNonTime };

// How many earlier expressions an anaphoric one looks back for its anchor.
constexpr size_t kAnchorLookback = 64;

Role ParseRole(const std::string& s) {
  if (s == "nodate") return Role::kNoDate;
  if (s == "article_date") return Role::kArticleDate;
  if (s == "url_date") return Role::kUrlDate;
  if (s == "nontime") return Role::kNonTime;
  return Role::kDate;
}

int Digits(std::string_view s) {
  int v = 0;
  bool any = false;
  for (char c : s) {
    if (c < '0' || c > '9') break;
    v = v * 10 + (c - '0');
    any = true;
    if (v > 100000) return -1;
  }
  return any ? v : -1;
}

bool StartsUpper(std::string_view s) { return !s.empty() && std::isupper(static_cast<unsigned char>(s[0])); }

// A lexicon cell by column name for a key, or "" (also when the lexicon or
// the key is missing).
struct Table {
  const Lexicon* lexicon = nullptr;
  std::vector<int> columns;
  Table(const Rulebook& rules, const std::string& name, std::vector<std::string> cols) {
    if (!rules.has_lexicon(name)) return;
    lexicon = &rules.lexicon(name);
    for (const std::string& c : cols) columns.push_back(lexicon->ColumnIndex(c));
  }
  const Lexicon::Entry* Find(std::string_view key) const {
    return lexicon ? lexicon->Find(key) : nullptr;
  }
  const std::string& Cell(const Lexicon::Entry& e, size_t column) const { return lexicon->Cell(e, columns[column]); }
  // The number of a month or weekday name (columns: number, case), its
  // abbreviation period allowed ("Sept."); -1 if the table does not know the
  // name, or it must be capitalized and is not ("may", "march").
  int NameNumber(std::string_view text) const {
    std::string_view name = text;
    if (!name.empty() && name.back() == '.') name.remove_suffix(1);
    const Lexicon::Entry* e = Find(name);
    if (!e || (Cell(*e, 1) != "any" && !StartsUpper(text))) return -1;
    return Digits(Cell(*e, 0));
  }
};

std::unique_ptr<RE2> CompileWordList(const Rulebook& rules, const std::string& name) {
  if (!rules.has_lexicon(name) || rules.lexicon(name).entries().empty()) return nullptr;
  auto re = std::make_unique<RE2>("\\b" + rules.lexicon(name).Alternation() + "\\b", Rulebook::MatchOptions());
  return re->ok() ? std::move(re) : nullptr;
}

}  // namespace

struct TimeTagger::CompiledRule {
  const Rule* rule = nullptr;
  std::vector<int> groups[kFieldCount];  // RE2 group indices: NAME, then NAME_2, NAME_3…
  int group_count = 0;
  Role role = Role::kDate;
  std::string type;  // empty = DATE, or TIME when the match has a time of day
  std::optional<std::string> fixed_value;
  bool null_value = false;
  TimeUnit unit = TimeUnit::kNone;
  std::optional<TimeAnchor> anchor;
  std::optional<int> shift;   // a fixed shift
  bool shift_by_number = false;
  std::string mod;
  bool cumulative = false;
  int within = 0;  // article_date: only in the first N sentences (0 = anywhere)
};

// The normalization tables (rules/lexicon/time_*.tsv).
struct TimeTagger::Tables {
  explicit Tables(const Rulebook& rules)
      : months(rules, "time_months", {"month", "case"}),
        weekdays(rules, "time_weekdays", {"weekday", "case"}),
        parts(rules, "time_parts", {"kind", "value"}),
        offsets(rules, "time_offsets", {"shift", "anchor"}),
        units(rules, "time_units", {"unit"}) {}
  Table months, weekdays, parts, offsets, units;
};

struct TimeTagger::Candidate {
  size_t rule_index;
  Span match;  // the whole match (normalized offsets)
  Span span;   // the expression's text: conflicts are settled on it
  Timex timex;
};

TimeTagger::TimeTagger(const Rulebook& rules)
    : rules_(rules),
      tables_(std::make_unique<Tables>(rules)),
      numbers_(rules.lexicon("number_words"), rules.lexicon("multipliers")) {
  for (const auto& rule : rules.stage_rules(RuleStage::kTime)) {
    auto c = std::make_unique<CompiledRule>();
    c->rule = rule.get();
    c->group_count = rule->group_count;
    for (int f = 0; f < kFieldCount; ++f) {
      std::vector<std::pair<int, int>> found;  // (alternative number, group)
      for (const auto& [name, group] : rule->groups) {
        if (name == kFieldNames[f]) found.push_back({1, group});
        else if (name.rfind(std::string(kFieldNames[f]) + "_", 0) == 0 &&
                 name.find_first_not_of("0123456789", std::string(kFieldNames[f]).size() + 1) == std::string::npos)
          found.push_back({std::atoi(name.c_str() + std::string(kFieldNames[f]).size() + 1), group});
      }
      std::sort(found.begin(), found.end());
      for (const auto& [n, g] : found) c->groups[f].push_back(g);
    }
    c->role = ParseRole(rule->param("role"));
    c->type = rule->param("type");
    const std::string value = rule->param("value");
    if (value == "null") c->null_value = true;
    else if (!value.empty()) c->fixed_value = value;
    c->unit = ParseTimeUnit(rule->param("granularity"));
    const std::string anchor = rule->param("anchor");
    if (anchor == "article") c->anchor = TimeAnchor::kArticle;
    else if (anchor == "text") c->anchor = TimeAnchor::kText;
    else if (anchor == "none") c->anchor = TimeAnchor::kNone;
    auto shift = rule->params.find("shift");
    if (shift != rule->params.end()) {
      if (shift->is_number_integer()) c->shift = shift->get<int>();
      else if (shift->is_string()) {
        const std::string s = shift->get<std::string>();
        if (s == "n" || s == "+n") c->shift = 1, c->shift_by_number = true;
        else if (s == "-n") c->shift = -1, c->shift_by_number = true;
        else c->shift = std::atoi(s.c_str());
      }
    }
    c->mod = rule->param("mod");
    auto cumulative = rule->params.find("cumulative");
    c->cumulative = cumulative != rule->params.end() && cumulative->is_boolean() && cumulative->get<bool>();
    auto within = rule->params.find("within");
    if (within != rule->params.end() && within->is_number_integer()) c->within = within->get<int>();
    compiled_.push_back(std::move(c));
  }
  appositions_ = &rules.lexicon("time_appositions");  // checked at load (rulebook.cc EngineLexicons)
  apposition_role_ = appositions_->ColumnIndex("role");
  future_cue_ = CompileWordList(rules, "time_future_cues");
  clause_word_ = CompileWordList(rules, "time_clause_words");
  if (rules.has_lexicon("time_preceding_cues")) {
    const Lexicon& cues = rules.lexicon("time_preceding_cues");
    const int effect = cues.ColumnIndex("effect");
    const int reach = cues.ColumnIndex("reach");
    for (const Lexicon::Entry& e : cues.entries())
      preceding_cues_.push_back({Lexicon::LookupForm(e.cells[0]), cues.Cell(e, effect), cues.Cell(e, reach) == "clause"});
    // Longest first, so "ever since" is tried before "since".
    std::sort(preceding_cues_.begin(), preceding_cues_.end(),
              [](const PrecedingCue& a, const PrecedingCue& b) { return a.cue.size() > b.cue.size(); });
  }
}

TimeTagger::~TimeTagger() = default;

bool TimeTagger::BuildTimex(const CompiledRule& rule, const std::vector<re2::StringPiece>& groups, Timex* t) const {
  auto field = [&](Field f) -> std::string_view {
    for (int g : rule.groups[f])
      if (groups[g].data()) return std::string_view(groups[g].data(), groups[g].size());
    return {};
  };
  const Table& months = tables_->months;
  const Table& weekdays = tables_->weekdays;
  const Table& parts = tables_->parts;
  const Table& offsets = tables_->offsets;
  const Table& units = tables_->units;

  if (auto y = field(kYear); !y.empty()) {
    std::string_view digits = y;
    while (!digits.empty() && (digits[0] == '\'' || digits[0] == ' ')) digits.remove_prefix(1);
    int year = Digits(digits);
    if (digits.size() == 2 && year >= 0) year += year < 50 ? 2000 : 1900;  // '98, '05
    if (year < 1000 || year > 2999) return false;
    t->year = year;
  }
  if (auto m = field(kMonth); !m.empty()) {
    if (std::isdigit(static_cast<unsigned char>(m[0]))) {
      t->month = Digits(m);
    } else {
      t->month = months.NameNumber(m);
    }
    if (t->month < 1 || t->month > 12) return false;
  }
  if (auto d = field(kDay); !d.empty()) {
    t->day = Digits(d);
    if (t->day < 1 || t->day > 31) return false;
  }
  if (auto w = field(kWeekday); !w.empty()) {
    t->weekday = weekdays.NameNumber(w);
    if (t->weekday < 1 || t->weekday > 7) return false;
  }
  if (auto q = field(kQuarter); !q.empty()) t->quarter = Digits(q);
  if (auto h = field(kHalf); !h.empty()) t->half = Digits(h);
  for (Field f : {kPart, kSeason}) {
    std::string_view p = field(f);
    if (p.empty()) continue;
    const Lexicon::Entry* e = parts.Find(p);
    if (!e) return false;
    const std::string& kind = parts.Cell(*e, 0);
    const std::string& value = parts.Cell(*e, 1);
    if (kind == "quarter") t->quarter = Digits(value);
    else if (kind == "half") t->half = Digits(value);
    else if (kind == "season") t->season = value;
    else if (kind == "daypart") t->day_part = value;
    else if (kind == "mod") t->mod = value;
  }
  int amount = -1;
  bool has_number = false;
  if (auto n = field(kNumber); !n.empty()) {
    has_number = true;
    const std::string lower = AsciiLower(n);
    if (lower == "a" || lower == "an" || lower == "one") amount = 1;
    else if (auto parsed = numbers_.Parse(n)) amount = static_cast<int>(parsed->value);
  }
  if (auto u = field(kUnit); !u.empty()) {
    const Lexicon::Entry* e = units.Find(u);
    if (!e) return false;
    t->unit = ParseTimeUnit(units.Cell(*e, 0));
  } else {
    t->unit = rule.unit;
  }
  if (auto h = field(kHour); !h.empty()) {
    t->hour = Digits(h);
    if (auto mi = field(kMinute); !mi.empty()) t->minute = Digits(mi);
    if (auto ap = field(kAmpm); !ap.empty()) {
      const bool pm = std::tolower(static_cast<unsigned char>(ap[0])) == 'p';
      if (t->hour > 12) return false;
      if (pm && t->hour < 12) t->hour += 12;
      if (!pm && t->hour == 12) t->hour = 0;
    }
    if (t->hour > 24 || t->minute > 59) return false;
  }
  if (auto d = field(kDecade); !d.empty()) {
    const int v = Digits(d);
    if (v < 0) return false;
    t->decade = v >= 1000 ? v / 10 : v;
  }

  // Offsets ("last", "previous", "ago", "later") say which way and from what.
  std::optional<int> offset_shift;
  std::optional<TimeAnchor> offset_anchor;
  if (auto o = field(kOffset); !o.empty()) {
    const Lexicon::Entry* e = offsets.Find(o);
    if (!e) return false;
    offset_shift = std::atoi(offsets.Cell(*e, 0).c_str());
    offset_anchor = offsets.Cell(*e, 1) == "text" ? TimeAnchor::kText : TimeAnchor::kArticle;
  }

  t->type = rule.type.empty() ? ((t->hour >= 0 || !t->day_part.empty()) ? "TIME" : "DATE") : rule.type;
  t->fixed_value = rule.fixed_value;
  t->null_value = rule.null_value;
  if (!rule.mod.empty()) t->mod = rule.mod;
  // A frequency followed by an offset ("a year ago") is a relative date: no SET.
  if (t->type == "SET" && !field(kOffset).empty()) return false;
  if (t->type == "DURATION" || t->type == "SET") {
    // "the past year" is one year; "recent weeks", "the past few months" say not how many.
    const std::string_view unit_text = field(kUnit);
    const bool singular = !unit_text.empty() && unit_text.back() != 's' && unit_text.back() != 'S';
    t->amount = has_number ? amount : singular && field(kNumber).empty() ? 1 : -1;
    if (!has_number && singular) {
      const std::string whole = AsciiLower(std::string_view(groups[0].data(), groups[0].size()));
      if (whole.find("few") != std::string::npos || whole.find("several") != std::string::npos) t->amount = -1;
    }
    return true;
  }
  if (t->unit == TimeUnit::kCentury && has_number && !offset_shift && !rule.shift && !rule.anchor) {
    if (amount < 1) return false;
    t->century = amount - 1;  // the 20th century is 19xx: TIMEX3 "19"
    return true;
  }
  const bool names_a_point = t->month > 0 || t->weekday > 0 || t->quarter > 0 || t->half > 0 || !t->season.empty();
  if (offset_shift && names_a_point && t->year == 0 && t->unit == TimeUnit::kNone) {
    // "last July", "next Friday", "this summer": a named point, searched one way.
    t->direction = *offset_shift;
    return true;
  }
  if (t->unit != TimeUnit::kNone && (offset_shift || rule.shift || rule.anchor)) {
    t->relative = true;
    int shift = offset_shift.value_or(0);
    if (rule.shift && !rule.shift_by_number) shift = *rule.shift;
    if (rule.shift_by_number) shift = *rule.shift * (offset_shift ? std::abs(*offset_shift) : 1);
    if (has_number) {
      if (amount == 0) return false;
      if (amount < 0) t->null_value = true;  // "a few years ago"
      shift *= amount < 0 ? 0 : amount;
    }
    t->shift = shift;
    t->anchor = rule.anchor.value_or(offset_anchor.value_or(TimeAnchor::kArticle));
  } else if (rule.anchor) {
    t->anchor = *rule.anchor;
  }
  return true;
}

void TimeTagger::MatchSentence(const DocumentAnalysis& analysis, size_t index, std::vector<Candidate>* out) const {
  const Span sentence = analysis.sentences[index];
  const re2::StringPiece text(analysis.normalized.text.data() + sentence.start, sentence.size());
  std::vector<int> hits;
  if (!rules_.StageCandidates(RuleStage::kTime, std::string_view(text.data(), text.size()), &hits) || hits.empty())
    return;
  const auto& rules = rules_.stage_rules(RuleStage::kTime);
  std::vector<re2::StringPiece> groups;
  for (int hit : hits) {
    const CompiledRule& rule = *compiled_[hit];
    if (rule.role == Role::kUrlDate) continue;  // read from the url, not the text
    if (rule.role == Role::kArticleDate && rule.within > 0 && index >= static_cast<size_t>(rule.within)) continue;
    const RE2& re = rules[hit]->regex();
    groups.assign(rule.group_count + 1, re2::StringPiece());
    // Find each match with the DFA alone (no submatches: fast), then read
    // its captures from the match's own bytes.
    ForEachMatch(re, text, [&](size_t start, size_t end, size_t) {
      if (!ReadCaptures(*rules[hit], text, start, end, groups.data(), static_cast<int>(groups.size()))) return;
      Candidate c;
      c.rule_index = static_cast<size_t>(hit);
      c.match = {sentence.start + start, sentence.start + end};
      c.span = c.match;
      for (int g : rule.groups[kSpan])
        if (groups[g].data()) {
          const size_t s = groups[g].data() - text.data();
          c.span = {sentence.start + s, sentence.start + s + groups[g].size()};
          break;
        }
      if (!BuildTimex(rule, groups, &c.timex)) return;
      out->push_back(std::move(c));
    });
  }
}

std::string TimeTagger::ArticleDateFromUrl(const Document& doc, std::string* rule_id) const {
  if (doc.meta_json.empty() || doc.meta_json.find("\"url\"") == std::string::npos) return "";
  nlohmann::json meta = nlohmann::json::parse(doc.meta_json, nullptr, false);
  if (!meta.is_object() || !meta.contains("url") || !meta["url"].is_string()) return "";
  const std::string url = meta["url"].get<std::string>();
  const auto& rules = rules_.stage_rules(RuleStage::kTime);
  std::vector<re2::StringPiece> groups;
  for (size_t i = 0; i < compiled_.size(); ++i) {
    const CompiledRule& rule = *compiled_[i];
    if (rule.role != Role::kUrlDate) continue;
    groups.assign(rule.group_count + 1, re2::StringPiece());
    if (!rules[i]->regex().Match(url, 0, url.size(), RE2::UNANCHORED, groups.data(), static_cast<int>(groups.size())))
      continue;
    Timex t;
    if (!BuildTimex(rule, groups, &t) || t.year == 0) continue;
    auto value = ResolveTimex(t, std::nullopt);
    if (!value || !ParsePartialDate(*value)) continue;
    *rule_id = rule.rule->id;
    return *value;
  }
  return "";
}

void TimeTagger::Tag(DocumentAnalysis* analysis, const std::vector<Claim>* claims) const {
  // No claim to date: nothing here would be read, not even the article date.
  if (compiled_.empty() || (claims && claims->empty())) return;
  const auto& rules = rules_.stage_rules(RuleStage::kTime);
  const std::string& text = analysis->normalized.text;
  const size_t sentence_count = analysis->sentences.size();

  // 1. Matches, sentence by sentence; overlaps settled per sentence. With
  // `claims`, only what dating them needs: their sentences, every sentence
  // when the article date must be found in the text, and the sentences
  // before an anaphoric expression (its anchor is somewhere there).
  std::vector<std::vector<Candidate>> per_sentence(sentence_count);
  std::vector<bool> tagged(sentence_count, false);
  std::vector<Candidate> candidates;
  auto tag_sentence = [&](size_t index) {
    if (tagged[index]) return;
    tagged[index] = true;
    candidates.clear();
    MatchSentence(*analysis, index, &candidates);
    if (candidates.empty()) return;
    // Settled on the expressions' own text (`span`), so that the context a
    // rule needs around it ("in", "said") does not make it win.
    std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
      if (a.span.start != b.span.start) return a.span.start < b.span.start;
      if (a.span.size() != b.span.size()) return a.span.size() > b.span.size();
      const int pa = rules[a.rule_index]->priority, pb = rules[b.rule_index]->priority;
      if (pa != pb) return pa > pb;
      return a.rule_index < b.rule_index;
    });
    size_t last_end = 0;
    bool any = false;
    for (Candidate& c : candidates) {
      if (any && c.span.start < last_end) continue;
      last_end = c.span.end;
      any = true;
      per_sentence[index].push_back(std::move(c));
    }
  };
  if (!claims || analysis->article_date.empty()) {
    for (size_t index = 0; index < sentence_count; ++index) tag_sentence(index);
  } else {
    size_t anaphora_before = 0;  // tag every sentence before this one
    for (const Claim& claim : *claims) {
      if (claim.sentence_index >= sentence_count || tagged[claim.sentence_index]) continue;
      tag_sentence(claim.sentence_index);
      for (const Candidate& c : per_sentence[claim.sentence_index])
        if (c.timex.anchor == TimeAnchor::kText) anaphora_before = std::max(anaphora_before, claim.sentence_index);
    }
    for (size_t index = 0; index < anaphora_before; ++index) tag_sentence(index);
  }
  std::vector<Candidate> chosen;
  for (std::vector<Candidate>& found : per_sentence)
    for (Candidate& c : found) chosen.push_back(std::move(c));

  // 2. The article date: metadata, else the best dateline or date line, else the url.
  if (analysis->article_date.empty()) {
    std::optional<PartialDate> url_date;
    std::string url_rule;
    const std::string from_url = ArticleDateFromUrl(analysis->doc, &url_rule);
    if (!from_url.empty()) url_date = ParsePartialDate(from_url);
    const Candidate* best = nullptr;
    std::string best_value;
    for (const Candidate& c : chosen) {
      const CompiledRule& rule = *compiled_[c.rule_index];
      if (rule.role != Role::kArticleDate) continue;
      // A dateline without its year takes the year from the url.
      auto value = ResolveTimex(c.timex, url_date);
      if (!value || !ParsePartialDate(value->substr(0, std::min<size_t>(10, value->size())))) continue;
      if (!best || rules[c.rule_index]->priority > rules[best->rule_index]->priority) {
        best = &c;
        best_value = value->substr(0, std::min<size_t>(10, value->size()));
      }
    }
    if (best) {
      analysis->article_date = best_value;
      analysis->article_date_rule = rules[best->rule_index]->id;
    } else if (url_date) {
      analysis->article_date = from_url;
      analysis->article_date_rule = url_rule;
    }
  }
  const std::optional<PartialDate> article =
      analysis->article_date.empty() ? std::nullopt : ParsePartialDate(analysis->article_date);

  // 3. Resolve in text order: deictic against the article date, anaphoric
  // against the nearest earlier expression precise enough.
  analysis->time_mentions.reserve(chosen.size());
  std::vector<std::optional<PartialDate>> resolved;  // per mention
  for (Candidate& c : chosen) {
    const CompiledRule& rule = *compiled_[c.rule_index];
    if (rule.role == Role::kNonTime) continue;
    Timex& t = c.timex;
    const size_t sentence_index = analysis->SentenceAt(c.span.start);
    const Span sentence = analysis->sentences[sentence_index];
    if (future_cue_ && t.year == 0 && t.month > 0 && !t.relative && t.direction == 0) {
      // A future word earlier in the expression's own clause ("will begin
      // on April 7"; not "said in June that it will").
      size_t clause_start = c.span.start;
      while (clause_start > sentence.start &&
             std::string_view(",;:()\"").find(text[clause_start - 1]) == std::string_view::npos)
        --clause_start;
      re2::StringPiece before(text.data() + clause_start, c.span.start - clause_start);
      t.future = RE2::PartialMatch(before, *future_cue_);
    }
    std::optional<PartialDate> reference = article;
    if (t.anchor == TimeAnchor::kText) {
      reference.reset();
      // The nearest earlier expression precise enough, looking back a bounded way.
      for (size_t i = resolved.size(), looked = 0; i-- > 0 && looked < kAnchorLookback; ++looked) {
        const std::optional<PartialDate>& d = resolved[i];
        if (!d) continue;
        const bool day_needed = t.unit == TimeUnit::kDay || t.unit == TimeUnit::kWeek ||
                                t.unit == TimeUnit::kWeekend || t.unit == TimeUnit::kHour;
        const bool month_needed =
            t.unit == TimeUnit::kMonth || t.unit == TimeUnit::kQuarter || t.unit == TimeUnit::kHalf;
        if ((day_needed && !d->has_day()) || (month_needed && !d->has_month())) continue;
        reference = d;
        break;
      }
    }
    TimeMention m;
    m.span = c.span;
    m.type = t.type;
    m.value = ResolveTimex(t, reference);
    m.rule = rules[c.rule_index]->id;
    m.sentence_index = sentence_index;
    m.dates_claims = t.type != "DURATION" && t.type != "SET" && rule.role != Role::kNoDate &&
                     rule.role != Role::kArticleDate && !rule.cumulative;  // a dateline dates the article, not its claims
    // What stands before the expression: "since" makes it the start of a
    // cumulative count (no claim date), "from"/"than" a comparison base. A
    // cue reaching the clause counts anywhere between the clause's start
    // and the expression ("since the war began in 2011").
    if (!preceding_cues_.empty()) {
      size_t end = c.span.start;
      while (end > sentence.start && text[end - 1] == ' ') --end;
      size_t clause_start = end;
      while (clause_start > sentence.start && end - clause_start < 120 &&
             std::string_view(",;:()\"").find(text[clause_start - 1]) == std::string_view::npos)
        --clause_start;
      const std::string before = AsciiLower(std::string_view(text).substr(clause_start, end - clause_start));
      auto word_at = [&](size_t at, size_t size) {
        return (at == 0 || !std::isalnum(static_cast<unsigned char>(before[at - 1]))) &&
               (at + size == before.size() || !std::isalnum(static_cast<unsigned char>(before[at + size])));
      };
      for (const PrecedingCue& cue : preceding_cues_) {
        bool found = false;
        if (before.size() >= cue.cue.size() &&
            before.compare(before.size() - cue.cue.size(), cue.cue.size(), cue.cue) == 0)
          found = word_at(before.size() - cue.cue.size(), cue.cue.size());
        for (size_t at = found || !cue.clause_reach ? std::string::npos : before.find(cue.cue);
             !found && at != std::string::npos; at = before.find(cue.cue, at + 1))
          found = word_at(at, cue.cue.size());
        if (!found) continue;
        if (cue.effect == "cumulative") m.dates_claims = false;
        else if (cue.effect == "comparison") m.comparison = true;
        else if (cue.effect == "baseline") m.baseline = true;
        break;
      }
    }
    resolved.push_back(m.value && m.type != "DURATION" && m.type != "SET" ? DateOfValue(*m.value) : std::nullopt);
    analysis->time_mentions.push_back(std::move(m));
  }
}

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Whether `gap`, without its trailing spaces, ends with the words `words`
// (lower case; compared ignoring ASCII case) after a space.
bool EndsWithWords(std::string_view gap, std::string_view words) {
  while (!gap.empty() && gap.back() == ' ') gap.remove_suffix(1);
  return gap.size() > words.size() && EqualsLower(gap.substr(gap.size() - words.size()), words) &&
         gap[gap.size() - words.size() - 1] == ' ';
}

bool IsClauseMark(const std::string& text, size_t i) {
  const char c = text[i];
  // Not the separator of a number (14,000) or a clock time (10:30).
  if ((c == ',' || c == ':') && i > 0 && i + 1 < text.size() && IsDigit(text[i - 1]) && IsDigit(text[i + 1]))
    return false;
  if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '"') return true;
  // A dash standing between spaces (folded from an em or en dash).
  return c == '-' && i > 0 && i + 1 < text.size() && text[i - 1] == ' ' && text[i + 1] == ' ';
}

size_t Gap(Span a, Span b) {
  if (a.Overlaps(b)) return 0;
  return a.end <= b.start ? b.start - a.end : a.start - b.end;
}

}  // namespace

bool TimeTagger::IsComparisonBase(const std::string& text, Span other, size_t from) const {
  if (other.start < from) return false;
  const std::string_view gap = std::string_view(text).substr(from, other.start - from);
  for (const PrecedingCue& cue : preceding_cues_)
    if (cue.effect == "comparison" && EndsWithWords(gap, cue.cue)) return true;
  return false;
}

// Where the comma stands when `clause` opens with a relative pronoun
// (time_appositions' `relative` words) right after one; npos otherwise.
size_t TimeTagger::CommaBeforeRelative(const std::string& text, Span clause, size_t floor) const {
  size_t end = clause.start;
  while (end < clause.end && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
  if (end == clause.start) return std::string::npos;
  const Lexicon::Entry* e = appositions_->Find(std::string_view(text).substr(clause.start, end - clause.start));
  if (!e || appositions_->Cell(*e, apposition_role_) != "relative") return std::string::npos;
  size_t k = clause.start;
  while (k > floor && text[k - 1] == ' ') --k;
  return k > floor && text[k - 1] == ',' ? k - 1 : std::string::npos;
}

bool TimeTagger::IsApposition(const std::string& text, Span clause) const {
  if (text[clause.start] != ',') return false;
  auto word_at = [&](size_t* i) {
    while (*i < clause.end && text[*i] == ' ') ++*i;
    const size_t start = *i;
    while (*i < clause.end && std::isalpha(static_cast<unsigned char>(text[*i]))) ++*i;
    return std::string_view(text).substr(start, *i - start);
  };
  size_t i = clause.start + 1;
  const std::string_view first = word_at(&i);
  if (first.empty()) return false;
  const Lexicon::Entry* e = appositions_->Find(first);
  const std::string role = e ? appositions_->Cell(*e, apposition_role_) : "";
  if (role == "opens") return true;
  if (role == "opens_unless_from") return AsciiLower(word_at(&i)) != "from";
  // A clause of result: a participle in -ing ("killing 20 people").
  return role.empty() && first.size() >= 6 && AsciiLower(first.substr(first.size() - 3)) == "ing";
}

void TimeTagger::DateClaims(const DocumentAnalysis& analysis, bool explain, std::vector<Claim>* claims) const {
  if (analysis.time_mentions.empty() && !explain) return;
  const std::string& text = analysis.normalized.text;
  // Per sentence (claims come in text order, so consecutive claims share it):
  // its expressions and its clause boundaries.
  size_t cached = static_cast<size_t>(-1);
  std::vector<const TimeMention*> all;        // every expression of the sentence, in text order
  std::vector<const TimeMention*> dating;     // those that may date a claim
  std::vector<const TimeMention*> blockers;   // `since 2014`, `now`: the claim has no date of its own
  std::vector<size_t> marks;                  // clause boundaries, sorted
  std::vector<Span> quantities;               // the quantities of the sentence's claims
  // Per quantity: where the first later quantity that is a comparison base
  // ("… from 4,823") ends; an expression after it dates that base only.
  std::vector<size_t> base_end;
  size_t sentence_first = 0;                  // index of the sentence's first claim
  for (size_t index = 0; index < claims->size(); ++index) {
    Claim& claim = (*claims)[index];
    const Span sentence = claim.normalized_sentence;
    if (claim.sentence_index != cached) {
      cached = claim.sentence_index;
      sentence_first = index;
      quantities.clear();
      for (size_t k = index; k < claims->size() && (*claims)[k].sentence_index == cached; ++k)
        quantities.push_back((*claims)[k].normalized_quantity);
      base_end.assign(quantities.size(), std::numeric_limits<size_t>::max());
      for (size_t k = quantities.size(); k-- > 1;) {
        const size_t later = k + 1 < quantities.size() ? base_end[k] : std::numeric_limits<size_t>::max();
        base_end[k - 1] = IsComparisonBase(text, quantities[k], quantities[k - 1].end)
                              ? std::min(later, quantities[k].end)
                              : later;
      }
      all.clear();
      dating.clear();
      blockers.clear();
      marks.clear();
      // Mentions are in text order: the sentence's are one run of them.
      auto it = std::lower_bound(
          analysis.time_mentions.begin(), analysis.time_mentions.end(), claim.sentence_index,
          [](const TimeMention& m, size_t index) { return m.sentence_index < index; });
      for (; it != analysis.time_mentions.end() && it->sentence_index == claim.sentence_index; ++it) {
        all.push_back(&*it);
        if (it->dates_claims) dating.push_back(&*it);
        else if (it->type == "DATE" || it->type == "TIME") blockers.push_back(&*it);
      }
      if (!dating.empty()) {
        auto inside_mention = [&](size_t i) {
          auto after = std::upper_bound(all.begin(), all.end(), i,
                                        [](size_t at, const TimeMention* m) { return at < m->span.start; });
          return after != all.begin() && i < (*(after - 1))->span.end;
        };
        // Clause boundaries: punctuation, and the clause words of
        // time_clause_words, outside the time expressions themselves.
        for (size_t i = sentence.start; i < sentence.end; ++i)
          if (IsClauseMark(text, i) && !inside_mention(i)) marks.push_back(i);
        if (clause_word_) {
          const re2::StringPiece input(text.data() + sentence.start, sentence.size());
          re2::StringPiece found;
          size_t pos = 0;
          while (pos < input.size() && clause_word_->Match(input, pos, input.size(), RE2::UNANCHORED, &found, 1)) {
            const size_t at = found.data() - text.data();
            if (!inside_mention(at)) marks.push_back(at);
            pos = found.data() - input.data() + std::max<size_t>(1, found.size());
          }
          std::sort(marks.begin(), marks.end());
        }
      }
    }
    const TimeMention* pick = nullptr;
    std::string why;
    if (!dating.empty()) {
      const Span quantity = claim.normalized_quantity;
      // The clause holding `s`: from the last boundary before it to the first after it.
      auto clause_of = [&](Span s) {
        Span clause = sentence;
        auto after = std::lower_bound(marks.begin(), marks.end(), s.end);
        if (after != marks.end()) clause.end = *after;
        auto before = std::lower_bound(marks.begin(), marks.end(), s.start);
        if (before != marks.begin()) clause.start = *(before - 1);
        return clause;
      };
      auto within = [](Span outer, Span inner) { return inner.start >= outer.start && inner.end <= outer.end; };
      // A change (a percentage, a ratio) is measured against a baseline
      // period, and does not hold then; a count may ("94,986 arrivals in
      // the same period last year").
      const bool change = claim.kind == QuantityKind::kPercent || claim.kind == QuantityKind::kRatio;
      auto nearest = [&](Span to, auto&& accept) -> const TimeMention* {
        const TimeMention* best = nullptr;
        for (const TimeMention* m : dating) {
          if (m->span.Overlaps(quantity) || (change && m->baseline) || !accept(*m)) continue;
          if (!best || Gap(m->span, to) < Gap(best->span, to) ||
              (Gap(m->span, to) == Gap(best->span, to) && m->span.start > best->span.start))
            best = m;
        }
        return best;
      };
      const Span clause = clause_of(quantity);
      // "up 12% from 4,823 the year before": an expression after a later
      // quantity that is this one's comparison base dates the base only.
      const size_t base_limit = base_end[index - sentence_first];
      // 1. The quantity's own clause.
      const TimeMention* own = nearest(quantity, [&](const TimeMention& m) {
        return !m.comparison && within(clause, m.span) && m.span.start < base_limit;
      });
      bool blocked = false;
      for (const TimeMention* m : blockers) blocked = blocked || (within(clause, m->span) && !m->span.Overlaps(quantity));
      // 2. The attribution's time: an expression in the cue's clause.
      const TimeMention* said = nullptr;
      if (claim.cue && claim.cue->span.start >= sentence.start && claim.cue->span.end <= sentence.end) {
        const Span cue_clause = clause_of(claim.cue->span);
        // Not the comparison base's expression ("He said the toll rose to
        // 108 from 61 last year": last year is 61's).
        said = nearest(claim.cue->span, [&](const TimeMention& m) {
          return !m.comparison && within(cue_clause, m.span) && !(within(clause, m.span) && m.span.start >= base_limit);
        });
      }
      // 1b. An apposition ("…, a 5.2% drop from 2022", "…, up 60% from the
      // previous year") belongs to the clause it follows: that clause's
      // expression is attached to the quantity, before the said-time. So
      // does a relative clause after a comma, which describes the event
      // before it ("an earthquake in 1987, which took about 1,000 lives").
      const TimeMention* apposed = nullptr;
      if (!own && !blocked) {
        const size_t comma = CommaBeforeRelative(text, clause, sentence.start);
        const size_t opener = comma != std::string::npos ? comma : clause.start;
        if (opener > sentence.start && (comma != std::string::npos || IsApposition(text, clause))) {
          const Span before = clause_of({opener - 1, opener - 1});
          apposed = nearest(quantity, [&](const TimeMention& m) { return !m.comparison && m.value && within(before, m.span); });
        }
      }
      if (own && (own->value || !said || !said->value)) {
        pick = own;
        why = "in the quantity's clause";
      } else if (apposed) {
        pick = apposed;
        why = "in the clause the quantity's apposition follows";
      } else if (blocked) {
        // A cumulative count (`since 2014`) has no date of its own, and the
        // attribution's time would date it wrongly.
        why = "the quantity's clause holds a cumulative or present expression (since, now): no date";
      } else if (said) {
        pick = said;
        why = "in the attribution's clause";
      } else {
        // An expression in the clause of a later quantity dates that one,
        // not this, after its number or before ("55,000 fighters, up from
        // 30,000 in 2019", "…, compared to 2014 estimates of 20,000"); an
        // earlier quantity's may still date an apposition after it ("1,669
        // during 2019, a 13 per cent increase").
        // Quantities joined by "and"/"or" share it: in "1,400 drones and
        // 1,200 glide bombs this month", this month dates both.
        auto coordinated = [&](const Span& other) {
          const std::string_view gap = std::string_view(text).substr(quantity.end, other.start - quantity.end);
          return gap.find_first_of(",;:") == std::string_view::npos &&
                 (EndsWithWords(gap, "and") || EndsWithWords(gap, "or"));
        };
        auto elsewhere = [&](const TimeMention& m) {
          for (const Span& other : quantities)
            if (other.start > quantity.start && m.span.start >= quantity.end && within(clause_of(other), m.span) &&
                !coordinated(other))
              return true;
          return false;
        };
        if ((pick = nearest(quantity, [&](const TimeMention& m) { return !m.comparison && !elsewhere(m); }))) {
          why = "nearest in the sentence";
        } else if ((pick = nearest(quantity, [&](const TimeMention& m) { return !elsewhere(m); }))) {
          why = "a comparison base, the only expression in the sentence";
        }
      }
    }
    if (pick) {
      DateRef date;
      date.span = pick->span;
      date.value = pick->value;
      claim.date = std::move(date);
      claim.rules.push_back(pick->rule);
    }
    if (explain) {
      nlohmann::ordered_json e = nlohmann::ordered_json::object();
      e["article_date"] = analysis.article_date.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(analysis.article_date);
      e["article_date_rule"] =
          analysis.article_date_rule.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(analysis.article_date_rule);
      if (pick) {
        e["rule"] = pick->rule;
        e["expression"] = std::string(analysis.Text(pick->span));
        e["why"] = why;
      } else {
        e["rule"] = nullptr;
        e["why"] = why.empty() ? "no expression in the sentence dates it" : why;
      }
      if (!claim.explain) claim.explain = nlohmann::ordered_json::object();
      (*claim.explain)["date"] = std::move(e);
    }
  }
}

}  // namespace claimex
