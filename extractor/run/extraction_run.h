// ExtractionRun: streams documents through an Extractor on --jobs threads
// and writes their records in input order.
//
// Shape: the calling thread reads documents (DocumentSource is single-
// threaded) into batches of up to 128 documents or 1 MB of text (fewer when
// the input is a stream that has no more ready: what has arrived is processed
// and written, stdout flushed, while the producer catches up), and hands
// each batch, numbered, to a pool of workers; a worker runs the pipeline over
// the batch stage by stage (Extractor::ExtractBatch) AND serializes its
// records, so the only serial work left is reading and appending finished
// chunks; one writer thread appends chunks strictly by number. Output bytes
// are therefore identical for any --jobs, and stderr messages come in input
// order too.
//
// Memory is bounded: at most `max_in_flight` documents (and about
// `max_in_flight_bytes` of their text) are read but not yet written; the
// reader waits for the writer beyond that, so a 2 GB stream needs no more
// memory than a short one.
#ifndef CLAIMEX_RUN_EXTRACTION_RUN_H_
#define CLAIMEX_RUN_EXTRACTION_RUN_H_

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>

#include "base/status.h"
#include "io/atomic_file.h"
#include "io/document_source.h"
#include "pipeline.h"

namespace claimex {

enum class OutputFormat { kJsonl, kCsv };

struct RunOptions {
  int jobs = 1;
  bool explain = false;
  OutputFormat format = OutputFormat::kJsonl;
  bool fail_fast = false;  // stop at the first bad document
  bool progress = false;   // a progress line on stderr, updated twice a second
  const std::atomic<bool>* cancel = nullptr;
  size_t max_in_flight = 0;               // documents; 0 = four batches per job
  size_t max_in_flight_bytes = 64u << 20;  // text bytes read but not yet written
};

struct RunTotals {
  size_t documents = 0;  // read (good or bad)
  size_t claims = 0;
  size_t errors = 0;     // documents reported and skipped
  size_t bytes = 0;      // text bytes of the documents read
  bool stopped = false;  // --fail-fast hit a bad document
  bool interrupted = false;
  Status write_status;
};

// Runs every document of `source` through `extractor`, writing records to
// `out` and, when given, time mentions to `mentions`. Problems go to stderr as
// "claimex: <source>: <reason>". Neither file is committed here.
RunTotals RunExtraction(const Extractor& extractor, DocumentSource* source, const RunOptions& options,
                        AtomicFile* out, AtomicFile* mentions);

}  // namespace claimex

#endif  // CLAIMEX_RUN_EXTRACTION_RUN_H_
