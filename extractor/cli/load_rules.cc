#include <iostream>

#include "cli/commands.h"

namespace claimex {

std::unique_ptr<Rulebook> LoadRulesOrReport(std::string rules_dir, const std::string& argv0) {
  if (rules_dir.empty()) rules_dir = DefaultRulesDir(argv0);
  if (rules_dir.empty()) {
    std::cerr << "claimex: cannot find the rules directory; pass --rules DIR\n";
    return nullptr;
  }
  Diagnostics diags;
  std::unique_ptr<Rulebook> rules = Rulebook::Load(rules_dir, &diags);
  if (!rules) {
    for (const Diagnostic& d : diags) std::cerr << d.ToString() << "\n";
    std::cerr << "claimex: " << diags.size() << " error(s) in the rules in " << rules_dir << "\n";
  }
  return rules;
}

}  // namespace claimex
