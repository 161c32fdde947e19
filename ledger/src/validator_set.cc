#include "cbec/ledger/validator_set.h"

#include <set>

#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"

namespace cbec::ledger {

namespace {
// Validator keys are encoded as length-prefixed bytes of the set's suite; the
// suite itself is one byte in front of the list.
template <class Ar>
void KeyCodec(Ar& ar, crypto::Suite suite, const crypto::PublicKey& k) {
  ar.Blob(k.view());
  (void)suite;
}
void KeyCodec(Reader& ar, crypto::Suite suite, crypto::PublicKey& k) {
  Bytes raw;
  ar.Blob(raw, 65);
  if (!ar.ok()) return;
  auto key = crypto::PublicKey::FromBytes(suite, raw);
  if (!key.ok()) {
    ar.Fail(errors::kBadValue, "validator key: " + key.status().message());
    return;
  }
  k = *key;
}
}  // namespace

template <class Ar, class Self>
void QuorumSignatures::Codec(Ar& ar, Self& s) {
  uint64_t n = s.sigs.size();
  ar.Varint(n);
  if constexpr (Ar::kReading) {
    if (n > ValidatorSet::kMaxValidators) {
      ar.Fail(errors::kTooLong, "more signatures than validators");
      return;
    }
    s.sigs.resize(n);
  }
  for (size_t i = 0; i < n && ar.ok(); ++i) {
    ar.U16(s.sigs[i].first);
    ar.Fixed(s.sigs[i].second);
    if constexpr (Ar::kReading) {
      ar.Check(i == 0 || s.sigs[i - 1].first < s.sigs[i].first,
               "signer indexes must be strictly increasing");
    }
  }
}
template void QuorumSignatures::Codec(Writer&, const QuorumSignatures&);
template void QuorumSignatures::Codec(Reader&, QuorumSignatures&);

template <class Ar, class Self>
void ValidatorSet::Codec(Ar& ar, Self& s) {
  ar.U64(s.epoch_);
  crypto::Suite suite = s.validators_.empty() ? crypto::Suite::kStandard : s.suite();
  ar.Enum(suite);
  uint64_t n = s.validators_.size();
  ar.Varint(n);
  if constexpr (Ar::kReading) {
    if (n == 0 || n > kMaxValidators) {
      ar.Fail(errors::kTooLong, "validator count out of range");
      return;
    }
    s.validators_.resize(n);
  }
  for (size_t i = 0; i < n && ar.ok(); ++i) {
    ar.String(s.validators_[i].name, kMaxNameLength);
    KeyCodec(ar, suite, s.validators_[i].key);
  }
  if constexpr (Ar::kReading) {
    if (ar.ok()) {
      auto checked = Create(s.epoch_, s.validators_);
      if (!checked.ok()) ar.Fail(errors::kBadValue, checked.status().message());
    }
  }
}
template void ValidatorSet::Codec(Writer&, const ValidatorSet&);
template void ValidatorSet::Codec(Reader&, ValidatorSet&);

Result<ValidatorSet> ValidatorSet::Create(uint64_t epoch, std::vector<Validator> validators) {
  if (validators.empty() || validators.size() > kMaxValidators) {
    return Status(errors::kBadValue, "a validator set holds 1 to " +
                                         std::to_string(kMaxValidators) + " validators");
  }
  std::set<std::string> names;
  std::set<crypto::PublicKey> keys;
  for (const Validator& v : validators) {
    if (v.name.empty() || v.name.size() > kMaxNameLength || !IsValidUtf8(v.name)) {
      return Status(errors::kBadValue, "bad validator name '" + v.name + "'");
    }
    if (v.key.empty()) return Status(errors::kBadValue, "validator " + v.name + " has no key");
    if (v.key.suite() != validators[0].key.suite()) {
      return Status(errors::kBadValue, "validator keys of mixed crypto suites");
    }
    if (!names.insert(v.name).second) {
      return Status(errors::kBadValue, "duplicate validator name '" + v.name + "'");
    }
    if (!keys.insert(v.key).second) {
      return Status(errors::kBadValue, "duplicate validator key for '" + v.name + "'");
    }
  }
  ValidatorSet s;
  s.epoch_ = epoch;
  s.validators_ = std::move(validators);
  return s;
}

crypto::Suite ValidatorSet::suite() const {
  return validators_.empty() ? crypto::Suite::kStandard : validators_[0].key.suite();
}

std::optional<ValidatorIndex> ValidatorSet::IndexOf(const crypto::PublicKey& key) const {
  for (size_t i = 0; i < validators_.size(); ++i) {
    if (validators_[i].key == key) return static_cast<ValidatorIndex>(i);
  }
  return std::nullopt;
}

std::optional<ValidatorIndex> ValidatorSet::IndexOfName(std::string_view name) const {
  for (size_t i = 0; i < validators_.size(); ++i) {
    if (validators_[i].name == name) return static_cast<ValidatorIndex>(i);
  }
  return std::nullopt;
}

crypto::Hash ValidatorSet::Hash() const {
  return crypto::TaggedDigest(suite(), crypto::Domain::kValidatorSet, Encode(*this));
}

Status ValidatorSet::VerifyQuorum(ByteView message, const QuorumSignatures& q) const {
  size_t valid = 0;
  int last = -1;
  for (const auto& [index, sig] : q.sigs) {
    if (static_cast<int>(index) <= last) {
      return Status(errors::kNoQuorum, "signer indexes not strictly increasing");
    }
    last = index;
    if (index >= validators_.size()) {
      return Status(errors::kNoQuorum, "signer index " + std::to_string(index) +
                                           " outside a set of " + std::to_string(size()));
    }
    if (!crypto::Verify(validators_[index].key, message, sig)) {
      return Status(errors::kNoQuorum,
                    "invalid signature by validator " + validators_[index].name);
    }
    ++valid;
  }
  if (valid < quorum()) {
    return Status(errors::kNoQuorum, std::to_string(valid) + " valid signatures, " +
                                         std::to_string(quorum()) + " needed of " +
                                         std::to_string(size()));
  }
  return Status::Ok();
}

}  // namespace cbec::ledger
