// SentenceSegmenter: UAX #29 sentence breaks over UTF-8 (so break positions
// are byte offsets; sentence_breaks.h, or ICU's iterator for text holding
// Extend/Format characters), minus breaks that follow a lexicon abbreviation.
//
// Merge rule: a break is removed when the last whitespace-delimited token
// before it (leading opening brackets/quotes stripped) is in the abbreviation
// set, unless the white space between that token and the break contains a
// line break. ICU itself does not break before a lowercase continuation
// ("U.S. officials said"); the rule fixes capitalized ones ("Gen. David",
// "the U.S. Army"). The price: an abbreviation that really ends a sentence
// ("... by the U.S. Officials ...") joins two sentences, which is why the
// lexicon leaves out tokens that commonly end sentences, and why a break
// stays when the next word is a sentence opener ("… by the U.S. The …").
#include "segment/segment.h"

#include "segment/sentence_breaks.h"

#include <algorithm>
#include <cctype>
#include <iterator>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

namespace claimex {
namespace {

// Longer tokens cannot be abbreviations; skips building long strings.
constexpr size_t kMaxAbbreviationLength = 32;

bool IsSpace(UChar32 c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return u_isUWhiteSpace(c);
}

// Characters that start a new paragraph/line (UAX #29 Sep, CR, LF).
bool IsLineBreak(UChar32 c) {
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// Opening punctuation that may precede an abbreviation: "(Gen.".
bool IsOpener(char c) {
  return c == '(' || c == '[' || c == '{' || c == '"' || c == '\'';
}

// Closing punctuation that may follow an abbreviation: "(U.N.)".
bool IsCloser(char c) {
  return c == ')' || c == ']' || c == '}' || c == '"' || c == '\'';
}

const uint8_t* Bytes(std::string_view text) {
  return reinterpret_cast<const uint8_t*>(text.data());
}

// Code point ending at `*i` (> lower); moves `*i` to its start.
UChar32 PrevCodePoint(std::string_view text, size_t lower, size_t* i) {
  int32_t pos = static_cast<int32_t>(*i);
  UChar32 c;
  U8_PREV(Bytes(text), static_cast<int32_t>(lower), pos, c);
  *i = static_cast<size_t>(pos);
  return c;
}

// Shrinks [start, end) to exclude white space at both ends.
Span Trim(std::string_view text, size_t start, size_t end) {
  const uint8_t* s = Bytes(text);
  while (start < end) {
    size_t next = start;
    UChar32 c;
    U8_NEXT(s, next, end, c);
    if (!IsSpace(c)) break;
    start = next;
  }
  while (end > start) {
    size_t prev = end;
    if (!IsSpace(PrevCodePoint(text, start, &prev))) break;
    end = prev;
  }
  return Span{start, end};
}

// UAX #29 does not break after a full stop when the next letter is lower
// case, whatever comes between (SB8), so "in Atlanta. 37% of likely voters
// say" stays one sentence. In news a figure opens many sentences: breaks
// are added after a full stop that ends a word of two or more letters or
// digits, with white space on the line and then a digit. (An abbreviation
// before the digit, "Jan. 5", is merged back like every other break.)
void AddBreaksBeforeFigures(std::string_view text, std::vector<size_t>* breaks) {
  std::vector<size_t> added;
  for (size_t dot = text.find('.'); dot != std::string_view::npos; dot = text.find('.', dot + 1)) {
    size_t k = dot + 1;
    while (k < text.size() && (text[k] == '"' || text[k] == '\'' || text[k] == ')' || text[k] == ']')) ++k;
    const size_t spaces = k;
    while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
    size_t figure = k;
    while (figure < text.size() && IsOpener(text[figure])) ++figure;  // '"300 of them were killed," he said'
    if (k == spaces || figure >= text.size() || !std::isdigit(static_cast<unsigned char>(text[figure]))) continue;
    size_t word = dot;
    while (word > 0 && std::isalnum(static_cast<unsigned char>(text[word - 1]))) --word;
    if (dot - word < 2 || (word > 0 && !IsSpace(static_cast<unsigned char>(text[word - 1])) &&
                           !IsOpener(text[word - 1])))
      continue;  // "U.S. 5th Fleet", "3.", "e.g. 5"
    added.push_back(k);
  }
  if (added.empty()) return;
  std::vector<size_t> merged;
  merged.reserve(breaks->size() + added.size());
  std::merge(breaks->begin(), breaks->end(), added.begin(), added.end(), std::back_inserter(merged));
  merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
  *breaks = std::move(merged);
}

}  // namespace

struct SentenceSegmenter::Impl {
  // Never given text, only cloned, so sharing it across threads is safe.
  // Null if ICU could not create it; Split() then breaks at lines only.
  std::unique_ptr<icu::BreakIterator> prototype;
};

SentenceSegmenter::SentenceSegmenter(std::vector<std::string> abbreviations, std::vector<std::string> openers)
    : abbreviations_(std::make_move_iterator(abbreviations.begin()),
                     std::make_move_iterator(abbreviations.end())),
      openers_(std::make_move_iterator(openers.begin()), std::make_move_iterator(openers.end())),
      impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->prototype.reset(
      icu::BreakIterator::createSentenceInstance(icu::Locale("en"), status));
  if (U_FAILURE(status)) impl_->prototype.reset();
}

SentenceSegmenter::SentenceSegmenter(SentenceSegmenter&&) noexcept = default;
SentenceSegmenter::~SentenceSegmenter() = default;

bool SentenceSegmenter::OpenerAt(std::string_view text, size_t at) const {
  if (openers_.empty()) return false;
  while (at < text.size() && (std::isspace(static_cast<unsigned char>(text[at])) || IsOpener(text[at]))) ++at;
  size_t end = at;
  while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
  return end > at && openers_.count(std::string(text.substr(at, end - at))) > 0;
}

std::vector<Span> SentenceSegmenter::Split(std::string_view normalized) const {
  std::vector<Span> sentences;
  const size_t n = normalized.size();
  if (n == 0) return sentences;

  // Candidate break positions, ascending, ending with n: UAX #29's, computed
  // directly (sentence_breaks.h), or by ICU's iterator for the text that
  // computation leaves to it.
  std::vector<size_t> breaks;
  if (std::optional<std::vector<size_t>> direct = SentenceBreaks(normalized)) {
    breaks = std::move(*direct);
  } else {
    std::unique_ptr<icu::BreakIterator> it;
    if (impl_->prototype) it.reset(impl_->prototype->clone());
    UErrorCode status = U_ZERO_ERROR;
    UText utext = UTEXT_INITIALIZER;
    if (it) {
      utext_openUTF8(&utext, normalized.data(), static_cast<int64_t>(n), &status);
      if (U_SUCCESS(status)) it->setText(&utext, status);
    }
    if (it && U_SUCCESS(status)) {
      for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) breaks.push_back(static_cast<size_t>(b));
    } else {
      for (size_t i = 0; i < n; ++i) {
        if (normalized[i] == '\n') breaks.push_back(i + 1);
      }
    }
    utext_close(&utext);
  }
  if (breaks.empty() || breaks.back() != n) breaks.push_back(n);
  AddBreaksBeforeFigures(normalized, &breaks);

  auto emit = [&](size_t start, size_t end) {
    const Span span = Trim(normalized, start, end);
    if (!span.empty()) sentences.push_back(span);
  };

  size_t sentence_start = 0;
  std::string token;
  for (size_t b : breaks) {
    if (b < n && b > sentence_start) {
      // Skip trailing white space back to the token, noting line breaks.
      size_t token_end = b;
      bool line_break = false;
      int newlines = 0;
      while (token_end > sentence_start) {
        size_t prev = token_end;
        const UChar32 c = PrevCodePoint(normalized, sentence_start, &prev);
        if (!IsSpace(c)) break;
        line_break |= IsLineBreak(c);
        newlines += c == '\n';
        token_end = prev;
      }
      size_t token_start = token_end;
      while (token_start > sentence_start) {
        size_t prev = token_start;
        if (IsSpace(PrevCodePoint(normalized, sentence_start, &prev))) break;
        token_start = prev;
      }
      while (token_start < token_end && IsOpener(normalized[token_start])) {
        ++token_start;
      }
      // A single line break before a lower-case word or a digit is a
      // hard-wrapped line, not a sentence end ("between 14,000\nand 18,000").
      if (line_break && newlines == 1 && token_end > token_start &&
          std::string_view(".!?").find(normalized[token_end - 1]) == std::string_view::npos) {
        size_t next = b;
        while (next < n && (normalized[next] == ' ' || normalized[next] == '\t')) ++next;
        if (next < n && (std::islower(static_cast<unsigned char>(normalized[next])) ||
                         std::isdigit(static_cast<unsigned char>(normalized[next]))))
          continue;
      }
      // A closing bracket or quote after the abbreviation: "(U.N.) Office".
      size_t abbreviation_end = token_end;
      while (abbreviation_end > token_start + 1 && IsCloser(normalized[abbreviation_end - 1])) --abbreviation_end;
      if (!line_break && abbreviation_end > token_start &&
          abbreviation_end - token_start <= kMaxAbbreviationLength &&
          normalized[abbreviation_end - 1] == '.') {
        token.assign(normalized.data() + token_start, abbreviation_end - token_start);
        // Not a real break, unless a sentence opener follows ("the U.S. The move").
        if (abbreviations_.count(token) > 0 && !OpenerAt(normalized, b)) continue;
      }
    }
    emit(sentence_start, b);
    sentence_start = b;
  }
  return sentences;
}

}  // namespace claimex
