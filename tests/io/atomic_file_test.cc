#include "io/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace claimex {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(::testing::TempDir()) /
           ("claimex_atomic_" + std::string(info->name()) + "_" +
            std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    target_ = (dir_ / "out.jsonl").string();
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  static std::string Slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }

  // Names of all entries in dir_.
  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      names.push_back(entry.path().filename().string());
    }
    return names;
  }

  fs::path dir_;
  std::string target_;
};

TEST_F(AtomicFileTest, CommitWritesTargetAndLeavesNoTemp) {
  std::string temp;
  {
    AtomicFile file;
    ASSERT_TRUE(file.Open(target_).ok()) << "open";
    temp = file.temp_path();
    EXPECT_EQ(fs::path(temp).parent_path(), dir_) << "temp is next to the target";
    EXPECT_EQ(temp.rfind(target_ + ".tmp.", 0), 0u) << "temp name " << temp;
    EXPECT_FALSE(fs::exists(target_)) << "target absent before commit";
    ASSERT_TRUE(file.Write("line 1\n").ok()) << "write 1";
    ASSERT_TRUE(file.Write("").ok()) << "empty write";
    ASSERT_TRUE(file.Write("line 2\n").ok()) << "write 2";
    const Status commit = file.Commit();
    ASSERT_TRUE(commit.ok()) << "commit: " << commit.message();
    EXPECT_FALSE(file.Commit().ok()) << "second commit is refused";
    EXPECT_FALSE(file.Write("late").ok()) << "write after commit is refused";
  }
  EXPECT_EQ(Slurp(target_), "line 1\nline 2\n") << "committed content";
  EXPECT_FALSE(fs::exists(temp)) << "temp gone after commit";
  EXPECT_EQ(Entries(), std::vector<std::string>{"out.jsonl"}) << "directory after commit";
}

TEST_F(AtomicFileTest, DestructionWithoutCommitLeavesNothing) {
  std::string temp;
  {
    AtomicFile file;
    ASSERT_TRUE(file.Open(target_).ok()) << "open";
    temp = file.temp_path();
    ASSERT_TRUE(file.Write("partial").ok()) << "write";
    EXPECT_TRUE(fs::exists(temp)) << "temp exists while writing";
  }
  EXPECT_FALSE(fs::exists(target_)) << "no target without commit";
  EXPECT_FALSE(fs::exists(temp)) << "temp removed by the destructor";
  EXPECT_TRUE(Entries().empty()) << "directory after destruction";
}

TEST_F(AtomicFileTest, ExistingTargetIsReplacedOnlyOnCommit) {
  { std::ofstream(target_, std::ios::binary) << "old"; }
  {
    AtomicFile file;
    ASSERT_TRUE(file.Open(target_).ok()) << "open";
    ASSERT_TRUE(file.Write("new").ok()) << "write";
    EXPECT_EQ(Slurp(target_), "old") << "target untouched before commit";
    ASSERT_TRUE(file.Commit().ok()) << "commit";
    EXPECT_EQ(Slurp(target_), "new") << "target replaced by commit";
  }
  {
    AtomicFile file;
    ASSERT_TRUE(file.Open(target_).ok()) << "reopen";
    ASSERT_TRUE(file.Write("abandoned").ok()) << "write";
  }
  EXPECT_EQ(Slurp(target_), "new") << "uncommitted write leaves the target alone";
  EXPECT_EQ(Entries(), std::vector<std::string>{"out.jsonl"}) << "no temp left";
}

TEST_F(AtomicFileTest, AbandonRemovesTempAndIsIdempotent) {
  AtomicFile file;
  ASSERT_TRUE(file.Open(target_).ok()) << "open";
  const std::string temp = file.temp_path();
  ASSERT_TRUE(file.Write("data").ok()) << "write";
  file.Abandon();
  EXPECT_FALSE(fs::exists(temp)) << "temp removed by Abandon";
  file.Abandon();  // second call is a no-op
  EXPECT_FALSE(file.Write("more").ok()) << "write after Abandon is refused";
  EXPECT_FALSE(file.Commit().ok()) << "commit after Abandon is refused";
  EXPECT_TRUE(Entries().empty()) << "directory after Abandon";
}

TEST_F(AtomicFileTest, TwoFilesForOneTargetUseDistinctTemps) {
  AtomicFile a;
  AtomicFile b;
  ASSERT_TRUE(a.Open(target_).ok()) << "open a";
  ASSERT_TRUE(b.Open(target_).ok()) << "open b";
  EXPECT_NE(a.temp_path(), b.temp_path()) << "temp names";
}

TEST_F(AtomicFileTest, OpenInMissingDirectoryFails) {
  AtomicFile file;
  const std::string path = (dir_ / "no" / "such" / "out.jsonl").string();
  const Status status = file.Open(path);
  ASSERT_FALSE(status.ok()) << "open in a missing directory";
  EXPECT_NE(status.message().find(path), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("No such file or directory"), std::string::npos)
      << status.message();
  EXPECT_FALSE(file.Write("x").ok()) << "write after failed open";
}

TEST_F(AtomicFileTest, StdoutCommitFlushes) {
  AtomicFile file;
  ASSERT_TRUE(file.Open("-").ok()) << "open stdout";
  EXPECT_TRUE(file.temp_path().empty()) << "no temp for stdout";
  ASSERT_TRUE(file.Write("").ok()) << "write to stdout";
  EXPECT_TRUE(file.Commit().ok()) << "commit stdout";
  EXPECT_TRUE(Entries().empty()) << "nothing written to disk";
}

// A device or a named pipe is written in place: renaming a temporary over it
// would replace it with a regular file (as `-o /dev/null` once did).
TEST_F(AtomicFileTest, NamedPipeIsWrittenInPlaceAndStaysAPipe) {
  const std::string pipe = (dir_ / "pipe").string();
  ASSERT_EQ(mkfifo(pipe.c_str(), 0600), 0) << "mkfifo";
  // The reader's end, opened first and non-blocking, so that opening the
  // writer's end does not wait; what is written stays in the pipe's buffer.
  const int reader = open(pipe.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(reader, 0) << "open the reader's end";
  AtomicFile file;
  ASSERT_TRUE(file.Open(pipe).ok());
  EXPECT_TRUE(file.temp_path().empty()) << "no temporary for a pipe";
  ASSERT_TRUE(file.Write("{\"a\":1}\n").ok());
  ASSERT_TRUE(file.Flush().ok());
  ASSERT_TRUE(file.Commit().ok());
  char buffer[64];
  const ssize_t n = read(reader, buffer, sizeof buffer);
  close(reader);
  EXPECT_EQ(std::string(buffer, n > 0 ? static_cast<size_t>(n) : 0), "{\"a\":1}\n");
  EXPECT_TRUE(fs::is_fifo(pipe)) << "the pipe was replaced";
  EXPECT_EQ(Entries(), std::vector<std::string>{"pipe"});
}

TEST_F(AtomicFileTest, LinkToAFileStaysALinkAndItsFileIsReplaced) {
  const fs::path real = dir_ / "real.jsonl";
  std::ofstream(real) << "old\n";
  fs::create_symlink(real, target_);
  AtomicFile file;
  ASSERT_TRUE(file.Open(target_).ok());
  EXPECT_EQ(fs::path(file.temp_path()).parent_path(), dir_) << file.temp_path();
  ASSERT_TRUE(file.Write("new\n").ok());
  ASSERT_TRUE(file.Commit().ok());
  EXPECT_TRUE(fs::is_symlink(target_)) << "the link was replaced by a file";
  EXPECT_EQ(Slurp(real.string()), "new\n");
}

TEST_F(AtomicFileTest, DanglingLinkStaysALinkAndItsFileIsCreated) {
  fs::create_symlink("later.jsonl", target_);  // relative, to a file not yet there
  AtomicFile file;
  ASSERT_TRUE(file.Open(target_).ok());
  ASSERT_TRUE(file.Write("new\n").ok());
  ASSERT_TRUE(file.Commit().ok());
  EXPECT_TRUE(fs::is_symlink(target_));
  EXPECT_EQ(Slurp((dir_ / "later.jsonl").string()), "new\n");
}

TEST_F(AtomicFileTest, FailedRenameNamesTheTemporaryAndRemovesIt) {
  AtomicFile file;
  ASSERT_TRUE(file.Open(target_).ok());
  ASSERT_TRUE(file.Write("x\n").ok());
  fs::create_directories(fs::path(target_) / "in the way");  // the target became a directory meanwhile
  const Status status = file.Commit();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("cannot rename " + target_ + ".tmp."), std::string::npos) << status.message();
  EXPECT_EQ(Entries(), std::vector<std::string>{"out.jsonl"}) << "the temporary is left behind";
}

TEST_F(AtomicFileTest, DirectoryTargetFails) {
  AtomicFile file;
  const Status status = file.Open(dir_.string());
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("directory"), std::string::npos) << status.message();
  EXPECT_TRUE(fs::is_directory(dir_));
}

}  // namespace
}  // namespace claimex
