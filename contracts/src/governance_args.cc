// Governance argument types: codecs and JSON views.
#include "cbec/contracts/governance_args.h"

#include "cbec/base/hex.h"
#include "cbec/contracts/state.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/json.h"

namespace cbec::contracts::governance {

namespace {

using ledger::JsonReader;

// A JSON array of at most `max` strings of at most `max_len` bytes each.
Result<std::vector<std::string>> StringList(const Json& j, size_t max, size_t max_len) {
  if (!j.is_array()) return Status(ledger::errors::kBadJson, "expected an array of strings");
  if (j.size() > max) {
    return Status(ledger::errors::kBadJson, "more than " + std::to_string(max) + " entries");
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_string() || j[i].get_ref<const std::string&>().size() > max_len) {
      return Status(ledger::errors::kBadJson, "[" + std::to_string(i) +
                                                  "]: expected a string of at most " +
                                                  std::to_string(max_len) + " bytes");
    }
    out.push_back(j[i].get<std::string>());
  }
  return out;
}

// A JSON array of lower-case hex strings, each at most `max_len` bytes decoded.
Result<std::vector<Bytes>> HexList(const Json& j, size_t max, size_t max_len) {
  CBEC_ASSIGN_OR_RETURN(std::vector<std::string> texts, StringList(j, max, 2 * max_len));
  std::vector<Bytes> out;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (!ledger::IsLowerHex(texts[i])) {
      return Status(ledger::errors::kBadJson,
                    "[" + std::to_string(i) + "]: expected lower-case hex");
    }
    CBEC_ASSIGN_OR_RETURN(Bytes raw, HexDecode(texts[i]));
    out.push_back(std::move(raw));
  }
  return out;
}

Json HexArray(const std::vector<Bytes>& list) {
  Json out = Json::array();
  for (const Bytes& b : list) out.push_back(HexEncode(b));
  return out;
}

void ReadLimit(JsonReader& r, const Json& j, uint64_t& limit) {
  if (j.is_object() && j.contains("limit")) r.U64("limit", limit);
}

}  // namespace

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
  r.Nested("keys", a.keys, [](const Json& f) { return HexList(f, kArgListMax, kArgKeyMax); });
  r.Nested("roles", a.roles,
           [](const Json& f) { return StringList(f, kArgListMax, kArgStringMax); });
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
           [](const Json& f) { return StringList(f, kArgListMax, kArgStringMax); });
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
  ReadLimit(r, j, a.limit);
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
  ReadLimit(r, j, a.limit);
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
