// Commit atomicity and durability under SIGKILL.
//
// The parent re-executes this test binary as a child that commits the test
// chain into a directory in a loop (reporting each height on a pipe once
// CommitBlock has returned), SIGKILLs it at a random moment, reopens the
// directory and checks that:
//   - the committed head H has its block, height index, tx index, receipts,
//     state writes and log leaves for every height <= H and nothing of H + 1
//     (a batch is either wholly visible or not at all);
//   - H is at least the last height the child reported (a returned commit is
//     never lost).
// Kills land anywhere: during exec, RocksDB open and WAL recovery, a commit's
// fsync, or between commits; the next child resumes from what survived.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "cbec/node/storage/store.h"
#include "storage_test_util.h"

extern char** environ;

namespace cbec::node::storage {
namespace {

using testing::ChainGen;
using testing::OpenOrDie;
using testing::TempDir;
using testing::TestChain;

constexpr char kDirEnv[] = "CBEC_STORAGE_CRASH_DIR";
constexpr char kFdEnv[] = "CBEC_STORAGE_CRASH_FD";
constexpr int kRounds = 24;

// Commits ChainGen's chain from the store's head on, with the default
// (synced) options, writing each height to `report_fd` (if >= 0) after its
// CommitBlock returned. Stops after `max_blocks` commits, or never if 0.
void CommitLoop(const std::string& dir, int report_fd, uint64_t max_blocks) {
  auto store = OpenOrDie(dir, TestChain());
  ASSERT_NE(store, nullptr);
  ChainGen gen;
  if (std::optional<ChainHead> head = store->Head()) {
    while (gen.next_height() <= head->height) gen.Next();
  }
  for (uint64_t n = 0; max_blocks == 0 || n < max_blocks; ++n) {
    BlockCommit c = gen.Next();
    Status s = store->CommitBlock(c);
    ASSERT_TRUE(s.ok()) << s.ToString();
    if (report_fd >= 0) {
      uint64_t h = c.block.height;
      ASSERT_EQ(::write(report_fd, &h, sizeof(h)), static_cast<ssize_t>(sizeof(h)));
    }
  }
}

// Run by ctest, a bounded loop whose result is checked. Re-executed by the
// crash test below with kDirEnv set, it commits into that directory until
// it is killed.
TEST(StorageCrash, CommitLoop) {
  if (const char* dir = std::getenv(kDirEnv)) {
    CommitLoop(dir, std::atoi(std::getenv(kFdEnv)), 0);
    return;  // only after a failed assertion: the parent reports it
  }
  TempDir tmp;
  CommitLoop(tmp.path(), -1, 25);
  auto store = OpenOrDie(tmp.path(), TestChain());
  ASSERT_TRUE(store->Head().has_value());
  EXPECT_EQ(store->Head()->height, 24u);
  EXPECT_TRUE(testing::CheckChainPrefix(*store));
}

// Starts this binary as a crash child committing into `dir`, reporting on
// `report_fd`; its output goes to `log_path`.
pid_t SpawnChild(const std::string& dir, int report_fd, const std::string& log_path) {
  // Everything is prepared before fork: the child only calls async-signal-
  // safe functions until exec.
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
  env_strings.push_back(std::string(kDirEnv) + "=" + dir);
  env_strings.push_back(std::string(kFdEnv) + "=" + std::to_string(report_fd));
  std::vector<char*> envp;
  for (std::string& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::string exe = "/proc/self/exe";
  std::string filter = "--gtest_filter=StorageCrash.CommitLoop";
  std::vector<char*> argv = {exe.data(), filter.data(), nullptr};

  pid_t pid = ::fork();
  if (pid == 0) {
    int log = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (log >= 0) {
      ::dup2(log, STDOUT_FILENO);
      ::dup2(log, STDERR_FILENO);
    }
    ::fcntl(report_fd, F_SETFD, 0);  // inherited across exec
    ::execve(exe.c_str(), argv.data(), envp.data());
    ::_exit(127);
  }
  return pid;
}

// Waits until the child reports a height (or closes the pipe by dying).
// Returns the heights read.
std::vector<uint64_t> ReadReports(int fd, bool block) {
  std::vector<uint64_t> heights;
  std::string buffer;
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    // A long safety net only: the child normally reports within milliseconds.
    int ready = ::poll(&p, 1, block && heights.empty() ? 60'000 : 0);
    if (ready <= 0) break;
    char chunk[4096];
    ssize_t n = ::read(fd, chunk, sizeof(chunk));
    if (n <= 0) break;
    buffer.append(chunk, static_cast<size_t>(n));
    while (buffer.size() >= sizeof(uint64_t)) {
      uint64_t h = 0;
      std::memcpy(&h, buffer.data(), sizeof(h));
      heights.push_back(h);
      buffer.erase(0, sizeof(h));
    }
    if (block && !heights.empty()) break;
  }
  return heights;
}

std::string ReadFile(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

TEST(StorageCrash, SigkillLosesNoReturnedCommitAndLeavesNoHalfBlock) {
  TempDir tmp;
  const std::string db = tmp.Sub("db");
  const std::string log = tmp.Sub("child.log");
  std::mt19937_64 rng(20240611);
  std::optional<uint64_t> last_reported;
  int kills_mid_run = 0;
  for (int round = 0; round < kRounds; ++round) {
    int fds[2];
    ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
    pid_t pid = SpawnChild(db, fds[1], log);
    ASSERT_GT(pid, 0);
    ::close(fds[1]);
    std::vector<uint64_t> reports;
    if (round % 2 == 0) {
      // Let commits start, then kill somewhere among them.
      reports = ReadReports(fds[0], /*block=*/true);
      ::usleep(static_cast<useconds_t>(rng() % 20'000));
    } else {
      // Kill anywhere from exec through open and recovery to the commits.
      ::usleep(static_cast<useconds_t>(rng() % 60'000));
    }
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the child stopped on its own:\n"
        << ReadFile(log);
    for (uint64_t h : ReadReports(fds[0], /*block=*/false)) reports.push_back(h);
    ::close(fds[0]);
    if (!reports.empty()) {
      last_reported = reports.back();
      ++kills_mid_run;
    }

    auto store = OpenOrDie(db, TestChain());
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(testing::CheckChainPrefix(*store)) << "round " << round;
    if (last_reported) {
      ASSERT_TRUE(store->Head().has_value());
      ASSERT_GE(store->Head()->height, *last_reported) << "a returned commit was lost";
    }
  }
  // The kills did interrupt running commit loops, and the chain grew.
  EXPECT_GE(kills_mid_run, kRounds / 2);
  ASSERT_TRUE(last_reported.has_value());
  EXPECT_GE(*last_reported, static_cast<uint64_t>(kRounds / 2 - 1));
}

}  // namespace
}  // namespace cbec::node::storage
