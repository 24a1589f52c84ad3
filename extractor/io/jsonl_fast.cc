#include "io/jsonl_fast.h"

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/json_scan.h"
#include "io/document_source.h"

namespace claimex {
namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  void SkipSpace() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  bool Eat(char c) {
    SkipSpace();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool AtEnd() {
    SkipSpace();
    return i_ == s_.size();
  }
  char Peek() {
    SkipSpace();
    return i_ < s_.size() ? s_[i_] : '\0';
  }
  size_t pos() const { return i_; }

  // A JSON string at the cursor, decoded into *out (UTF-8 checked).
  bool String(std::string* out) {
    if (!Eat('"')) return false;
    out->clear();
    size_t run = i_;
    while ((i_ = NextJsonSpecial<true>(s_, i_)) < s_.size()) {
      const unsigned char c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        out->append(s_.data() + run, i_ - run);
        ++i_;
        return true;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        out->append(s_.data() + run, i_ - run);
        if (!Escape(out)) return false;
        run = i_;
        continue;
      }
      const size_t length = Utf8Length(i_);  // c >= 0x80
      if (length == 0) return false;
      i_ += length;
    }
    return false;
  }

  // Skips one JSON value of any kind; false on anything not well formed or
  // nested deeper than `max_depth`.
  bool SkipValue(int max_depth) {
    SkipSpace();
    if (i_ >= s_.size()) return false;
    const char c = s_[i_];
    if (c == '"') {
      std::string ignored;
      return String(&ignored);
    }
    if (c == '{' || c == '[') {
      if (max_depth <= 0) return false;
      const char close = c == '{' ? '}' : ']';
      ++i_;
      if (Eat(close)) return true;
      do {
        if (c == '{') {
          std::string key;
          if (!String(&key) || !Eat(':')) return false;
        }
        if (!SkipValue(max_depth - 1)) return false;
      } while (Eat(','));
      return Eat(close);
    }
    // A literal or a number: let the full parser judge it later (meta values
    // are re-parsed), but it must end where a value ends.
    const size_t start = i_;
    while (i_ < s_.size() && std::strchr(",}] \t\r\n", s_[i_]) == nullptr) ++i_;
    return i_ > start;
  }

 private:
  bool Escape(std::string* out) {
    ++i_;  // the backslash
    if (i_ >= s_.size()) return false;
    const char e = s_[i_++];
    switch (e) {
      case '"': out->push_back('"'); return true;
      case '\\': out->push_back('\\'); return true;
      case '/': out->push_back('/'); return true;
      case 'b': out->push_back('\b'); return true;
      case 'f': out->push_back('\f'); return true;
      case 'n': out->push_back('\n'); return true;
      case 'r': out->push_back('\r'); return true;
      case 't': out->push_back('\t'); return true;
      case 'u': break;
      default: return false;
    }
    uint32_t cp = 0;
    if (!Hex4(&cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a lone low surrogate
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      uint32_t low = 0;
      if (i_ + 1 >= s_.size() || s_[i_] != '\\' || s_[i_ + 1] != 'u') return false;
      i_ += 2;
      if (!Hex4(&low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    AppendUtf8(cp, out);
    return true;
  }

  bool Hex4(uint32_t* out) {
    if (i_ + 4 > s_.size()) return false;
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      const char h = s_[i_ + k];
      v <<= 4;
      if (h >= '0' && h <= '9') v |= static_cast<uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f') v |= static_cast<uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') v |= static_cast<uint32_t>(h - 'A' + 10);
      else return false;
    }
    i_ += 4;
    *out = v;
    return true;
  }

  static void AppendUtf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  // Length of the well-formed UTF-8 sequence at `at` (RFC 3629: no overlong
  // forms, no surrogates, nothing above U+10FFFF), or 0.
  size_t Utf8Length(size_t at) const {
    auto byte = [&](size_t k) { return at + k < s_.size() ? static_cast<unsigned char>(s_[at + k]) : 0u; };
    auto tail = [](unsigned b) { return b >= 0x80 && b <= 0xBF; };
    const unsigned b0 = byte(0), b1 = byte(1);
    if (b0 >= 0xC2 && b0 <= 0xDF) return tail(b1) ? 2 : 0;
    if (b0 >= 0xE0 && b0 <= 0xEF) {
      const bool ok1 = b0 == 0xE0 ? (b1 >= 0xA0 && b1 <= 0xBF) : b0 == 0xED ? (b1 >= 0x80 && b1 <= 0x9F) : tail(b1);
      return ok1 && tail(byte(2)) ? 3 : 0;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
      const bool ok1 = b0 == 0xF0 ? (b1 >= 0x90 && b1 <= 0xBF) : b0 == 0xF4 ? (b1 >= 0x80 && b1 <= 0x8F) : tail(b1);
      return ok1 && tail(byte(2)) && tail(byte(3)) ? 4 : 0;
    }
    return 0;
  }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

bool ParseDocumentLineFast(std::string_view line, int max_depth, Document* doc) {
  Scanner scan(line);
  if (!scan.Eat('{')) return false;
  bool has_id = false, has_text = false, has_date = false, date_is_null = false;
  std::vector<std::pair<std::string, std::string_view>> others;  // key, raw value
  std::string key;
  if (scan.Peek() != '}') {
    do {
      if (!scan.String(&key) || !scan.Eat(':')) return false;
      if (key == "id" || key == "text" || key == "date") {
        bool& seen = key == "id" ? has_id : key == "text" ? has_text : has_date;
        if (seen) return false;
        seen = true;
        if (key == "date" && scan.Peek() == 'n') {
          const size_t start = scan.pos();
          if (!scan.SkipValue(0) || line.substr(start, scan.pos() - start) != "null") return false;
          doc->date.clear();
          date_is_null = true;
          continue;
        }
        std::string* target = key == "id" ? &doc->id : key == "text" ? &doc->text : &doc->date;
        if (scan.Peek() != '"' || !scan.String(target)) return false;
        continue;
      }
      for (const auto& other : others)
        if (other.first == key) return false;  // duplicate keys: the full parser decides
      scan.SkipSpace();
      const size_t start = scan.pos();
      if (!scan.SkipValue(max_depth - 1)) return false;
      others.emplace_back(key, line.substr(start, scan.pos() - start));
    } while (scan.Eat(','));
  }
  if (!scan.Eat('}') || !scan.AtEnd()) return false;
  if (!has_id || doc->id.empty() || !has_text) return false;
  if (!has_date) doc->date.clear();
  if (has_date && !date_is_null && !IsValidPartialDate(doc->date)) return false;
  doc->meta_json.clear();
  if (!others.empty()) {
    nlohmann::ordered_json meta = nlohmann::ordered_json::object();
    for (const auto& [name, raw] : others) {
      nlohmann::ordered_json value = nlohmann::ordered_json::parse(raw, nullptr, /*allow_exceptions=*/false);
      if (value.is_discarded()) return false;
      meta[name] = std::move(value);
    }
    doc->meta_json = meta.dump();
  }
  return true;
}

}  // namespace claimex
