#include "attribute/name_index.h"
#include "base/ascii.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace claimex {
namespace {

// Capitalized words that open sentences and clauses rather than names.
bool IsFunctionWord(std::string_view word) {
  return IsOneOf(word, {"the", "a", "an", "in", "on", "at", "but", "and", "or", "for", "of", "to", "by", "with",
                        "from", "as", "after", "before", "since", "while", "when", "if", "this", "that", "these",
                        "those", "last", "next", "it", "he", "she", "they", "we", "i", "there", "his", "her",
                        "their", "its", "our", "like"});
}

// ASCII white space, inline: std::isspace goes through the locale per call.
inline bool IsBlank(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view Surname(std::string_view name) {
  const size_t space = name.rfind(' ');
  std::string_view last = space == std::string_view::npos ? name : name.substr(space + 1);
  const size_t dash = last.find('-');
  if (dash != std::string_view::npos && dash <= 3 && dash + 1 < last.size()) last.remove_prefix(dash + 1);
  return last;
}

}  // namespace

void NameIndex::CloseRun(size_t next) {
  std::vector<Token>& run = run_;
  size_t first = 0;
  while (first < run.size() && IsFunctionWord(run[first].core)) ++first;
  std::vector<std::string> roles;
  if (first == 0 && !before_run_.empty()) roles.push_back(AsciiLower(before_run_));
  bool titled = false;
  while (first < run.size() && lexicons_.IsTitle(run[first].core)) {
    roles.push_back(AsciiLower(run[first++].core));
    titled = true;
  }
  size_t last = run.size();
  while (last > first && IsNameParticle(run[last - 1].core)) --last;
  // "on Wednesday [December 9]": no part of a name.
  while (first < last && lexicons_.IsNotPersonWord(run[first].core, "edge")) ++first;
  while (last > first && lexicons_.IsNotPersonWord(run[last - 1].core, "edge")) --last;
  const size_t count = last > first ? last - first : 0;
  if (count == 0 || (count < 2 && !titled)) {
    run.clear();
    return;
  }
  bool organization = false;
  std::string name;
  for (size_t k = first; k < last && !organization; ++k) {
    const std::string_view kind = lexicons_.RoleKind(run[k].core);
    organization = kind == "organization" || kind == "media" || kind == "document" || kind == "group";
    name += (name.empty() ? "" : " ") + std::string(run[k].core);
  }
  const bool place = lexicons_.IsNotPersonWord(run[first].core, "first") ||
                     lexicons_.IsNotPersonWord(run[last - 1].core, "last");
  if (!organization && !place && !lexicons_.IsMedia(name) && !lexicons_.IsPlaceOrGroup(name)) {
    Person p;
    p.start = run[first].start;
    p.name = std::move(name);
    p.role_words = std::move(roles);
    // ", a spokesperson for the coalition," after the name describes it.
    if (run.back().punct == ',') {
      size_t at = next;
      for (int n = 0; n < 8 && at < text_.size(); ++n) {
        while (at < text_.size() && IsBlank(text_[at])) ++at;
        size_t end = at;
        while (end < text_.size() && !IsBlank(text_[end])) ++end;
        std::string_view w = text_.substr(at, end - at);
        at = end;
        if (w.empty()) break;
        const char last_char = w.back();
        while (!w.empty() && std::ispunct(static_cast<unsigned char>(w.back()))) w.remove_suffix(1);
        p.role_words.push_back(AsciiLower(w));
        if (last_char == ',' || last_char == '.' || last_char == ';') break;
      }
    }
    p.described = titled || std::any_of(p.role_words.begin(), p.role_words.end(), [&](const std::string& w) {
                    const std::string_view kind = lexicons_.RoleKind(w);
                    return kind == "official" || kind == "person";
                  });
    people_.push_back(std::move(p));
  }
  run.clear();
}

void NameIndex::ScanTo(size_t offset) {
  const size_t limit = std::min(offset, text_.size());
  size_t i = scanned_;
  while (i < limit) {
    while (i < text_.size() && IsBlank(text_[i])) ++i;
    size_t end = i;
    while (end < text_.size() && !IsBlank(text_[end])) ++end;
    if (end == i) break;
    std::string_view w = text_.substr(i, end - i);
    size_t start = i;
    i = end;
    // Most words start lower-case and are not name particles: only remember them.
    const unsigned char first = static_cast<unsigned char>(w[0]);
    if (first >= 'a' && first <= 'z' && w.find('-') == std::string_view::npos && w.size() > 4) {
      if (!run_.empty()) CloseRun(start);
      const char last = w.back();
      before_run_ = last == ',' || last == '.' || last == ';' || last == ':' || last == '!' || last == '?' || last == '"'
                        ? std::string_view()
                        : w;
      continue;
    }
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
      if (!punct) punct = '\'';
    }
    if (IsNameWord(w) || (!run_.empty() && IsNameParticle(w))) {
      // A title's or an abbreviation's own period does not end the name ("Gen. David", "U.S. Army").
      const bool keeps_going = punct == '.' && (w.find('.') != std::string_view::npos || lexicons_.IsTitle(w));
      run_.push_back({w, start, punct});
      if (punct != 0 && !keeps_going) CloseRun(end);
    } else {
      if (!run_.empty()) CloseRun(start);
      before_run_ = punct ? std::string_view() : w;
    }
  }
  if (i >= text_.size() && !run_.empty()) CloseRun(text_.size());
  scanned_ = std::max(scanned_, i);
}

std::string NameIndex::Complete(const Person& p) {
  if (p.name.find(' ') != std::string::npos) return p.name;
  if (auto full = FullName(p.name, p.start)) return *full;
  return p.name;
}

std::optional<std::string> NameIndex::FullName(std::string_view surname, size_t before) {
  // Only the places where the surname is written matter: look there, not at
  // the whole document.
  const std::string_view wanted = Surname(surname);
  if (wanted.empty()) return std::nullopt;
  const std::string_view text = text_.substr(0, std::min(before, text_.size()));
  std::optional<std::string> latest;
  for (size_t at = text.find(wanted); at != std::string_view::npos; at = text.find(wanted, at + 1)) {
    const size_t end = at + wanted.size();
    if (end < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '-')) continue;
    size_t token = at;
    while (token > 0 && !IsBlank(text_[token - 1])) --token;
    // The surname is its token, or follows a particle prefix in it (al-Hashimi).
    if (token != at && !(at - token <= 3 && text_[at - 1] == '-')) continue;
    if (token != at && !std::isupper(static_cast<unsigned char>(text_[token])) &&
        !std::islower(static_cast<unsigned char>(text_[token])))
      continue;
    std::vector<std::string_view> words = {text_.substr(token, end - token)};
    size_t k = token;
    while (words.size() < 5) {
      size_t word_end = k;
      while (word_end > 0 && IsBlank(text_[word_end - 1])) --word_end;
      if (word_end == k || word_end == 0) break;
      size_t word_start = word_end;
      while (word_start > 0 && !IsBlank(text_[word_start - 1])) --word_start;
      const std::string_view w = text_.substr(word_start, word_end - word_start);
      if (std::strchr(",.;:!?\")", w.back())) break;  // punctuation ends the name
      if (!(IsNameWord(w) || IsNameParticle(w)) || lexicons_.IsTitle(w) || IsFunctionWord(w)) break;
      words.insert(words.begin(), w);
      k = word_start;
    }
    while (!words.empty() && IsNameParticle(words.front())) words.erase(words.begin());
    if (words.size() < 2) continue;
    std::string name;
    for (std::string_view w : words) name += (name.empty() ? "" : " ") + std::string(w);
    latest = std::move(name);
  }
  return latest;
}

std::optional<std::string> NameIndex::LastPerson(size_t before, size_t* at, bool described_only) {
  ScanTo(before);
  for (auto it = people_.rbegin(); it != people_.rend(); ++it)
    if (it->start < before && (it->described || !described_only)) {
      if (at) *at = it->start;
      return Complete(*it);
    }
  return std::nullopt;
}

std::optional<std::string> NameIndex::Described(const std::string& head, size_t before) {
  ScanTo(before);
  for (auto it = people_.rbegin(); it != people_.rend(); ++it) {
    if (it->start >= before) continue;
    for (const std::string& w : it->role_words)
      if (w == head) return Complete(*it);
  }
  return std::nullopt;
}

}  // namespace claimex
