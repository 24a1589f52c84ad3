#include "rulebook/pattern_groups.h"

#include <vector>

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

namespace {

// The end of the atom of pattern `p` that starts at `i` (a group, a class,
// an escape or one character); p.size() if it does not close.
size_t AtomEnd(std::string_view p, size_t i) {
  const char c = p[i];
  if (c == '\\') {
    if (i + 1 >= p.size()) return p.size();
    const char e = p[i + 1];
    if (e == 'Q') {
      const size_t end = p.find("\\E", i + 2);
      return end == std::string_view::npos ? p.size() : end + 2;
    }
    if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < p.size() && p[i + 2] == '{') {
      const size_t end = p.find('}', i + 3);
      return end == std::string_view::npos ? p.size() : end + 1;
    }
    return i + 2;
  }
  if (c == '[') {
    size_t k = i + 1;
    if (k < p.size() && p[k] == '^') ++k;
    if (k < p.size() && p[k] == ']') ++k;  // a leading ] is literal
    for (; k < p.size(); ++k) {
      if (p[k] == '\\') {
        ++k;
      } else if (p[k] == '[' && k + 1 < p.size() && p[k + 1] == ':') {
        const size_t end = p.find(":]", k + 2);
        if (end != std::string_view::npos) k = end + 1;
      } else if (p[k] == ']') {
        return k + 1;
      }
    }
    return p.size();
  }
  if (c == '(') {
    int depth = 0;
    for (size_t k = i; k < p.size(); ++k) {
      if (p[k] == '\\' || p[k] == '[') {
        k = AtomEnd(p, k) - 1;
      } else if (p[k] == '(') {
        ++depth;
      } else if (p[k] == ')' && --depth == 0) {
        return k + 1;
      }
    }
    return p.size();
  }
  return i + 1;
}

struct Item {
  size_t start, end;  // the atom and its quantifier
  bool optional;      // the quantifier allows none
  bool flags;         // a flag group such as (?i), which governs what follows
};

}  // namespace

std::string SetCore(std::string_view p) {
  std::vector<Item> items;
  for (size_t i = 0; i < p.size();) {
    if (p[i] == '|') return std::string(p);  // a top-level alternation
    const size_t atom_end = AtomEnd(p, i);
    if (atom_end > p.size() || atom_end <= i) return std::string(p);
    Item item{i, atom_end, false, false};
    if (p[i] == '(' && p.compare(i, 2, "(?") == 0 && p.compare(i, 3, "(?:") != 0 && p.compare(i, 4, "(?P<") != 0) {
      const size_t colon = p.find_first_of(":)", i + 2);
      item.flags = colon != std::string_view::npos && p[colon] == ')';
    }
    size_t k = atom_end;
    if (k < p.size() && (p[k] == '?' || p[k] == '*')) {
      item.optional = true;
      ++k;
    } else if (k < p.size() && p[k] == '+') {
      ++k;
    } else if (k < p.size() && p[k] == '{') {
      const size_t close = p.find('}', k);
      if (close != std::string_view::npos && close > k + 1) {
        const std::string_view bounds = p.substr(k + 1, close - k - 1);
        bool counted = true;
        for (char c : bounds) counted = counted && ((c >= '0' && c <= '9') || c == ',');
        if (counted && bounds[0] != ',') {
          item.optional = bounds.find_first_not_of('0') == std::string_view::npos ||
                          (bounds[0] == '0' && (bounds.size() == 1 || bounds[1] == ','));
          k = close + 1;
        }
      }
    }
    if (k > atom_end && k < p.size() && p[k] == '?') ++k;  // lazy
    item.end = k;
    items.push_back(item);
    i = k;
  }
  size_t first = 0, last = items.size();
  while (first < last && items[first].optional && !items[first].flags) ++first;
  while (last > first && items[last - 1].optional) --last;
  if (first == last) return std::string(p);
  for (size_t k = first; k < last; ++k)
    if (items[k].flags && k > 0) return std::string(p);  // a flag group's scope starts where it stands
  if (first > 0 && items[0].flags) return std::string(p);
  return std::string(p.substr(items[first].start, items[last - 1].end - items[first].start));
}

}  // namespace claimex
