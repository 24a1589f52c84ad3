// Document: one article as read from the input, before any processing.
#ifndef CLAIMEX_BASE_DOCUMENT_H_
#define CLAIMEX_BASE_DOCUMENT_H_

#include <string>

namespace claimex {

struct Document {
  std::string id;            // file name without extension, or JSONL `id`
  std::string text;          // original UTF-8 bytes; every output span indexes these
  std::string date;          // article date from metadata (YYYY[-MM[-DD]]), or empty
  std::string meta_json;     // JSONL fields other than id/text/date, as a JSON object; or empty
  std::string source;        // where it came from, for error messages: "path" or "path:line"
};

}  // namespace claimex

#endif  // CLAIMEX_BASE_DOCUMENT_H_
