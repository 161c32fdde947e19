// Governance argument types: codecs and JSON views.
#include "cbec/contracts/governance_args.h"

#include "cbec/base/hex.h"
#include "cbec/contracts/args_json.h"
#include "cbec/contracts/state.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/json.h"

namespace cbec::contracts::governance {

using ledger::JsonReader;

// ---- codecs ----

template <class Ar, class Self>
void CreateAccountArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.organisation, kArgStringMax);
  ar.List(s.keys, kArgListMax);
  ar.List(s.roles, kArgListMax);
}

template <class Ar, class Self>
void KeyArgs::Codec(Ar& ar, Self& s) {
  ar.Fixed(s.account);
  ar.Blob(s.key, kArgKeyMax);
}

template <class Ar, class Self>
void SetRolesArgs::Codec(Ar& ar, Self& s) {
  ar.Fixed(s.account);
  ar.List(s.roles, kArgListMax);
}

template <class Ar, class Self>
void AccountArgs::Codec(Ar& ar, Self& s) {
  ar.Fixed(s.account);
}

template void CreateAccountArgs::Codec(ledger::Writer&, const CreateAccountArgs&);
template void CreateAccountArgs::Codec(ledger::Reader&, CreateAccountArgs&);
template void KeyArgs::Codec(ledger::Writer&, const KeyArgs&);
template void KeyArgs::Codec(ledger::Reader&, KeyArgs&);
template void SetRolesArgs::Codec(ledger::Writer&, const SetRolesArgs&);
template void SetRolesArgs::Codec(ledger::Reader&, SetRolesArgs&);
template void AccountArgs::Codec(ledger::Writer&, const AccountArgs&);
template void AccountArgs::Codec(ledger::Reader&, AccountArgs&);

// ---- JSON ----

Json CreateAccountArgs::ToJson() const {
  return Json{{"organisation", organisation}, {"keys", HexArray(keys)}, {"roles", roles}};
}

Result<CreateAccountArgs> CreateAccountArgs::FromJson(const Json& j) {
  CreateAccountArgs a;
  JsonReader r(j, "args");
  r.String("organisation", a.organisation, kArgStringMax);
  r.Nested("keys", a.keys, [](const Json& f) { return JsonHexList(f, kArgListMax, kArgKeyMax); });
  r.Nested("roles", a.roles,
           [](const Json& f) { return JsonStringList(f, kArgListMax, kArgStringMax); });
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json KeyArgs::ToJson() const {
  return Json{{"account", account.ToHex()}, {"key", HexEncode(key)}};
}

Result<KeyArgs> KeyArgs::FromJson(const Json& j) {
  KeyArgs a;
  JsonReader r(j, "args");
  r.Fixed("account", a.account);
  r.Hex("key", a.key, kArgKeyMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json SetRolesArgs::ToJson() const { return Json{{"account", account.ToHex()}, {"roles", roles}}; }

Result<SetRolesArgs> SetRolesArgs::FromJson(const Json& j) {
  SetRolesArgs a;
  JsonReader r(j, "args");
  r.Fixed("account", a.account);
  r.Nested("roles", a.roles,
           [](const Json& f) { return JsonStringList(f, kArgListMax, kArgStringMax); });
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json AccountArgs::ToJson() const { return Json{{"account", account.ToHex()}}; }

Result<AccountArgs> AccountArgs::FromJson(const Json& j) {
  AccountArgs a;
  JsonReader r(j, "args");
  r.Fixed("account", a.account);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<OrgQueryArgs> OrgQueryArgs::FromJson(const Json& j) {
  OrgQueryArgs a;
  JsonReader r(j, "args");
  r.String("id", a.id, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<ListOrgsArgs> ListOrgsArgs::FromJson(const Json& j) {
  ListOrgsArgs a;
  JsonReader r(j, "args");
  if (j.is_object() && j.contains("start_after")) {
    r.String("start_after", a.start_after, kArgStringMax);
  }
  ReadOptionalLimit(r, j, a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<ListAccountsArgs> ListAccountsArgs::FromJson(const Json& j) {
  ListAccountsArgs a;
  JsonReader r(j, "args");
  r.String("organisation", a.organisation, kArgStringMax);
  if (j.is_object() && j.contains("start_after")) {
    ledger::AccountId after;
    r.Fixed("start_after", after);
    a.start_after = after;
  }
  ReadOptionalLimit(r, j, a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<NoArgs> NoArgs::FromJson(const Json& j) {
  if (j.is_null()) return NoArgs{};
  JsonReader r(j, "args");
  CBEC_RETURN_IF_ERROR(r.Finish());
  return NoArgs{};
}

}  // namespace cbec::contracts::governance
