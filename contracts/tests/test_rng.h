// A seeded pseudo-random generator for tests (SplitMix64). contracts/ may not
// include <random> (tests/lint/layering.sh), and a fixed algorithm keeps every
// seed reproducible on every platform.
#pragma once

#include <cstdint>

namespace cbec::contracts::testing {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform-enough in [0, n) for test sizes. REQUIRES: n > 0.
  uint64_t Below(uint64_t n) { return Next() % n; }
  bool OneIn(uint64_t n) { return Below(n) == 0; }

 private:
  uint64_t state_;
};

}  // namespace cbec::contracts::testing
