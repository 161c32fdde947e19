// Argument types of the governance methods and queries.
//
// Method args have a canonical Codec (what a Tx carries) and a JSON view
// (json.h conventions: bytes and ids as lower-case hex, every field present,
// unknown fields refused). The codec checks only structure, with generous
// bounds; meaning (a valid key, a known role, a slug) is checked by the
// handler so that each fault gets its precise gov.* error.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/ledger/ids.h"

namespace cbec::contracts::governance {

using Json = nlohmann::json;

// Structural bounds of the codec (the handler's limits are tighter).
inline constexpr size_t kArgStringMax = 256;
inline constexpr size_t kArgKeyMax = 128;
inline constexpr size_t kArgListMax = 64;

// create_account {"organisation", "keys": ["<hex>", ...], "roles": [...]}.
// Result: the new account's 20-byte id (its canonical encoding is the raw bytes).
struct CreateAccountArgs {
  std::string organisation;
  std::vector<Bytes> keys;
  std::vector<std::string> roles;

  friend bool operator==(const CreateAccountArgs&, const CreateAccountArgs&) = default;
  Json ToJson() const;
  static Result<CreateAccountArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// add_key and revoke_key {"account": "<hex id>", "key": "<hex>"}.
struct KeyArgs {
  ledger::AccountId account;
  Bytes key;

  friend bool operator==(const KeyArgs&, const KeyArgs&) = default;
  Json ToJson() const;
  static Result<KeyArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// set_roles {"account": "<hex id>", "roles": [...]}: the complete new role set.
struct SetRolesArgs {
  ledger::AccountId account;
  std::vector<std::string> roles;

  friend bool operator==(const SetRolesArgs&, const SetRolesArgs&) = default;
  Json ToJson() const;
  static Result<SetRolesArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// suspend_account and reactivate_account {"account": "<hex id>"}; also the
// "account" query.
struct AccountArgs {
  ledger::AccountId account;

  friend bool operator==(const AccountArgs&, const AccountArgs&) = default;
  Json ToJson() const;
  static Result<AccountArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- queries (JSON only) ----

// "organisation" {"id"}.
struct OrgQueryArgs {
  std::string id;
  static Result<OrgQueryArgs> FromJson(const Json& j);
};

// Paging: at most `limit` entries after `start_after` (exclusive; "" = from
// the start). Both fields optional. Default: limit 100, at most 1000.
inline constexpr uint64_t kDefaultPageLimit = 100;

// "organisations" {"start_after": "<org id>", "limit": n}.
// Result: {"organisations": [...], "next": "<id to pass as start_after>" | null}.
struct ListOrgsArgs {
  std::string start_after;
  uint64_t limit = kDefaultPageLimit;
  static Result<ListOrgsArgs> FromJson(const Json& j);
};

// "accounts" {"organisation", "start_after": "<hex id>", "limit": n}.
// Result: {"accounts": [...], "next": "<hex id>" | null}.
struct ListAccountsArgs {
  std::string organisation;
  std::optional<ledger::AccountId> start_after;
  uint64_t limit = kDefaultPageLimit;
  static Result<ListAccountsArgs> FromJson(const Json& j);
};

// "roles" {}: {"known": [...], "by_kind": {"<kind>": [...]}}.
struct NoArgs {
  static Result<NoArgs> FromJson(const Json& j);
};

}  // namespace cbec::contracts::governance
