// A SignatureVerifier that remembers results keyed on the exact (key,
// message, signature) bytes. Every check is still a real Ed25519/SM2
// verification the first time; repeats (the same QC inside many messages,
// the same vote at many replicas) are a table lookup. Bounded: forgets
// everything past max_entries.
//
// Thread-safety: not thread-safe; one per simulation.
#pragma once

#include <string>
#include <unordered_map>

#include "cbec/consensus/verifier.h"

namespace cbec::consensus::sim {

class MemoVerifier final : public SignatureVerifier {
 public:
  explicit MemoVerifier(size_t max_entries = 1 << 20) : max_entries_(max_entries) {}

  bool Verify(const crypto::PublicKey& key, ByteView message,
              const crypto::Signature& sig) override {
    std::string k;
    k.reserve(key.view().size() + message.size() + sig.size());
    k.append(AsChars(key.view())).append(AsChars(message)).append(AsChars(sig.view()));
    auto it = memo_.find(k);
    if (it != memo_.end()) return it->second;
    bool ok = crypto::Verify(key, message, sig);
    if (memo_.size() >= max_entries_) memo_.clear();
    memo_.emplace(std::move(k), ok);
    ++verifications_;
    return ok;
  }
  size_t verifications() const { return verifications_; }

 private:
  size_t max_entries_;
  size_t verifications_ = 0;
  std::unordered_map<std::string, bool> memo_;
};

}  // namespace cbec::consensus::sim
