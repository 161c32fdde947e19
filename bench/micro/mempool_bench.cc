// Micro-benchmarks of the node's mempool (node/src/mempool). Admission is
// bound by signature verification, so the interesting figure is how close
// admitted tx/s gets to the raw verify/s of the same number of threads:
// BM_MempoolAdmit reports it as `vs_raw_verify` (wall clock) and
// `vs_raw_verify_cpu` (CPU time of all threads per tx; 1.0 = nothing but
// verification), the latter being what a shared, busy machine distorts least.
// Run with `./scripts/bench micro --benchmark_filter=Mempool`.
#include <benchmark/benchmark.h>
#include <time.h>

#include <chrono>
#include <future>
#include <memory>
#include <vector>

#include "cbec/crypto/sign.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/ids.h"
#include "cbec/ledger/tx.h"
#include "cbec/node/mempool/mempool.h"
#include "cbec/node/util/worker_pool.h"

namespace cbec::node::mempool {
namespace {

constexpr const char* kChain = "cbec-bench.1";
constexpr uint32_t kSigners = 256;
constexpr uint64_t kNonces = 16;  // per signer: 4096 txs in all
constexpr size_t kBatch = 256;    // as a load generator would submit

struct Corpus {
  std::vector<Bytes> encoded;             // signer-major, nonce order
  std::vector<ledger::SignedTx> decoded;  // the same, decoded
  std::vector<crypto::PublicKey> keys;
  std::vector<crypto::Hash> hashes;
};

// Signed once per process: signing is not what is measured.
const Corpus& TheCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    for (uint32_t s = 0; s < kSigners; ++s) {
      Bytes seed(crypto::PrivateKey::kSeedSize, 0x33);
      seed[0] = static_cast<uint8_t>(s);
      seed[1] = static_cast<uint8_t>(s >> 8);
      auto key = std::move(crypto::PrivateKey::FromSeed(crypto::Suite::kStandard, seed)).value();
      for (uint64_t n = 0; n < kNonces; ++n) {
        ledger::Tx tx;
        tx.chain_id = kChain;
        tx.signer = ledger::DeriveAccountId(key.public_key());
        tx.nonce = n;
        tx.contract = "trace";
        tx.method = "record_event";
        tx.args.assign(96, static_cast<uint8_t>(n));  // a small event
        tx.valid_until_height = UINT64_MAX;
        c.hashes.push_back(ledger::TxHash(crypto::Suite::kStandard, tx));
        c.decoded.push_back(ledger::SignTx(std::move(tx), key));
        c.encoded.push_back(ledger::Encode(c.decoded.back()));
        c.keys.push_back(key.public_key());
      }
    }
    return c;
  }();
  return corpus;
}

double CpuSeconds(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Single-thread crypto::Verify of a tx hash: the ceiling per thread, in wall
// time and in CPU time (the CPU figure is what a busy shared machine does not
// distort).
struct RawVerify {
  double per_wall_second;
  double cpu_seconds_each;
};
const RawVerify& RawVerifyRate() {
  static const RawVerify rate = [] {
    const Corpus& c = TheCorpus();
    const size_t n = 4000;
    auto start = std::chrono::steady_clock::now();
    double cpu_start = CpuSeconds(CLOCK_THREAD_CPUTIME_ID);
    size_t ok = 0;
    for (size_t i = 0; i < n; ++i) {
      size_t k = i % c.encoded.size();
      ok += crypto::Verify(c.keys[k], c.hashes[k].view(), c.decoded[k].signature) ? 1 : 0;
    }
    double cpu = CpuSeconds(CLOCK_THREAD_CPUTIME_ID) - cpu_start;
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    benchmark::DoNotOptimize(ok);
    return RawVerify{static_cast<double>(n) / took.count(), cpu / static_cast<double>(n)};
  }();
  return rate;
}

void BM_TxVerifyRaw(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  size_t k = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(crypto::Verify(c.keys[k], c.hashes[k].view(), c.decoded[k].signature));
    k = (k + 1) % c.encoded.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TxVerifyRaw);

// What admission does per tx besides bookkeeping: strict decode, then the
// whole stateless check (names, sizes, key parsing, hash, signature).
void BM_TxDecodeAndCheck(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  size_t k = 0;
  for (auto _ : state) {
    auto stx = ledger::Decode<ledger::SignedTx>(c.encoded[k]);
    auto v = ledger::CheckSignedTx(crypto::Suite::kStandard, kChain, std::move(stx).value());
    benchmark::DoNotOptimize(v.ok());
    k = (k + 1) % c.encoded.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TxDecodeAndCheck);

std::unique_ptr<Mempool> NewMempool(util::WorkerPool* pool) {
  Options o;
  o.chain_id = kChain;
  auto created = Mempool::Create(
      o, [](const ledger::AccountId&) { return uint64_t{0}; },
      [](Origin, std::span<const PoolTxRef>) {}, pool);
  return std::move(created).value();
}

// All 4096 txs through a fresh mempool per iteration, in batches of kBatch,
// on state.range(0) worker threads.
void BM_MempoolAdmit(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  const size_t threads = static_cast<size_t>(state.range(0));
  const RawVerify& raw = RawVerifyRate();
  double seconds = 0, cpu_seconds = 0;
  size_t admitted = 0;
  for (auto _ : state) {
    state.PauseTiming();
    util::WorkerPool pool(util::WorkerPool::Options{threads, 4096});
    auto mempool = NewMempool(&pool);
    std::vector<std::vector<Bytes>> batches;
    for (size_t i = 0; i < c.encoded.size(); i += kBatch) {
      batches.emplace_back(c.encoded.begin() + static_cast<std::ptrdiff_t>(i),
                           c.encoded.begin() + static_cast<std::ptrdiff_t>(i + kBatch));
    }
    state.ResumeTiming();
    auto start = std::chrono::steady_clock::now();
    double cpu_start = CpuSeconds(CLOCK_PROCESS_CPUTIME_ID);
    std::vector<std::future<std::vector<SubmitResult>>> pending;
    for (auto& b : batches) pending.push_back(mempool->SubmitBatch(std::move(b)));
    for (auto& f : pending) {
      for (const SubmitResult& r : f.get()) admitted += r.status.ok() ? 1 : 0;
    }
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    cpu_seconds += CpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
    state.PauseTiming();
    mempool.reset();
    pool.Shutdown();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(admitted));
  double rate = seconds > 0 ? static_cast<double>(admitted) / seconds : 0;
  state.counters["admitted_per_s"] = rate;
  state.counters["raw_verify_per_s_per_thread"] = raw.per_wall_second;
  state.counters["vs_raw_verify"] = rate / (raw.per_wall_second * static_cast<double>(threads));
  // CPU (all threads) per admitted tx against CPU per raw verify: 1.0 would
  // mean admission costs nothing beyond the signature check.
  double cpu_each = admitted > 0 ? cpu_seconds / static_cast<double>(admitted) : 0;
  state.counters["cpu_us_per_tx"] = cpu_each * 1e6;
  state.counters["raw_verify_cpu_us"] = raw.cpu_seconds_each * 1e6;
  state.counters["vs_raw_verify_cpu"] = cpu_each > 0 ? raw.cpu_seconds_each / cpu_each : 0;
}
BENCHMARK(BM_MempoolAdmit)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

// Reaping a 2,000-tx proposal from a pool of 4,096 (256 signers).
void BM_MempoolReap(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  util::WorkerPool pool(util::WorkerPool::Options{2, 4096});
  auto mempool = NewMempool(&pool);
  std::vector<Bytes> all = c.encoded;
  size_t admitted = 0;
  for (const SubmitResult& r : mempool->SubmitBatch(std::move(all)).get()) {
    admitted += r.status.ok() ? 1 : 0;
  }
  ReapRequest req;
  req.max_txs = 2000;
  size_t taken = 0;
  for (auto _ : state) {
    ReapResult r = mempool->Reap(req);
    taken += r.txs.size();
    benchmark::DoNotOptimize(r.bytes);
  }
  state.SetItemsProcessed(static_cast<int64_t>(taken));
  state.counters["pool_txs"] = static_cast<double>(admitted);
}
BENCHMARK(BM_MempoolReap)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace cbec::node::mempool
