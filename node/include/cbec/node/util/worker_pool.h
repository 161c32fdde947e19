// A small fixed-size pool of worker threads running queued tasks in FIFO
// order: the node's CPU-bound work (signature verification in the mempool,
// block checks) goes here, off the network and API threads.
//
//   util::WorkerPool pool({.threads = 2});
//   if (!pool.TrySubmit([] { ... })) { /* queue full: shed load */ }
//
// The queue is bounded so that a flood of work is refused at the door (the
// caller answers "busy") instead of growing memory without limit. Tasks must
// not throw: an escaping exception is a bug and terminates the process.
//
// Thread-safety: every method may be called from any thread, including from
// inside a task (a task may queue more tasks, but must not call Shutdown).
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "cbec/node/util/thread_annotations.h"
#include "cbec/node/util/cond_var.h"

namespace cbec::node::util {

class WorkerPool {
 public:
  using Task = std::function<void()>;

  struct Options {
    // Worker threads. Default: 0 = std::thread::hardware_concurrency(), at least 1.
    size_t threads = 0;
    // Tasks waiting to run beyond this are refused by TrySubmit. Default: 4096.
    size_t max_queued = 4096;
  };

  // Starts the threads. Options are fixed for the pool's lifetime.
  explicit WorkerPool(Options options);
  WorkerPool() : WorkerPool(Options{}) {}
  // Shutdown().
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task` to run on some worker. Returns false, without running it,
  // when max_queued tasks are already waiting or the pool is shut down.
  [[nodiscard]] bool TrySubmit(Task task) CBEC_EXCLUDES(mu_);

  // Refuses new tasks, lets the workers run every task already queued, and
  // joins them. Idempotent. REQUIRES: not called from a task.
  void Shutdown() CBEC_EXCLUDES(mu_);

  size_t threads() const { return threads_.size(); }
  // Tasks waiting (not yet started).
  size_t queued() const CBEC_EXCLUDES(mu_);

 private:
  void Run() CBEC_EXCLUDES(mu_);

  const size_t max_queued_;
  mutable Mutex mu_;
  CondVar work_cv_;
  std::deque<Task> queue_ CBEC_GUARDED_BY(mu_);
  bool stopping_ CBEC_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;  // set in the constructor, joined by Shutdown
  Mutex join_mu_;                     // serialises concurrent Shutdown calls
};

}  // namespace cbec::node::util
