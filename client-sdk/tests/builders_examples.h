// One filled example of every typed builder, every optional field set, so
// that the contracts' JSON view of the encoded arguments shows every field.
// Used by client-sdk/tests/builders_test.cc and
// tests/sdk/builders_crosscheck_test.cc.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "cbec/sdk/builders.h"

namespace cbec::sdk::testing {

inline std::string Hex64(char c) { return std::string(64, c); }

inline clearance::ImportOrder ExampleImportOrder() {
  clearance::ImportOrder o;
  o.order_no = "IMP-2026-0001";
  o.ebp_code = "4403980001";
  o.ebc_code = "4403960002";
  o.goods_value = "200.00";
  o.freight = "10.00";
  o.discount = "5.00";
  o.tax_total = "18.20";
  o.actural_paid = "223.20";
  o.buyer_reg_no = "buyer-0001";
  o.buyer_name_digest = Hex64('1');
  o.buyer_id_type_digest = Hex64('2');
  o.buyer_id_number_digest = Hex64('3');
  o.pay_code = "4403990003";
  o.pay_transaction_id = "PAY-2026-0001";
  o.items = {{1, "SKU-1", "Running shoes", "2.0000", "pair", "100.00", "200.00"}};
  return o;
}

inline clearance::ImportList ExampleImportList() {
  clearance::ImportList l;
  l.order_no = "IMP-2026-0001";
  l.ebp_code = "4403980001";
  l.ebc_code = "4403960002";
  l.logistics_code = "4403970004";
  l.logistics_no = "SF0001";
  l.cop_no = "COP-0001";
  l.invt_no = "INVT-0001";
  l.agent_code = "4403970004";
  l.customs_code = "5349";
  l.port_code = "5349";
  l.buyer_name_digest = Hex64('1');
  l.buyer_id_type_digest = Hex64('2');
  l.buyer_id_number_digest = Hex64('3');
  l.freight = "10.00";
  l.insured_fee = "0.00";
  l.items = {{1, "SKU-1", "Running shoes", "6404110000", "2.0000", "pair", "100.00", "200.00"}};
  return l;
}

inline std::vector<Call> GovernanceExamples() {
  const std::string acct(40, 'a'), key(64, 'b');
  gov::Propose propose{"Admit Qianhai Trading",
                       gov::AddOrg{"sz-trading", "enterprise", "Qianhai Trading", {key}}.ToCall(),
                       "2026-12-04"};
  return {
      gov::CreateAccount{"customs", {key, std::string(64, 'c')}, {"officer", "rater"}}.ToCall(),
      gov::AddKey{acct, key}.ToCall(),
      gov::RevokeKey{acct, key}.ToCall(),
      gov::SetRoles{acct, {"lister", "officer"}}.ToCall(),
      gov::SuspendAccount{acct}.ToCall(),
      gov::ReactivateAccount{acct}.ToCall(),
      propose.ToCall(),
      gov::Vote{7, true}.ToCall(),
      gov::AddOrg{"sz-trading", "enterprise", "Qianhai Trading", {key}}.ToCall(),
      gov::SetOrgStatus{"sz-trading", "suspended"}.ToCall(),
      gov::AddValidator{"carrier", key}.ToCall(),
      gov::RemoveValidator{"platform"}.ToCall(),
      gov::SetKindRoles{"logistics", {"admin", "declarant", "operator", "tracer"}}.ToCall(),
      gov::SetProposalThreshold{3}.ToCall(),
  };
}

inline std::vector<Call> CreditExamples() {
  const std::string uscc = "91440300MA5F00003G";
  credit::SetCompositeRule rule;
  rule.rule_id = "CBEC-COMPOSITE-2027";
  rule.classes = {{"A", "Trustworthy", "守信"}, {"D", "Dishonest", "失信"}};
  rule.clauses = {{"D", {{"black_list_at_least", "", {}, "serious"}}},
                  {"D", {{"level_in", "customs", {"dishonest", "seriously_dishonest"}, ""}}},
                  {"A", {{"red_list", "", {}, ""}}}};
  rule.default_class = "A";
  lists::Issue issue{uscc,
                     lists::ListKind::kBlack,
                     lists::Severity::kGeneral,
                     "smuggling",
                     "NDRC Order 36",
                     {"customs.higher_inspection_rate"},
                     "2026-11-27",
                     6};
  return {
      enterprise::Register{uscc, "Qianhai Trading", "existing", "1 Qianhai Road", "Li Lei",
                           "sz-trading"}
          .ToCall(),
      enterprise::Update{uscc, "Qianhai Trading", "revoked", "1 Qianhai Road", "Li Lei"}.ToCall(),
      enterprise::LinkOrganisation{uscc, "sz-trading"}.ToCall(),
      credit::Rate{uscc, "GACC-282", "dishonest", "late declarations", "GACC Order 282",
                   "2026-11-27"}
          .ToCall(),
      credit::ApplyRepair{uscc, "customs", "BL-customs-000001", Hex64('e'), "rectified"}.ToCall(),
      credit::DecideRepair{uscc + "-1", "accept", "rectified", "B"}.ToCall(),
      credit::SetScale{"customs",
                       "GACC-282",
                       "2026-04-01",
                       {{"advanced_certified", "Advanced certified (AEO)", "高级认证企业"}}}
          .ToCall(),
      rule.ToCall(),
      issue.ToCall(),
      lists::Revoke{"BL-customs-000002", "issued in error"}.ToCall(),
      lists::ApplyMeasure{"BL-customs-000001", "tax.no_refund_fast_track", "2026-11-27", "applied"}
          .ToCall(),
      lists::SetMeasures{{{"customs.higher_inspection_rate",
                           lists::ListKind::kBlack,
                           {"customs", "tax"},
                           "Higher inspection rate",
                           "提高查验比例"}}}
          .ToCall(),
  };
}

inline std::vector<Call> IprExamples() {
  const std::string holder = "91440300MA5F00001A", licensee = "91440300MA5F00003G";
  ipr::File file;
  file.reg_no = "56781234";
  file.issuing_office = "CNIPA";
  file.title = "BRIGHTSTEP 明步";
  file.holder = holder;
  file.goods = {{"nice", "25", "Footwear"}, {"hs", "6404", "Sports footwear"}};
  file.licensees = {{licensee, {"nice:25"}, "2030-01-01"}, {holder, {"all"}, ""}};
  file.evidence_digest = Hex64('d');
  file.right_valid_from = "2021-03-14";
  file.right_valid_until = "2031-03-13";
  file.agent = "ip-agency";
  ipr::Amend amend{ipr::IpType::kTrademark, "56781234",
                   std::vector<ipr::Licence>{{licensee, {"all"}, ""}},
                   std::vector<ipr::Goods>{{"nice", "25", "Footwear"}}, Hex64('f')};
  ipr::RecordSeizure seizure{ipr::IpType::kTrademark,
                             "56781234",
                             licensee,
                             "EXP-2026-000777",
                             "counterfeit shoes",
                             2,
                             "pairs",
                             "Shenzhen Shekou",
                             {"ni:///sha-256;" + Hex64('a') + "?ver=CBV2.0"},
                             "suspected infringement"};
  ipr::ReviewRenewal renewal;
  renewal.reg_no = "56781234";
  renewal.reason = "ok";
  ipr::ReviewAmendment amendment;
  amendment.reg_no = "56781234";
  amendment.decision = "reject";
  amendment.reason = "incomplete";
  ipr::RevokeFiling revoke;
  revoke.ip_type = ipr::IpType::kPatent;
  revoke.reg_no = "ZL2020-1";
  revoke.reason = "invalidated";
  ipr::RevokeAgent revoke_agent;
  revoke_agent.holder = holder;
  revoke_agent.agent_org = "ip-agency";
  return {
      file.ToCall(),
      ipr::Review{ipr::IpType::kTrademark, "56781234", "approve", "documents complete"}.ToCall(),
      renewal.ToCall(),
      amendment.ToCall(),
      ipr::Renew{ipr::IpType::kCopyright, "2020-A-1", "2041-03-13"}.ToCall(),
      amend.ToCall(),
      ipr::Withdraw{ipr::IpType::kTrademark, "56781234", "no longer traded"}.ToCall(),
      revoke.ToCall(),
      ipr::AuthoriseAgent{holder, "ip-agency"}.ToCall(),
      revoke_agent.ToCall(),
      seizure.ToCall(),
      ipr::DecideSeizure{"SZ-2026-000001", "confirmed_infringing", "expert opinion"}.ToCall(),
  };
}

inline std::vector<Call> TraceAndClearanceExamples() {
  nlohmann::json doc = {
      {"type", "EPCISDocument"},
      {"schemaVersion", "2.0"},
      {"creationDate", "2026-11-27T10:00:00.000+08:00"},
      {"epcisBody",
       {{"eventList",
         {{{"type", "ObjectEvent"},
           {"action", "OBSERVE"},
           {"eventTime", "2026-11-27T10:00:00.000+08:00"},
           {"eventTimeZoneOffset", "+08:00"},
           {"epcList", {"urn:epc:id:sscc:6901234.0000000001"}},
           {"bizStep", "shipping"},
           {"quantityList",
            {{{"epcClass", "urn:epc:class:lgtin:6901234.012345.L1"}, {"quantity", 2}}}}}}}}}};
  clearance::SubmitOrder order_imp{clearance::Direction::kImport, ExampleImportOrder(), {}};
  clearance::SubmitOrder order_exp;
  order_exp.direction = clearance::Direction::kExport;
  order_exp.export_doc = {"EXP-2026-0001",
                          "4403980001",
                          "4403960002",
                          "300.00",
                          "20.00",
                          "142",
                          {{1, "SKU-9", "Tea", "3.5000", "kg", "80.00", "280.00"}}};
  clearance::SubmitPayment pay{
      clearance::Direction::kImport,
      {"4403990003", "PAY-2026-0001", "IMP-2026-0001", "4403980001", Hex64('4'), Hex64('5'),
       Hex64('6'), "223.20", "142", "20261127100000"},
      {}};
  clearance::SubmitWaybill bill{clearance::Direction::kImport,
                                {"4403970004", "SF0001", "BILL-1", "10.00", "0.00", "2.1000", 1},
                                {}};
  clearance::SubmitList list{clearance::Direction::kImport, ExampleImportList(), {}};
  clearance::SubmitPayment pay_exp;
  pay_exp.direction = clearance::Direction::kExport;
  pay_exp.export_doc = {"EXP-2026-0001", "4403980001", "4403960002", "4403990003",
                        "RCV-0001",      "300.00",     "142",        "20261127120000"};
  clearance::SubmitWaybill bill_exp;
  bill_exp.direction = clearance::Direction::kExport;
  bill_exp.export_doc = {"4403970004", "SF0002", "20.00", "1.50", "3.5000", 2};
  clearance::SubmitList list_exp;
  list_exp.direction = clearance::Direction::kExport;
  list_exp.export_doc = {"EXP-2026-0001",
                         "4403980001",
                         "4403960002",
                         "4403970004",
                         "SF0002",
                         "COP-0002",
                         "4403970004",
                         "5316",
                         "5316",
                         "20.00",
                         "1.50",
                         "142",
                         {{1, "SKU-9", "Tea", "0902100000", "3.5000", "kg", "80.00", "280.00"}}};
  clearance::UpdateParty update{
      "4403980001", "91440300MA5F00002D", "Qianhai Mall", {"ebp"}, "renamed"};
  clearance::ReinstateParty reinstate;
  reinstate.code = "4403990003";
  reinstate.reason = "licence restored";
  return {
      trace::Capture{doc}.ToCall(),
      trace::SelectForInspection{{"urn:epc:id:sscc:6901234.0000000001"},
                                 "urn:cbec:declaration:EXP-2026-000123",
                                 "risk profile"}
          .ToCall(),
      clearance::RegisterParty{"4403980001", "91440300MA5F00002D", "Qianhai Mall", {"ebp", "ebc"}}
          .ToCall(),
      update.ToCall(),
      clearance::SuspendParty{"4403990003", "licence withdrawn"}.ToCall(),
      reinstate.ToCall(),
      clearance::SetLimits{"5000.00", "26000.00", "0.00", "MOF/GACC/STA 2018 No. 49",
                           "annual review"}
          .ToCall(),
      order_imp.ToCall(),
      order_exp.ToCall(),
      pay.ToCall(),
      bill.ToCall(),
      list.ToCall(),
      pay_exp.ToCall(),
      bill_exp.ToCall(),
      list_exp.ToCall(),
  };
}

// Every example, in the order above.
inline std::vector<Call> AllBuilderExamples() {
  std::vector<Call> out;
  for (auto part :
       {GovernanceExamples(), CreditExamples(), IprExamples(), TraceAndClearanceExamples()}) {
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

}  // namespace cbec::sdk::testing
