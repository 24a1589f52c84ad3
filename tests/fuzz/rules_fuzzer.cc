// Fuzzes the rule loader. A temp dir (one per process, reused) holds a copy of
// the project's rules/lexicon/*.tsv and rules/fragments.toml; each input is
// written there as extra.toml and Rulebook::Load runs over the dir. It must
// return a rulebook with no diagnostics, or nullptr with at least one; every
// diagnostic needs a non-empty file and message and non-negative line and
// column. Any violation traps (crashes and hangs are libFuzzer's to catch).
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "fuzz_check.h"
#include "rulebook/rulebook.h"

namespace {

namespace fs = std::filesystem;

std::string g_dir;
std::string g_extra;

void RemoveTempDir() {
  std::error_code ec;
  fs::remove_all(g_dir, ec);
}

// libFuzzer often leaves by _Exit (a crash, -minimize_crash's children), past
// atexit: so the temp dir is named after the pid, and the dirs of processes
// that are gone are removed at startup.
const std::string kDirPrefix = "claimex_rules_fuzz.";

void RemoveStaleDirs(const fs::path& tmp_dir) {
  std::error_code ec;
  std::vector<fs::path> stale;
  for (const auto& entry : fs::directory_iterator(tmp_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.compare(0, kDirPrefix.size(), kDirPrefix) != 0) continue;
    const std::string pid = name.substr(kDirPrefix.size());
    if (pid.empty() || pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string::npos) continue;
    if (kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH) stale.push_back(entry.path());
  }
  for (const fs::path& dir : stale) fs::remove_all(dir, ec);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* tmp = std::getenv("TMPDIR");
  const fs::path tmp_dir = tmp && *tmp ? tmp : "/tmp";
  RemoveStaleDirs(tmp_dir);
  g_dir = (tmp_dir / (kDirPrefix + std::to_string(getpid()))).string();
  std::error_code ec;
  fs::remove_all(g_dir, ec);
  if (!fs::create_directories(fs::path(g_dir) / "lexicon", ec)) {
    std::fprintf(stderr, "rules_fuzzer: cannot create %s: %s\n", g_dir.c_str(), ec.message().c_str());
    std::abort();
  }
  std::atexit(RemoveTempDir);
  const fs::path rules = fs::path(CLAIMEX_PROJECT_DIR) / "rules";
  for (const auto& entry : fs::directory_iterator(rules / "lexicon", ec)) {
    if (entry.path().extension() == ".tsv")
      fs::copy_file(entry.path(), fs::path(g_dir) / "lexicon" / entry.path().filename(), ec);
    if (ec) break;
  }
  if (!ec) fs::copy_file(rules / "fragments.toml", fs::path(g_dir) / "fragments.toml", ec);
  if (ec) {
    std::fprintf(stderr, "rules_fuzzer: cannot copy %s: %s\n", rules.c_str(), ec.message().c_str());
    std::abort();
  }
  g_extra = (fs::path(g_dir) / "extra.toml").string();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FILE* f = std::fopen(g_extra.c_str(), "wb");
  if (f == nullptr || std::fwrite(data, 1, size, f) != size || std::fclose(f) != 0) std::abort();

  claimex::Diagnostics diags;
  std::unique_ptr<claimex::Rulebook> book = claimex::Rulebook::Load(g_dir, &diags);
  CHECK(book != nullptr || !diags.empty());
  CHECK(book == nullptr || diags.empty());
  for (const claimex::Diagnostic& d : diags) {
    CHECK(!d.file.empty());
    CHECK(!d.message.empty());
    CHECK(d.line >= 0 && d.column >= 0);
  }
  return 0;
}
