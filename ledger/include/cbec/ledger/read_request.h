// Signed read requests: how an account proves who asks for a private record
// (DESIGN.md section 5; docs/spec/signed-reads.md).
//
// The client sends the HTTP header
//   Authorization: Cbec-Sig account=<40 hex>,key=<public key hex>,time=<ms>,sig=<hex>
// where sig signs TaggedDigest(suite, kApiRequest, Encode(ReadRequest)): the
// chain id, the HTTP method, the request target (path and query exactly as
// sent), the time and the digest of the body. The node checks that the key
// is an active key of the account, the signature, and that the time is within
// its freshness window; the contracts then decide what the account may read.
// Replaying a captured request within the window only re-reads what its
// signer could read; it never changes state.
//
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/crypto/hash.h"
#include "cbec/crypto/sign.h"
#include "cbec/ledger/ids.h"

namespace cbec::ledger {

inline constexpr std::string_view kReadAuthScheme = "Cbec-Sig";
inline constexpr size_t kMaxReadTargetLength = 4096;

// What a read signature covers.
struct ReadRequest {
  std::string chain_id;
  std::string method;  // "GET" / "POST"
  std::string target;  // path and query, as sent
  uint64_t time_ms = 0;
  crypto::Hash body_digest;  // crypto::Digest(suite, body); of "" for none

  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// The parsed Authorization header.
struct ReadAuthorization {
  AccountId account;
  Bytes public_key;
  uint64_t time_ms = 0;
  Bytes signature;
};

// The digest a read signature signs.
crypto::Hash ReadRequestDigest(crypto::Suite suite, const ReadRequest& req);

// Signs `req` for `account` with `key`.
ReadAuthorization SignReadRequest(const crypto::PrivateKey& key, const AccountId& account,
                                  const ReadRequest& req);

// The header value "Cbec-Sig account=...,key=...,time=...,sig=...".
std::string FormatReadAuthorization(const ReadAuthorization& auth);

// Parses a header value. Fails with kBadReadAuth naming what is wrong (other
// scheme, missing or repeated field, bad hex, bad number).
Result<ReadAuthorization> ParseReadAuthorization(std::string_view header);

// OK iff `auth`'s signature by auth.public_key over `req` (with req.time_ms =
// auth.time_ms) verifies in `suite`; kBadReadSignature otherwise. Whether the
// key belongs to the account is the caller's (stateful) check.
Status VerifyReadSignature(crypto::Suite suite, const ReadAuthorization& auth,
                           const ReadRequest& req);

}  // namespace cbec::ledger
