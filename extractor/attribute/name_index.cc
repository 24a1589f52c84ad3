#include "attribute/name_index.h"

#include <cctype>
#include <cstring>

namespace claimex {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Capitalized words that open sentences and clauses rather than names.
bool IsFunctionWord(const std::string& lower) {
  static const char* const kWords[] = {"the", "a", "an", "in", "on", "at", "but", "and", "or", "for", "of", "to",
                                       "by", "with", "from", "as", "after", "before", "since", "while", "when",
                                       "if", "this", "that", "these", "those", "last", "next", "it", "he", "she",
                                       "they", "we", "i", "there", "his", "her", "their", "its", "our", "like"};
  for (const char* w : kWords)
    if (lower == w) return true;
  return false;
}

std::string_view Surname(std::string_view name) {
  const size_t space = name.rfind(' ');
  std::string_view last = space == std::string_view::npos ? name : name.substr(space + 1);
  const size_t dash = last.find('-');
  if (dash != std::string_view::npos && dash <= 3 && dash + 1 < last.size()) last.remove_prefix(dash + 1);
  return last;
}

}  // namespace

NameIndex::NameIndex(std::string_view text, const SpeakerLexicons& lexicons) {
  const std::vector<Span> words = Words(text, {0, text.size()});
  struct Token {
    std::string_view core;
    size_t start;
    bool closes;  // punctuation after it ends a name
    char punct;
  };
  std::vector<Token> run;
  std::string before_run;  // the lower-case word before the run
  auto close = [&](size_t next_word) {
    size_t first = 0;
    while (first < run.size() && IsFunctionWord(Lower(run[first].core))) ++first;
    std::vector<std::string> roles;
    if (first == 0 && !before_run.empty()) roles.push_back(before_run);
    bool titled = false;
    while (first < run.size() && lexicons.IsTitle(run[first].core)) {
      roles.push_back(Lower(run[first++].core));
      titled = true;
    }
    size_t last = run.size();
    while (last > first && IsNameParticle(run[last - 1].core)) --last;
    const size_t count = last > first ? last - first : 0;
    bool organization = false;
    std::string name;
    for (size_t k = first; k < last; ++k) {
      const std::string kind = lexicons.RoleKind(Lower(run[k].core));
      organization = organization || kind == "organization" || kind == "media" || kind == "document" ||
                     kind == "group";
      name += (name.empty() ? "" : " ") + std::string(run[k].core);
    }
    if (count > 0 && !organization && !lexicons.IsMedia(name) && (count >= 2 || titled)) {
      Person p;
      p.start = run[first].start;
      p.name = name;
      p.role_words = roles;
      // ", a spokesperson for the coalition," after the name describes it.
      if (run.back().punct == ',') {
        for (size_t k = next_word, n = 0; k < words.size() && n < 8; ++k, ++n) {
          std::string_view w = text.substr(words[k].start, words[k].size());
          const char end = w.back();
          while (!w.empty() && std::ispunct(static_cast<unsigned char>(w.back()))) w.remove_suffix(1);
          p.role_words.push_back(Lower(w));
          if (end == ',' || end == '.' || end == ';') break;
        }
      }
      people_.push_back(std::move(p));
    }
    run.clear();
  };
  for (size_t k = 0; k < words.size(); ++k) {
    std::string_view w = text.substr(words[k].start, words[k].size());
    size_t start = words[k].start;
    while (!w.empty() && (w.front() == '"' || w.front() == '(' || w.front() == '[' || w.front() == '\'')) {
      w.remove_prefix(1);
      ++start;
    }
    char punct = 0;
    while (!w.empty() && std::strchr(",.;:!?\")]'", w.back())) {
      punct = w.back() == '.' || w.back() == ',' ? w.back() : punct ? punct : w.back();
      w.remove_suffix(1);
    }
    if (w.size() > 2 && w.substr(w.size() - 2) == "'s") {
      w.remove_suffix(2);
      punct = punct ? punct : '\'';
    }
    const bool title_period = punct == '.' && lexicons.IsTitle(w);
    const bool abbreviation = punct == '.' && w.find('.') != std::string_view::npos;  // U.S.
    if (IsNameWord(w) || (!run.empty() && IsNameParticle(w))) {
      run.push_back({w, start, punct != 0 && !title_period && !abbreviation, punct});
      if (run.back().closes) close(k + 1);
    } else {
      if (!run.empty()) close(k);
      before_run = w.empty() ? "" : Lower(w);
      if (punct) before_run.clear();
    }
  }
  if (!run.empty()) close(words.size());
}

std::string NameIndex::Complete(const Person& p) const {
  if (p.name.find(' ') != std::string::npos) return p.name;
  if (auto full = FullName(p.name, p.start)) return *full;
  return p.name;
}

std::optional<std::string> NameIndex::FullName(std::string_view surname, size_t before) const {
  std::string_view wanted = Surname(surname);
  for (auto it = people_.rbegin(); it != people_.rend(); ++it) {
    if (it->start >= before || it->name.find(' ') == std::string::npos) continue;
    if (Surname(it->name) == wanted) return it->name;
  }
  return std::nullopt;
}

std::optional<std::string> NameIndex::LastPerson(size_t before) const {
  for (auto it = people_.rbegin(); it != people_.rend(); ++it)
    if (it->start < before) return Complete(*it);
  return std::nullopt;
}

std::optional<std::string> NameIndex::Described(const std::string& head, size_t before) const {
  for (auto it = people_.rbegin(); it != people_.rend(); ++it) {
    if (it->start >= before) continue;
    for (const std::string& w : it->role_words)
      if (w == head) return Complete(*it);
  }
  return std::nullopt;
}

}  // namespace claimex
