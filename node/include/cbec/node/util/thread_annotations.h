// Clang thread-safety annotations and an annotated mutex.
//
// With clang and -Wthread-safety the compiler checks that every member marked
// CBEC_GUARDED_BY(mu_) is only touched with mu_ held. With other compilers the
// macros expand to nothing. libstdc++'s std::mutex carries no annotations, so
// shared state is guarded by cbec::node::Mutex / MutexLock below (the pattern
// of LevelDB's port::Mutex and Abseil's absl::Mutex).
//
// Thread-safety: Mutex is a mutex.
#pragma once

#include <mutex>

#if defined(__clang__) && defined(__has_attribute)
#define CBEC_THREAD_ANNOTATION_(x) __attribute__((x))
#else
#define CBEC_THREAD_ANNOTATION_(x)
#endif

#define CBEC_CAPABILITY(x) CBEC_THREAD_ANNOTATION_(capability(x))
#define CBEC_SCOPED_CAPABILITY CBEC_THREAD_ANNOTATION_(scoped_lockable)
#define CBEC_GUARDED_BY(x) CBEC_THREAD_ANNOTATION_(guarded_by(x))
#define CBEC_PT_GUARDED_BY(x) CBEC_THREAD_ANNOTATION_(pt_guarded_by(x))
#define CBEC_REQUIRES(...) CBEC_THREAD_ANNOTATION_(requires_capability(__VA_ARGS__))
#define CBEC_EXCLUDES(...) CBEC_THREAD_ANNOTATION_(locks_excluded(__VA_ARGS__))
#define CBEC_ACQUIRE(...) CBEC_THREAD_ANNOTATION_(acquire_capability(__VA_ARGS__))
#define CBEC_RELEASE(...) CBEC_THREAD_ANNOTATION_(release_capability(__VA_ARGS__))
#define CBEC_NO_THREAD_SAFETY_ANALYSIS CBEC_THREAD_ANNOTATION_(no_thread_safety_analysis)

namespace cbec::node {

class CBEC_CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void Lock() CBEC_ACQUIRE() { mu_.lock(); }
  void Unlock() CBEC_RELEASE() { mu_.unlock(); }

 private:
  std::mutex mu_;
};

// Holds `mu` for its scope.
class CBEC_SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex* mu) CBEC_ACQUIRE(mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() CBEC_RELEASE() { mu_->Unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex* const mu_;
};

}  // namespace cbec::node
