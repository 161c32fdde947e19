// Test support: deterministic keys and seeded random values of every ledger
// type, shared by the unit tests and the fuzz corpus generator.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "cbec/crypto/sign.h"
#include "cbec/ledger/checkpoint.h"
#include "cbec/ledger/genesis.h"
#include "cbec/ledger/json.h"
#include "cbec/ledger/receipt.h"
#include "cbec/ledger/tx.h"
#include "cbec/ledger/validator_set.h"

namespace cbec::ledger::testing {

// The standard-suite key whose 32-byte seed is `n` repeated.
inline crypto::PrivateKey FixedKey(uint8_t n) {
  Bytes seed(crypto::PrivateKey::kSeedSize, n);
  return std::move(crypto::PrivateKey::FromSeed(crypto::Suite::kStandard, seed)).value();
}

// n validators "org0".."org<n-1>" with FixedKey(1..n), and their keys.
struct TestNet {
  std::vector<crypto::PrivateKey> keys;
  ValidatorSet set;
};
inline TestNet MakeTestNet(size_t n, uint64_t epoch = 0) {
  TestNet net;
  std::vector<Validator> vs;
  for (size_t i = 0; i < n; ++i) {
    net.keys.push_back(FixedKey(static_cast<uint8_t>(i + 1)));
    vs.push_back({"org" + std::to_string(i), net.keys.back().public_key()});
  }
  net.set = std::move(ValidatorSet::Create(epoch, std::move(vs))).value();
  return net;
}

// Seeded random values. Integers favour the edges (0, 1, 2^k - 1, max) where
// encodings change shape; strings and byte strings cover empty and maximal.
class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}

  uint64_t Below(uint64_t n) { return n == 0 ? 0 : rng_() % n; }
  bool Coin() { return (rng_() & 1) != 0; }
  uint64_t U64() {
    switch (Below(5)) {
      case 0: return Below(3);
      case 1: return UINT64_MAX - Below(2);
      case 2: return (uint64_t{1} << Below(64)) - Below(2);
      case 3: return Below(1'000'000);
      default: return rng_();
    }
  }
  uint32_t U32() { return static_cast<uint32_t>(U64()); }
  Bytes RandBytes(size_t max) {
    size_t n = Coin() ? Below(std::min<size_t>(max, 40) + 1) : Below(max + 1);
    Bytes b(n);
    for (auto& c : b) c = static_cast<uint8_t>(rng_());
    return b;
  }
  template <size_t N>
  FixedBytes<N> Fixed() {
    FixedBytes<N> f;
    for (size_t i = 0; i < N; ++i) f[i] = static_cast<uint8_t>(rng_());
    return f;
  }
  std::string FromAlphabet(std::string_view alphabet, size_t min, size_t max) {
    size_t n = min + Below(max - min + 1);
    std::string s;
    for (size_t i = 0; i < n; ++i) s += alphabet[Below(alphabet.size())];
    return s;
  }
  std::string ChainId() { return FromAlphabet("abcdefghijklmnopqrstuvwxyz0123456789.-", 1, 64); }
  std::string Name(size_t max) {
    return FromAlphabet("abcdefghijklmnopqrstuvwxyz", 1, 1) +
           FromAlphabet("abcdefghijklmnopqrstuvwxyz0123456789_", 0, max - 1);
  }
  // Valid UTF-8 with 1- to 4-byte characters.
  std::string Utf8Name(size_t max_bytes) {
    static const char* kPieces[] = {"a", "z", "-", "7", "海关", "é", "𝄞", "税"};
    std::string s = "v";
    size_t n = Below(8);
    for (size_t i = 0; i < n; ++i) {
      std::string piece = kPieces[Below(8)];
      if (s.size() + piece.size() > max_bytes) break;
      s += piece;
    }
    return s;
  }

  Tx RandomTx() {
    Tx tx;
    tx.chain_id = ChainId();
    tx.signer = Fixed<20>();
    tx.nonce = U64();
    tx.contract = Name(kMaxContractNameLength);
    tx.method = Name(kMaxMethodNameLength);
    tx.args = RandBytes(Below(100) == 0 ? kMaxArgsBytes : 300);
    tx.valid_until_height = U64();
    return tx;
  }
  SignedTx RandomSignedTx() {
    SignedTx stx;
    stx.tx = RandomTx();
    stx.public_key = RandBytes(kMaxPublicKeyBytes);
    stx.signature = Fixed<64>();
    return stx;
  }
  Receipt RandomReceipt() {
    Receipt r;
    r.tx_hash = Fixed<32>();
    r.height = U64();
    r.index = U32();
    if (Coin()) {
      r.result = RandBytes(Below(50) == 0 ? kMaxResultBytes : 100);
    } else {
      r.code = std::max<uint32_t>(1, U32());
      r.slug = FromAlphabet("abcdefghijklmnopqrstuvwxyz", 1, 1) +
               FromAlphabet("abcdefghijklmnopqrstuvwxyz0123456789_.", 0, kMaxSlugLength - 1);
      if (r.slug == "ok") r.slug = "ok_not";
    }
    return r;
  }
  Checkpoint RandomCheckpoint() {
    Checkpoint cp;
    cp.chain_id = ChainId();
    cp.height = U64();
    cp.block_hash = Fixed<32>();
    cp.state_root = Fixed<32>();
    cp.tx_log_root = Fixed<32>();
    cp.tx_count = U64();
    cp.validator_set_hash = Fixed<32>();
    cp.time = U64();
    return cp;
  }
  QuorumSignatures RandomQuorumSignatures() {
    QuorumSignatures q;
    size_t n = Below(8);
    uint64_t index = Below(3);
    for (size_t i = 0; i < n && index <= UINT16_MAX; ++i) {
      q.sigs.push_back({static_cast<ValidatorIndex>(index), Fixed<64>()});
      index += 1 + (Coin() ? Below(3) : Below(20000));
    }
    return q;
  }
  CertifiedCheckpoint RandomCertifiedCheckpoint() {
    return CertifiedCheckpoint{RandomCheckpoint(), RandomQuorumSignatures()};
  }
  // 1-7 validators drawn from a pool of fixed keys, with UTF-8 names.
  ValidatorSet RandomValidatorSet(uint64_t epoch) {
    std::vector<Validator> vs;
    size_t n = 1 + Below(7);
    size_t first_key = Below(20);
    for (size_t i = 0; i < n; ++i) {
      vs.push_back({Utf8Name(ValidatorSet::kMaxNameLength - 2) + std::to_string(i),
                    Pool(first_key + i).public_key()});
    }
    return std::move(ValidatorSet::Create(epoch, std::move(vs))).value();
  }
  Json RandomJson(int depth) {
    switch (depth <= 0 ? Below(4) : Below(6)) {
      case 0: return nullptr;
      case 1: return Coin();
      case 2: return Coin() ? Json(U64()) : Json(-static_cast<int64_t>(Below(1000)));
      case 3: return Utf8Name(20);
      case 4: {
        Json a = Json::array();
        for (size_t i = Below(4); i > 0; --i) a.push_back(RandomJson(depth - 1));
        return a;
      }
      default: {
        Json o = Json::object();
        for (size_t i = Below(4); i > 0; --i) o[Utf8Name(12)] = RandomJson(depth - 1);
        return o;
      }
    }
  }
  Genesis RandomGenesis() {
    Genesis g;
    g.chain_id = ChainId();
    g.genesis_time = U64();
    g.validators = RandomValidatorSet(0);
    g.app_state = Json::object();
    for (size_t i = Below(4); i > 0; --i) g.app_state[Name(10)] = RandomJson(3);
    return g;
  }

 private:
  // Keys are slow to derive, so a few are made once and shared.
  static const crypto::PrivateKey& Pool(size_t i) {
    static const std::vector<crypto::PrivateKey> pool = [] {
      std::vector<crypto::PrivateKey> keys;
      for (int k = 0; k < 32; ++k) keys.push_back(FixedKey(static_cast<uint8_t>(100 + k)));
      return keys;
    }();
    return pool[i % pool.size()];
  }

  std::mt19937_64 rng_;
};

}  // namespace cbec::ledger::testing
