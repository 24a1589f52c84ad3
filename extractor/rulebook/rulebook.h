// Rulebook: every rule file, fragment and lexicon of a rules directory,
// validated and compiled once, then shared read-only by all threads. Each
// stage's RE2::Set (or the attribution stage's literal prefilter) is built
// at load; the rules' own RE2s the first time their Set or prefilter reports
// them (RuleRegex in rulebook/rule.h), once per process.
//
// Layout of a rules directory (see rules/README.md):
//   *.toml            [fragments] tables and [[rule]] arrays
//   lexicon/*.tsv     lexicons, one per file, named after the file
//
// Load() reads everything, collects EVERY problem as a Diagnostic
// (`file:line:col: error: [rule-id] message`) and returns nullptr if there
// was any: unknown keys, missing fields, duplicate ids, unknown or cyclic
// fragment references, unknown capture names, lookaround, regexes RE2 rejects
// or that match the empty string or any single character, lexicon columns the engine needs but cannot
// find, and values it cannot read.
//
// Thread-safety: a loaded Rulebook is immutable but for the rules' RE2s
// compiled on first use, each under its own once_flag; RE2 and RE2::Set are
// safe for concurrent matching.
#ifndef CLAIMEX_RULEBOOK_RULEBOOK_H_
#define CLAIMEX_RULEBOOK_RULEBOOK_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/literal_set.h"
#include "base/status.h"
#include "rulebook/lexicon.h"
#include "rulebook/rule.h"

namespace claimex {

class Rulebook {
 public:
  // Loads and compiles `dir`. Returns nullptr and fills *diags on any error.
  static std::unique_ptr<Rulebook> Load(const std::string& dir, Diagnostics* diags);

  const std::string& dir() const { return dir_; }
  // Quantity and exclusion rules, in file order.
  const std::vector<std::unique_ptr<Rule>>& rules() const { return rules_; }

  // Picks the rules that can match somewhere in a text; indices into rules().
  const RE2::Set& candidates() const { return *candidates_; }

  // Rules of a non-quantity stage (time, attribution, link), in file order,
  // and the Set that picks among them (indices into stage_rules(stage));
  // nullptr when the stage has no rules, or when its prefilter (below) picks
  // instead.
  const std::vector<std::unique_ptr<Rule>>& stage_rules(RuleStage stage) const;
  const RE2::Set* stage_candidates(RuleStage stage) const;

  // A literal prefilter over a stage's rules: the strings each rule cannot
  // match without (rulebook/required_literals.h: its cue forms, "according",
  // a quote mark), found in one pass by a LiteralSet. Built at load for the
  // stages whose spec asks for it, in place of the stage's Set; null
  // otherwise, or when a rule does not parse (the stage then has its Set).
  struct Prefilter {
    Prefilter();
    // The rules that may match `text`, ascending (indices into the stage's
    // rules); a superset of those that do.
    void Candidates(std::string_view text, std::vector<int>* rules) const;

    LiteralSet literals;
    std::vector<std::string> strings;  // what `literals` finds, by its numbers
    // Per rule, the clauses it needs, each a list of indices into
    // `literals` of which one must occur; a rule with none is always tried.
    std::vector<std::vector<std::vector<int>>> clauses;
    uint64_t id = 0;  // tells this prefilter's per-thread answers from another's
  };
  const Prefilter* stage_prefilter(RuleStage stage) const;

  // The rules of `stage` that may match `text` (indices into
  // stage_rules(stage), ascending): from its prefilter, or its Set (which
  // answers exactly). False if the stage has neither.
  bool StageCandidates(RuleStage stage, std::string_view text, std::vector<int>* rules) const;

  // Every rule of every stage, quantity rules first; for examples and reports.
  std::vector<const Rule*> all_rules() const;

  // Whether a lexicon of that name was loaded (lexicon() throws otherwise).
  bool has_lexicon(const std::string& name) const { return lexicons_.count(name) > 0; }

  // A lexicon the engine reads (always present after a successful Load).
  const Lexicon& lexicon(const std::string& name) const;

  // Engine hooks written as fragments (see rules/README.md, "Engine
  // fragments"): compiled from the fragment of the same name.
  const RE2& unit_carry_gap() const { return *unit_carry_gap_; }
  const RE2& unit_partitive() const { return *unit_partitive_; }
  // Its named groups, by number: `unit`, a word that is the unit itself
  // ("death toll"), and `noun`, a plural noun to read as the unit
  // ("contractors number"); `unit_2`, `noun_2`… are further alternatives.
  struct PartitiveGroups {
    std::vector<int> unit;
    std::vector<int> noun;
    int max = 0;  // the highest of them
  };
  const PartitiveGroups& unit_partitive_groups() const { return unit_partitive_groups_; }
  const RE2& unit_partitive_after() const { return *unit_partitive_after_; }
  // Fragment percent_sign, matched where a percentage's number ends.
  const RE2& percent_sign() const { return *percent_sign_; }

  // RE2 options shared by every rule (case-insensitive, deliberate memory budget).
  static RE2::Options MatchOptions();

  // A rule's RE2 program may hold at most this many instructions. Checked
  // at load where a rule is compiled at load (every rule of a stage whose
  // Set could not be built, and an attribution rule the prefilter knows no
  // string of), and by CheckProgramSizes.
  static constexpr int kMaxProgramSize = 50000;
  // Compiles every rule that is not compiled yet and reports each one over
  // kMaxProgramSize (`claimex test` runs it: most rules are otherwise
  // compiled on first use, after load).
  Diagnostics CheckProgramSizes() const;

 private:
  Rulebook() = default;
  std::string dir_;
  std::vector<std::unique_ptr<Rule>> rules_;
  std::unique_ptr<RE2::Set> candidates_;
  std::map<RuleStage, std::vector<std::unique_ptr<Rule>>> stage_rules_;
  std::map<RuleStage, std::unique_ptr<RE2::Set>> stage_candidates_;
  std::map<RuleStage, std::shared_ptr<Prefilter>> stage_prefilters_;  // shared with its rules' regex
  std::map<std::string, Lexicon> lexicons_;
  std::unique_ptr<RE2> unit_carry_gap_;
  std::unique_ptr<RE2> unit_partitive_;
  PartitiveGroups unit_partitive_groups_;
  std::unique_ptr<RE2> unit_partitive_after_;
  std::unique_ptr<RE2> percent_sign_;

  friend class RulebookLoader;
};

// Finds the default rules directory: $CLAIMEX_RULES; else, for a binary in
// its build tree, the source tree's rules/; else ../share/claimex/rules
// relative to the executable, then the configured install directory, then the
// source tree's rules/. The first that exists wins; empty if none does.
std::string DefaultRulesDir(const std::string& argv0);

}  // namespace claimex

#endif  // CLAIMEX_RULEBOOK_RULEBOOK_H_
