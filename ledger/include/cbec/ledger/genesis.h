// The genesis document: everything a chain starts from.
//
//   chain_id      the chain's id (ids.h rules), in every tx and checkpoint
//   suite         the crypto suite for the chain's whole life
//   genesis_time  ms since the Unix epoch; the first block's parent time
//   validators    the validator set of epoch 0
//   app_state     a JSON object opaque to ledger/: the contracts' initial
//                 organisations, accounts and governance parameters
//
// The genesis file is JSON (json.h conventions) and is read strictly: unknown
// or missing top-level fields, duplicate keys, a bad key or name and floating
// point numbers anywhere in app_state (contracts use no floating point) are
// refused with an error naming the field.
//
// GenesisHash identifies the chain's starting point. It is computed over the
// canonical binary encoding, where app_state appears as its canonical JSON text:
// nlohmann's dump() without indentation, object keys in byte order
// (docs/spec/codec.md). Nodes refuse peers whose genesis hash differs.
//
// Thread-safety: plain values; Load/Save touch only the named file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cbec/base/status.h"
#include "cbec/crypto/hash.h"
#include "cbec/crypto/suite.h"
#include "cbec/ledger/validator_set.h"

namespace cbec::ledger {

// Bound on app_state's canonical text, and on a genesis file.
inline constexpr size_t kMaxAppStateBytes = 16 * 1024 * 1024;
inline constexpr size_t kMaxGenesisFileBytes = 2 * kMaxAppStateBytes;

struct Genesis {
  std::string chain_id;
  crypto::Suite suite = crypto::Suite::kStandard;
  uint64_t genesis_time = 0;
  ValidatorSet validators;
  nlohmann::json app_state = nlohmann::json::object();

  friend bool operator==(const Genesis&, const Genesis&) = default;

  // OK iff: the chain id is valid (kBadChainId); the suite is known, the
  // validator set is non-empty, of epoch 0 and of that suite (kBadGenesis);
  // app_state is a JSON object with no floating point, valid UTF-8, nesting
  // within kMaxJsonDepth and canonical text within kMaxAppStateBytes
  // (kBadAppState).
  Status Validate() const;

  // {"chain_id", "suite", "genesis_time", "validators": [{"name",
  //  "public_key"}], "app_state"} (json.h conventions).
  nlohmann::json ToJson() const;
  // Strict; the result passes Validate(). Errors name the field.
  static Result<Genesis> FromJson(const nlohmann::json& j);
  // ParseJson(text) then FromJson.
  static Result<Genesis> Parse(std::string_view text);

  // Reads and parses a genesis file. A missing file fails with
  // base kNotFound, a read error with kIo, content as Parse does.
  static Result<Genesis> Load(const std::string& path);
  // Validates, then writes ToJson() indented, atomically (temp file + rename).
  // Fails with the Validate() error or kIo.
  Status Save(const std::string& path) const;

  // app_state's canonical JSON text (what GenesisHash covers).
  std::string CanonicalAppState() const;

  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// TaggedDigest(g.suite, Domain::kGenesis, Encode(g)).
// REQUIRES: g.Validate().ok() (otherwise the hash names an invalid document).
crypto::Hash GenesisHash(const Genesis& g);

}  // namespace cbec::ledger
