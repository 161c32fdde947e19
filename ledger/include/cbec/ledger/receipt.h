// Receipts: the outcome of one executed transaction.
//
// A receipt records success or a stable error (code and slug, the same pair a
// Status carries) and nothing else in words: free-text messages never enter a
// receipt, because receipts are part of what every node must agree on byte for
// byte. A failed tx still has a receipt (and still consumed its nonce).
//
// Rules (Validate(), enforced on decode and in FromJson):
//   - slug: 1-64 characters of [a-z0-9_.], starting with a letter;
//   - code 0 if and only if slug is "ok";
//   - result: at most kMaxResultBytes, and empty unless code is 0 (a failed
//     tx returns nothing but its error).
//
// Receipts are not hashed on their own: the node commits to them as values of
// the authenticated state (Domain::kStateValue), see docs/spec/signing.md.
//
// Thread-safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"

namespace cbec::ledger {

inline constexpr size_t kMaxSlugLength = 64;
inline constexpr size_t kMaxResultBytes = 16 * 1024;

struct Receipt {
  Hash32 tx_hash;
  uint64_t height = 0;  // of the block that holds the tx
  uint32_t index = 0;   // of the tx within that block
  uint32_t code = 0;    // 0 = success, else the ErrorKind code
  std::string slug = "ok";
  Bytes result;  // the method's canonical return value

  friend bool operator==(const Receipt&, const Receipt&) = default;

  // The receipt of a tx that ended with `status` (its code and slug only; the
  // message is dropped). `result` is kept only when status.ok().
  static Receipt ForStatus(const Hash32& tx_hash, uint64_t height, uint32_t index,
                           const Status& status, Bytes result = {});

  // OK iff the rules above hold; otherwise kBadReceiptSlug,
  // kReceiptResultTooLarge or kBadReceipt.
  Status Validate() const;

  // {"tx_hash", "height", "index", "code", "slug", "result"} (json.h conventions).
  nlohmann::json ToJson() const;
  static Result<Receipt> FromJson(const nlohmann::json& j);

  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// OK iff `slug` is 1-64 characters of [a-z0-9_.] starting with a letter;
// otherwise kBadReceiptSlug.
Status ValidateSlug(std::string_view slug);

}  // namespace cbec::ledger
