// Error kinds of the client SDK and the `cbec` CLI (codes 4000-4999,
// docs/spec/error-codes.md). Errors a node reports keep the node's own code
// and slug (Status::Remote), so an SDK caller tests `ipr.already_filed` the
// same way whether the node or the SDK found it.
//
// Sub-ranges: 4000-4009 transport and answers, 4010-4039 light client,
// 4040-4069 proof bundles and records, 4070-4089 keys and builders,
// 4090-4099 the CLI.
#pragma once

#include "cbec/base/status.h"

namespace cbec::sdk::errors {

// ---- transport and answers (4000-4009) ----
// No node of the list answered (refused, reset, timed out, bad address).
inline constexpr ErrorKind kUnreachable{4000, "sdk.unreachable"};
// A wait (for a commit, a checkpoint) ran past its deadline.
inline constexpr ErrorKind kTimeout{4001, "sdk.timeout"};
// A node's answer is not what the API documents (not JSON, a missing field).
inline constexpr ErrorKind kBadResponse{4002, "sdk.bad_response"};
// A node address that is not host:port.
inline constexpr ErrorKind kBadAddress{4003, "sdk.bad_address"};
// A committed transaction whose receipt carries an error is returned as a
// value (Receipt::code); this kind is for a submission the SDK could not
// confirm at all (every node refused it without an error body).
inline constexpr ErrorKind kNotAccepted{4004, "sdk.not_accepted"};

// ---- light client (4010-4039) ----
// The checkpoint names another chain than the trusted genesis.
inline constexpr ErrorKind kWrongChain{4010, "sdk.wrong_chain"};
// Not signed by a quorum of the validator set it names, or that set is not
// one the client can reach from the genesis through certified epoch changes.
inline constexpr ErrorKind kUntrustedCheckpoint{4011, "sdk.untrusted_checkpoint"};
// The checkpoint is signed by a set of a later epoch than the client knows;
// fetch the epoch changes (Client does) and retry.
inline constexpr ErrorKind kUnknownEpoch{4012, "sdk.unknown_epoch"};
// A certified epoch change that does not prove its new set.
inline constexpr ErrorKind kBadEpochChange{4013, "sdk.bad_epoch_change"};
// Two certified checkpoints that cannot both be true: two at one height, or
// a log that does not extend an earlier one. Evidence of a fork (or of a
// quorum of faulty validators); never ignored.
inline constexpr ErrorKind kForked{4014, "sdk.forked"};
// A node served a certified checkpoint older than one this client already
// saw, as its latest (a stale or rolled-back node).
inline constexpr ErrorKind kStale{4015, "sdk.stale"};
// A state, inclusion or consistency proof that does not verify.
inline constexpr ErrorKind kBadProof{4016, "sdk.bad_proof"};
// A node's plain answer disagrees with the proven value.
inline constexpr ErrorKind kValueMismatch{4017, "sdk.value_mismatch"};

// ---- proof bundles and records (4040-4069) ----
inline constexpr ErrorKind kBadBundle{4040, "sdk.bundle.malformed"};
inline constexpr ErrorKind kBadBundleText{4041, "sdk.bundle.bad_text"};
inline constexpr ErrorKind kBundleVersion{4042, "sdk.bundle.version"};
inline constexpr ErrorKind kBundleTooLarge{4043, "sdk.bundle.too_large"};
// The proven record does not decode as its kind's layout.
inline constexpr ErrorKind kBadRecord{4044, "sdk.record.malformed"};
inline constexpr ErrorKind kQrEncode{4045, "sdk.bundle.qr", ErrorClass::kInternal};
inline constexpr ErrorKind kBundleIo{4046, "sdk.bundle.io", ErrorClass::kInternal};

// ---- keys and builders (4070-4089) ----
// A builder argument the node would refuse anyway, caught before signing.
inline constexpr ErrorKind kBadArgs{4070, "sdk.bad_args"};
inline constexpr ErrorKind kNoKey{4071, "sdk.no_key"};

// ---- the CLI (4090-4099) ----
inline constexpr ErrorKind kUsage{4090, "cli.usage"};
// A local file the CLI was told to read or write (args, a document, a bundle,
// an output prefix) could not be.
inline constexpr ErrorKind kLocalFile{4091, "cli.file"};
// `cbec verify --qr`: zbarimg is missing or found no QR code in the image.
inline constexpr ErrorKind kQrDecode{4092, "cli.qr_decode"};

}  // namespace cbec::sdk::errors
