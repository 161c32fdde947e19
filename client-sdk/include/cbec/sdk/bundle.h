// Proof bundles: one record (or its proven absence) that anyone holding the
// genesis can verify offline — a customs officer's phone at the port.
//
// A bundle holds what the record is (kind + subject, from which the state key
// is derived, so a bundle cannot show one record under another's name), the
// record's canonical bytes or nothing, the state proof, the certified
// checkpoint in compact form (chain id and validator-set hash are implied by
// the verifier's genesis and the epoch), the quorum signatures, and the
// certified epoch changes from the genesis set to the signing set (none
// while the genesis set still signs).
//
// Forms: binary (the canonical codec, docs/spec/bundle.md; its signer
// bitmaps carry their own length, so it parses without the genesis), text
// ("CB1:" + base45 of the binary, RFC 9285; QR alphanumeric mode stores it
// at 5.5 bits per character) and a QR code image (PNG, libqrencode, ECC level
// L or higher when it fits). A filing or a list status of a 4-7 validator
// network over 10^6 records is about 1,050-1,400 bytes of binary, 1,600-2,050
// characters of text (docs/spec/bundle.md, "Sizes").
//
// Thread-safety: values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/ledger/checkpoint.h"
#include "cbec/ledger/state_tree.h"
#include "cbec/sdk/light_client.h"

namespace cbec::sdk {

// What a bundle proves, and how its subject names the state key.
enum class BundleKind : uint8_t {
  kIprFiling = 1,      // subject {ip_type, reg_no}   -> ipr / filing / ...
  kIprAuth = 2,        // subject {exporter, goods "nice:25"} -> ipr / auth / ...
  kListSubject = 3,    // subject {uscc}               -> lists / subject / ...
  kEnterprise = 4,     // subject {uscc}               -> enterprise / enterprise / ...
};
constexpr bool IsKnown(BundleKind k) {
  return k >= BundleKind::kIprFiling && k <= BundleKind::kEnterprise;
}
// "ipr_filing", "ipr_auth", "list_subject", "enterprise".
std::string_view BundleKindName(BundleKind k);
Result<BundleKind> ParseBundleKind(std::string_view name);

// The state key of a kind's subject (the contracts' key encoding,
// ledger/state_key.h). kBadBundle for the wrong number of subject parts or
// an unknown ip_type / malformed goods reference.
Result<Bytes> BundleKey(BundleKind kind, const std::vector<std::string>& subject);

struct Bundle {
  static constexpr uint8_t kVersion = 1;
  static constexpr size_t kMaxBinaryBytes = 8 * 1024;

  BundleKind kind = BundleKind::kIprFiling;
  std::vector<std::string> subject;
  std::optional<Bytes> value;  // the record's canonical bytes; nullopt = absent
  ledger::StateProof proof;
  ledger::CertifiedCheckpoint checkpoint;  // full form in memory
  std::vector<EpochChange> epoch_changes;  // genesis set -> the signing set, in order

  friend bool operator==(const Bundle&, const Bundle&) = default;

  // Compact canonical binary. Strict decoding (trailing bytes, unknown kind
  // or version, oversize parts: kBadBundle / kBundleVersion); the chain id
  // and validator-set hash are taken from `anchor` and the epoch changes.
  Bytes Encode() const;
  static Result<Bundle> Decode(ByteView binary, const TrustAnchor& anchor);

  // "CB1:" + base45(Encode()). FromText accepts surrounding whitespace and
  // lower-case letters (some scanners fold case); kBadBundleText otherwise.
  std::string ToText() const;
  static Result<Bundle> FromText(std::string_view text, const TrustAnchor& anchor);
};

// Drops, from the checkpoint and from every epoch change, the signatures
// beyond the signing set's quorum (keeping the lowest indexes): a node's
// certified checkpoint may carry more than a quorum, a bundle needs no more
// (each extra signature is 64 bytes of QR code). Fails with kBadBundle if an
// epoch change's record does not decode (the sets cannot be known).
Status TrimSignatures(Bundle& b, const TrustAnchor& anchor);

// The record type (records.h) a kind proves: "ipr.Filing", "ipr.AuthRecord",
// "lists.SubjectRecord", "enterprise.Enterprise".
std::string_view BundleRecordType(BundleKind k);

// base45 (RFC 9285).
std::string Base45Encode(ByteView data);
Result<Bytes> Base45Decode(std::string_view text);

// The QR code of `text` as a PNG image: `scale` pixels per module, a 4-module
// quiet zone, the highest ECC level (of L, M, Q) at which it still fits in
// one symbol. kBundleTooLarge if it fits at none; kQrEncode on library failure.
Result<Bytes> QrPng(const std::string& text, int scale = 4);
// Writes QrPng(text) to `path` (kBundleIo on failure).
Status WriteQrPng(const std::string& text, const std::string& path, int scale = 4);

// What a verified bundle says.
struct VerifiedRecord {
  BundleKind kind = BundleKind::kIprFiling;
  std::vector<std::string> subject;
  bool present = false;       // on record (false: proven absent)
  uint64_t height = 0;        // of the checkpoint
  uint64_t time_ms = 0;       // the checkpoint's block time
  uint64_t epoch = 0;         // of the signing set
  std::vector<std::string> signers;  // names of the validators that signed
  // The record decoded by its layout (records.h), null if absent, plus the
  // verdict at the checkpoint's time: for a filing {"active", "status_at"},
  // for an auth record {"authorised"}, for a list subject {"on_black_list",
  // "on_red_list"}, for an enterprise {"status"}.
  nlohmann::json record;
  nlohmann::json verdict;

  // {"kind", "subject", "present", "height", "time_ms", "epoch", "signers",
  //  "record", "verdict"}.
  nlohmann::json ToJson() const;
};

// Verifies `b` offline against `anchor` alone: epoch changes from the
// genesis set, the checkpoint's quorum, the key derived from kind+subject,
// the state proof, and that the record decodes as its kind and names the
// subject (docs/spec/bundle.md, "Verifying, step by step"). Errors are the
// light client's (kWrongChain, kUntrustedCheckpoint, kUnknownEpoch,
// kBadEpochChange, kForked, kBadProof), kBadBundle for a subject its kind
// refuses, or kBadRecord.
Result<VerifiedRecord> VerifyBundle(const Bundle& b, const TrustAnchor& anchor);

}  // namespace cbec::sdk
