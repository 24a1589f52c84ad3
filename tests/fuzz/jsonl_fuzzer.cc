// Fuzzes the JSONL reader: the input is written to an in-memory file (a
// memfd, or one temp file per process where memfd_create is missing) and a
// DocumentSource drains it as JSONL. Every Document must have a non-empty id,
// valid UTF-8 id and text, an empty or valid date and a "path:LINE" source;
// every error a non-empty reason and a "path:LINE" source with LINE a line of
// the input. Any violation traps.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "io/document_source.h"

namespace {

int g_fd = -1;
std::string g_path;

void RemoveTempFile() { unlink(g_path.c_str()); }

using claimex_fuzz::IsValidUtf8;

// True if `source` is g_path + ":" + a line number in [1, lines].
bool IsLineSource(const std::string& source, size_t lines) {
  if (source.size() <= g_path.size() + 1 || source.compare(0, g_path.size(), g_path) != 0 ||
      source[g_path.size()] != ':')
    return false;
  const std::string digits = source.substr(g_path.size() + 1);
  if (digits.size() > 9 || digits[0] == '0') return false;
  for (char c : digits)
    if (c < '0' || c > '9') return false;
  const size_t line = std::stoul(digits);
  return line >= 1 && line <= lines;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_fd = memfd_create("claimex_jsonl_fuzz", 0);
  if (g_fd >= 0) {
    g_path = "/proc/self/fd/" + std::to_string(g_fd);
  } else {
    const char* tmp = std::getenv("TMPDIR");
    g_path = std::string(tmp && *tmp ? tmp : "/tmp") + "/claimex_jsonl_fuzz.XXXXXX";
    g_fd = mkstemp(g_path.data());
    if (g_fd < 0) {
      std::perror("jsonl_fuzzer: mkstemp");
      std::abort();
    }
    std::atexit(RemoveTempFile);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (ftruncate(g_fd, 0) != 0) std::abort();
  for (size_t done = 0; done < size;) {
    const ssize_t n = pwrite(g_fd, data + done, size - done, static_cast<off_t>(done));
    if (n <= 0) std::abort();
    done += static_cast<size_t>(n);
  }
  size_t lines = 0;
  for (size_t i = 0; i < size; ++i) lines += data[i] == '\n';
  if (size > 0 && data[size - 1] != '\n') ++lines;

  claimex::InputOptions options;
  options.format = claimex::InputFormat::kJsonl;
  options.max_document_bytes = 16 << 10;  // small, so over-long lines are reachable
  claimex::DocumentSource source({g_path}, options);
  claimex::Document doc;
  claimex::InputError error;
  for (size_t results = 0;; ++results) {
    CHECK(results <= lines);  // at most one document or error per line
    const auto result = source.Next(&doc, &error);
    if (result == claimex::DocumentSource::Result::kEnd) break;
    if (result == claimex::DocumentSource::Result::kDocument) {
      CHECK(!doc.id.empty());
      CHECK(IsValidUtf8(doc.id) && IsValidUtf8(doc.text));
      CHECK(doc.date.empty() || claimex::IsValidPartialDate(doc.date));
      CHECK(IsLineSource(doc.source, lines));
    } else {
      CHECK(!error.reason.empty());
      CHECK(IsLineSource(error.source, lines));
    }
  }
  return 0;
}
