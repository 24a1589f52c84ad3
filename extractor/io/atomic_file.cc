#include "io/atomic_file.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace claimex {
namespace {

// Distinguishes temporaries of several AtomicFiles for one target in one
// process; the pid distinguishes processes.
std::atomic<unsigned> temp_counter{0};

Status ErrnoStatus(const std::string& what, int err) {
  return Status::Error(what + ": " + std::strerror(err));
}

}  // namespace

AtomicFile::~AtomicFile() {
  if (!committed_) Abandon();
}

Status AtomicFile::Open(const std::string& path) {
  if (file_ != nullptr || committed_) {
    return Status::Error("AtomicFile for " + path + " opened twice");
  }
  path_ = path;
  if (path == "-") {
    to_stdout_ = true;
    file_ = stdout;
    return Status::Ok();
  }
  temp_path_ = path + ".tmp." + std::to_string(getpid()) + "." +
               std::to_string(temp_counter.fetch_add(1));
  // "x": never clobber a leftover temporary from a crashed run with our pid.
  file_ = std::fopen(temp_path_.c_str(), "wbx");
  if (file_ == nullptr) {
    const int err = errno;
    temp_path_.clear();
    return ErrnoStatus("cannot create " + path, err);
  }
  return Status::Ok();
}

Status AtomicFile::Write(std::string_view data) {
  if (file_ == nullptr || committed_) {
    return Status::Error("write to " + path_ + " that is not open");
  }
  if (data.empty()) return Status::Ok();
  if (std::fwrite(data.data(), 1, data.size(), file_) != data.size()) {
    return ErrnoStatus("cannot write " + path_, errno);
  }
  return Status::Ok();
}

Status AtomicFile::Flush() {
  if (to_stdout_ && file_ != nullptr && std::fflush(file_) != 0) return ErrnoStatus("cannot write " + path_, errno);
  return Status::Ok();
}

Status AtomicFile::Commit() {
  if (file_ == nullptr || committed_) {
    return Status::Error("commit of " + path_ + " that is not open");
  }
  if (to_stdout_) {
    if (std::fflush(file_) != 0) return ErrnoStatus("cannot write " + path_, errno);
    committed_ = true;
    return Status::Ok();
  }
  // A failed fwrite leaves the stream's error flag set; the later steps could
  // still succeed and hide it.
  if (std::ferror(file_)) {
    Abandon();
    return Status::Error("cannot write " + path_ + ": an earlier write failed");
  }
  int err = 0;
  if (std::fflush(file_) != 0) err = errno;
  if (err == 0 && fsync(fileno(file_)) != 0) err = errno;
  if (std::fclose(file_) != 0 && err == 0) err = errno;
  file_ = nullptr;
  if (err != 0) {
    Abandon();
    return ErrnoStatus("cannot write " + path_, err);
  }
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    err = errno;
    const std::string temp = temp_path_;  // Abandon() clears it
    Abandon();
    return ErrnoStatus("cannot rename " + temp + " to " + path_, err);
  }
  committed_ = true;
  return Status::Ok();
}

void AtomicFile::Abandon() {
  if (to_stdout_) {
    file_ = nullptr;  // stdout is not ours to close
    return;
  }
  if (committed_) return;
  // Unlink before fclose: the name is what must not survive an interruption.
  if (!temp_path_.empty()) {
    unlink(temp_path_.c_str());
    temp_path_.clear();
  }
  if (file_ != nullptr) {
    std::fclose(file_);
    file_ = nullptr;
  }
}

}  // namespace claimex
