// A fast path for the common JSONL line: one flat-enough JSON object with a
// string `id`, a string `text`, an optional valid `date` and other fields.
//
// nlohmann's parser builds every string a character at a time, which made
// reading a tenth of a run. This scanner decodes strings in runs and keeps
// the other fields for `meta_json`, giving exactly the Document the full
// parser would. It accepts only what it is sure of: on anything unusual
// (an error, a duplicate key, deep nesting, a bad date, …) it returns false
// and the caller parses the line the slow way, which also words the error.
#ifndef CLAIMEX_IO_JSONL_FAST_H_
#define CLAIMEX_IO_JSONL_FAST_H_

#include <string_view>

#include "base/document.h"

namespace claimex {

// Fills id, text, date and meta_json of *doc and returns true, or returns
// false (leaving *doc unspecified) when the line needs the full parser.
bool ParseDocumentLineFast(std::string_view line, int max_depth, Document* doc);

}  // namespace claimex

#endif  // CLAIMEX_IO_JSONL_FAST_H_
