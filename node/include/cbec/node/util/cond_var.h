// A condition variable that works with the annotated cbec::node::Mutex (the
// pattern of LevelDB's port::CondVar), so state guarded by CBEC_GUARDED_BY can
// also be waited on.
//
//   MutexLock lock(&mu_);
//   while (!ready_) cv_.Wait(&mu_);
//
// Thread-safety: a condition variable. Wait requires the mutex; Signal and
// SignalAll may be called with or without it.
#pragma once

#include <condition_variable>

#include "cbec/node/util/thread_annotations.h"

namespace cbec::node::util {

class CondVar {
 public:
  CondVar() = default;
  CondVar(const CondVar&) = delete;
  CondVar& operator=(const CondVar&) = delete;

  // Atomically releases `mu` and blocks until signalled (or a spurious wakeup),
  // then reacquires `mu`. Callers loop on their predicate.
  // REQUIRES: `mu` is held by the calling thread.
  void Wait(Mutex* mu) CBEC_REQUIRES(mu) {
    Adapter adapter{mu};
    cv_.wait(adapter);
  }
  // Wakes one waiter / every waiter.
  void Signal() { cv_.notify_one(); }
  void SignalAll() { cv_.notify_all(); }

 private:
  // BasicLockable over Mutex for std::condition_variable_any. The analysis
  // cannot follow the unlock/relock inside wait(); Wait's REQUIRES states the
  // contract instead.
  struct Adapter {
    Mutex* mu;
    void lock() CBEC_NO_THREAD_SAFETY_ANALYSIS { mu->Lock(); }
    void unlock() CBEC_NO_THREAD_SAFETY_ANALYSIS { mu->Unlock(); }
  };
  std::condition_variable_any cv_;
};

}  // namespace cbec::node::util
