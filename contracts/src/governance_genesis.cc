// The governance section of the genesis app_state (docs/spec/contracts.md).
#include <map>
#include <set>

#include "cbec/base/hex.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/governance_args.h"
#include "cbec/contracts/governance_errors.h"
#include "cbec/contracts/governance_proposals.h"
#include "cbec/crypto/sign.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/json.h"

namespace cbec::contracts::governance {

namespace {

using ledger::JsonReader;

// A fault at `path`: the message starts with the path, the kind is kept.
Status At(const std::string& path, const ErrorKind& kind, const std::string& message) {
  return Status(kind, path + ": " + message);
}
Status At(const std::string& path, const Status& s) { return At(path, s.kind(), s.message()); }

std::string Index(const std::string& path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

// A JSON array of strings at `path` (each at most `max_len` bytes).
Result<std::vector<std::string>> Strings(const Json& j, const std::string& path, size_t max_len) {
  if (!j.is_array()) return At(path, ledger::errors::kBadJson, "expected an array");
  std::vector<std::string> out;
  for (size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_string() || j[i].get_ref<const std::string&>().size() > max_len) {
      return At(Index(path, i), ledger::errors::kBadJson,
                "expected a string of at most " + std::to_string(max_len) + " bytes");
    }
    out.push_back(j[i].get<std::string>());
  }
  return out;
}

// The allowed roles of every kind: "roles_by_kind" where given, else defaults.
Status LoadRolePolicy(const Json* policy, const std::string& path, Overlay& state) {
  std::map<OrgKind, std::vector<std::string>> roles;
  for (OrgKind k : AllOrgKinds()) roles[k] = DefaultRolesForKind(k);
  if (policy != nullptr) {
    if (!policy->is_object()) return At(path, ledger::errors::kBadJson, "expected an object");
    for (auto it = policy->begin(); it != policy->end(); ++it) {
      std::string here = path + "." + it.key();
      auto kind = ParseOrgKind(it.key());
      if (!kind.ok()) return At(here, kind.status());
      CBEC_ASSIGN_OR_RETURN(std::vector<std::string> list, Strings(*it, here, kMaxRoleLength));
      Status valid = ValidateRoles(list, KnownRoles());
      if (!valid.ok()) return At(here, valid);
      roles[*kind] = std::move(list);
    }
  }
  for (const auto& [kind, list] : roles) PutRecord(state, KindRolesKey(kind), RoleSet{list});
  return Status::Ok();
}

Status LoadOrganisation(const Json& j, const std::string& path, Overlay& state) {
  Organisation org;
  std::string kind;
  JsonReader r(j, path);
  r.String("id", org.id, kArgStringMax);
  r.String("kind", kind, kArgStringMax);
  r.String("name", org.name, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  if (Status s = ValidateOrgId(org.id); !s.ok()) return At(r.Path("id"), s);
  auto parsed = ParseOrgKind(kind);
  if (!parsed.ok()) return At(r.Path("kind"), parsed.status());
  org.kind = *parsed;
  if (Status s = ValidateOrgName(org.name); !s.ok()) return At(r.Path("name"), s);
  CBEC_ASSIGN_OR_RETURN(std::optional<Organisation> existing, LoadOrg(state, org.id));
  if (existing) return At(r.Path("id"), errors::kOrgExists, "duplicate organisation " + org.id);
  StoreOrg(state, org);
  return Status::Ok();
}

// The keys of a genesis account, parsed in the chain's suite.
Result<std::vector<crypto::PublicKey>> AccountKeys(const Json& j, const std::string& path,
                                                   crypto::Suite suite) {
  CBEC_ASSIGN_OR_RETURN(std::vector<std::string> texts, Strings(j, path, 2 * kArgKeyMax));
  if (texts.empty()) return At(path, errors::kNoKeys, "an account needs at least one key");
  if (texts.size() > kMaxActiveKeys) {
    return At(path, errors::kTooManyKeys, "at most " + std::to_string(kMaxActiveKeys) + " keys");
  }
  std::vector<crypto::PublicKey> keys;
  std::set<std::string> seen;
  for (size_t i = 0; i < texts.size(); ++i) {
    auto key = crypto::PublicKey::FromHex(suite, texts[i]);
    if (!key.ok() || !ledger::IsLowerHex(texts[i])) {
      std::string why = key.ok() ? "expected lower-case hex" : key.status().message();
      return At(Index(path, i), errors::kBadKey, why);
    }
    if (!seen.insert(texts[i]).second) {
      return At(Index(path, i), errors::kKeyExists, "repeats a key");
    }
    keys.push_back(*key);
  }
  return keys;
}

Status LoadAccountEntry(const Json& j, const std::string& path, crypto::Suite suite,
                        Overlay& state) {
  Account account;
  JsonReader r(j, path);
  r.String("organisation", account.organisation, kArgStringMax);
  const Json* keys_json = r.Field("keys");
  const Json* roles_json = r.Field("roles");
  std::string id_text;
  if (j.is_object() && j.contains("id")) r.String("id", id_text, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());

  CBEC_ASSIGN_OR_RETURN(std::optional<Organisation> org, LoadOrg(state, account.organisation));
  if (!org) {
    return At(r.Path("organisation"), errors::kUnknownOrg,
              "no organisation '" + account.organisation + "' (list it under organisations)");
  }
  CBEC_ASSIGN_OR_RETURN(std::vector<crypto::PublicKey> keys,
                        AccountKeys(*keys_json, r.Path("keys"), suite));
  CBEC_ASSIGN_OR_RETURN(account.roles, Strings(*roles_json, r.Path("roles"), kMaxRoleLength));
  CBEC_ASSIGN_OR_RETURN(std::vector<std::string> allowed, LoadKindRoles(state, org->kind));
  if (Status s = ValidateRoles(account.roles, allowed); !s.ok()) return At(r.Path("roles"), s);

  account.id = ledger::DeriveAccountId(keys[0]);
  if (!id_text.empty() && id_text != account.id.ToHex()) {
    return At(r.Path("id"), errors::kAccountIdMismatch,
              "the first key gives account id " + account.id.ToHex());
  }
  CBEC_ASSIGN_OR_RETURN(std::optional<Account> existing, LoadAccount(state, account.id));
  if (existing) {
    return At(r.Path("keys"), errors::kAccountExists,
              "account " + account.id.ToHex() + " is listed twice");
  }
  for (const crypto::PublicKey& k : keys) {
    account.keys.push_back({Bytes(k.view().begin(), k.view().end()), KeyStatus::kActive, 0, 0});
  }
  return StoreNewAccount(state, account);
}

// Runs `load(element, path)` over the array field `key` of `section`.
template <typename Load>
Status ForEach(const Json& array, const std::string& path, Load&& load) {
  if (!array.is_array()) return At(path, ledger::errors::kBadJson, "expected an array");
  for (size_t i = 0; i < array.size(); ++i) {
    CBEC_RETURN_IF_ERROR(load(array[i], Index(path, i)));
  }
  return Status::Ok();
}

}  // namespace

Status InitGenesis(const Json& section, const std::string& path, crypto::Suite suite,
                   Overlay& state) {
  JsonReader r(section, path);
  const Json* orgs = r.Field("organisations");
  const Json* accounts = r.Field("accounts");
  const Json* policy = nullptr;
  if (section.is_object() && section.contains("roles_by_kind")) policy = r.Field("roles_by_kind");
  const Json* threshold = nullptr;
  if (section.is_object() && section.contains("proposal_threshold")) {
    threshold = r.Field("proposal_threshold");
  }
  CBEC_RETURN_IF_ERROR(r.Finish());
  CBEC_RETURN_IF_ERROR(LoadRolePolicy(policy, r.Path("roles_by_kind"), state));
  CBEC_RETURN_IF_ERROR(ForEach(*orgs, r.Path("organisations"),
                               [&](const Json& j, const std::string& here) {
                                 return LoadOrganisation(j, here, state);
                               }));
  CBEC_RETURN_IF_ERROR(InitGenesisParams(threshold, r.Path("proposal_threshold"), state));
  return ForEach(*accounts, r.Path("accounts"), [&](const Json& j, const std::string& here) {
    return LoadAccountEntry(j, here, suite, state);
  });
}

}  // namespace cbec::contracts::governance
