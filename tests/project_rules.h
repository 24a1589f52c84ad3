// The project's rules/ and an Extractor over them, loaded once per test
// binary and shared read-only (as the CLI shares them across threads). A rule
// file that does not load fails the test that asked, with every diagnostic.
#ifndef CLAIMEX_TESTS_PROJECT_RULES_H_
#define CLAIMEX_TESTS_PROJECT_RULES_H_

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "pipeline.h"
#include "rulebook/rulebook.h"

namespace claimex {

inline const Rulebook& ProjectRules() {
  static const Rulebook* rules = [] {
    Diagnostics diags;
    auto book = Rulebook::Load(std::string(CLAIMEX_PROJECT_DIR) + "/rules", &diags);
    for (const Diagnostic& d : diags) ADD_FAILURE() << d.ToString();
    return book.release();
  }();
  if (!rules) {
    ADD_FAILURE() << "the project's rules/ did not load";
    std::abort();
  }
  return *rules;
}

inline const Extractor& ProjectExtractor() {
  static const Extractor* extractor = new Extractor(ProjectRules());
  return *extractor;
}

// Every line of the seed corpus's articles: text the rules are checked
// against beyond their own examples.
inline const std::vector<std::string>& ProjectCorpusLines() {
  static const std::vector<std::string>* lines = [] {
    auto* out = new std::vector<std::string>;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(CLAIMEX_PROJECT_DIR) + "/corpus")) {
      if (entry.path().extension() != ".txt") continue;
      std::ifstream in(entry.path());
      for (std::string line; std::getline(in, line);) out->push_back(line);
    }
    return out;
  }();
  return *lines;
}

}  // namespace claimex

#endif  // CLAIMEX_TESTS_PROJECT_RULES_H_
