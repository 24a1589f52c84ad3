// AtomicFile: writes an output file so that a crash or an error never leaves
// a half-written file under the final name.
//
// Data goes to a temporary file next to the target (same directory, so the
// final rename is atomic on POSIX); Commit() flushes, fsyncs and renames it
// over the target. If Commit() is never called (error, exception, early
// return) the destructor removes the temporary file. Path "-" writes straight
// to stdout, and so does a target that exists and is not a regular file (a
// device such as /dev/null, a named pipe): there is nothing to make atomic,
// and renaming over it would replace the device with a file. A symbolic link
// to a regular file stays a link: the file it names is the one replaced.
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
  // Hands what was written to stdout or a device on to the reader now
  // (records stream out batch by batch); nothing for a file, which appears
  // only at Commit.
  Status Flush();
  Status Commit();
  // Removes the temporary file now (idempotent); used on SIGINT/SIGTERM paths.
  void Abandon();

  const std::string& temp_path() const { return temp_path_; }

 private:
  std::string path_;       // as given, for messages
  std::string rename_to_;  // the file Commit replaces: path_, or the file a link names
  std::string temp_path_;
  FILE* file_ = nullptr;
  bool to_stdout_ = false;
  bool in_place_ = false;  // a device or pipe, written straight (not stdout: ours to close)
  bool committed_ = false;
};

}  // namespace claimex

#endif  // CLAIMEX_IO_ATOMIC_FILE_H_
