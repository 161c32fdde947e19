// JSON views of ledger values: shared conventions, a strict parser and a
// strict object reader, and the views of ValidatorSet and QuorumSignatures.
//
// JSON is only the human/API view (DESIGN.md section 2): nothing is hashed or
// signed in JSON except the genesis app_state (see genesis.h). Every type's
// view follows the same conventions:
//   - bytes, hashes, keys, signatures and account ids are lower-case hex
//     strings (upper case is refused, so each value has one text form);
//   - integers are JSON numbers, u64 in full (a JavaScript reader must use
//     BigInt above 2^53); floats, negative numbers and strings are refused;
//   - the crypto suite is its name, "standard" or "guomi";
//   - every field must be present; unknown fields are refused.
//
// FromJson functions never throw: nlohmann exceptions are caught and returned
// as kBadJson. Errors name the field path ("tx.nonce: expected an unsigned
// integer").
//
// Thread-safety: JsonReader is a single-threaded value; free functions are safe.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/validator_set.h"

namespace cbec::ledger {

using Json = nlohmann::json;

// Default nesting limit of ParseJson: deep enough for any document of ours,
// shallow enough that recursive walks over the result cannot exhaust the stack.
inline constexpr size_t kMaxJsonDepth = 64;

// Parses JSON text strictly: the whole input is exactly one JSON value of
// valid UTF-8 (no comments, no trailing bytes). Fails with kJsonDuplicateKey
// when an object repeats a key, kJsonTooDeep when arrays/objects nest deeper
// than `max_depth`, kBadJson otherwise (the message gives the position).
Result<Json> ParseJson(std::string_view text, size_t max_depth = kMaxJsonDepth);

// Reads the fields of one JSON object, keeping the first error like the binary
// Reader does, so FromJson functions read like the format:
//
//   JsonReader r(j, "tx");
//   r.String("chain_id", tx.chain_id, kMaxChainIdLength);
//   r.U64("nonce", tx.nonce);
//   CBEC_RETURN_IF_ERROR(r.Finish());   // also refuses unknown fields
//
// A missing field fails with kJsonMissingField, a field of the wrong JSON type
// or out of range with kBadJson; on error the target keeps its old value.
class JsonReader {
 public:
  // `what` names the object in messages. Fails (kBadJson) unless `j` is an object.
  JsonReader(const Json& j, std::string what);

  void U64(std::string_view key, uint64_t& v) { Uint(key, v, UINT64_MAX); }
  void U32(std::string_view key, uint32_t& v);
  void U16(std::string_view key, uint16_t& v);
  // A string of at most `max` bytes (JSON text is UTF-8 by construction).
  void String(std::string_view key, std::string& v, size_t max);
  // Lower-case hex of at most `max` bytes.
  void Hex(std::string_view key, Bytes& v, size_t max);
  // Lower-case hex of exactly N bytes.
  template <size_t N>
  void Fixed(std::string_view key, FixedBytes<N>& v) {
    Bytes raw;
    Hex(key, raw, N);
    if (!ok()) return;
    if (raw.size() != N) {
      Fail(errors::kBadJson, key, "expected " + std::to_string(N) + " bytes of hex, got " +
                                      std::to_string(raw.size()));
      return;
    }
    std::copy(raw.begin(), raw.end(), v.data());
  }
  // Parses a nested value with `parse(const Json&) -> Result<T>`.
  template <typename T, typename Parse>
  void Nested(std::string_view key, T& v, Parse&& parse) {
    const Json* f = Field(key);
    if (f == nullptr) return;
    Result<T> r = parse(*f);
    if (!r.ok()) {
      Check(key, r.status());
      return;
    }
    v = std::move(r).value();
  }

  // The field's value, marked as read; nullptr (recording kJsonMissingField)
  // if absent or after an earlier error.
  const Json* Field(std::string_view key);
  // Records an error about field `key`; the first error wins.
  void Fail(const ErrorKind& kind, std::string_view key, std::string_view message);
  // Records `s` (if it is an error) about field `key`, keeping its kind.
  void Check(std::string_view key, const Status& s);

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  // "what.key".
  std::string Path(std::string_view key) const;
  // The first error, or kJsonUnknownField naming a field that was never read.
  Status Finish() const;

 private:
  void Uint(std::string_view key, uint64_t& v, uint64_t max);

  const Json& j_;
  std::string what_;
  std::set<std::string, std::less<>> read_;
  Status status_;
};

// Runs `f` (returning Result<T> or Status), turning any nlohmann exception into
// kBadJson naming `what`: the wrapper at which exceptions stop.
template <typename F>
auto CatchJson(std::string_view what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const nlohmann::json::exception& e) {
    return Status(errors::kBadJson, std::string(what) + ": " + e.what());
  }
}

// [{"name": "customs", "public_key": "<hex>"}, ...] in set order.
Json ValidatorsToJson(const ValidatorSet& set);
// Parses the list above with keys of `suite` into ValidatorSet::Create(epoch).
// `what` names the list in messages. Fails with the kind of the first bad
// field (kBadJson, kJsonMissingField, crypto kBadPublicKey, ...) or of Create.
Result<ValidatorSet> ValidatorsFromJson(const Json& j, crypto::Suite suite, uint64_t epoch,
                                        std::string_view what);

// {"epoch": n, "suite": "standard", "validators": [...]}.
Json ValidatorSetToJson(const ValidatorSet& set);
Result<ValidatorSet> ValidatorSetFromJson(const Json& j);

// [{"index": n, "signature": "<hex>"}, ...] in index order.
Json QuorumSignaturesToJson(const QuorumSignatures& q);
// Fails with kBadJson for more than ValidatorSet::kMaxValidators entries or
// indexes that are not strictly increasing (the binary form's rules).
Result<QuorumSignatures> QuorumSignaturesFromJson(const Json& j);

}  // namespace cbec::ledger
