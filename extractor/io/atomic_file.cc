#include "io/atomic_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace claimex {
namespace {

namespace fs = std::filesystem;

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
  struct stat target;
  if (stat(path.c_str(), &target) == 0 && !S_ISREG(target.st_mode)) {
    if (S_ISDIR(target.st_mode)) return Status::Error("cannot write " + path + ": it is a directory");
    file_ = std::fopen(path.c_str(), "wb");  // a device or a named pipe: written in place
    if (file_ == nullptr) return ErrnoStatus("cannot open " + path, errno);
    in_place_ = true;
    return Status::Ok();
  }
  // The temporary goes next to the file that will be replaced: through a
  // symbolic link, the file it names, so the link survives.
  rename_to_ = path;
  std::error_code ec;
  for (int hop = 0; hop < 40 && fs::is_symlink(rename_to_, ec); ++hop) {  // 40: the kernel's own limit
    const fs::path link = fs::read_symlink(rename_to_, ec);
    if (ec) break;
    rename_to_ = (link.is_absolute() ? link : fs::path(rename_to_).parent_path() / link).string();
  }
  temp_path_ = rename_to_ + ".tmp." + std::to_string(getpid()) + "." +
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
  if ((to_stdout_ || in_place_) && file_ != nullptr && std::fflush(file_) != 0) return ErrnoStatus("cannot write " + path_, errno);
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
  if (in_place_) {
    const bool failed = std::ferror(file_) != 0;
    int err = std::fflush(file_) != 0 ? errno : 0;  // no fsync: a pipe has none
    if (std::fclose(file_) != 0 && err == 0) err = errno;
    file_ = nullptr;
    if (failed) return Status::Error("cannot write " + path_ + ": an earlier write failed");
    if (err != 0) return ErrnoStatus("cannot write " + path_, err);
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
  if (std::rename(temp_path_.c_str(), rename_to_.c_str()) != 0) {
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
  if (in_place_) {  // nothing to remove: what was written has been read
    if (file_ != nullptr) std::fclose(file_);
    file_ = nullptr;
    return;
  }
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
