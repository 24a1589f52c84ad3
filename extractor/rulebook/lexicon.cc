#include "rulebook/lexicon.h"

#include "base/ascii.h"

#include <re2/re2.h>

#include <algorithm>
#include <fstream>

namespace claimex {
namespace {

std::vector<std::string> SplitTabs(const std::string& line, std::vector<int>* columns) {
  std::vector<std::string> cells;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    std::string cell = line.substr(start, tab == std::string::npos ? std::string::npos : tab - start);
    // Trim spaces around a cell: editors pad columns.
    size_t b = cell.find_first_not_of(' ');
    size_t e = cell.find_last_not_of(' ');
    columns->push_back(static_cast<int>(start + (b == std::string::npos ? 0 : b)) + 1);
    cells.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return cells;
}

// The keys of an alternation as a trie of pattern tokens (a character, or
// \s+ for a space), written as one factored regex: "al-qaeda|al-shabaab"
// becomes "al\-(?:qaeda|shabaab)". RE2 parses and compiles a pattern every
// time a rule uses the lexicon (twice: the rule's RE2 and its stage's Set), and
// a factored pattern is a fraction of the text and of the parser's work.
//
// It matches what "longest key first" matches: two keys that match at one
// position have one's tokens a prefix of the other's, and the trie prefers
// going on (a greedy `?`) to ending, so the longer wins as before; sibling
// tokens exclude each other (distinct lower-case characters, or \s+ against a
// non-space), and siblings are written longest subtree first for the rare pair
// a case-insensitive match would not tell apart.
class AlternationTrie {
 public:
  void Add(std::string_view key) {
    size_t node = 0;
    for (size_t i = 0; i < key.size();) {
      size_t n = 1;
      if (key[i] == ' ') {
        i += 1;
        node = Child(node, "\\s+");
        continue;
      }
      const unsigned char lead = static_cast<unsigned char>(key[i]);
      if (lead >= 0xF0) n = 4;
      else if (lead >= 0xE0) n = 3;
      else if (lead >= 0xC0) n = 2;
      n = std::min(n, key.size() - i);
      node = Child(node, RE2::QuoteMeta(key.substr(i, n)));
      i += n;
    }
    nodes_[node].terminal = true;
  }

  // The alternation's body, "(?:" … ")" for the caller to add.
  std::string Pattern() {
    Depth(0);
    std::string body;
    if (nodes_[0].terminal) body += "(?:";  // an empty key
    AppendBody(0, &body);
    if (nodes_[0].terminal) body += ")?";
    return body;
  }

 private:
  struct Node {
    std::vector<std::pair<std::string, size_t>> children;  // token, node
    bool terminal = false;
    size_t depth = 0;  // tokens of the longest key below
  };

  size_t Child(size_t node, std::string token) {
    for (const auto& [t, child] : nodes_[node].children)
      if (t == token) return child;
    nodes_.emplace_back();
    nodes_[node].children.emplace_back(std::move(token), nodes_.size() - 1);
    return nodes_.size() - 1;
  }

  size_t Depth(size_t node) {
    size_t depth = 0;
    for (const auto& [token, child] : nodes_[node].children) depth = std::max(depth, Depth(child) + 1);
    return nodes_[node].depth = depth;
  }

  // Appends the children of `node` as alternatives ("a|b"), longest subtree
  // first. Written into one string: building each level's text and copying
  // it into its parent's cost a fifth of loading the rules.
  void AppendBody(size_t node, std::string* out) {
    Node& n = nodes_[node];
    std::stable_sort(n.children.begin(), n.children.end(), [&](const auto& a, const auto& b) {
      const size_t da = nodes_[a.second].depth, db = nodes_[b.second].depth;
      return da != db ? da > db : a.first < b.first;
    });
    for (size_t i = 0; i < n.children.size(); ++i) {
      if (i > 0) *out += '|';
      *out += n.children[i].first;
      AppendSuffix(n.children[i].second, out);
    }
  }

  // Appends what may follow the token that led to `node`: its body, optional
  // when a key ends at the node, grouped when it has alternatives.
  void AppendSuffix(size_t node, std::string* out) {
    const Node& n = nodes_[node];
    if (n.children.empty()) return;
    const bool grouped = n.terminal || n.children.size() > 1;
    if (grouped) *out += "(?:";
    AppendBody(node, out);
    if (grouped) *out += n.terminal ? ")?" : ")";
  }

  std::vector<Node> nodes_ = std::vector<Node>(1);
};

}  // namespace

void Lexicon::LookupForm(std::string_view text, std::string* out) {
  // Written in place: the form is never longer than the text (a run of
  // white space becomes at most one space).
  out->resize(text.size());
  char* form = out->data();
  size_t n = 0;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = n > 0;
      continue;
    }
    if (space) form[n++] = ' ';
    space = false;
    form[n++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  out->resize(n);
}

std::string Lexicon::LookupForm(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  LookupForm(text, &out);
  return out;
}

bool Lexicon::Load(const std::string& path, const std::string& name, Diagnostics* diags) {
  name_ = name;
  file_ = path;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags->push_back({path, 0, 0, "", "cannot read lexicon file"});
    return false;
  }
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos || line[0] == '#') continue;
    std::vector<int> cols;
    std::vector<std::string> cells = SplitTabs(line, &cols);
    if (columns_.empty()) {
      columns_ = cells;
      continue;
    }
    if (cells.size() > columns_.size()) {
      diags->push_back({path, line_no, cols[columns_.size()], "",
                        "lexicon '" + name + "': " + std::to_string(cells.size()) +
                            " cells but the header names " + std::to_string(columns_.size()) +
                            " columns"});
      continue;
    }
    if (cells[0].empty()) {
      diags->push_back({path, line_no, 1, "", "lexicon '" + name + "': empty key"});
      continue;
    }
    std::string key = LookupForm(cells[0]);
    if (index_.count(key)) {
      diags->push_back({path, line_no, 1, "",
                        "lexicon '" + name + "': duplicate entry '" + cells[0] +
                            "' (first on line " + std::to_string(entries_[index_[key]].line) + ")"});
      continue;
    }
    index_[key] = entries_.size();
    forms_.push_back(key);
    entries_.push_back({std::move(cells), line_no});
    cell_columns_.push_back(std::move(cols));
  }
  if (columns_.empty()) {
    diags->push_back({path, 0, 0, "", "lexicon '" + name + "' has no header line"});
    return false;
  }
  BuildSlots();
  return true;
}

// FNV-1a (keys are a few bytes), over a lookup form one byte at a time.
namespace {
constexpr uint64_t kFnvBasis = 14695981039346656037ull;
inline uint64_t FnvStep(uint64_t h, char c) { return (h ^ static_cast<unsigned char>(c)) * 1099511628211ull; }
inline uint64_t FnvFinish(uint64_t h) { return h ^ (h >> 32); }
inline bool IsLookupSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
}  // namespace

uint64_t Lexicon::HashForm(std::string_view form) {
  uint64_t h = kFnvBasis;
  for (char c : form) h = FnvStep(h, c);
  return FnvFinish(h);
}

void Lexicon::BuildSlots() {
  size_t size = 16;
  while (size < 2 * forms_.size()) size *= 2;
  slots_.assign(size, Slot());
  max_form_size_ = 0;
  for (size_t e = 0; e < forms_.size(); ++e) {
    const uint64_t h = HashForm(forms_[e]);
    size_t i = h & (size - 1);
    while (slots_[i].entry_plus_one != 0) i = (i + 1) & (size - 1);
    slots_[i] = {static_cast<uint32_t>(e + 1), static_cast<uint32_t>(h)};
    max_form_size_ = std::max(max_form_size_, forms_[e].size());
  }
}

int Lexicon::ColumnIndex(const std::string& column) const {
  for (size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i] == column) return static_cast<int>(i);
  return -1;
}

const std::string& Lexicon::Cell(const Entry& entry, int column) const {
  static const std::string kEmpty;
  if (column < 0 || static_cast<size_t>(column) >= entry.cells.size()) return kEmpty;
  return entry.cells[column];
}

namespace {

// Calls visit(c) for each character of `key`'s lookup form (lower case, runs
// of white space as one space, none at either end), in order, until visit
// returns false; false then.
template <typename Visit>
bool ForEachFormChar(std::string_view key, Visit visit) {
  bool space = false, any = false;
  for (char c : key) {
    if (IsLookupSpace(c)) {
      space = any;
      continue;
    }
    if (space && !visit(' ')) return false;
    space = false;
    any = true;
    if (!visit(AsciiLowerChar(c))) return false;
  }
  return true;
}

}  // namespace

const Lexicon::Entry* Lexicon::Find(std::string_view key) const {
  if (slots_.empty()) return nullptr;
  // One pass over the key hashes its lookup form as it reads it, and gives
  // up once the form is longer than every key: most keys looked up are one
  // word, and most multi-word ones (a whole mention) are no key at all.
  uint64_t h = kFnvBasis;
  size_t n = 0;  // bytes of the form so far
  const bool fits = ForEachFormChar(key, [&](char c) {
    h = FnvStep(h, c);
    return ++n <= max_form_size_;
  });
  if (!fits) return nullptr;
  h = FnvFinish(h);
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask; slots_[i].entry_plus_one != 0; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.hash != static_cast<uint32_t>(h)) continue;
    const std::string& form = forms_[slot.entry_plus_one - 1];
    size_t k = 0;  // the form's size matches, so the visit stays inside it
    if (form.size() == n && ForEachFormChar(key, [&](char c) { return form[k++] == c; }))
      return &entries_[slot.entry_plus_one - 1];
  }
  return nullptr;
}

Diagnostic Lexicon::At(const Entry& entry, int column, std::string message) const {
  size_t idx = &entry - entries_.data();
  int col = 1;
  if (idx < cell_columns_.size() && column >= 0 &&
      static_cast<size_t>(column) < cell_columns_[idx].size())
    col = cell_columns_[idx][column];
  return {file_, entry.line, col, "", "lexicon '" + name_ + "': " + std::move(message)};
}

std::string Lexicon::Alternation(int column, const std::vector<std::string>& allowed) const {
  std::vector<std::string> keys;
  for (const Entry& e : entries_) {
    if (column >= 0 && std::find(allowed.begin(), allowed.end(), Cell(e, column)) == allowed.end()) continue;
    keys.push_back(LookupForm(e.cells[0]));
  }
  AlternationTrie trie;
  for (const std::string& key : keys) trie.Add(key);
  return "(?:" + trie.Pattern() + ")";
}

}  // namespace claimex
