#include "emit/json_writer.h"

#include <algorithm>

#include "base/json_scan.h"

namespace claimex {

void JsonWriter::Grow(size_t n) {
  // resize() keeps the capacity growing geometrically; the room added is
  // what a record needs, so little is zero-filled only to be trimmed.
  out_->resize(size_ + std::max<size_t>(n, 1024));
}

void JsonWriter::AppendString(std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  // The worst case: every byte escaped as \u00XX, and the two quote marks.
  char* const begin = Room(6 * s.size() + 2);
  char* at = begin;
  *at++ = '"';
  size_t run = 0;  // start of the bytes that need no escape
  for (size_t i = NextJsonSpecial<false>(s, 0); i < s.size(); i = NextJsonSpecial<false>(s, i + 1)) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::memcpy(at, s.data() + run, i - run);
    at += i - run;
    run = i + 1;
    *at++ = '\\';
    switch (c) {
      case '"': *at++ = '"'; break;
      case '\\': *at++ = '\\'; break;
      case '\b': *at++ = 'b'; break;
      case '\f': *at++ = 'f'; break;
      case '\n': *at++ = 'n'; break;
      case '\r': *at++ = 'r'; break;
      case '\t': *at++ = 't'; break;
      default: {
        const char esc[] = {'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        std::memcpy(at, esc, sizeof esc);
        at += sizeof esc;
      }
    }
  }
  std::memcpy(at, s.data() + run, s.size() - run);
  at += s.size() - run;
  *at++ = '"';
  size_ += static_cast<size_t>(at - begin);
}

}  // namespace claimex
