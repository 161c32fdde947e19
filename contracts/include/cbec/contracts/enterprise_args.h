// Argument types of the enterprise methods and queries.
//
// Method args have a canonical Codec (what a Tx carries) and a JSON view
// (json.h conventions: every field present unless marked optional, unknown
// fields refused). The codec checks only structure, with generous bounds; the
// handler checks meaning (a valid code, a known status) with its ent.* error.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "cbec/base/status.h"

namespace cbec::contracts::enterprise {

using Json = nlohmann::json;

// Structural bound of every string argument (the handler's limits are tighter).
inline constexpr size_t kArgStringMax = 1024;

// register {"uscc", "name", "status", "registered_address",
//           "legal_representative", "organisation" (optional, "" = none)}.
// update   the same without "organisation" (link_organisation changes it).
struct EnterpriseArgs {
  std::string uscc;
  std::string name;
  std::string status;  // "existing" | "revoked" | "cancelled" | "moved_out"
  std::string registered_address;
  std::string legal_representative;
  std::string organisation;

  friend bool operator==(const EnterpriseArgs&, const EnterpriseArgs&) = default;
  Json ToJson() const;
  static Result<EnterpriseArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

struct UpdateArgs {
  std::string uscc;
  std::string name;
  std::string status;
  std::string registered_address;
  std::string legal_representative;

  friend bool operator==(const UpdateArgs&, const UpdateArgs&) = default;
  Json ToJson() const;
  static Result<UpdateArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// link_organisation {"uscc", "organisation"} ("" unlinks).
struct LinkArgs {
  std::string uscc;
  std::string organisation;

  friend bool operator==(const LinkArgs&, const LinkArgs&) = default;
  Json ToJson() const;
  static Result<LinkArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// ---- queries (JSON only) ----

inline constexpr uint64_t kDefaultPageLimit = 100;

// "enterprise" {"uscc"}.
struct UsccQueryArgs {
  std::string uscc;
  static Result<UsccQueryArgs> FromJson(const Json& j);
};

// "enterprises" {"start_after": "<uscc>", "limit": n} (both optional).
// Result: {"enterprises": [...], "next": "<uscc>" | null}.
struct ListArgs {
  std::string start_after;
  uint64_t limit = kDefaultPageLimit;
  static Result<ListArgs> FromJson(const Json& j);
};

// "by_organisation" {"organisation", "start_after": "<uscc>", "limit": n}.
// Result: {"enterprises": [...], "next": "<uscc>" | null}.
struct ByOrgArgs {
  std::string organisation;
  std::string start_after;
  uint64_t limit = kDefaultPageLimit;
  static Result<ByOrgArgs> FromJson(const Json& j);
};

// "history" {"uscc", "start_after": version, "limit": n}.
// Result: {"versions": [...], "next": version | null}.
struct HistoryArgs {
  std::string uscc;
  uint64_t start_after = 0;
  uint64_t limit = kDefaultPageLimit;
  static Result<HistoryArgs> FromJson(const Json& j);
};

}  // namespace cbec::contracts::enterprise
