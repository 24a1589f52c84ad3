// Rulebook loading: parse → expand fragments → validate → compile.
//
// Every check appends a Diagnostic and goes on, so one run shows all problems
// of all files. Positions come from toml++'s source regions; columns inside a
// pattern are the column of the string's first character plus the offset in
// the string (exact for single-line literal strings, which rule files use).
#include "rulebook/rulebook.h"

#include "rulebook/captures.h"
#include "rulebook/pattern_groups.h"
#include "rulebook/required_literals.h"
#include "rulebook/stages.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <functional>
#include <unordered_map>
#include <thread>
#include <filesystem>
#include <fstream>
#include <set>
#include <cstring>
#include <iterator>
#include <optional>
#include <sstream>
#include <toml++/toml.h>

namespace claimex {

const char* const kCaptureNames[kCaptureCount] = {
    "value", "low", "high", "value2", "qualifier", "qualifier2", "qualifier_after",
    "currency", "vague", "fraction", "numerator", "denominator", "span"};

RE2::Options Rulebook::MatchOptions() {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  // Deliberate budget: RE2's default (8 MiB) makes large alternations fall
  // back to slower engines without any error.
  options.set_max_mem(64 << 20);
  return options;
}

const RE2& RuleRegex::Get() const {
  std::call_once(once_, [this] { compiled_ = std::make_shared<const RE2>(pattern_, Rulebook::MatchOptions()); });
  return *compiled_;
}

const Lexicon& Rulebook::lexicon(const std::string& name) const {
  return lexicons_.at(name);
}

const std::vector<std::unique_ptr<Rule>>& Rulebook::stage_rules(RuleStage stage) const {
  static const std::vector<std::unique_ptr<Rule>> kNone;
  auto it = stage_rules_.find(stage);
  return it == stage_rules_.end() ? kNone : it->second;
}

const RE2::Set* Rulebook::stage_candidates(RuleStage stage) const {
  auto it = stage_candidates_.find(stage);
  return it == stage_candidates_.end() ? nullptr : it->second.get();
}

const Rulebook::Prefilter* Rulebook::stage_prefilter(RuleStage stage) const {
  auto it = stage_prefilters_.find(stage);
  return it == stage_prefilters_.end() ? nullptr : it->second.get();
}

Rulebook::Prefilter::Prefilter() {
  static std::atomic<uint64_t> count{0};
  id = ++count;
}

void Rulebook::Prefilter::Candidates(std::string_view text, std::vector<int>* rules) const {
  rules->clear();
  thread_local std::vector<int> found;  // its capacity kept from text to text
  found.clear();
  if (literals.size() > 0) literals.Match(text, &found);
  // The same few words recur sentence after sentence ("said", a quote mark):
  // remember which rules each set of words lets through, per thread, bounded.
  struct Hash {
    size_t operator()(const std::vector<int>& v) const {
      size_t h = v.size();
      for (int x : v) h = h * 1000003u ^ static_cast<size_t>(x);
      return h;
    }
  };
  struct Cache {
    uint64_t owner = 0;
    std::unordered_map<std::vector<int>, std::vector<int>, Hash> answers;
  };
  thread_local std::vector<Cache> caches(2);  // the stages with a prefilter alternate
  Cache* cache = nullptr;
  for (Cache& c : caches)
    if (c.owner == id) cache = &c;
  if (!cache) {
    cache = &caches[id % caches.size()];
    cache->owner = id;
    cache->answers.clear();
  }
  if (cache->answers.size() > 4096) cache->answers.clear();
  auto it = cache->answers.find(found);
  if (it == cache->answers.end()) {
    thread_local std::vector<bool> present;
    present.assign(literals.size(), false);
    for (int f : found) present[static_cast<size_t>(f)] = true;
    for (size_t rule = 0; rule < clauses.size(); ++rule) {
      bool passes = true;
      for (const std::vector<int>& clause : clauses[rule])
        passes = passes && std::any_of(clause.begin(), clause.end(), [&](int k) { return present[static_cast<size_t>(k)]; });
      if (passes) rules->push_back(static_cast<int>(rule));
    }
    cache->answers.emplace(found, *rules);
  } else {
    *rules = it->second;
  }
}

bool Rulebook::StageCandidates(RuleStage stage, std::string_view text, std::vector<int>* rules) const {
  if (const Prefilter* prefilter = stage_prefilter(stage)) {
    prefilter->Candidates(text, rules);
    return true;
  }
  rules->clear();
  const RE2::Set* set = stage_candidates(stage);
  if (!set) return false;
  set->Match(re2::StringPiece(text.data(), text.size()), rules);
  std::sort(rules->begin(), rules->end());
  return true;
}

std::vector<const Rule*> Rulebook::all_rules() const {
  std::vector<const Rule*> out;
  for (const auto& r : rules_) out.push_back(r.get());
  for (const StageSpec& spec : NonQuantityStages())
    for (const auto& r : stage_rules(spec.stage)) out.push_back(r.get());
  return out;
}

namespace {

namespace fs = std::filesystem;

// Columns the engine reads from each lexicon, and how each cell must look.
// A lexicon that is not `required` is checked when present (a stage without
// it does without).
enum class CellType { kText, kNumber, kBool, kRelation, kOptionalText, kOneOf };
struct ColumnSchema {
  const char* column;
  CellType type;
  const char* allowed = nullptr;  // kOneOf: the values, space-separated
};
struct LexiconSchema {
  const char* name;
  std::vector<ColumnSchema> columns;
  bool required = true;
};
const std::vector<LexiconSchema>& EngineLexicons() {
  static const std::vector<LexiconSchema> kSchemas = {
      {"number_words", {{"value", CellType::kNumber}, {"role", CellType::kOneOf, "unit one ten hundred article"}}},
      {"multipliers", {{"value", CellType::kNumber}}},
      {"currencies", {{"code", CellType::kText}}},
      {"qualifiers", {{"relation", CellType::kRelation}, {"approx", CellType::kBool}}},
      {"vague_magnitudes", {{"low", CellType::kNumber}}},
      {"fractions", {{"value", CellType::kNumber}}},
      {"plural_nouns", {{"singular", CellType::kText}}},
      {"plural_suffixes", {{"replacement", CellType::kOptionalText}}},
      {"non_unit_nouns", {}},
      {"noun_modifiers", {}},
      {"noun_phrase_stops", {}},
      {"abbreviations", {}},
      {"sentence_openers", {}},
      {"qualifier_verbs", {}},
      {"time_appositions", {{"role", CellType::kOneOf, "opens opens_unless_from relative not"}}},
      {"speaker_boundaries",
       {{"side", CellType::kOneOf, "both subject object clause modal passive noun agent keep complement complementizer"}},
       false},
  };
  return kSchemas;
}

// Whether `cell` is one of the space-separated `allowed` values.
bool IsOneOfWords(const std::string& cell, std::string_view allowed) {
  while (!allowed.empty()) {
    const size_t space = allowed.find(' ');
    if (allowed.substr(0, space) == cell) return true;
    if (space == std::string_view::npos) break;
    allowed.remove_prefix(space + 1);
  }
  return false;
}

bool IsNumber(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

constexpr size_t kMaxExpandedPattern = 1 << 20;

// TOML allows non-ASCII bytes only inside strings and comments. toml++ 3.3
// reaches an "unreachable" point (undefined behaviour) when it asks whether a
// character from U+00A1 to U+0499 is white space, which it does where white
// space may occur: between tokens, and after a line-ending backslash in a
// """ string. This scan reports such characters, with their position, before
// the file reaches the parser; the second case is valid TOML, refused with an
// explanation until toml++ is fixed upstream. Returns false after appending a
// diagnostic.
bool CheckNonAsciiPositions(const std::string& text, const std::string& file, Diagnostics* diags) {
  enum { kCode, kComment, kBasic, kLiteral, kMultiBasic, kMultiLiteral } state = kCode;
  int line = 1, column = 1;
  char last_code = '\n';           // last non-blank character outside strings and comments
  bool after_line_backslash = false;  // in a """ string, after "\" + line break
  auto fail = [&](const char* message) {
    diags->push_back({file, line, column, "", message});
    return false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool non_ascii = static_cast<unsigned char>(c) >= 0x80;
    const auto starts = [&](const char* s) { return text.compare(i, std::strlen(s), s) == 0; };
    // A string opens only where a key or a value may start; elsewhere a
    // quote is a syntax error, and what follows it is still code.
    const bool may_open = std::strchr("\n=[,{.", last_code) != nullptr;
    size_t skip = 0;
    switch (state) {
      case kCode:
        if (c == '#') state = kComment;
        else if (may_open && starts("\"\"\"")) state = kMultiBasic, skip = 2;
        else if (may_open && starts("'''")) state = kMultiLiteral, skip = 2;
        else if (may_open && c == '"') state = kBasic;
        else if (may_open && c == '\'') state = kLiteral;
        else if (non_ascii) return fail("TOML syntax: a non-ASCII character outside a string or comment");
        if (c != ' ' && c != '\t' && c != '\r' && state == kCode) last_code = c;
        break;
      case kComment:
        if (c == '\n') state = kCode, last_code = '\n';
        break;
      case kBasic:
        if (c == '\\') skip = 1;
        else if (c == '"') state = kCode, last_code = '"';
        else if (c == '\n') state = kCode, last_code = '\n';
        break;
      case kLiteral:
        if (c == '\'') state = kCode, last_code = '\'';
        else if (c == '\n') state = kCode, last_code = '\n';
        break;
      case kMultiBasic:
        if (after_line_backslash && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
          after_line_backslash = false;
          if (non_ascii)
            return fail("toml++ cannot read a non-ASCII character right after a line-ending backslash; "
                        "write it as \\uXXXX or start the line with an ASCII character");
        }
        if (c == '\\') {
          size_t k = i + 1;
          while (k < text.size() && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r')) ++k;
          if (k < text.size() && text[k] == '\n') after_line_backslash = true;
          else skip = 1;
        } else if (starts("\"\"\"")) {
          state = kCode, last_code = '"', skip = 2;
        }
        break;
      case kMultiLiteral:
        if (starts("'''")) state = kCode, last_code = '\'', skip = 2;
        break;
    }
    for (size_t k = 0; k <= skip && i < text.size(); ++k, ++i) {
      if (text[i] == '\n') line++, column = 1;
      else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
    }
    --i;
  }
  return true;
}

struct Fragment {
  std::string raw;
  std::string file;
  int line = 0;
  int column = 0;  // column of the first character inside the quotes
  std::string expanded;
  enum State { kNew, kExpanding, kDone, kFailed } state = kNew;
};

}  // namespace

class RulebookLoader {
 public:
  RulebookLoader(Rulebook* book, Diagnostics* diags) : book_(book), diags_(diags) {}

  void LoadDirectory(const std::string& dir);

 private:
  void LoadLexicons(const fs::path& dir);
  void CheckLexiconSchemas();
  // Pass 1 parses a file and reads its fragments; pass 2 reads its rules, so
  // a rule may use fragments from any file.
  // A rule file's text and its TOML parse, made on any thread.
  struct ReadFile {
    std::string file;
    std::string text;
    bool text_ok = false;     // no non-ASCII byte where TOML allows none (else not parsed)
    Diagnostics text_diags;   // what that check found
    toml::parse_result parsed;
  };
  static ReadFile ReadAndParse(const fs::path& path);
  void ParseRuleFiles(const std::vector<fs::path>& paths);
  void ParseRuleFile(ReadFile read);
  void ReadRules(const toml::table& top, const std::string& file);
  void ReadFragments(const toml::table& table, const std::string& file);
  void ReadRule(const toml::table& table, const std::string& file);
  void ReadExamples(const toml::node* node, Rule* rule, bool positive);
  bool Expand(const std::string& raw, const std::string& file, int line, int column,
              const std::string& rule_id, std::string* out);
  bool ExpandFragment(const std::string& name, std::string* out);
  void CompileRules();
  void CompileStageRules(const StageSpec& spec);
  // Builds every stage's RE2::Set and the attribution prefilter at once,
  // spread over the cores (compiling is most of a short run's time); the
  // checks and their diagnostics come after, in rule order. The rules' own
  // RE2s are compiled on first use (RuleRegex).
  void BuildRegexes();
  struct SetBuild {
    std::unique_ptr<RE2::Set> set;
    std::vector<std::string> add_errors;  // per rule; empty = added
    std::vector<std::string> cores;         // per rule, what went into the Set (SetCore)
    std::vector<std::string> parse_errors;  // per rule, of the pattern when its core went in
    bool compiled = false;
  };
  std::map<RuleStage, SetBuild> set_builds_;
  // What a stage's compiled Set says of each of its rules, for the checks:
  // whether it matches the empty string, and any single character.
  struct SetAnswers {
    std::vector<bool> empty, any_character;
    // The rules the answers are known for (all, from a Set); the others
    // are compiled at load and checked on their own.
    std::vector<bool> known;
  };
  static std::optional<SetAnswers> AnswersOf(const SetBuild& build);
  // The same from a prefilter: a rule that needs a string of two
  // characters, or a punctuation mark, matches neither (the prefilter
  // knows nothing of a rule that needs no string).
  static SetAnswers AnswersOf(const Rulebook::Prefilter& prefilter);
  // Runs the checks every stage shares on rule `index` of its stage: through
  // `answers` when its stage's Set compiled, else by compiling its RE2 now
  // (a stage with an error: every rule is checked on its own, and one too
  // large for the Set is named).
  bool CheckRegex(Rule* rule, const std::optional<SetAnswers>& answers, size_t index);
  std::unique_ptr<RE2> CompileEngineFragment(const std::string& name);

  int ValueColumn(const toml::node& node, const std::string& file) const;
  void Error(const std::string& file, int line, int column, const std::string& rule_id,
             std::string message) {
    diags_->push_back({file, line, column, rule_id, std::move(message)});
  }

  Rulebook* book_;
  Diagnostics* diags_;
  std::map<std::string, Fragment> fragments_;
  std::map<std::string, std::string> alternations_;  // by reference ("name[column=a|b]"): built once
  std::map<std::string, std::vector<std::string>> file_lines_;
  std::set<std::string> rule_ids_;
  std::vector<std::pair<std::string, toml::table>> parsed_;
};

// Column of the first character of a string's contents: toml++ points at the
// opening quote, which is one character (' or ") or three (''' or """).
int RulebookLoader::ValueColumn(const toml::node& node, const std::string& file) const {
  const auto& src = node.source();
  int line = static_cast<int>(src.begin.line);
  int column = static_cast<int>(src.begin.column);
  auto it = file_lines_.find(file);
  if (it != file_lines_.end() && line >= 1 && static_cast<size_t>(line) <= it->second.size()) {
    const std::string& text = it->second[line - 1];
    size_t at = static_cast<size_t>(column - 1);
    if (text.compare(at, 3, "'''") == 0 || text.compare(at, 3, "\"\"\"") == 0) return column + 3;
  }
  return column + 1;
}

// The capture a group name stands for: <name>_<N> is an alternative group
// for <name> (RE2 forbids one name twice).
static std::string CaptureBase(const std::string& name, bool* alternative) {
  const size_t underscore = name.rfind('_');
  *alternative = underscore != std::string::npos && underscore + 1 < name.size() &&
                 name.find_first_not_of("0123456789", underscore + 1) == std::string::npos;
  return *alternative ? name.substr(0, underscore) : name;
}

void RulebookLoader::LoadDirectory(const std::string& dir) {
  book_->dir_ = dir;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    Error(dir, 0, 0, "", "rules directory not found");
    return;
  }
  LoadLexicons(fs::path(dir) / "lexicon");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".toml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) Error(dir, 0, 0, "", "no *.toml rule files");
  ParseRuleFiles(files);
  for (const auto& [file, table] : parsed_) ReadRules(table, file);
  CheckLexiconSchemas();
  CompileRules();
  book_->unit_carry_gap_ = CompileEngineFragment("unit_carry_gap");
  book_->unit_partitive_ = CompileEngineFragment("unit_partitive");
  if (book_->unit_partitive_) {
    Rulebook::PartitiveGroups& groups = book_->unit_partitive_groups_;
    for (const auto& [name, group] : book_->unit_partitive_->NamedCapturingGroups()) {
      bool alternative = false;
      const std::string base = CaptureBase(name, &alternative);
      groups.max = std::max(groups.max, group);
      if (base == "unit") {
        groups.unit.push_back(group);
      } else if (base == "noun") {
        groups.noun.push_back(group);
      } else {
        const Fragment& f = fragments_["unit_partitive"];
        Error(f.file, f.line, f.column, "fragment unit_partitive",
              "unknown capture group '" + name + "' (the engine reads 'unit' and 'noun')");
      }
    }
  }
  book_->unit_partitive_after_ = CompileEngineFragment("unit_partitive_after");
  book_->percent_sign_ = CompileEngineFragment("percent_sign");
}

void RulebookLoader::LoadLexicons(const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".tsv") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    Lexicon lexicon;
    std::string name = file.stem().string();
    if (lexicon.Load(file.string(), name, diags_)) book_->lexicons_.emplace(name, std::move(lexicon));
  }
}

void RulebookLoader::CheckLexiconSchemas() {
  for (const LexiconSchema& schema : EngineLexicons()) {
    auto it = book_->lexicons_.find(schema.name);
    if (it == book_->lexicons_.end()) {
      if (!schema.required) continue;
      Error(book_->dir_ + "/lexicon/" + schema.name + ".tsv", 0, 0, "",
            std::string("missing lexicon '") + schema.name + "', which the engine needs");
      continue;
    }
    const Lexicon& lex = it->second;
    for (const auto& [column, type, allowed] : schema.columns) {
      int idx = lex.ColumnIndex(column);
      if (idx < 0) {
        Error(lex.file(), 0, 0, "",
              "lexicon '" + lex.name() + "' needs a column named '" + column + "' in its header");
        continue;
      }
      for (const Lexicon::Entry& entry : lex.entries()) {
        const std::string& cell = lex.Cell(entry, idx);
        std::string problem;
        switch (type) {
          case CellType::kText:
            if (cell.empty()) problem = "empty '" + std::string(column) + "'";
            break;
          case CellType::kOptionalText: break;
          case CellType::kNumber:
            if (!IsNumber(cell)) problem = "'" + std::string(column) + "' must be a number, not '" + cell + "'";
            break;
          case CellType::kBool:
            if (cell != "yes" && cell != "no") problem = "'" + std::string(column) + "' must be yes or no, not '" + cell + "'";
            break;
          case CellType::kRelation:
            if (!ParseRelation(cell)) problem = "'" + std::string(column) + "' must be one of eq lt le gt ge range, not '" + cell + "'";
            break;
          case CellType::kOneOf:
            if (!IsOneOfWords(cell, allowed))
              problem = "'" + std::string(column) + "' must be one of " + allowed + ", not '" + cell + "'";
            break;
        }
        if (!problem.empty()) diags_->push_back(lex.At(entry, idx, problem));
      }
    }
  }
}

RulebookLoader::ReadFile RulebookLoader::ReadAndParse(const fs::path& path) {
  ReadFile read;
  read.file = path.string();
  std::ifstream in(path, std::ios::binary);
  read.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  // Checked before toml++ sees the text: some misplaced non-ASCII bytes
  // reach undefined behaviour inside its parser (tests/fuzz/regressions).
  read.text_ok = CheckNonAsciiPositions(read.text, read.file, &read.text_diags);
  if (read.text_ok) read.parsed = toml::parse(read.text, read.file);
  return read;
}

void RulebookLoader::ParseRuleFiles(const std::vector<fs::path>& paths) {
  // TOML parsing is most of the loader's own time: the files are parsed on
  // both cores, then read in name order so diagnostics keep their order.
  std::vector<ReadFile> reads(paths.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < paths.size(); i = next++) reads[i] = ReadAndParse(paths[i]);
  };
  std::thread helper(work);
  work();
  helper.join();
  for (ReadFile& read : reads) ParseRuleFile(std::move(read));
}

void RulebookLoader::ParseRuleFile(ReadFile read) {
  const std::string& file = read.file;
  const std::string& text = read.text;
  {
    std::istringstream lines_in(text);
    std::string line;
    auto& lines = file_lines_[file];
    while (std::getline(lines_in, line)) lines.push_back(line);
  }
  diags_->insert(diags_->end(), read.text_diags.begin(), read.text_diags.end());
  if (!read.text_ok) return;
  toml::parse_result& parsed = read.parsed;
  if (!parsed) {
    const toml::parse_error& err = parsed.error();
    Error(file, static_cast<int>(err.source().begin.line), static_cast<int>(err.source().begin.column), "",
          "TOML syntax: " + std::string(err.description()));
    return;
  }
  toml::table top = std::move(parsed).table();
  for (auto&& [key, node] : top) {
    const int line = static_cast<int>(key.source().begin.line);
    const int column = static_cast<int>(key.source().begin.column);
    if (key.str() == "fragments") {
      if (const toml::table* t = node.as_table()) ReadFragments(*t, file);
      else Error(file, line, column, "", "'fragments' must be a table");
    } else if (key.str() != "rule") {
      Error(file, line, column, "", "unknown top-level key '" + std::string(key.str()) +
                                        "' (expected [fragments] or [[rule]])");
    }
  }
  parsed_.emplace_back(file, std::move(top));
}

void RulebookLoader::ReadRules(const toml::table& top, const std::string& file) {
  const toml::node* node = top.get("rule");
  if (!node) return;
  const toml::array* rules = node->as_array();
  if (!rules) {
    Error(file, static_cast<int>(node->source().begin.line), static_cast<int>(node->source().begin.column), "",
          "'rule' must be an array of tables: write [[rule]]");
    return;
  }
  for (const toml::node& r : *rules) {
    if (const toml::table* t = r.as_table()) ReadRule(*t, file);
    else Error(file, static_cast<int>(r.source().begin.line), static_cast<int>(r.source().begin.column), "",
               "each [[rule]] entry must be a table");
  }
}

void RulebookLoader::ReadFragments(const toml::table& table, const std::string& file) {
  for (auto&& [key, node] : table) {
    const int line = static_cast<int>(node.source().begin.line);
    std::string name(key.str());
    if (!node.is_string()) {
      Error(file, line, static_cast<int>(node.source().begin.column), "",
            "fragment '" + name + "' must be a string");
      continue;
    }
    if (fragments_.count(name)) {
      const Fragment& first = fragments_[name];
      Error(file, line, static_cast<int>(key.source().begin.column), "",
            "duplicate fragment '" + name + "' (first defined at " + first.file + ":" +
                std::to_string(first.line) + ")");
      continue;
    }
    Fragment f;
    f.raw = *node.value<std::string>();
    f.file = file;
    f.line = line;
    f.column = ValueColumn(node, file);
    // unit_partitive is read by the engine, which takes its named groups.
    const bool engine_reads_groups = name == "unit_partitive";
    if (!engine_reads_groups && (f.raw.find("(?P<") != std::string::npos || f.raw.find("(?<") != std::string::npos)) {
      size_t at = f.raw.find("(?P<") != std::string::npos ? f.raw.find("(?P<") : f.raw.find("(?<");
      Error(file, line, f.column + static_cast<int>(at), "",
            "fragment '" + name + "' may not name captures; name them where a rule uses it, as {" +
                name + ":name}");
    }
    fragments_.emplace(name, std::move(f));
  }
}

void RulebookLoader::ReadRule(const toml::table& table, const std::string& file) {
  auto rule = std::make_unique<Rule>();
  rule->file = file;
  rule->line = static_cast<int>(table.source().begin.line);
  rule->column = static_cast<int>(table.source().begin.column);
  const toml::node* id = table.get("id");
  if (id && id->is_string()) rule->id = *id->value<std::string>();
  if (rule->id.empty()) {
    Error(file, rule->line, rule->column, "", "rule without a string 'id'");
    rule->id = "<no id>";
  } else if (!rule_ids_.insert(rule->id).second) {
    Error(file, static_cast<int>(id->source().begin.line), static_cast<int>(id->source().begin.column),
          rule->id, "duplicate rule id");
  }
  const std::string& rid = rule->id;
  auto at = [&](const toml::node& n) {
    return std::make_pair(static_cast<int>(n.source().begin.line), static_cast<int>(n.source().begin.column));
  };
  std::string unit_spec;
  std::string raw_pattern;
  int pattern_line = rule->line, pattern_column = rule->column;
  // `stage` decides which keys the rest of the table may hold.
  const StageSpec* spec = nullptr;
  if (const toml::node* stage = table.get("stage")) {
    const auto s = stage->value<std::string>();
    spec = s ? FindStage(*s) : nullptr;
    if (!spec) {
      std::string names;
      for (const StageSpec& st : NonQuantityStages()) names += (names.empty() ? "" : ", ") + st.name;
      Error(file, static_cast<int>(stage->source().begin.line), static_cast<int>(stage->source().begin.column), rid,
            "unknown stage" + (s ? " '" + *s + "'" : std::string()) + " (" + names +
                "; quantity and exclusion rules give `kind` instead)");
    } else {
      rule->stage = spec->stage;
    }
  }
  // Known before the examples are read (keys come in name order), as the stage is.
  if (const toml::node* kind = table.get("kind"); kind && kind->value<std::string>() == "exclusion")
    rule->stage = RuleStage::kExclusion;
  for (auto&& [key, node] : table) {
    auto [line, column] = at(node);
    const std::string k(key.str());
    // Structured bindings are captured explicitly: clang before 16 refuses them in [&].
    auto want_string = [&, &node = node, line = line, column = column]() -> std::optional<std::string> {
      if (auto s = node.value<std::string>()) return s;
      Error(file, line, column, rid, "'" + k + "' must be a string");
      return std::nullopt;
    };
    if (k == "id" || k == "note" || k == "stage") {
    } else if (spec && k != "pattern" && k != "priority" && k != "examples" && k != "not") {
      if (std::find(spec->keys.begin(), spec->keys.end(), k) == spec->keys.end()) {
        std::string keys;
        for (const std::string& name : spec->keys) keys += ", " + name;
        Error(file, static_cast<int>(key.source().begin.line), static_cast<int>(key.source().begin.column), rid,
              "unknown key '" + k + "' for a " + spec->name + " rule (id, note, stage, pattern, priority, examples, not" +
                  keys + ")");
      } else if (auto s = node.value<std::string>()) {
        rule->params[k] = *s;
      } else if (node.is_boolean()) {
        rule->params[k] = *node.value<bool>();
      } else if (node.is_integer()) {
        rule->params[k] = *node.value<int64_t>();
      } else if (node.is_floating_point()) {
        rule->params[k] = *node.value<double>();
      } else if (const toml::array* a = node.as_array(); a && a->is_homogeneous<std::string>()) {
        nlohmann::json list = nlohmann::json::array();
        for (const toml::node& item : *a) list.push_back(*item.value<std::string>());
        rule->params[k] = std::move(list);
      } else {
        Error(file, line, column, rid, "'" + k + "' must be a string, number, boolean or array of strings");
      }
    } else if (k == "pattern") {
      if (auto s = want_string()) {
        raw_pattern = *s;
        pattern_line = line;
        pattern_column = ValueColumn(node, file);
      }
    } else if (k == "kind") {
      if (auto s = want_string()) {
        if (*s == "count") rule->kind = QuantityKind::kCount;
        else if (*s == "money") rule->kind = QuantityKind::kMoney;
        else if (*s == "percent") rule->kind = QuantityKind::kPercent;
        else if (*s == "ratio") rule->kind = QuantityKind::kRatio;
        else if (*s == "exclusion") rule->stage = RuleStage::kExclusion;
        else Error(file, line, column, rid, "unknown kind '" + *s + "' (count, money, percent, ratio, exclusion)");
      }
    } else if (k == "relation") {
      if (auto s = want_string()) {
        rule->relation = ParseRelation(*s);
        if (!rule->relation) Error(file, line, column, rid, "unknown relation '" + *s + "'");
      }
    } else if (k == "approx") {
      if (auto b = node.value<bool>()) rule->approx = *b;
      else Error(file, line, column, rid, "'approx' must be true or false");
    } else if (k == "split") {
      if (auto b = node.value<bool>()) rule->split = *b;
      else Error(file, line, column, rid, "'split' must be true or false");
    } else if (k == "priority") {
      if (auto i = node.value<int64_t>()) rule->priority = static_cast<int>(*i);
      else Error(file, line, column, rid, "'priority' must be an integer");
    } else if (k == "scale") {
      const std::optional<double> v = node.value<double>();
      if (v && *v > 0) rule->scale = *v;
      else Error(file, line, column, rid, "'scale' must be a number above 0");
    } else if (k == "unit") {
      if (auto s = want_string()) unit_spec = *s;
    } else if (k == "examples") {
      ReadExamples(&node, rule.get(), true);
    } else if (k == "not") {
      ReadExamples(&node, rule.get(), false);
    } else {
      Error(file, static_cast<int>(key.source().begin.line), static_cast<int>(key.source().begin.column), rid,
            "unknown key '" + k + "'");
    }
  }
  if (unit_spec.empty()) {
    rule->unit_source = rule->kind == QuantityKind::kMoney  ? UnitSource::kCurrency
                        : rule->kind == QuantityKind::kCount ? UnitSource::kNoun
                                                              : UnitSource::kNone;
  } else if (unit_spec == "@noun") {
    rule->unit_source = UnitSource::kNoun;
  } else if (unit_spec == "@currency") {
    rule->unit_source = UnitSource::kCurrency;
  } else if (unit_spec == "@none") {
    rule->unit_source = UnitSource::kNone;
  } else if (unit_spec[0] == '@') {
    Error(file, rule->line, rule->column, rid, "unknown unit source '" + unit_spec + "' (@noun, @currency, @none)");
  } else {
    rule->unit_source = UnitSource::kFixed;
    rule->fixed_unit = unit_spec;
  }
  if (raw_pattern.empty()) {
    Error(file, rule->line, rule->column, rid, "rule has no 'pattern'");
  } else if (Expand(raw_pattern, file, pattern_line, pattern_column, rid, &rule->pattern)) {
    rule->line = pattern_line;
    rule->column = pattern_column;
  } else {
    rule->pattern.clear();
  }
  if (rule->examples.empty())
    Error(file, rule->line, rule->column, rid, "rule has no 'examples': every rule must show what it matches");
  if (rule->counter_examples.empty())
    Error(file, rule->line, rule->column, rid, "rule has no 'not' examples: every rule must show what it must not match");
  if (spec) book_->stage_rules_[spec->stage].push_back(std::move(rule));
  else book_->rules_.push_back(std::move(rule));
}

void RulebookLoader::ReadExamples(const toml::node* node, Rule* rule, bool positive) {
  const toml::array* items = node->as_array();
  const int line = static_cast<int>(node->source().begin.line);
  const int column = static_cast<int>(node->source().begin.column);
  if (!items) {
    Error(rule->file, line, column, rule->id, positive ? "'examples' must be an array" : "'not' must be an array");
    return;
  }
  static const std::vector<std::string> kQuantityKeys = {"quantity", "kind", "low", "high", "relation", "approx", "unit"};
  const StageSpec* spec = FindStage(rule->stage);
  static const std::vector<std::string> kExclusionKeys = {"span"};  // the text it must veto
  const std::vector<std::string>& expect_keys = spec                                  ? spec->expect
                                                : rule->stage == RuleStage::kExclusion ? kExclusionKeys
                                                                                       : kQuantityKeys;
  std::string expect_list;
  for (const std::string& k : expect_keys) expect_list += ", " + k;
  for (const toml::node& item : *items) {
    RuleExample ex;
    ex.line = static_cast<int>(item.source().begin.line);
    ex.column = static_cast<int>(item.source().begin.column);
    if (auto s = item.value<std::string>()) {
      ex.text = *s;
    } else if (const toml::table* t = item.as_table()) {
      for (auto&& [key, value] : *t) {
        const std::string k(key.str());
        const int kl = static_cast<int>(key.source().begin.line);
        const int kc = static_cast<int>(key.source().begin.column);
        if (k == "text") {
          if (auto s = value.value<std::string>()) ex.text = *s;
          else Error(rule->file, kl, kc, rule->id, "example 'text' must be a string");
        } else if (!positive && !spec) {
          Error(rule->file, kl, kc, rule->id, "a 'not' example takes only 'text'");
        } else if (std::find(expect_keys.begin(), expect_keys.end(), k) == expect_keys.end()) {
          Error(rule->file, kl, kc, rule->id, "unknown example key '" + k + "' (text" + expect_list + ")");
        } else if (auto s = value.value<std::string>()) {
          // "null" spells JSON null, which TOML lacks.
          ex.expect[k == "quantity" && !spec ? "text" : k] =
              *s == "null" ? nlohmann::json(nullptr) : nlohmann::json(*s);
        } else if (auto b = value.value<bool>(); value.is_boolean() && b) {
          ex.expect[k] = *b;
        } else if (value.is_integer()) {
          ex.expect[k] = *value.value<int64_t>();
        } else if (value.is_floating_point()) {
          ex.expect[k] = *value.value<double>();
        } else {
          Error(rule->file, kl, kc, rule->id, "example '" + k + "' must be a string, number or boolean");
        }
      }
    } else {
      Error(rule->file, ex.line, ex.column, rule->id, "an example is a string or an inline table {text = ...}");
      continue;
    }
    if (ex.text.empty()) {
      Error(rule->file, ex.line, ex.column, rule->id, "example without 'text'");
      continue;
    }
    (positive ? rule->examples : rule->counter_examples).push_back(std::move(ex));
  }
}

// Expands `{fragment}`, `{fragment:capture}`, `{@lexicon}` and
// `{@lexicon:capture}`. A `{` followed by a digit is a regex repetition and
// stays; `\{` stays literal.
bool RulebookLoader::Expand(const std::string& raw, const std::string& file, int line, int column,
                            const std::string& rule_id, std::string* out) {
  bool ok = true;
  out->clear();
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '\\' && i + 1 < raw.size()) {
      *out += raw.substr(i, 2);
      ++i;
      continue;
    }
    if (c == '(' && raw.compare(i, 3, "(?=") == 0 ? true
        : c == '(' && (raw.compare(i, 3, "(?!") == 0 || raw.compare(i, 4, "(?<=") == 0 ||
                       raw.compare(i, 4, "(?<!") == 0)) {
      Error(file, line, column + static_cast<int>(i), rule_id,
            "lookaround is not supported by RE2; match the context and mark the claim with (?P<span>...)");
      ok = false;
    }
    if (c != '{' || i + 1 >= raw.size() || std::isdigit(static_cast<unsigned char>(raw[i + 1])) ||
        raw[i + 1] == ',') {
      *out += c;
      continue;
    }
    size_t close = raw.find('}', i);
    if (close == std::string::npos) {
      Error(file, line, column + static_cast<int>(i), rule_id, "unclosed '{' reference");
      return false;
    }
    std::string ref = raw.substr(i + 1, close - i - 1);
    std::string capture;
    if (size_t colon = ref.find(':'); colon != std::string::npos) {
      capture = ref.substr(colon + 1);
      ref = ref.substr(0, colon);
    }
    const bool is_lexicon = !ref.empty() && ref[0] == '@';
    const std::string name = is_lexicon ? ref.substr(1) : ref;
    std::string body;
    if (is_lexicon) {
      // {@name[column=a|b]}: only the entries whose `column` is a or b.
      std::string lexicon_name = name, filter;
      if (size_t bracket = name.find('['); bracket != std::string::npos && name.back() == ']') {
        lexicon_name = name.substr(0, bracket);
        filter = name.substr(bracket + 1, name.size() - bracket - 2);
      }
      auto it = book_->lexicons_.find(lexicon_name);
      auto cached = alternations_.find(name);
      if (cached != alternations_.end()) {
        body = cached->second;
      } else if (it == book_->lexicons_.end()) {
        Error(file, line, column + static_cast<int>(i), rule_id, "unknown lexicon '@" + lexicon_name + "'");
        ok = false;
      } else if (filter.empty()) {
        body = alternations_[name] = it->second.Alternation();
      } else {
        size_t eq = filter.find('=');
        int col = eq == std::string::npos ? -1 : it->second.ColumnIndex(filter.substr(0, eq));
        std::vector<std::string> allowed;
        for (size_t b = eq + 1; eq != std::string::npos && b <= filter.size();) {
          size_t bar = filter.find('|', b);
          if (bar == std::string::npos) bar = filter.size();
          allowed.push_back(filter.substr(b, bar - b));
          b = bar + 1;
        }
        if (col < 0) {
          Error(file, line, column + static_cast<int>(i), rule_id,
                "bad lexicon filter '[" + filter + "]': write [column=value|value] with a column of '" +
                    lexicon_name + "'");
          ok = false;
        } else {
          body = it->second.Alternation(col, allowed);
          if (body == "(?:)") {
            Error(file, line, column + static_cast<int>(i), rule_id,
                  "lexicon filter '[" + filter + "]' selects no entries of '" + lexicon_name + "'");
            ok = false;
          } else {
            alternations_[name] = body;
          }
        }
      }
    } else if (!fragments_.count(name)) {
      Error(file, line, column + static_cast<int>(i), rule_id, "unknown fragment '{" + name + "}'");
      ok = false;
    } else if (!ExpandFragment(name, &body)) {
      const Fragment& f = fragments_[name];
      if (f.state == Fragment::kExpanding)
        Error(file, line, column + static_cast<int>(i), rule_id, "fragment cycle through '{" + name + "}'");
      ok = false;
    }
    if (!capture.empty()) {
      *out += "(?P<" + capture + ">" + body + ")";
    } else {
      *out += "(?:" + body + ")";
    }
    // Fragments that repeat each other grow exponentially ({a} = {b}{b},
    // {b} = {c}{c}, …): stop long before memory runs out.
    if (out->size() > kMaxExpandedPattern) {
      Error(file, line, column + static_cast<int>(i), rule_id,
            "pattern grows past " + std::to_string(kMaxExpandedPattern) +
                " bytes when its fragments are expanded; a fragment repeats another too often");
      return false;
    }
    i = close;
  }
  return ok;
}

bool RulebookLoader::ExpandFragment(const std::string& name, std::string* out) {
  Fragment& f = fragments_[name];
  switch (f.state) {
    case Fragment::kDone: *out = f.expanded; return true;
    case Fragment::kFailed: return false;
    case Fragment::kExpanding: return false;  // cycle; the caller reports it
    case Fragment::kNew: break;
  }
  f.state = Fragment::kExpanding;
  std::string expanded;
  bool ok = Expand(f.raw, f.file, f.line, f.column, "fragment " + name, &expanded);
  Fragment& again = fragments_[name];
  if (!ok) {
    again.state = Fragment::kFailed;
    return false;
  }
  again.expanded = expanded;
  again.state = Fragment::kDone;
  *out = expanded;
  return true;
}

std::unique_ptr<RE2> RulebookLoader::CompileEngineFragment(const std::string& name) {
  std::string pattern;
  if (!fragments_.count(name)) {
    Error(book_->dir_, 0, 0, "", "missing fragment '" + name + "', which the engine needs");
    return nullptr;
  }
  if (!ExpandFragment(name, &pattern)) return nullptr;
  auto re = std::make_unique<RE2>(pattern, Rulebook::MatchOptions());
  if (!re->ok()) {
    const Fragment& f = fragments_[name];
    Error(f.file, f.line, f.column, "fragment " + name, "bad regex: " + re->error());
    return nullptr;
  }
  return re;
}

namespace {

// Options for a pattern only parsed for its diagnostics, never matched: as
// MatchOptions, but case-sensitive. Whether a pattern parses does not depend
// on case folding, and folding every literal makes RE2's parser some 2.4
// times slower on the quantity rules.
RE2::Options ParseOnlyOptions() {
  RE2::Options options = Rulebook::MatchOptions();
  options.set_case_sensitive(true);
  return options;
}

// One RE2::Set over `rules`, with each pattern's Add error, if any. With
// `cores` (one per rule, SetCore), each rule goes in as its core: the Set
// only says which rules match, and the cores answer that alike;
// ParseOriginals then checks the patterns themselves.
void BuildSet(const std::vector<std::unique_ptr<Rule>>& rules, const std::vector<std::string>* cores,
              std::unique_ptr<RE2::Set>* set, std::vector<std::string>* add_errors, bool* compiled) {
  *set = std::make_unique<RE2::Set>(Rulebook::MatchOptions(), RE2::UNANCHORED);
  add_errors->assign(rules.size(), "");
  bool added = !rules.empty();
  for (size_t i = 0; i < rules.size(); ++i) {
    if (rules[i]->pattern.empty()) {
      added = false;
      continue;
    }
    std::string error;
    if ((*set)->Add(cores ? (*cores)[i] : rules[i]->pattern, &error) < 0) {
      (*add_errors)[i] = error.empty() ? "rejected by RE2::Set" : error;
      added = false;
    }
  }
  *compiled = added && (*set)->Compile();
}

// The parse error of each rule whose Set took its core rather than its
// pattern (empty when it parses): parsing alone, nothing compiled.
void ParseOriginals(const std::vector<std::unique_ptr<Rule>>& rules, const std::vector<std::string>& cores,
                    std::vector<std::string>* errors) {
  RE2::Set parser(ParseOnlyOptions(), RE2::UNANCHORED);
  errors->assign(rules.size(), "");
  for (size_t i = 0; i < rules.size(); ++i) {
    const std::string& pattern = rules[i]->pattern;
    if (pattern.empty() || cores[i] == pattern) continue;
    std::string error;
    if (parser.Add(pattern, &error) < 0) (*errors)[i] = error.empty() ? "rejected by RE2::Set" : error;
  }
}

// The literal prefilter over `rules`; null when a literal cannot go into a
// LiteralSet (RequiredLiterals keeps ASCII strings only, so never).
std::shared_ptr<Rulebook::Prefilter> BuildPrefilter(const std::vector<std::unique_ptr<Rule>>& rules) {
  auto prefilter = std::make_shared<Rulebook::Prefilter>();
  std::map<std::string, int> index;
  std::vector<std::string> literals;
  for (const auto& rule : rules) {
    auto& clauses = prefilter->clauses.emplace_back();
    for (const std::vector<std::string>& strings : RequiredLiterals(rule->pattern)) {
      auto& clause = clauses.emplace_back();
      for (const std::string& s : strings) {
        auto [it, added] = index.emplace(s, static_cast<int>(literals.size()));
        if (added) literals.push_back(s);
        clause.push_back(it->second);
      }
    }
  }
  if (!literals.empty() && !prefilter->literals.Build(literals)) return nullptr;
  prefilter->strings = std::move(literals);
  return prefilter;
}

// The capture reader of a rule (compiled itself on first use).
void AttachCaptures(Rule* rule) {
  if (rule->group_count > 0) rule->captures = std::make_shared<LazyCaptureProgram>(rule->pattern, rule->group_count);
}

}  // namespace

void RulebookLoader::BuildRegexes() {
  // Every rule's own RE2 waits for its first use.
  auto plan_rule = [](Rule* rule) {
    if (rule->pattern.empty()) return;
    rule->group_count = ScanGroups(rule->pattern).count;
    rule->compiled = std::make_shared<RuleRegex>(rule->pattern);
    AttachCaptures(rule);
  };
  for (auto& rule : book_->rules_) plan_rule(rule.get());
  for (auto& [stage, rules] : book_->stage_rules_)
    for (auto& rule : rules) plan_rule(rule.get());
  std::vector<std::function<void()>> tasks;
  // The Sets are the largest tasks: first, so they overlap the rest.
  auto plan_set = [&](RuleStage stage, const std::vector<std::unique_ptr<Rule>>& rules) {
    SetBuild* build = &set_builds_[stage];
    for (const auto& rule : rules) build->cores.push_back(SetCore(rule->pattern));
    tasks.push_back([build, &rules] { BuildSet(rules, &build->cores, &build->set, &build->add_errors, &build->compiled); });
    tasks.push_back([build, &rules] { ParseOriginals(rules, build->cores, &build->parse_errors); });
  };
  plan_set(RuleStage::kQuantity, book_->rules_);
  for (auto& [stage, rules] : book_->stage_rules_) {
    const StageSpec* spec = FindStage(stage);
    if (!spec || !spec->prefilter || rules.empty()) {
      plan_set(stage, rules);
      continue;
    }
    // A stage that picks its candidates with the prefilter needs no Set:
    // its patterns are only parsed (RE2::Set::Add compiles nothing) for
    // their diagnostics. With an error, or no prefilter, it gets its Set.
    SetBuild* build = &set_builds_[stage];
    std::shared_ptr<Rulebook::Prefilter>* slot = &book_->stage_prefilters_[stage];
    const std::vector<std::unique_ptr<Rule>>* stage_rules = &rules;  // C++17 lambdas cannot capture a binding
    tasks.push_back([build, slot, stage_rules] {
      RE2::Set parser(ParseOnlyOptions(), RE2::UNANCHORED);
      bool parsed = true;
      for (const auto& rule : *stage_rules) parsed = parser.Add(rule->pattern, nullptr) >= 0 && parsed;
      if (parsed) *slot = BuildPrefilter(*stage_rules);
      if (!*slot) BuildSet(*stage_rules, nullptr, &build->set, &build->add_errors, &build->compiled);
    });
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < tasks.size(); i = next++) tasks[i]();
  };
  const unsigned threads = std::min(4u, std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  // A pattern that does not parse reports its own error, whatever its core did.
  for (auto& [stage, build] : set_builds_)
    for (size_t i = 0; i < build.parse_errors.size(); ++i)
      if (!build.parse_errors[i].empty()) build.add_errors[i] = build.parse_errors[i];
}

void RulebookLoader::CompileRules() {
  BuildRegexes();
  SetBuild& build = set_builds_[RuleStage::kQuantity];
  const std::optional<SetAnswers> answers = AnswersOf(build);
  bool set_ok = true;
  for (size_t index = 0; index < book_->rules_.size(); ++index) {
    auto& rule = book_->rules_[index];
    if (!CheckRegex(rule.get(), answers, index)) {
      set_ok = false;
      continue;
    }
    for (const auto& [name, group] : ScanGroups(rule->pattern).named) {
      bool alternative = false;
      const std::string base = CaptureBase(name, &alternative);
      int found = -1;
      for (int c = 0; c < kCaptureCount; ++c)
        if (base == kCaptureNames[c]) found = c;
      if (found < 0) {
        Error(rule->file, rule->line, rule->column, rule->id,
              "unknown capture name '" + name +
                  "' (value, low, high, value2, qualifier, qualifier2, qualifier_after, currency, vague, "
                  "fraction, numerator, denominator, span; alternatives as <name>_2)");
        set_ok = false;
      } else if (alternative) {
        rule->alternative_groups[found].push_back(group);
      } else {
        rule->capture_group[found] = group;
      }
    }
    for (int c = 0; c < kCaptureCount; ++c)
      if (rule->capture_group[c] < 0 && !rule->alternative_groups[c].empty()) {
        Error(rule->file, rule->line, rule->column, rule->id,
              std::string("alternative captures of '") + kCaptureNames[c] + "' need a first group named '" +
                  kCaptureNames[c] + "'");
        set_ok = false;
      }
    if (rule->stage == RuleStage::kQuantity && !rule->has(kCapValue) && !rule->has(kCapLow) &&
        !rule->has(kCapVague) && !rule->has(kCapFraction) && !rule->has(kCapNumerator)) {
      Error(rule->file, rule->line, rule->column, rule->id,
            "a quantity rule needs a value: capture value, low/high, vague, fraction or numerator");
      set_ok = false;
    }
    if (rule->has(kCapLow) != rule->has(kCapHigh)) {
      Error(rule->file, rule->line, rule->column, rule->id, "captures low and high go together");
      set_ok = false;
    }
    if (!build.add_errors[index].empty()) {
      Error(rule->file, rule->line, rule->column, rule->id, "bad regex: " + build.add_errors[index]);
      set_ok = false;
    }
  }
  if (book_->rules_.empty()) Error(book_->dir_, 0, 0, "", "no [[rule]] in any rule file");
  if (set_ok && !book_->rules_.empty()) {
    if (!build.compiled) Error(book_->dir_, 0, 0, "", "RE2::Set over all rules exceeds its memory budget");
    else book_->candidates_ = std::move(build.set);
  }
  for (const StageSpec& spec : NonQuantityStages()) CompileStageRules(spec);
}

void RulebookLoader::CompileStageRules(const StageSpec& spec) {
  auto it = book_->stage_rules_.find(spec.stage);
  if (it == book_->stage_rules_.end() || it->second.empty()) return;
  SetBuild& build = set_builds_[spec.stage];
  // A prefiltered stage has no Set: the prefilter answers for its rules.
  const Rulebook::Prefilter* prefilter = book_->stage_prefilter(spec.stage);
  const std::optional<SetAnswers> answers = prefilter ? std::optional<SetAnswers>(AnswersOf(*prefilter)) : AnswersOf(build);
  bool set_ok = true;
  for (size_t index = 0; index < it->second.size(); ++index) {
    auto& rule = it->second[index];
    if (!CheckRegex(rule.get(), answers, index)) {
      set_ok = false;
      continue;
    }
    for (const auto& [name, group] : ScanGroups(rule->pattern).named) {
      bool alternative = false;
      const std::string base = CaptureBase(name, &alternative);
      if (std::find(spec.captures.begin(), spec.captures.end(), base) == spec.captures.end()) {
        std::string names;
        for (const std::string& c : spec.captures) names += (names.empty() ? "" : ", ") + c;
        Error(rule->file, rule->line, rule->column, rule->id,
              "unknown capture name '" + name + "' for a " + spec.name + " rule (" + names + ")");
        set_ok = false;
      }
      rule->groups[name] = group;
    }
    if (index < build.add_errors.size() && !build.add_errors[index].empty()) {
      Error(rule->file, rule->line, rule->column, rule->id, "bad regex: " + build.add_errors[index]);
      set_ok = false;
    }
  }
  if (!set_ok || book_->stage_prefilter(spec.stage)) return;  // prefiltered: no Set was built
  if (!build.compiled)
    Error(book_->dir_, 0, 0, "", "RE2::Set over the " + spec.name + " rules exceeds its memory budget");
  else
    book_->stage_candidates_[spec.stage] = std::move(build.set);
}

namespace {

std::optional<Diagnostic> TooLarge(const Rule& rule) {
  const int size = rule.regex().ProgramSize();
  if (size <= Rulebook::kMaxProgramSize) return std::nullopt;
  return Diagnostic{rule.file, rule.line, rule.column, rule.id,
                    "pattern too large: " + std::to_string(size) + " RE2 instructions, over the limit of " +
                        std::to_string(Rulebook::kMaxProgramSize) + "; split the rule or narrow its repetitions"};
}

}  // namespace

Diagnostics Rulebook::CheckProgramSizes() const {
  Diagnostics out;
  auto check = [&](const std::vector<std::unique_ptr<Rule>>& rules) {
    for (const auto& rule : rules)
      if (rule->compiled)
        if (std::optional<Diagnostic> large = TooLarge(*rule)) out.push_back(std::move(*large));
  };
  check(rules_);
  for (const auto& [stage, rules] : stage_rules_) check(rules);
  return out;
}

std::optional<RulebookLoader::SetAnswers> RulebookLoader::AnswersOf(const SetBuild& build) {
  if (!build.set || !build.compiled) return std::nullopt;
  const size_t rules = build.add_errors.size();  // one per rule of the stage
  for (const std::string& error : build.add_errors)
    if (!error.empty()) return std::nullopt;
  // Unanchored in so short a text, a match of a pattern that does not match
  // the empty string is the whole character: RE2::FullMatch's answer.
  auto matching = [&](const char* text) {
    std::vector<int> hits;
    build.set->Match(text, &hits);
    std::vector<bool> out(rules, false);
    for (int h : hits) out[static_cast<size_t>(h)] = true;
    return out;
  };
  SetAnswers answers;
  answers.known.assign(rules, true);
  answers.empty = matching("");
  answers.any_character = matching("a");
  for (const char* text : {" ", ",", "Z"}) {
    const std::vector<bool> also = matching(text);
    for (size_t i = 0; i < rules; ++i) answers.any_character[i] = answers.any_character[i] && also[i];
  }
  return answers;
}

RulebookLoader::SetAnswers RulebookLoader::AnswersOf(const Rulebook::Prefilter& prefilter) {
  SetAnswers answers;
  const size_t rules = prefilter.clauses.size();
  answers.empty.assign(rules, false);
  answers.any_character.assign(rules, false);
  for (const auto& clauses : prefilter.clauses) answers.known.push_back(!clauses.empty());
  return answers;
}

bool RulebookLoader::CheckRegex(Rule* rule, const std::optional<SetAnswers>& answers, size_t index) {
  if (rule->pattern.empty() || !rule->compiled) return false;
  bool empty = false, any_character = false;
  if (answers && answers->known[index]) {
    empty = answers->empty[index];
    any_character = answers->any_character[index];
  } else {
    const RE2& re = rule->regex();
    if (!re.ok()) {
      Error(rule->file, rule->line, rule->column, rule->id,
            "bad regex: " + re.error() + (re.error_arg().empty() ? "" : " at '" + re.error_arg() + "'"));
      return false;
    }
    // Named here rather than only sinking the shared RE2::Set (the largest
    // project rule is ~7.7k).
    if (std::optional<Diagnostic> large = TooLarge(*rule)) {
      diags_->push_back(std::move(*large));
      return false;
    }
    empty = RE2::FullMatch("", re);
    any_character = RE2::FullMatch("a", re) && RE2::FullMatch(" ", re) && RE2::FullMatch(",", re) &&
                    RE2::FullMatch("Z", re);
  }
  bool ok = true;
  if (empty) {
    Error(rule->file, rule->line, rule->column, rule->id, "pattern matches the empty string");
    ok = false;
  } else if (any_character) {
    // A pattern that takes any single character fires everywhere.
    Error(rule->file, rule->line, rule->column, rule->id,
          "pattern matches any single character; it would fire on every character of every document");
    ok = false;
  }
  // RE2 keeps one group per name, so a repeated name would silently lose
  // its other groups: reject it.
  std::set<std::string> seen;
  for (size_t at = rule->pattern.find("(?P<"); at != std::string::npos; at = rule->pattern.find("(?P<", at + 4)) {
    const std::string name = rule->pattern.substr(at + 4, rule->pattern.find('>', at) - at - 4);
    if (!seen.insert(name).second) {
      Error(rule->file, rule->line, rule->column, rule->id,
            "capture '" + name + "' is named twice; name the alternative '" + name + "_2'");
      ok = false;
    }
  }
  return ok;
}

std::unique_ptr<Rulebook> Rulebook::Load(const std::string& dir, Diagnostics* diags) {
  std::unique_ptr<Rulebook> book(new Rulebook());
  const size_t before = diags->size();
  RulebookLoader(book.get(), diags).LoadDirectory(dir);
  if (diags->size() != before || !book->candidates_) return nullptr;
  return book;
}

std::string DefaultRulesDir(const std::string& argv0) {
  std::error_code ec;
  if (const char* env = std::getenv("CLAIMEX_RULES"); env && *env) return env;
  // The installed share directory, relative to the executable first so an
  // installed tree can be moved.
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0, ec);
  std::vector<fs::path> candidates = {
      exe.parent_path().parent_path() / "share" / "claimex" / "rules",
      fs::path(CLAIMEX_INSTALL_RULES_DIR),
      fs::path(CLAIMEX_SOURCE_RULES_DIR),
  };
  // A build-tree binary prefers its own source tree's rules.
  if (exe.parent_path().parent_path() == fs::path(CLAIMEX_SOURCE_RULES_DIR).parent_path() ||
      fs::exists(exe.parent_path() / "CMakeCache.txt", ec))
    std::rotate(candidates.begin(), candidates.begin() + 2, candidates.end());
  for (const fs::path& c : candidates)
    if (fs::is_directory(c, ec)) return c.string();
  return "";
}

}  // namespace claimex
