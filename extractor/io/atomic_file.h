// AtomicFile: writes an output file so that a crash or an error never leaves
// a half-written file under the final name.
//
// Data goes to a temporary file next to the target (same directory, so the
// final rename is atomic on POSIX); Commit() flushes, fsyncs and renames it
// over the target. If Commit() is never called (error, exception, early
// return) the destructor removes the temporary file. Path "-" writes straight
// to stdout (nothing to make atomic).
#ifndef CLAIMEX_IO_ATOMIC_FILE_H_
#define CLAIMEX_IO_ATOMIC_FILE_H_

#include <cstdio>
#include <string>
#include <string_view>

#include "base/status.h"

namespace claimex {

class AtomicFile {
 public:
  AtomicFile() = default;
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  Status Open(const std::string& path);
  Status Write(std::string_view data);
  // Hands what was written to stdout on to the reader now (records stream
  // out batch by batch); nothing for a file, which appears only at Commit.
  Status Flush();
  Status Commit();
  // Removes the temporary file now (idempotent); used on SIGINT/SIGTERM paths.
  void Abandon();

  const std::string& temp_path() const { return temp_path_; }

 private:
  std::string path_;
  std::string temp_path_;
  FILE* file_ = nullptr;
  bool to_stdout_ = false;
  bool committed_ = false;
};

}  // namespace claimex

#endif  // CLAIMEX_IO_ATOMIC_FILE_H_
