#include "rulebook/pattern_groups.h"

namespace claimex {

PatternGroups ScanGroups(std::string_view p) {
  PatternGroups out;
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\') {
      if (i + 1 < p.size() && p[i + 1] == 'Q') {  // \Q…\E: literal up to \E or the end
        const size_t end = p.find("\\E", i + 2);
        if (end == std::string_view::npos) break;
        i = end + 1;
      } else {
        ++i;  // the escaped character (\p{…} and \x{…} hold no parentheses RE2 accepts)
      }
      continue;
    }
    if (in_class) {
      if (c == '[' && i + 1 < p.size() && p[i + 1] == ':') {  // [:alpha:]
        const size_t end = p.find(":]", i + 2);
        if (end != std::string_view::npos) i = end + 1;
      } else if (c == ']') {
        in_class = false;
      }
      continue;
    }
    if (c == '[') {
      in_class = true;
      if (i + 1 < p.size() && p[i + 1] == '^') ++i;
      if (i + 1 < p.size() && p[i + 1] == ']') ++i;  // a leading ] is literal
      continue;
    }
    if (c != '(') continue;
    if (i + 1 < p.size() && p[i + 1] == '?') {
      if (p.compare(i + 2, 2, "P<") == 0) {
        const size_t close = p.find('>', i + 4);
        if (close == std::string_view::npos) break;
        const std::string name(p.substr(i + 4, close - i - 4));
        ++out.count;
        bool seen = false;  // RE2 keeps the leftmost group of a name
        for (const auto& [other, group] : out.named) seen = seen || other == name;
        if (!seen) out.named.emplace_back(name, out.count);
        i = close;
      }
      continue;  // (?:…), (?i), (?i:…): not capturing
    }
    ++out.count;
  }
  return out;
}

}  // namespace claimex
