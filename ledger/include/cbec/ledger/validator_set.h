// The validator set of an epoch and quorum signatures over it.
//
// n validators with equal voting power tolerate f = floor((n - 1) / 3)
// Byzantine ones; a quorum is n - f distinct validators (any two quorums meet
// in at least one honest validator). Validators are identified on the wire by
// their index in the set, which is ordered as given in the genesis or the
// governance decision that created the epoch.
//
// Thread-safety: immutable values after construction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/crypto/hash.h"
#include "cbec/crypto/sign.h"

namespace cbec::ledger {

using ValidatorIndex = uint16_t;

struct Validator {
  std::string name;  // the operating organisation's id, e.g. "customs"
  crypto::PublicKey key;
  friend bool operator==(const Validator&, const Validator&) = default;
};

// Signatures by distinct validators, sorted by index (canonical form).
struct QuorumSignatures {
  std::vector<std::pair<ValidatorIndex, crypto::Signature>> sigs;
  friend bool operator==(const QuorumSignatures&, const QuorumSignatures&) = default;

  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

class ValidatorSet {
 public:
  static constexpr size_t kMaxValidators = 256;
  static constexpr size_t kMaxNameLength = 64;

  ValidatorSet() = default;
  // Fails with kBadValue for an empty set, more than kMaxValidators, a
  // duplicate name or key, a name that is empty or too long, or keys of mixed suites.
  static Result<ValidatorSet> Create(uint64_t epoch, std::vector<Validator> validators);

  uint64_t epoch() const { return epoch_; }
  crypto::Suite suite() const;
  size_t size() const { return validators_.size(); }
  const std::vector<Validator>& validators() const { return validators_; }
  const Validator& at(ValidatorIndex i) const { return validators_.at(i); }
  std::optional<ValidatorIndex> IndexOf(const crypto::PublicKey& key) const;
  std::optional<ValidatorIndex> IndexOfName(std::string_view name) const;

  // f = floor((n - 1) / 3).
  size_t max_faulty() const { return (validators_.size() - 1) / 3; }
  // n - f.
  size_t quorum() const { return validators_.size() - max_faulty(); }

  // H(kValidatorSet || canonical encoding): what checkpoints commit to.
  crypto::Hash Hash() const;

  // OK iff `sigs` holds at least quorum() valid signatures of `message` by
  // distinct validators of this set, in strictly increasing index order.
  // Fails with kNoQuorum naming how many were valid and how many are needed.
  Status VerifyQuorum(ByteView message, const QuorumSignatures& sigs) const;

  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);

  friend bool operator==(const ValidatorSet&, const ValidatorSet&) = default;

 private:
  uint64_t epoch_ = 0;
  std::vector<Validator> validators_;
};

}  // namespace cbec::ledger
