#include "rulebook/required_literals.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace claimex {
namespace {

// An exact set larger than this is given up as a clause of its strings.
constexpr size_t kMaxExact = 512;

// What a piece of a pattern is known to match: exactly one of `strings`
// (`exact`), or texts holding one string of each clause.
struct Info {
  bool exact = true;
  std::set<std::string> strings;
  LiteralClauses clauses;
};

Info ExactOf(std::string s) {
  Info info;
  info.strings.insert(std::move(s));
  return info;
}
Info Empty() { return ExactOf(""); }
Info Anything() {
  Info info;
  info.exact = false;
  return info;
}

// Characters that are not white space.
size_t Weight(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return !std::isspace(static_cast<unsigned char>(c)); }));
}

// Whether a string is worth looking for: ASCII, and two characters that are
// not white space, or one punctuation mark (a quote mark, a colon).
bool Usable(const std::string& s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  const size_t weight = Weight(s);
  if (weight >= 2) return true;
  if (weight == 0) return false;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) return std::ispunct(static_cast<unsigned char>(c)) != 0;
  return false;
}

// Whether nearly every sentence holds the string: English's commonest
// function words and punctuation. A clause of them passes almost anything.
bool Common(const std::string& s) {
  static const std::set<std::string> kCommon = {
      "the", "of",  "and", "to",   "in",   "is",   "was",  "that", "for", "on",  "it",    "with", "as", "by",
      "at",  "from", "be", "are",  "were", "this", "have", "has",  "had", "not", "but",   "or",   "an", "he",
      "she", "they", "we", "his",  "her",  "its",  "their", ",",   ".",   "-",   "'",     "'s"};
  return kCommon.count(s) > 0;
}

// A clause's selectivity, best first: none of its strings common, then its
// shortest string the longest, then fewer strings.
struct Selectivity {
  bool common;
  size_t shortest, size;
  bool operator<(const Selectivity& o) const {
    if (common != o.common) return !common;
    if (shortest != o.shortest) return shortest > o.shortest;
    return size < o.size;
  }
};

Selectivity SelectivityOf(const std::vector<std::string>& clause) {
  Selectivity s{false, SIZE_MAX, clause.size()};
  for (const std::string& x : clause) {
    s.common = s.common || Common(x);
    s.shortest = std::min(s.shortest, Weight(x));
  }
  return s;
}

LiteralClauses ClausesOf(const Info& info) {
  if (!info.exact) return info.clauses;
  for (const std::string& s : info.strings)
    if (!Usable(s)) return {};
  return {std::vector<std::string>(info.strings.begin(), info.strings.end())};
}

// The most selective clause (the first of equals); empty when there is none.
std::vector<std::string> Best(LiteralClauses clauses) {
  size_t best = 0;
  Selectivity best_selectivity{};
  for (size_t k = 0; k < clauses.size(); ++k) {
    const Selectivity s = SelectivityOf(clauses[k]);
    if (k == 0 || s < best_selectivity) {
      best = k;
      best_selectivity = s;
    }
  }
  return clauses.empty() ? std::vector<std::string>() : std::move(clauses[best]);
}

// Two exact sets one after the other: every string of `a` followed by every
// one of `b`. One character at a time is the usual case: appended in place.
Info Concat(Info a, const Info& b) {
  Info out;
  if (b.strings.size() == 1) {
    const std::string& y = *b.strings.begin();
    while (!a.strings.empty()) {
      auto node = a.strings.extract(a.strings.begin());
      node.value() += y;
      out.strings.insert(std::move(node));
    }
    return out;
  }
  for (const std::string& x : a.strings)
    for (const std::string& y : b.strings) out.strings.insert(x + y);
  return out;
}

Info Alternate(Info a, Info b) {
  if (a.exact && b.exact && a.strings.size() + b.strings.size() <= kMaxExact) {
    a.strings.merge(b.strings);
    return a;
  }
  const std::vector<std::string> left = Best(ClausesOf(a)), right = Best(ClausesOf(b));
  if (left.empty() || right.empty()) return Anything();
  std::set<std::string> merged(left.begin(), left.end());
  merged.insert(right.begin(), right.end());
  Info out = Anything();
  out.clauses.emplace_back(merged.begin(), merged.end());
  return out;
}

// Something repeated at least once.
Info AtLeastOnce(const Info& a) {
  if (!a.exact) return a;
  Info out = Anything();
  out.clauses = ClausesOf(a);
  return out;
}

Info Optional(Info a) {
  if (!a.exact || a.strings.size() + 1 > kMaxExact) return Anything();
  a.strings.insert("");
  return a;
}

// A recursive-descent reader of RE2's syntax, as much of it as the rules
// use; anything else sets `failed`, and the pattern then requires nothing.
class Reader {
 public:
  explicit Reader(std::string_view p) : p_(p) {}

  LiteralClauses Read(size_t max_clauses) {
    const Info info = Alternation();
    if (failed_ || i_ != p_.size()) return {};
    LiteralClauses clauses = ClausesOf(info);
    std::vector<std::pair<Selectivity, std::vector<std::string>>> ranked;
    for (auto& c : clauses) ranked.emplace_back(SelectivityOf(c), std::move(c));
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.first < b.first || (!(b.first < a.first) && a.second < b.second);
    });
    clauses.clear();
    for (auto& [selectivity, c] : ranked)
      if (clauses.empty() || clauses.back() != c) clauses.push_back(std::move(c));
    if (clauses.size() > max_clauses) clauses.resize(max_clauses);
    return clauses;
  }

 private:
  bool More() const { return i_ < p_.size() && !failed_; }

  Info Alternation() {
    Info info = Sequence();
    while (More() && p_[i_] == '|') {
      ++i_;
      info = Alternate(std::move(info), Sequence());
    }
    return info;
  }

  // Adjacent exact pieces are multiplied out into `run` ("s" "a" "id|ys"
  // into said|says); a piece that is not exact closes the run into a clause.
  Info Sequence() {
    Info run = Empty();
    LiteralClauses clauses;
    bool exact = true;
    while (More() && p_[i_] != '|' && p_[i_] != ')') {
      Info piece = Repeated(Atom());
      if (piece.exact && run.strings.size() * piece.strings.size() <= kMaxExact) {
        run = Concat(std::move(run), piece);
        continue;
      }
      exact = false;
      for (auto& c : ClausesOf(run)) clauses.push_back(std::move(c));
      if (piece.exact) {
        run = std::move(piece);
      } else {
        for (auto& c : piece.clauses) clauses.push_back(std::move(c));
        run = Empty();
      }
    }
    if (exact) return run;
    for (auto& c : ClausesOf(run)) clauses.push_back(std::move(c));
    Info out = Anything();
    out.clauses = std::move(clauses);
    return out;
  }

  Info Repeated(Info atom) {
    while (More()) {
      const char c = p_[i_];
      Info next;
      if (c == '?') {
        ++i_;
        next = Optional(std::move(atom));
      } else if (c == '*') {
        ++i_;
        next = Anything();
      } else if (c == '+') {
        ++i_;
        next = AtLeastOnce(atom);
      } else if (c == '{' && i_ + 1 < p_.size() && std::isdigit(static_cast<unsigned char>(p_[i_ + 1]))) {
        const size_t close = p_.find('}', i_);
        if (close == std::string_view::npos) {
          failed_ = true;
          return Anything();
        }
        const int low = std::atoi(std::string(p_.substr(i_ + 1, close - i_ - 1)).c_str());
        i_ = close + 1;
        next = low == 0 ? Anything() : AtLeastOnce(atom);
      } else {
        return atom;
      }
      if (More() && p_[i_] == '?') ++i_;  // lazy: the same strings
      atom = std::move(next);
    }
    return atom;
  }

  Info Atom() {
    const char c = p_[i_++];
    switch (c) {
      case '(': return Group();
      case '[': return Class();
      case '\\': return Escape();
      case '.': return Anything();
      case '^':
      case '$': return Empty();
      default: break;
    }
    if (static_cast<unsigned char>(c) >= 0xC0) {  // one UTF-8 character, one atom
      size_t end = i_;
      while (end < p_.size() && (static_cast<unsigned char>(p_[end]) & 0xC0) == 0x80) ++end;
      Info info = ExactOf(std::string(1, c) + std::string(p_.substr(i_, end - i_)));
      i_ = end;
      return info;
    }
    return ExactOf(std::string(1, static_cast<char>(std::tolower(static_cast<unsigned char>(c)))));
  }

  Info Group() {
    if (i_ < p_.size() && p_[i_] == '?') {
      ++i_;
      if (p_.substr(i_, 2) == "P<") {
        const size_t close = p_.find('>', i_);
        if (close == std::string_view::npos) return Fail();
        i_ = close + 1;
      } else {
        while (i_ < p_.size() && std::string_view("imsU-").find(p_[i_]) != std::string_view::npos) ++i_;
        if (i_ >= p_.size()) return Fail();
        if (p_[i_] == ')') {  // (?i): flags for what follows; case does not matter here
          ++i_;
          return Empty();
        }
        if (p_[i_] != ':') return Fail();
        ++i_;
      }
    }
    Info inside = Alternation();
    if (!More() || p_[i_] != ')') return Fail();
    ++i_;
    return inside;
  }

  Info Class() {
    const size_t end = ClassEnd(i_);
    if (end == std::string_view::npos) return Fail();
    const std::string_view body = p_.substr(i_, end - i_);
    i_ = end + 1;
    if (body.empty() || body[0] == '^') return Anything();
    std::set<std::string> chars;
    for (size_t k = 0; k < body.size(); ++k) {
      char c = body[k];
      if (c == '[' || static_cast<unsigned char>(c) >= 0x80) return Anything();  // [:alpha:], UTF-8
      if (c == '\\') {
        c = body[++k];
        if (std::isalnum(static_cast<unsigned char>(c))) return Anything();  // \s, \d, \x41 …
      }
      if (k + 2 < body.size() && body[k + 1] == '-') return Anything();  // a range
      chars.insert(std::string(1, static_cast<char>(std::tolower(static_cast<unsigned char>(c)))));
    }
    if (chars.size() > 8) return Anything();
    Info info;
    info.strings = std::move(chars);
    return info;
  }

  // The closing ']' of a class whose body starts at `at`.
  size_t ClassEnd(size_t at) const {
    if (at < p_.size() && p_[at] == '^') ++at;
    if (at < p_.size() && p_[at] == ']') ++at;  // a first ']' is itself
    while (at < p_.size()) {
      if (p_[at] == '\\') {
        at += 2;
      } else if (p_[at] == '[' && at + 1 < p_.size() && p_[at + 1] == ':') {
        const size_t close = p_.find(":]", at + 2);
        if (close == std::string_view::npos) return close;
        at = close + 2;
      } else if (p_[at] == ']') {
        return at;
      } else {
        ++at;
      }
    }
    return std::string_view::npos;
  }

  Info Escape() {
    if (i_ >= p_.size()) return Fail();
    const char c = p_[i_++];
    switch (c) {
      case 'b':
      case 'B':
      case 'A':
      case 'z': return Empty();
      case 'p':
      case 'P':
      case 'x':
        if (i_ < p_.size() && p_[i_] == '{') {
          const size_t close = p_.find('}', i_);
          if (close == std::string_view::npos) return Fail();
          i_ = close + 1;
        } else {
          i_ += c == 'x' ? 2 : 1;
        }
        return Anything();
      case 'Q': return Fail();
      default: break;
    }
    if (std::isalnum(static_cast<unsigned char>(c))) return Anything();  // \s \d \w \n \t \C \1 …
    return ExactOf(std::string(1, c));
  }

  Info Fail() {
    failed_ = true;
    return Anything();
  }

  std::string_view p_;
  size_t i_ = 0;
  bool failed_ = false;
};

}  // namespace

LiteralClauses RequiredLiterals(std::string_view pattern, size_t max_clauses) {
  return Reader(pattern).Read(max_clauses);
}

}  // namespace claimex
