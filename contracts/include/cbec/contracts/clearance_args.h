// Argument types of the clearance party and limits methods and of the
// queries (the submit arguments are in clearance_docs.h).
//
// Method args have a canonical Codec and a JSON view (json.h conventions:
// every field present, unknown fields refused; amounts as decimal strings,
// party kinds as names). The codec checks structure only; the handler checks
// meaning so that each fault gets its precise clearance.* error.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cbec/base/status.h"
#include "cbec/contracts/clearance.h"
#include "cbec/contracts/money.h"

namespace cbec::contracts::clearance {

// register_party / update_party {"code", "uscc", "name",
// "kinds": ["ebp", "ebc", "pay", "logistics", "agent"] (any order, no
// repeats), "reason" (update_party only)}.
struct PartyArgs {
  std::string code;
  std::string uscc;
  std::string name;
  std::vector<PartyKind> kinds;
  std::string reason;  // update_party; "" for register_party

  friend bool operator==(const PartyArgs&, const PartyArgs&) = default;
  Json ToJson() const;
  static Result<PartyArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// suspend_party / reinstate_party {"code", "reason"}.
struct PartyStatusArgs {
  std::string code;
  std::string reason;

  friend bool operator==(const PartyStatusArgs&, const PartyStatusArgs&) = default;
  Json ToJson() const;
  static Result<PartyStatusArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// set_limits {"single_limit": "5000.00", "annual_limit": "26000.00",
// "tolerance": "0.00", "legal_basis", "reason"}.
struct SetLimitsArgs {
  Fen single_fen = 0;
  Fen annual_fen = 0;
  Fen tolerance_fen = 0;
  std::string legal_basis;
  std::string reason;

  friend bool operator==(const SetLimitsArgs&, const SetLimitsArgs&) = default;
  Json ToJson() const;
  static Result<SetLimitsArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- queries (JSON only) ----

inline constexpr uint64_t kDefaultPageLimit = 100;

// "order" {"direction", "ebpCode", "orderNo"}.
struct OrderQueryArgs {
  std::string direction;
  std::string ebp_code;
  std::string order_no;
  static Result<OrderQueryArgs> FromJson(const Json& j);
};

// "risk" {"uscc", "from": "YYYY-MM" (optional), "to": "YYYY-MM" (optional,
// inclusive)}.
struct RiskQueryArgs {
  std::string uscc;
  std::string from;
  std::string to;
  static Result<RiskQueryArgs> FromJson(const Json& j);
};

// "parties" {"start_after": "<code>" (optional), "limit": n (optional)}.
struct PartiesQueryArgs {
  std::string start_after;
  uint64_t limit = kDefaultPageLimit;
  static Result<PartiesQueryArgs> FromJson(const Json& j);
};

// "party" {"code", "start_after": <version> (optional), "limit": n (optional)}.
struct PartyQueryArgs {
  std::string code;
  uint64_t start_after = 0;
  uint64_t limit = kDefaultPageLimit;
  static Result<PartyQueryArgs> FromJson(const Json& j);
};

// "limits" {"version": n (optional; default the current one)}.
struct LimitsQueryArgs {
  std::optional<uint64_t> version;
  static Result<LimitsQueryArgs> FromJson(const Json& j);
};

// "buyer_total" {"buyerIdNumberDigest": "<64 hex>", "year": n}.
struct BuyerTotalQueryArgs {
  std::string digest;
  uint32_t year = 0;
  static Result<BuyerTotalQueryArgs> FromJson(const Json& j);
};

}  // namespace cbec::contracts::clearance
