// Test support for the verification side of the SDK: a chain in memory with
// real keys, a real state tree and a real transaction log, that certifies
// checkpoints with a chosen set of signers and changes its validator set
// the way governance does (a ValidatorSetRecord at governance /
// validator_set). Used by client-sdk/tests, tests/sdk and bench/sdk.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cbec/base/hex.h"
#include "cbec/crypto/merkle.h"
#include "cbec/crypto/sign.h"
#include "cbec/ledger/checkpoint.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/genesis.h"
#include "cbec/ledger/state_tree.h"
#include "cbec/sdk/bundle.h"
#include "cbec/sdk/light_client.h"
#include "cbec/sdk/records.h"

namespace cbec::sdk::testing {

// A deterministic key: seed bytes all `a` except the last, `b`.
inline crypto::PrivateKey TestKey(uint8_t a, uint8_t b) {
  Bytes seed(32, a);
  seed[31] = b;
  return std::move(crypto::PrivateKey::FromSeed(crypto::Suite::kStandard, seed)).value();
}

// `n` keys and their set, named v0, v1, ... (keys TestKey(family, i)).
inline std::pair<std::vector<crypto::PrivateKey>, ledger::ValidatorSet> TestSet(
    size_t n, uint8_t family, uint64_t epoch, std::string_view name_prefix = "v") {
  std::vector<crypto::PrivateKey> keys;
  std::vector<ledger::Validator> validators;
  for (size_t i = 0; i < n; ++i) {
    keys.push_back(TestKey(family, static_cast<uint8_t>(i)));
    validators.push_back({std::string(name_prefix) + std::to_string(i), keys.back().public_key()});
  }
  return {std::move(keys), std::move(ledger::ValidatorSet::Create(epoch, validators)).value()};
}

// Signs `cp` with keys[i] for every i in `signers` (indexes into the set).
inline ledger::CertifiedCheckpoint Certify(const ledger::Checkpoint& cp,
                                           const std::vector<crypto::PrivateKey>& keys,
                                           const std::vector<size_t>& signers) {
  ledger::CertifiedCheckpoint cc{cp, {}};
  for (size_t i : signers) {
    cc.AddSignature(static_cast<ledger::ValidatorIndex>(i), ledger::SignCheckpoint(cp, keys[i]))
        .IgnoreError();
  }
  return cc;
}

inline std::vector<size_t> FirstN(size_t n) {
  std::vector<size_t> out;
  for (size_t i = 0; i < n; ++i) out.push_back(i);
  return out;
}

// The canonical ValidatorSetRecord (contracts/governance.h) without contracts/.
inline Bytes EncodeValidatorSetRecord(const ledger::ValidatorSet& set, uint64_t changed_height) {
  ledger::Writer w;
  w.Object(set);
  w.U64(changed_height);
  return w.Take();
}

// One chain: every Commit is a block at the next height with one tx.
class TestChain {
 public:
  // REQUIRES: n >= 1.
  explicit TestChain(size_t n, std::string chain_id = "cbec-test", uint8_t family = 1)
      : chain_id_(std::move(chain_id)), log_(crypto::Suite::kStandard, &log_nodes_) {
    auto [keys, set] = TestSet(n, family, 0);
    keys_ = std::move(keys);
    set_ = std::move(set);
    genesis_set_ = set_;
  }
  TestChain(const TestChain&) = delete;  // log_ points into log_nodes_
  TestChain& operator=(const TestChain&) = delete;

  TrustAnchor Anchor() const { return TrustAnchor{chain_id_, crypto::Suite::kStandard, genesis_set_}; }
  ledger::Genesis Genesis() const {
    ledger::Genesis g;
    g.chain_id = chain_id_;
    g.genesis_time = 1767225600000;  // 2026-01-01T00:00:00Z
    g.validators = genesis_set_;
    return g;
  }
  const ledger::ValidatorSet& set() const { return set_; }
  const std::vector<crypto::PrivateKey>& keys() const { return keys_; }
  uint64_t height() const { return height_; }
  uint64_t time() const { return time_; }
  const std::vector<EpochChange>& changes() const { return changes_; }
  const crypto::MerkleLog& log() const { return log_; }
  const ledger::MemTreeStore& store() const { return store_; }
  // The tx hash of height h's tx (leaf h - 1 of the log).
  static crypto::Hash TxHashAt(uint64_t h) {
    Bytes b = ToBytes("tx at " + std::to_string(h));
    return crypto::Digest(crypto::Suite::kStandard, b);
  }

  // The checkpoint of the next block, which applies `writes` at `time_ms`
  // (default: 1 s after the last block). Not signed.
  ledger::Checkpoint Next(const std::map<Bytes, std::optional<Bytes>>& writes,
                          std::optional<uint64_t> time_ms = std::nullopt) {
    ++height_;
    time_ = time_ms.value_or(time_ + 1000);
    ledger::StateTree tree(crypto::Suite::kStandard, store_);
    std::optional<uint64_t> base;
    if (height_ > 1) base = height_ - 1;
    ledger::TreeBatch batch = std::move(tree.Update(base, height_, writes)).value();
    ledger::Checkpoint cp;
    cp.chain_id = chain_id_;
    cp.height = height_;
    cp.state_root = batch.root;
    store_.Apply(std::move(batch)).IgnoreError();
    log_.Append(crypto::MerkleLeafHash(crypto::Suite::kStandard, TxHashAt(height_).view()))
        .IgnoreError();
    cp.block_hash = crypto::Digest(crypto::Suite::kStandard, ToBytes("block " + std::to_string(height_)));
    cp.tx_log_root = log_.Root();
    cp.tx_count = log_.size();
    cp.validator_set_hash = set_.Hash();
    cp.time = time_;
    return cp;
  }

  // Next(), signed by the first quorum() validators of the current set.
  ledger::CertifiedCheckpoint Commit(const std::map<Bytes, std::optional<Bytes>>& writes = {},
                                     std::optional<uint64_t> time_ms = std::nullopt) {
    ledger::Checkpoint cp = Next(writes, time_ms);
    return Certify(cp, keys_, FirstN(set_.quorum()));
  }

  // A block that writes the next set (`n` new keys of `family`) and its
  // certified EpochChange; later commits are signed by the new set.
  EpochChange ChangeSet(size_t n, uint8_t family) {
    auto [keys, set] = TestSet(n, family, set_.epoch() + 1, "e" + std::to_string(set_.epoch() + 1) + "v");
    Bytes record = EncodeValidatorSetRecord(set, height_ + 1);
    ledger::CertifiedCheckpoint cc = Commit({{ValidatorSetRecordKey(), record}});
    EpochChange change{cc, record, Prove(ValidatorSetRecordKey()).proof};
    keys_ = std::move(keys);
    set_ = std::move(set);
    changes_.push_back(change);
    return change;
  }

  // The value of `key` at `height` (default: the latest) with its proof.
  ledger::StateRead Prove(ByteView key, std::optional<uint64_t> at = std::nullopt) const {
    ledger::StateTree tree(crypto::Suite::kStandard, store_);
    return std::move(tree.Prove(at.value_or(height_), key)).value();
  }

 private:
  std::string chain_id_;
  std::vector<crypto::PrivateKey> keys_;
  ledger::ValidatorSet set_;
  ledger::ValidatorSet genesis_set_;
  ledger::MemTreeStore store_;
  crypto::MemoryMerkleNodeStore log_nodes_;
  crypto::MerkleLog log_;
  std::vector<EpochChange> changes_;
  uint64_t height_ = 0;
  uint64_t time_ = 1767225600000;  // 2026-01-01T00:00:00Z
};

// ---- records without contracts/: encoded from their JSON view ----

// The inverse of DecodeRecord for well-formed input, driven by the same
// layouts (tests only: it trusts its input; the cross-check test holds the
// layouts to the contracts' codecs).
inline void EncodeValueForTest(ledger::Writer& w, const nlohmann::json& layouts,
                               const nlohmann::json& spec, const nlohmann::json& v) {
  const std::string type = spec.at("type");
  if (type == "u8") w.U8(v.get<uint8_t>());
  else if (type == "u16") w.U16(v.get<uint16_t>());
  else if (type == "u32") w.U32(v.get<uint32_t>());
  else if (type == "u64") w.U64(v.get<uint64_t>());
  else if (type == "varint") w.Varint(v.get<uint64_t>());
  else if (type == "bool") w.Bool(v.get<bool>());
  else if (type == "string") w.Blob(AsBytes(v.get_ref<const std::string&>()));
  else if (type == "blob") w.Blob(HexDecode(v.get<std::string>()).value());
  else if (type == "fixed32" || type == "fixed20") w.Raw(HexDecode(v.get<std::string>()).value());
  else if (type == "enum") {
    for (const auto& [raw, name] : layouts.at("enums").at(spec.at("enum").get<std::string>()).items()) {
      if (name == v) w.U8(static_cast<uint8_t>(std::stoul(raw)));
    }
  } else if (type == "optional") {
    w.Bool(!v.is_null());
    if (!v.is_null()) EncodeValueForTest(w, layouts, spec.at("of"), v);
  } else if (type == "list") {
    w.Varint(v.size());
    for (const auto& item : v) EncodeValueForTest(w, layouts, spec.at("of"), item);
  } else if (type == "struct") {
    for (const auto& f : layouts.at("types").at(spec.at("struct").get<std::string>())) {
      EncodeValueForTest(w, layouts, f, v.at(f.at("name").get<std::string>()));
    }
  }
}

inline Bytes EncodeRecordForTest(std::string_view type, const nlohmann::json& record) {
  nlohmann::json layouts = nlohmann::json::parse(RecordLayoutsText());
  ledger::Writer w;
  EncodeValueForTest(w, layouts, {{"type", "struct"}, {"struct", std::string(type)}}, record);
  return w.Take();
}

// A well-formed USCC (GB 32100-2015) from its first 17 characters.
inline std::string Uscc(std::string first17) {
  static constexpr std::string_view kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += static_cast<int>(kCharset.find(first17[i])) * kWeights[i];
  int check = 31 - sum % 31;
  return first17 + kCharset[check == 31 ? 0 : static_cast<size_t>(check)];
}

inline nlohmann::json TestStamp(uint64_t height, uint64_t time_ms) {
  return {{"height", height}, {"time_ms", time_ms}, {"tx_hash", std::string(64, 'a')},
          {"account", std::string(40, 'b')}};
}

// An approved trademark filing in force from `approved_ms` until `until_ms`.
inline nlohmann::json TestFiling(const std::string& reg_no, const std::string& holder,
                                 uint64_t approved_ms, uint64_t until_ms) {
  return {{"ip_type", "trademark"}, {"reg_no", reg_no}, {"issuing_office", "CNIPA"},
          {"title", "ACME"}, {"holder", holder},
          {"goods", {{{"scheme", "nice"}, {"code", "25"}, {"description", "Footwear"}}}},
          {"licensees", {{{"uscc", holder}, {"all_goods", true}, {"goods", nlohmann::json::array()},
                          {"valid_until_ms", 0}}}},
          {"evidence_digest", std::string(64, 'c')}, {"right_valid_from_ms", approved_ms - 1000},
          {"right_valid_until_ms", until_ms + 1000}, {"agent", ""}, {"status", "approved"},
          {"round", 1}, {"filed", TestStamp(3, approved_ms - 500)},
          {"recordation_no", "T2026-00001"}, {"approved_ms", approved_ms},
          {"valid_until_ms", until_ms}, {"renewals", 0}, {"renewal", nullptr},
          {"amendment", nullptr}, {"history_count", 2}, {"seizures", 0}};
}

// A subject record with one entry of `kind` in force over [from, until).
inline nlohmann::json TestSubject(const std::string& uscc, const std::string& kind, uint64_t from,
                                  uint64_t until) {
  return {{"uscc", uscc},
          {"entries", {{{"id", "BL-customs-000001"}, {"kind", kind},
                        {"severity", kind == "black" ? "general" : "none"}, {"status", "active"},
                        {"issuer_org", "customs"}, {"effective_ms", from}, {"expires_ms", until}}}},
          {"total_issued", 1}};
}

// The bundle of `subject` at checkpoint `cp` of `chain` (its height's
// state), with every epoch change the chain made so far.
inline Bundle MakeTestBundle(const TestChain& chain, BundleKind kind,
                             std::vector<std::string> subject,
                             const ledger::CertifiedCheckpoint& cp) {
  Bytes key = BundleKey(kind, subject).value();
  ledger::StateRead read = chain.Prove(key, cp.checkpoint.height);
  return Bundle{kind, std::move(subject), read.value, read.proof, cp, chain.changes()};
}

// `n` random records (keys that no bundle kind uses) as a write set.
inline std::map<Bytes, std::optional<Bytes>> RandomWrites(size_t n, uint32_t seed) {
  std::map<Bytes, std::optional<Bytes>> w;
  uint64_t x = seed * 0x9e3779b97f4a7c15ULL + 1;
  for (size_t i = 0; i < n; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    Bytes key = ToBytes("filler");
    for (int b = 0; b < 8; ++b) key.push_back(static_cast<uint8_t>(x >> (8 * b)));
    w[key] = Bytes(40, static_cast<uint8_t>(x));
  }
  return w;
}

}  // namespace cbec::sdk::testing
