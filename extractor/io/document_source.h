// DocumentSource: streams input Documents from files, directories and stdin,
// reporting every bad document instead of stopping.
//
// Inputs (CLAIMS.md "Input"):
//   - a text file (`*.txt`, or any file with --input-format txt): one
//     document; id = file name without extension; date = --date (may be empty).
//   - a JSONL file (`*.jsonl`, or --input-format jsonl): one document per
//     non-blank line, {"id", "text", "date"?, ...}. Other fields are kept
//     verbatim as `meta_json` (a JSON object, key order preserved).
//   - `-`: standard input, JSONL unless --input-format txt (then one document
//     with id "stdin").
//   - a directory: if it holds `metadata.jsonl` it is a *corpus directory*:
//     its top-level `*.txt` files are the articles, and each metadata line
//     {"id", "date"?, ...} gives the date and meta fields of the article with
//     that id (a metadata id with no article file is reported as an error).
//     Otherwise it is walked recursively for `*.txt` and `*.jsonl` files.
//     Files are visited in byte-wise sorted path order, so runs are
//     reproducible.
//
// Errors (each reported, then reading goes on with the next document):
//   unreadable file, binary file (a NUL byte), document over the size limit,
//   malformed JSON line, a line that is not an object, missing or non-string
//   `id`/`text`, a `date` that is not YYYY, YYYY-MM or YYYY-MM-DD.
//   Invalid UTF-8 in a text file is NOT checked here (normalization reports it
//   with a byte offset); JSON parsing rejects it in JSONL.
//
// Memory: JSONL is read line by line; only one document is held at a time.
// Thread-safety: none; one reader thread owns a DocumentSource.
#ifndef CLAIMEX_IO_DOCUMENT_SOURCE_H_
#define CLAIMEX_IO_DOCUMENT_SOURCE_H_

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "base/document.h"

namespace claimex {

enum class InputFormat { kAuto, kTxt, kJsonl };

struct InputOptions {
  InputFormat format = InputFormat::kAuto;
  std::string date;  // --date, applied to text documents that have no other date
  size_t max_document_bytes = 64u << 20;  // larger documents are reported and skipped
  // When set and true, a read interrupted by a signal ends the input (so
  // Ctrl-C stops a run that waits on stdin) instead of being retried.
  const std::atomic<bool>* cancel = nullptr;
};

// One bad document or file. `source` is "path" or "path:line" ("<stdin>:3").
struct InputError {
  std::string source;
  std::string reason;
  std::string ToString() const { return source + ": " + reason; }
};

class DocumentSource {
 public:
  // `paths` as given on the command line ("-" = stdin). Never fails here:
  // a missing path is reported as an InputError by Next().
  DocumentSource(std::vector<std::string> paths, InputOptions options);
  ~DocumentSource();

  enum class Result { kDocument, kError, kEnd };

  // Reads the next document into *doc, or the next problem into *error.
  Result Next(Document* doc, InputError* error);

  // False when Next() would wait for a slow producer (a pipe or terminal
  // with no whole line ready): the caller may process what it has first.
  bool ReadyNow() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// True if `date` is YYYY, YYYY-MM or YYYY-MM-DD with a valid month and day.
bool IsValidPartialDate(const std::string& date);

}  // namespace claimex

#endif  // CLAIMEX_IO_DOCUMENT_SOURCE_H_
