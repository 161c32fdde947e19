// Enterprise argument types: codecs and JSON views.
#include "cbec/contracts/enterprise_args.h"

#include "cbec/ledger/codec.h"
#include "cbec/ledger/json.h"

namespace cbec::contracts::enterprise {

namespace {

using ledger::JsonReader;

bool Has(const Json& j, const char* key) { return j.is_object() && j.contains(key); }

void ReadPage(JsonReader& r, const Json& j, uint64_t& limit) {
  if (Has(j, "limit")) r.U64("limit", limit);
}

}  // namespace

template <class Ar, class Self>
void EnterpriseArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.uscc, kArgStringMax);
  ar.String(s.name, kArgStringMax);
  ar.String(s.status, kArgStringMax);
  ar.String(s.registered_address, kArgStringMax);
  ar.String(s.legal_representative, kArgStringMax);
  ar.String(s.organisation, kArgStringMax);
}

template <class Ar, class Self>
void UpdateArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.uscc, kArgStringMax);
  ar.String(s.name, kArgStringMax);
  ar.String(s.status, kArgStringMax);
  ar.String(s.registered_address, kArgStringMax);
  ar.String(s.legal_representative, kArgStringMax);
}

template <class Ar, class Self>
void LinkArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.uscc, kArgStringMax);
  ar.String(s.organisation, kArgStringMax);
}

template void EnterpriseArgs::Codec(ledger::Writer&, const EnterpriseArgs&);
template void EnterpriseArgs::Codec(ledger::Reader&, EnterpriseArgs&);
template void UpdateArgs::Codec(ledger::Writer&, const UpdateArgs&);
template void UpdateArgs::Codec(ledger::Reader&, UpdateArgs&);
template void LinkArgs::Codec(ledger::Writer&, const LinkArgs&);
template void LinkArgs::Codec(ledger::Reader&, LinkArgs&);

Json EnterpriseArgs::ToJson() const {
  return Json{{"uscc", uscc},
              {"name", name},
              {"status", status},
              {"registered_address", registered_address},
              {"legal_representative", legal_representative},
              {"organisation", organisation}};
}

Result<EnterpriseArgs> EnterpriseArgs::FromJson(const Json& j) {
  EnterpriseArgs a;
  JsonReader r(j, "args");
  r.String("uscc", a.uscc, kArgStringMax);
  r.String("name", a.name, kArgStringMax);
  r.String("status", a.status, kArgStringMax);
  r.String("registered_address", a.registered_address, kArgStringMax);
  r.String("legal_representative", a.legal_representative, kArgStringMax);
  if (Has(j, "organisation")) r.String("organisation", a.organisation, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json UpdateArgs::ToJson() const {
  return Json{{"uscc", uscc},
              {"name", name},
              {"status", status},
              {"registered_address", registered_address},
              {"legal_representative", legal_representative}};
}

Result<UpdateArgs> UpdateArgs::FromJson(const Json& j) {
  UpdateArgs a;
  JsonReader r(j, "args");
  r.String("uscc", a.uscc, kArgStringMax);
  r.String("name", a.name, kArgStringMax);
  r.String("status", a.status, kArgStringMax);
  r.String("registered_address", a.registered_address, kArgStringMax);
  r.String("legal_representative", a.legal_representative, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json LinkArgs::ToJson() const { return Json{{"uscc", uscc}, {"organisation", organisation}}; }

Result<LinkArgs> LinkArgs::FromJson(const Json& j) {
  LinkArgs a;
  JsonReader r(j, "args");
  r.String("uscc", a.uscc, kArgStringMax);
  r.String("organisation", a.organisation, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<UsccQueryArgs> UsccQueryArgs::FromJson(const Json& j) {
  UsccQueryArgs a;
  JsonReader r(j, "args");
  r.String("uscc", a.uscc, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<ListArgs> ListArgs::FromJson(const Json& j) {
  ListArgs a;
  if (j.is_null()) return a;
  JsonReader r(j, "args");
  if (Has(j, "start_after")) r.String("start_after", a.start_after, kArgStringMax);
  ReadPage(r, j, a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<ByOrgArgs> ByOrgArgs::FromJson(const Json& j) {
  ByOrgArgs a;
  JsonReader r(j, "args");
  r.String("organisation", a.organisation, kArgStringMax);
  if (Has(j, "start_after")) r.String("start_after", a.start_after, kArgStringMax);
  ReadPage(r, j, a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<HistoryArgs> HistoryArgs::FromJson(const Json& j) {
  HistoryArgs a;
  JsonReader r(j, "args");
  r.String("uscc", a.uscc, kArgStringMax);
  if (Has(j, "start_after")) r.U64("start_after", a.start_after);
  ReadPage(r, j, a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

}  // namespace cbec::contracts::enterprise
