#include "rulebook/captures.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "rulebook/rule.h"

namespace claimex {
namespace {

// Backtracking is bounded: a span that needs more steps (nested repetitions
// over a long sentence) is read by RE2 instead.
constexpr uint32_t kMatchLimit = 1000000;
constexpr size_t kJitStackMax = 1 << 20;

// The per-thread state of a PCRE2 match: its context (with the callout and
// the JIT stack) and its output vector, reused match after match.
struct MatchState {
  pcre2_match_context* context = nullptr;
  pcre2_jit_stack* jit_stack = nullptr;
  pcre2_match_data* data = nullptr;
  uint32_t data_pairs = 0;
  size_t required_end = 0;  // where the callout accepts a parse

  MatchState() {
    context = pcre2_match_context_create(nullptr);
    jit_stack = pcre2_jit_stack_create(32 * 1024, kJitStackMax, nullptr);
    if (context && jit_stack) pcre2_jit_stack_assign(context, nullptr, jit_stack);
    if (context) {
      pcre2_set_match_limit(context, kMatchLimit);
      pcre2_set_callout(context, &MatchState::AcceptOnlyAtEnd, this);
    }
  }
  ~MatchState() {
    if (data) pcre2_match_data_free(data);
    if (jit_stack) pcre2_jit_stack_free(jit_stack);
    if (context) pcre2_match_context_free(context);
  }
  MatchState(const MatchState&) = delete;
  MatchState& operator=(const MatchState&) = delete;

  pcre2_match_data* Data(uint32_t pairs) {
    if (pairs > data_pairs) {
      if (data) pcre2_match_data_free(data);
      data = pcre2_match_data_create(pairs, nullptr);
      data_pairs = data ? pairs : 0;
    }
    return data;
  }

  // The callout closing every translated pattern: a parse that does not end
  // where RE2's match ends is rejected, and PCRE2 backtracks to the next.
  static int AcceptOnlyAtEnd(pcre2_callout_block* block, void* self) {
    return block->current_position == static_cast<MatchState*>(self)->required_end ? 0 : 1;
  }
};

MatchState& ThreadMatchState() {
  thread_local MatchState state;
  return state;
}

constexpr const char* kRe2Space = "\\t\\n\\f\\r ";  // RE2's \s (no vertical tab)

}  // namespace

struct CaptureProgram::Code {
  pcre2_code* code = nullptr;
  uint32_t groups = 0;
  ~Code() {
    if (code) pcre2_code_free(code);
  }
};

CaptureProgram::CaptureProgram(std::unique_ptr<Code> code) : code_(std::move(code)) {}
CaptureProgram::~CaptureProgram() = default;

std::string CaptureProgram::Translate(const std::string& p) {
  std::string out;
  out.reserve(p.size() + 32);
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\') {
      if (i + 1 >= p.size()) return "";
      const char d = p[++i];
      if (d == 'Q' || d == 'C') return "";  // literal runs and single bytes: not needed, not translated
      if (d == 's') {
        out += in_class ? kRe2Space : std::string("[") + kRe2Space + "]";
      } else if (d == 'S') {
        if (in_class) return "";
        out += std::string("[^") + kRe2Space + "]";
      } else {
        out += c;
        out += d;
      }
      continue;
    }
    if (!in_class) {
      if (c == '[') {
        in_class = true;
        out += c;
        if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
        if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];  // a leading ] is literal in both
      } else {
        out += c;
      }
      continue;
    }
    if (c == '[' && i + 1 < p.size()) {
      if (p[i + 1] == '.' || p[i + 1] == '=') return "";  // PCRE2 would read a collating element
      if (p[i + 1] == ':') {                             // [:alpha:] and friends, the same in both
        const size_t close = p.find(":]", i + 2);
        if (close == std::string::npos) return "";
        out.append(p, i, close + 2 - i);
        i = close + 1;
        continue;
      }
    }
    if (c == ']') in_class = false;
    out += c;
  }
  if (in_class) return "";
  return "(?:" + out + ")(?C1)";
}

std::shared_ptr<const CaptureProgram> CaptureProgram::Compile(const std::string& pattern, int groups) {
  const std::string translated = Translate(pattern);
  if (translated.empty()) return nullptr;
  pcre2_compile_context* compile_context = pcre2_compile_context_create(nullptr);
  if (!compile_context) return nullptr;
  pcre2_set_newline(compile_context, PCRE2_NEWLINE_LF);  // `.` excludes \n only, as in RE2
  int error = 0;
  PCRE2_SIZE error_offset = 0;
  // The rules' RE2 options: case-insensitive (a pattern may turn it off
  // locally with (?-i:...), read the same by both), UTF-8, `$` at the end only.
  auto code = std::make_unique<Code>();
  code->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated.data()), translated.size(),
                             PCRE2_UTF | PCRE2_CASELESS | PCRE2_DOLLAR_ENDONLY | PCRE2_ANCHORED |
                                 PCRE2_NEVER_BACKSLASH_C,
                             &error, &error_offset, compile_context);
  pcre2_compile_context_free(compile_context);
  if (!code->code) return nullptr;
  if (pcre2_pattern_info(code->code, PCRE2_INFO_CAPTURECOUNT, &code->groups) != 0 ||
      code->groups != static_cast<uint32_t>(groups))
    return nullptr;
  // Only the JIT makes it worth it; PCRE2's interpreter is no faster than RE2.
  if (pcre2_jit_compile(code->code, PCRE2_JIT_COMPLETE) != 0) return nullptr;
  return std::shared_ptr<const CaptureProgram>(new CaptureProgram(std::move(code)));
}

bool CaptureProgram::Read(const re2::StringPiece& text, size_t start, size_t end, re2::StringPiece* groups,
                          int n) const {
  MatchState& state = ThreadMatchState();
  if (!state.context || n < 1 || static_cast<uint32_t>(n) > code_->groups + 1) return false;
  pcre2_match_data* data = state.Data(code_->groups + 1);
  if (!data) return false;
  state.required_end = end;
  const int rc = pcre2_match(code_->code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), start,
                             PCRE2_NO_UTF_CHECK, data, state.context);
  if (rc <= 0) return false;  // no match (cannot be: RE2 matched), a limit, or an error
  const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data);
  if (ovector[0] != start || ovector[1] != end) return false;
  for (int g = 0; g < n; ++g) {
    if (g < rc && ovector[2 * g] != PCRE2_UNSET)
      groups[g] = re2::StringPiece(text.data() + ovector[2 * g], ovector[2 * g + 1] - ovector[2 * g]);
    else
      groups[g] = re2::StringPiece();
  }
  return true;
}

const CaptureProgram* LazyCaptureProgram::Get() const {
  std::call_once(compiled_, [this] { program_ = CaptureProgram::Compile(pattern_, groups_); });
  return program_.get();
}

bool ReadCapturesWithRe2(const Rule& rule, const re2::StringPiece& text, size_t start, size_t end,
                         re2::StringPiece* groups, int n) {
  return rule.regex().Match(text, start, end, RE2::ANCHOR_BOTH, groups, n);
}

bool ReadCaptures(const Rule& rule, const re2::StringPiece& text, size_t start, size_t end,
                  re2::StringPiece* groups, int n) {
  if (rule.captures)
    if (const CaptureProgram* program = rule.captures->Get(); program && program->Read(text, start, end, groups, n))
      return true;
  return ReadCapturesWithRe2(rule, text, start, end, groups, n);
}

}  // namespace claimex
