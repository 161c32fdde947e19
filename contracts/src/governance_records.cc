// Governance records: kinds and roles, codecs, JSON views, validation.
#include <algorithm>
#include <array>

#include "cbec/base/hex.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/governance_errors.h"
#include "cbec/ledger/codec.h"

namespace cbec::contracts::governance {

namespace {

constexpr std::array<std::string_view, 9> kKindNames = {
    "customs", "tax", "fx", "market", "platform", "enterprise", "payment", "logistics", "auditor"};

bool IsSlugChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

std::string_view StatusName(bool active) { return active ? "active" : "suspended"; }

}  // namespace

// ---- kinds ----

std::string_view OrgKindName(OrgKind k) {
  if (!IsKnown(k)) return "unknown";
  return kKindNames[static_cast<size_t>(k) - 1];
}

Result<OrgKind> ParseOrgKind(std::string_view name) {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) return static_cast<OrgKind>(i + 1);
  }
  return Status(errors::kBadOrgKind, "unknown organisation kind '" + std::string(name) + "'");
}

const std::vector<OrgKind>& AllOrgKinds() {
  static const std::vector<OrgKind> kAll = [] {
    std::vector<OrgKind> v;
    for (size_t i = 1; i <= kKindNames.size(); ++i) v.push_back(static_cast<OrgKind>(i));
    return v;
  }();
  return kAll;
}

// ---- roles ----

const std::vector<std::string>& KnownRoles() {
  static const std::vector<std::string> kRoles = {
      "admin", "auditor", "declarant", "ipr_reviewer", "lister", "officer",
      "operator", "rater", "registrar", "right_holder", "tracer"};
  return kRoles;
}

bool IsKnownRole(std::string_view role) {
  const auto& known = KnownRoles();
  return std::binary_search(known.begin(), known.end(), role);
}

std::vector<std::string> DefaultRolesForKind(OrgKind kind) {
  switch (kind) {
    case OrgKind::kCustoms:
      return {"admin", "ipr_reviewer", "lister", "officer", "rater"};
    case OrgKind::kTax:
    case OrgKind::kFx:
      return {"admin", "lister", "officer", "rater"};
    case OrgKind::kMarket:
      return {"admin", "lister", "officer", "rater", "registrar"};
    case OrgKind::kPlatform:
      return {"admin", "declarant", "operator", "tracer"};
    case OrgKind::kEnterprise:
      return {"admin", "declarant", "right_holder", "tracer"};
    case OrgKind::kPayment:
      return {"admin", "declarant", "operator"};
    case OrgKind::kLogistics:
      return {"admin", "declarant", "operator", "tracer"};
    case OrgKind::kAuditor:
      return {"admin", "auditor"};
  }
  return {"admin"};
}

Status ValidateRoles(const std::vector<std::string>& roles,
                     const std::vector<std::string>& allowed) {
  if (roles.size() > kMaxRoles) {
    return Status(errors::kBadRoles, std::to_string(roles.size()) + " roles, at most " +
                                         std::to_string(kMaxRoles));
  }
  for (size_t i = 0; i < roles.size(); ++i) {
    if (!IsKnownRole(roles[i])) {
      return Status(errors::kUnknownRole, "unknown role '" + roles[i] + "'");
    }
    if (i > 0 && !(roles[i - 1] < roles[i])) {
      return Status(errors::kBadRoles, "roles must be sorted and unique ('" + roles[i - 1] +
                                           "' before '" + roles[i] + "')");
    }
    if (!std::binary_search(allowed.begin(), allowed.end(), roles[i])) {
      return Status(errors::kRoleNotAllowed,
                    "role '" + roles[i] + "' is not allowed for this kind of organisation");
    }
  }
  return Status::Ok();
}

// ---- validation ----

Status ValidateOrgId(std::string_view id) {
  if (id.empty() || id.size() > kMaxOrgIdLength) {
    return Status(errors::kBadOrgId, "organisation id must be 1-32 characters, got " +
                                         std::to_string(id.size()));
  }
  if (id[0] == '_' || id[0] == '-') {
    return Status(errors::kBadOrgId, "organisation id must start with [a-z0-9]");
  }
  for (size_t i = 0; i < id.size(); ++i) {
    if (!IsSlugChar(id[i])) {
      return Status(errors::kBadOrgId, "organisation id may hold only [a-z0-9_-], offending "
                                       "character at " + std::to_string(i));
    }
  }
  return Status::Ok();
}

Status ValidateOrgName(std::string_view name) {
  if (name.empty() || name.size() > kMaxOrgNameLength) {
    return Status(errors::kBadOrgName, "organisation name must be 1-128 bytes, got " +
                                           std::to_string(name.size()));
  }
  if (!ledger::IsValidUtf8(name)) return Status(errors::kBadOrgName, "name is not UTF-8");
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      return Status(errors::kBadOrgName, "name holds a control character");
    }
  }
  return Status::Ok();
}

// ---- records ----

bool Account::HasRole(std::string_view role) const {
  return std::binary_search(roles.begin(), roles.end(), role);
}

const AccountKey* Account::FindKey(ByteView public_key) const {
  for (const AccountKey& k : keys) {
    if (std::equal(k.public_key.begin(), k.public_key.end(), public_key.begin(),
                   public_key.end())) {
      return &k;
    }
  }
  return nullptr;
}

size_t Account::ActiveKeyCount() const {
  return static_cast<size_t>(std::count_if(keys.begin(), keys.end(), [](const AccountKey& k) {
    return k.status == KeyStatus::kActive;
  }));
}

Json Organisation::ToJson() const {
  return Json{{"id", id},
              {"kind", std::string(OrgKindName(kind))},
              {"name", name},
              {"status", std::string(StatusName(status == OrgStatus::kActive))}};
}

Json Account::ToJson() const {
  Json key_list = Json::array();
  for (const AccountKey& k : keys) {
    key_list.push_back(Json{{"public_key", HexEncode(k.public_key)},
                            {"status", k.status == KeyStatus::kActive ? "active" : "revoked"},
                            {"added_height", k.added_height},
                            {"revoked_height", k.revoked_height}});
  }
  return Json{{"id", id.ToHex()},
              {"organisation", organisation},
              {"keys", std::move(key_list)},
              {"roles", roles},
              {"next_nonce", next_nonce},
              {"status", std::string(StatusName(status == AccountStatus::kActive))}};
}

template <class Ar, class Self>
void Organisation::Codec(Ar& ar, Self& s) {
  ar.String(s.id, kMaxOrgIdLength);
  ar.Enum(s.kind);
  ar.String(s.name, kMaxOrgNameLength);
  ar.Enum(s.status);
}

template <class Ar, class Self>
void AccountKey::Codec(Ar& ar, Self& s) {
  ar.Blob(s.public_key, 65);
  ar.Enum(s.status);
  ar.Varint(s.added_height);
  ar.Varint(s.revoked_height);
}

template <class Ar, class Self>
void Account::Codec(Ar& ar, Self& s) {
  ar.Fixed(s.id);
  ar.String(s.organisation, kMaxOrgIdLength);
  ar.List(s.keys, kMaxKeys);
  ar.List(s.roles, kMaxRoles);
  ar.Varint(s.next_nonce);
  ar.Enum(s.status);
}

template <class Ar, class Self>
void RoleSet::Codec(Ar& ar, Self& s) {
  ar.List(s.roles, 64);
}

template void Organisation::Codec(ledger::Writer&, const Organisation&);
template void Organisation::Codec(ledger::Reader&, Organisation&);
template void AccountKey::Codec(ledger::Writer&, const AccountKey&);
template void AccountKey::Codec(ledger::Reader&, AccountKey&);
template void Account::Codec(ledger::Writer&, const Account&);
template void Account::Codec(ledger::Reader&, Account&);
template void RoleSet::Codec(ledger::Writer&, const RoleSet&);
template void RoleSet::Codec(ledger::Reader&, RoleSet&);

}  // namespace cbec::contracts::governance
