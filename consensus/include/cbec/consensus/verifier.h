// Signature verification as an interface, so the host chooses how checks run:
// DefaultVerifier calls crypto::Verify; the simulator memoises results keyed
// on the exact (key, message, signature) bytes; the node may use a pool.
//
// Thread-safety: the engine calls its verifier from its own thread only;
// an implementation shared by several engines must be safe for that use.
#pragma once

#include "cbec/base/bytes.h"
#include "cbec/crypto/sign.h"

namespace cbec::consensus {

class SignatureVerifier {
 public:
  virtual ~SignatureVerifier() = default;
  // True iff `sig` is a valid signature of `message` under `key`.
  virtual bool Verify(const crypto::PublicKey& key, ByteView message,
                      const crypto::Signature& sig) = 0;
};

// crypto::Verify, no state. Safe to share between threads.
class DefaultVerifier final : public SignatureVerifier {
 public:
  bool Verify(const crypto::PublicKey& key, ByteView message,
              const crypto::Signature& sig) override {
    return crypto::Verify(key, message, sig);
  }
};

}  // namespace cbec::consensus
