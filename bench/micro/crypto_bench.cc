// Micro-benchmarks of crypto/: Ed25519 on both verification backends, SHA-256
// and SM3 throughput, and the Merkle log at 10^6 leaves. Run with
// `./scripts/bench micro` (JSON on stdout); numbers are never asserted.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <random>

#include "cbec/crypto/ed25519.h"
#include "cbec/crypto/hash.h"
#include "cbec/crypto/merkle.h"
#include "cbec/crypto/sign.h"

namespace cbec::crypto {
namespace {

// --- Ed25519 ----------------------------------------------------------------

Bytes Message() { return Bytes(100, 0x5a); }  // about a transaction's signing bytes

void BM_Ed25519Sign(benchmark::State& state) {
  PrivateKey key = PrivateKey::Generate(Suite::kStandard);
  Bytes msg = Message();
  for (auto _ : state) benchmark::DoNotOptimize(key.Sign(msg));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Ed25519Sign);

// Arg 1 = libsodium, 2 = Crypto++ donna with libsodium's checks.
void BM_Ed25519Verify(benchmark::State& state) {
  const auto backend = static_cast<ed25519::Backend>(state.range(0));
  state.SetLabel(backend == ed25519::Backend::kSodium ? "libsodium" : "cryptopp-donna");
  PrivateKey key = PrivateKey::Generate(Suite::kStandard);
  Bytes msg = Message();
  Bytes sig = key.Sign(msg).ToBytes();
  for (auto _ : state) {
    bool ok = ed25519::VerifyWith(backend, key.public_key().view(), msg, sig);
    benchmark::DoNotOptimize(ok);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Ed25519Verify)->Arg(1)->Arg(2);

// crypto::Verify, the API everything uses (the default backend).
void BM_Ed25519VerifyDefault(benchmark::State& state) {
  PrivateKey key = PrivateKey::Generate(Suite::kStandard);
  Bytes msg = Message();
  Signature sig = key.Sign(msg);
  for (auto _ : state) benchmark::DoNotOptimize(Verify(key.public_key(), msg, sig));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Ed25519VerifyDefault);

// PublicKey::FromBytes: canonical encoding, small order and prime-order
// subgroup checks (libsodium); callers verifying many signatures cache keys.
void BM_Ed25519PublicKeyFromBytes(benchmark::State& state) {
  PrivateKey key = PrivateKey::Generate(Suite::kStandard);
  Bytes pk(key.public_key().view().begin(), key.public_key().view().end());
  for (auto _ : state) benchmark::DoNotOptimize(PublicKey::FromBytes(Suite::kStandard, pk));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Ed25519PublicKeyFromBytes);

// --- Hashing ----------------------------------------------------------------

// Args: suite (1 standard = SHA-256, 2 guomi = SM3), input bytes.
void BM_Hash(benchmark::State& state) {
  const auto suite = static_cast<Suite>(state.range(0));
  state.SetLabel(suite == Suite::kStandard ? "sha256" : "sm3");
  Bytes data(static_cast<size_t>(state.range(1)), 0xa5);
  for (auto _ : state) benchmark::DoNotOptimize(Digest(suite, data));
  state.SetBytesProcessed(state.iterations() * state.range(1));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Hash)->ArgsProduct({{1, 2}, {64, 4096}});

// --- Merkle log -------------------------------------------------------------

constexpr uint64_t kMillion = 1000000;

Hash LeafFor(uint64_t i) {
  uint8_t b[8];
  for (int k = 0; k < 8; ++k) b[k] = static_cast<uint8_t>(i >> (56 - 8 * k));
  return MerkleLeafHash(Suite::kStandard, b);
}

// One log of 10^6 leaves shared by the proof benchmarks (built on first use).
struct MillionLog {
  MemoryMerkleNodeStore store;
  MerkleLog log{Suite::kStandard, &store};
  MillionLog() {
    for (uint64_t i = 0; i < kMillion; ++i) {
      if (!log.Append(LeafFor(i)).ok()) std::abort();
    }
  }
};
MillionLog& Million() {
  static auto* log = new MillionLog();
  return *log;
}

// Appends to a MerkleLog over the in-memory store (hashing + node writes).
void BM_MerkleAppend(benchmark::State& state) {
  auto store = std::make_unique<MemoryMerkleNodeStore>();
  auto log = std::make_unique<MerkleLog>(Suite::kStandard, store.get());
  Hash leaf = LeafFor(7);
  for (auto _ : state) {
    if (!log->Append(leaf).ok()) state.SkipWithError("append failed");
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["leaves"] = static_cast<double>(log->size());
}
BENCHMARK(BM_MerkleAppend);

// CompactRange alone: what a node pays per tx to keep the root current.
void BM_CompactRangeAppend(benchmark::State& state) {
  CompactRange range(Suite::kStandard);
  Hash leaf = LeafFor(7);
  for (auto _ : state) {
    if (!range.Append(leaf).ok()) state.SkipWithError("append failed");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CompactRangeAppend);

void BM_MerkleInclusionProof(benchmark::State& state) {
  const MerkleLog& log = Million().log;
  std::mt19937_64 rng(1);
  for (auto _ : state) benchmark::DoNotOptimize(log.InclusionProof(rng() % kMillion, kMillion));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MerkleInclusionProof);

void BM_MerkleVerifyInclusion(benchmark::State& state) {
  const MerkleLog& log = Million().log;
  const uint64_t index = 123456;
  MerkleProof proof = *log.InclusionProof(index, kMillion);
  Hash leaf = LeafFor(index);
  Hash root = log.Root();
  for (auto _ : state) {
    Status s = VerifyInclusion(Suite::kStandard, leaf, index, kMillion, proof, root);
    if (!s.ok()) state.SkipWithError("proof failed");
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["proof_hashes"] = static_cast<double>(proof.size());
}
BENCHMARK(BM_MerkleVerifyInclusion);

void BM_MerkleConsistencyProof(benchmark::State& state) {
  const MerkleLog& log = Million().log;
  std::mt19937_64 rng(2);
  for (auto _ : state) {
    benchmark::DoNotOptimize(log.ConsistencyProof(1 + rng() % (kMillion - 1), kMillion));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MerkleConsistencyProof);

void BM_MerkleVerifyConsistency(benchmark::State& state) {
  const MerkleLog& log = Million().log;
  const uint64_t size1 = 654321;
  MerkleProof proof = *log.ConsistencyProof(size1, kMillion);
  Hash root1 = *log.RootAt(size1);
  Hash root2 = log.Root();
  for (auto _ : state) {
    Status s = VerifyConsistency(Suite::kStandard, size1, kMillion, root1, root2, proof);
    if (!s.ok()) state.SkipWithError("proof failed");
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["proof_hashes"] = static_cast<double>(proof.size());
}
BENCHMARK(BM_MerkleVerifyConsistency);

}  // namespace
}  // namespace cbec::crypto
