// Codec micro-benchmarks: a typical SignedTx (an IP-rights filing with ~200
// bytes of args) encoded, decoded, hashed and checked. `./scripts/bench micro`
// prints JSON; items_per_second is txs per second on one core.
#include <benchmark/benchmark.h>

#include "cbec/crypto/sign.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/json.h"
#include "cbec/ledger/tx.h"

namespace cbec::ledger {
namespace {

constexpr crypto::Suite kSuite = crypto::Suite::kStandard;

const crypto::PrivateKey& Key() {
  static const crypto::PrivateKey key = [] {
    Bytes seed(crypto::PrivateKey::kSeedSize, 0x42);
    return std::move(crypto::PrivateKey::FromSeed(kSuite, seed)).value();
  }();
  return key;
}

const SignedTx& TypicalTx() {
  static const SignedTx stx = [] {
    Tx tx;
    tx.chain_id = "cbec-pilot.1";
    tx.signer = DeriveAccountId(Key().public_key());
    tx.nonce = 123456;
    tx.contract = "ipr";
    tx.method = "file_right";
    tx.args.assign(200, 0x61);
    tx.valid_until_height = 1'000'000;
    return SignTx(std::move(tx), Key());
  }();
  return stx;
}

void Finish(benchmark::State& state, size_t bytes_per_item) {
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes_per_item));
}

void BM_EncodeSignedTx(benchmark::State& state) {
  const SignedTx& stx = TypicalTx();
  size_t size = 0;
  for (auto _ : state) {
    Bytes b = Encode(stx);
    size = b.size();
    benchmark::DoNotOptimize(b.data());
  }
  Finish(state, size);
}
BENCHMARK(BM_EncodeSignedTx);

void BM_DecodeSignedTx(benchmark::State& state) {
  Bytes enc = Encode(TypicalTx());
  for (auto _ : state) {
    auto v = Decode<SignedTx>(enc);
    benchmark::DoNotOptimize(v.ok());
  }
  Finish(state, enc.size());
}
BENCHMARK(BM_DecodeSignedTx);

void BM_TxHash(benchmark::State& state) {
  const SignedTx& stx = TypicalTx();
  for (auto _ : state) benchmark::DoNotOptimize(TxHash(kSuite, stx.tx));
  Finish(state, Encode(stx.tx).size());
}
BENCHMARK(BM_TxHash);

// Decode + every stateless check, signature verification included: what a
// node does per tx received from a client or a peer.
void BM_DecodeAndCheckSignedTx(benchmark::State& state) {
  Bytes enc = Encode(TypicalTx());
  for (auto _ : state) {
    auto v = Decode<SignedTx>(enc);
    auto checked = CheckSignedTx(kSuite, "cbec-pilot.1", std::move(v).value());
    if (!checked.ok()) state.SkipWithError("check failed");
    benchmark::DoNotOptimize(checked.ok());
  }
  Finish(state, enc.size());
}
BENCHMARK(BM_DecodeAndCheckSignedTx);

void BM_SignedTxFromJsonText(benchmark::State& state) {
  std::string text = TypicalTx().ToJson().dump();
  for (auto _ : state) {
    auto j = ParseJson(text);
    auto v = SignedTx::FromJson(*j);
    benchmark::DoNotOptimize(v.ok());
  }
  Finish(state, text.size());
}
BENCHMARK(BM_SignedTxFromJsonText);

}  // namespace
}  // namespace cbec::ledger
