// Ipr state keys and record access.
#include "cbec/contracts/errors.h"
#include "cbec/contracts/ipr.h"
#include "cbec/contracts/ipr_errors.h"
#include "cbec/ledger/state_key.h"
#include "ipr_internal.h"

namespace cbec::contracts::ipr {

namespace {

ledger::KeyBuilder Table(std::string_view table) { return ledger::KeyBuilder(kContractName, table); }

}  // namespace

Bytes FilingKey(IpType type, std::string_view reg_no) {
  return Table("filing").Str(IpTypeName(type)).Str(reg_no).Build();
}
Bytes AuthKeyForRef(std::string_view exporter, std::string_view goods_ref) {
  return Table("auth").Str(exporter).Str(goods_ref).Build();
}
Bytes AuthKey(std::string_view exporter, std::string_view scheme, std::string_view code) {
  return AuthKeyForRef(exporter, std::string(scheme) + ":" + std::string(code));
}
Bytes HistoryKey(IpType type, std::string_view reg_no, uint64_t seq) {
  return Table("history").Str(IpTypeName(type)).Str(reg_no).U64(seq).Build();
}
Bytes HistoryPrefix(IpType type, std::string_view reg_no) {
  return Table("history").Str(IpTypeName(type)).Str(reg_no).Build();
}
Bytes ByHolderKey(std::string_view holder, IpType type, std::string_view reg_no) {
  return Table("by_holder").Str(holder).Str(IpTypeName(type)).Str(reg_no).Build();
}
Bytes ByHolderPrefix(std::string_view holder) { return Table("by_holder").Str(holder).Build(); }
Bytes ByGoodsKey(std::string_view goods_ref, IpType type, std::string_view reg_no) {
  return Table("by_goods").Str(goods_ref).Str(IpTypeName(type)).Str(reg_no).Build();
}
Bytes ByGoodsPrefix(std::string_view goods_ref) { return Table("by_goods").Str(goods_ref).Build(); }
Bytes AgentKey(std::string_view holder, std::string_view org) {
  return Table("agent").Str(holder).Str(org).Build();
}
Bytes AgentPrefix(std::string_view holder) { return Table("agent").Str(holder).Build(); }
Bytes RecordationSeqKey(IpType type, uint64_t year) {
  return Table("recordation_seq").Str(IpTypeName(type)).U64(year).Build();
}
Bytes SeizureSeqKey(uint64_t year) { return Table("seizure_seq").U64(year).Build(); }
Bytes SeizureKey(std::string_view id) { return Table("seizure").Str(id).Build(); }
Bytes SeizureByFilingKey(IpType type, std::string_view reg_no, std::string_view id) {
  return Table("seizure_by_filing").Str(IpTypeName(type)).Str(reg_no).Str(id).Build();
}
Bytes SeizureByFilingPrefix(IpType type, std::string_view reg_no) {
  return Table("seizure_by_filing").Str(IpTypeName(type)).Str(reg_no).Build();
}
Bytes SeizureByExporterKey(std::string_view exporter, std::string_view id) {
  return Table("seizure_by_exporter").Str(exporter).Str(id).Build();
}
Bytes SeizureByExporterPrefix(std::string_view exporter) {
  return Table("seizure_by_exporter").Str(exporter).Build();
}

Result<std::optional<Filing>> LoadFiling(const StateView& state, IpType type,
                                         std::string_view reg_no) {
  return GetRecord<Filing>(state, FilingKey(type, reg_no));
}

Result<std::optional<AuthRecord>> LoadAuth(const StateView& state, std::string_view exporter,
                                           GoodsScheme scheme, std::string_view code) {
  return GetRecord<AuthRecord>(state, AuthKey(exporter, GoodsSchemeName(scheme), code));
}

Result<Filing> RequireFiling(const StateView& state, std::string_view ip_type,
                             std::string_view reg_no) {
  CBEC_ASSIGN_OR_RETURN(IpType type, ParseIpType(ip_type));
  CBEC_RETURN_IF_ERROR(ValidateRegNo(reg_no));
  CBEC_ASSIGN_OR_RETURN(std::optional<Filing> f, LoadFiling(state, type, reg_no));
  if (!f) {
    return Status(errors::kUnknownFiling, "no filing of " + std::string(ip_type) + " \"" +
                                              std::string(reg_no) + "\"");
  }
  return std::move(*f);
}

Status ParseRightId(std::string_view id, IpType& type, std::string& reg_no) {
  size_t colon = id.find(':');
  Status bad(errors::kBadStartAfter,
             "expected \"<ip_type>:<reg_no>\", e.g. \"trademark:12345678\", got \"" +
                 std::string(id) + "\"");
  if (colon == std::string_view::npos) return bad;
  auto t = ParseIpType(id.substr(0, colon));
  if (!t.ok() || !ValidateRegNo(id.substr(colon + 1)).ok()) return bad;
  type = *t;
  reg_no = std::string(id.substr(colon + 1));
  return Status::Ok();
}

Status ValidateSeizureId(std::string_view id) {
  bool ok = id.size() >= 13 && id.size() <= 32 && id.substr(0, 3) == "SZ-" && id[7] == '-';
  for (size_t i = 3; ok && i < id.size(); ++i) {
    ok = i == 7 || (id[i] >= '0' && id[i] <= '9');
  }
  if (!ok) {
    return Status(errors::kBadSeizureId,
                  "seizure id must look like SZ-2026-000001, got \"" + std::string(id) + "\"");
  }
  return Status::Ok();
}

}  // namespace cbec::contracts::ipr
