// Clearance argument types: codecs and JSON views.
#include "cbec/contracts/clearance_args.h"

#include "cbec/contracts/args_json.h"
#include "cbec/contracts/clearance_errors.h"
#include "cbec/contracts/clearance_records.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/json.h"

namespace cbec::contracts::clearance {

namespace {

using ledger::JsonReader;

constexpr size_t kArgStringMax = 4096;

Result<std::vector<PartyKind>> KindsFromJson(const Json& j) {
  CBEC_ASSIGN_OR_RETURN(std::vector<std::string> names, JsonStringList(j, 8, 32));
  std::vector<PartyKind> out;
  for (const std::string& n : names) {
    CBEC_ASSIGN_OR_RETURN(PartyKind k, ParsePartyKind(n));
    out.push_back(k);
  }
  return out;
}

Result<Fen> FenFromJson(const Json& j) {
  if (!j.is_string()) {
    return Status(errors::kBadAmount, "expected a decimal string such as \"5000.00\"");
  }
  return ParseFen(j.get<std::string>());
}

}  // namespace

template <class Ar, class Self>
void PartyArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.code, kArgStringMax);
  ar.String(s.uscc, kArgStringMax);
  ar.String(s.name, kArgStringMax);
  ar.List(s.kinds, 8);
  ar.String(s.reason, kArgStringMax);
}

template <class Ar, class Self>
void PartyStatusArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.code, kArgStringMax);
  ar.String(s.reason, kArgStringMax);
}

template <class Ar, class Self>
void SetLimitsArgs::Codec(Ar& ar, Self& s) {
  ar.Varint(s.single_fen);
  ar.Varint(s.annual_fen);
  ar.Varint(s.tolerance_fen);
  ar.String(s.legal_basis, kArgStringMax);
  ar.String(s.reason, kArgStringMax);
}

template void PartyArgs::Codec(ledger::Writer&, const PartyArgs&);
template void PartyArgs::Codec(ledger::Reader&, PartyArgs&);
template void PartyStatusArgs::Codec(ledger::Writer&, const PartyStatusArgs&);
template void PartyStatusArgs::Codec(ledger::Reader&, PartyStatusArgs&);
template void SetLimitsArgs::Codec(ledger::Writer&, const SetLimitsArgs&);
template void SetLimitsArgs::Codec(ledger::Reader&, SetLimitsArgs&);

Json PartyArgs::ToJson() const {
  Json k = Json::array();
  for (PartyKind x : kinds) k.push_back(std::string(PartyKindName(x)));
  return Json{
      {"code", code}, {"uscc", uscc}, {"name", name}, {"kinds", std::move(k)}, {"reason", reason}};
}

Result<PartyArgs> PartyArgs::FromJson(const Json& j) {
  PartyArgs a;
  JsonReader r(j, "args");
  r.String("code", a.code, kArgStringMax);
  r.String("uscc", a.uscc, kArgStringMax);
  r.String("name", a.name, kArgStringMax);
  r.Nested("kinds", a.kinds, KindsFromJson);
  OptionalString(r, j, "reason", a.reason, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json PartyStatusArgs::ToJson() const { return Json{{"code", code}, {"reason", reason}}; }

Result<PartyStatusArgs> PartyStatusArgs::FromJson(const Json& j) {
  PartyStatusArgs a;
  JsonReader r(j, "args");
  r.String("code", a.code, kArgStringMax);
  r.String("reason", a.reason, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json SetLimitsArgs::ToJson() const {
  return Json{{"single_limit", FormatFen(single_fen)},
              {"annual_limit", FormatFen(annual_fen)},
              {"tolerance", FormatFen(tolerance_fen)},
              {"legal_basis", legal_basis},
              {"reason", reason}};
}

Result<SetLimitsArgs> SetLimitsArgs::FromJson(const Json& j) {
  SetLimitsArgs a;
  JsonReader r(j, "args");
  r.Nested("single_limit", a.single_fen, FenFromJson);
  r.Nested("annual_limit", a.annual_fen, FenFromJson);
  r.Nested("tolerance", a.tolerance_fen, FenFromJson);
  r.String("legal_basis", a.legal_basis, kArgStringMax);
  r.String("reason", a.reason, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

// ---- queries ----

Result<OrderQueryArgs> OrderQueryArgs::FromJson(const Json& j) {
  OrderQueryArgs a;
  JsonReader r(j, "args");
  r.String("direction", a.direction, 16);
  r.String("ebpCode", a.ebp_code, kArgStringMax);
  r.String("orderNo", a.order_no, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<RiskQueryArgs> RiskQueryArgs::FromJson(const Json& j) {
  RiskQueryArgs a;
  JsonReader r(j, "args");
  r.String("uscc", a.uscc, kArgStringMax);
  OptionalString(r, j, "from", a.from, 16);
  OptionalString(r, j, "to", a.to, 16);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<PartiesQueryArgs> PartiesQueryArgs::FromJson(const Json& j) {
  PartiesQueryArgs a;
  if (j.is_null()) return a;
  JsonReader r(j, "args");
  OptionalString(r, j, "start_after", a.start_after, kArgStringMax);
  ReadOptionalLimit(r, j, a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<PartyQueryArgs> PartyQueryArgs::FromJson(const Json& j) {
  PartyQueryArgs a;
  JsonReader r(j, "args");
  r.String("code", a.code, kArgStringMax);
  if (j.is_object() && j.contains("start_after")) r.U64("start_after", a.start_after);
  ReadOptionalLimit(r, j, a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<LimitsQueryArgs> LimitsQueryArgs::FromJson(const Json& j) {
  LimitsQueryArgs a;
  if (j.is_null()) return a;
  JsonReader r(j, "args");
  if (j.is_object() && j.contains("version")) {
    uint64_t v = 0;
    r.U64("version", v);
    a.version = v;
  }
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<BuyerTotalQueryArgs> BuyerTotalQueryArgs::FromJson(const Json& j) {
  BuyerTotalQueryArgs a;
  JsonReader r(j, "args");
  r.String("buyerIdNumberDigest", a.digest, 128);
  r.U32("year", a.year);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

}  // namespace cbec::contracts::clearance
