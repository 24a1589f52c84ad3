#include "emit/json_writer.h"

#include "base/json_scan.h"

namespace claimex {

void JsonWriter::AppendString(std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out_->push_back('"');
  size_t run = 0;  // start of the bytes that need no escape
  for (size_t i = NextJsonSpecial<false>(s, 0); i < s.size(); i = NextJsonSpecial<false>(s, i + 1)) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    out_->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out_->append("\\\""); break;
      case '\\': out_->append("\\\\"); break;
      case '\b': out_->append("\\b"); break;
      case '\f': out_->append("\\f"); break;
      case '\n': out_->append("\\n"); break;
      case '\r': out_->append("\\r"); break;
      case '\t': out_->append("\\t"); break;
      default: {
        const char esc[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out_->append(esc, sizeof esc);
      }
    }
  }
  out_->append(s.data() + run, s.size() - run);
  out_->push_back('"');
}

}  // namespace claimex
