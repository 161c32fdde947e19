// util::WorkerPool, tested here because the mempool is its first user.
#include "cbec/node/util/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <vector>

namespace cbec::node::util {
namespace {

// Blocks the pool's workers until Open().
class Gate {
 public:
  void Wait() {
    std::unique_lock<std::mutex> lock(mu_);
    ++waiting_;
    cv_.notify_all();
    cv_.wait(lock, [&] { return open_; });
  }
  void AwaitWaiting(int n) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return waiting_ >= n; });
  }
  void Open() {
    std::lock_guard<std::mutex> lock(mu_);
    open_ = true;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int waiting_ = 0;
  bool open_ = false;
};

TEST(WorkerPool, RunsEveryTaskOnItsThreads) {
  WorkerPool pool(WorkerPool::Options{2, 1000});
  EXPECT_EQ(pool.threads(), 2u);
  std::atomic<int> sum{0};
  for (int i = 1; i <= 100; ++i) ASSERT_TRUE(pool.TrySubmit([&sum, i] { sum += i; }));
  pool.Shutdown();
  EXPECT_EQ(sum.load(), 5050);
}

TEST(WorkerPool, OneThreadRunsTasksInOrder) {
  WorkerPool pool(WorkerPool::Options{1, 100});
  std::vector<int> order;  // only the single worker writes it
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(pool.TrySubmit([&order, i] { order.push_back(i); }));
  pool.Shutdown();
  ASSERT_EQ(order.size(), 50u);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(order[static_cast<size_t>(i)], i);
}

TEST(WorkerPool, RefusesBeyondTheQueueBoundAndAfterShutdown) {
  WorkerPool pool(WorkerPool::Options{1, 2});
  Gate gate;
  ASSERT_TRUE(pool.TrySubmit([&] { gate.Wait(); }));
  gate.AwaitWaiting(1);  // the worker holds the first task: the queue is empty
  std::atomic<int> ran{0};
  EXPECT_TRUE(pool.TrySubmit([&] { ++ran; }));
  EXPECT_TRUE(pool.TrySubmit([&] { ++ran; }));
  EXPECT_EQ(pool.queued(), 2u);
  EXPECT_FALSE(pool.TrySubmit([&] { ++ran; }));
  gate.Open();
  pool.Shutdown();  // runs what was queued
  EXPECT_EQ(ran.load(), 2);
  EXPECT_FALSE(pool.TrySubmit([&] { ++ran; }));
  pool.Shutdown();  // idempotent
  EXPECT_EQ(ran.load(), 2);
}

TEST(WorkerPool, TasksMayQueueMoreTasks) {
  WorkerPool pool(WorkerPool::Options{2, 100});
  std::promise<int> inner;
  ASSERT_TRUE(pool.TrySubmit([&] { EXPECT_TRUE(pool.TrySubmit([&] { inner.set_value(7); })); }));
  EXPECT_EQ(inner.get_future().get(), 7);
}

TEST(WorkerPool, DefaultsToTheHardwareThreads) {
  WorkerPool pool;
  EXPECT_GE(pool.threads(), 1u);
}

}  // namespace
}  // namespace cbec::node::util
