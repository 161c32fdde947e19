// A chain for clearance tests: customs, market supervision and six
// enterprises (platform, e-commerce enterprise, payment institution,
// logistics company, declaring agent, an unrelated one), each linked to its
// own organisation and registered as a clearance party; consistent import
// and export documents; blocks at chosen times.
//
// The enterprises' organisations are of kind enterprise (the enterprise
// contract links only those), with roles_by_kind letting that kind hold
// operator too, so that payment and logistics accounts can submit.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "cbec/contracts/clearance.h"
#include "cbec/contracts/clearance_args.h"
#include "cbec/contracts/clearance_docs.h"
#include "cbec/contracts/clearance_records.h"
#include "cbec/contracts/dates.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/enterprise_args.h"
#include "cbec/contracts/query.h"
#include "test_chain.h"

namespace cbec::contracts::testing {

namespace cl = clearance;

// Keys of the accounts.
inline constexpr int kClOfficer = 21, kClCustomsAdmin = 22, kClRegistrar = 50;
inline constexpr int kEbpDeclarant = 61, kEbpOperator = 62, kEbcDeclarant = 71;
inline constexpr int kPayOperator = 81, kPayDeclarant = 82, kLogOperator = 91;
inline constexpr int kAgentDeclarant = 101, kOtherDeclarant = 111, kOtherOperator = 112;

inline const std::string kEbp = "EBP0000001", kEbc = "EBC0000001", kPay = "PAY0000001",
                         kLog = "LOG0000001", kAgent = "AGT0000001", kOtherParty = "OTH0000001";

inline const std::string& EbpUscc() {
  static const std::string k = UsccWithCheck("91330100MA2AAAAA1");
  return k;
}
inline const std::string& EbcUscc() {
  static const std::string k = UsccWithCheck("91330100MA2BBBBB2");
  return k;
}
inline const std::string& PayUscc() {
  static const std::string k = UsccWithCheck("91310000MA1CCCCC3");
  return k;
}
inline const std::string& LogUscc() {
  static const std::string k = UsccWithCheck("91440300MA5DDDDD4");
  return k;
}
inline const std::string& AgentUscc() {
  static const std::string k = UsccWithCheck("91350200MA3EEEEE5");
  return k;
}
inline const std::string& OtherEntUscc() {
  static const std::string k = UsccWithCheck("91110000MA0FFFFF6");
  return k;
}

// 2026-11-10 02:00 UTC = 10:00 in China Standard Time.
inline uint64_t ClT0() { return ParseDate("2026-11-10").value() + 2 * 3600 * 1000; }
inline uint64_t ClAt(uint64_t n) { return ClT0() + n * 60 * 1000; }

inline const Bytes& Salt() {
  static const Bytes kSalt = ToBytes("pilot-zone-salt-2026");
  return kSalt;
}
inline Hash32 Pd(std::string_view field, std::string_view value) {
  return cl::PersonalDigest(kSuite, Salt(), field, value);
}

struct Buyer {
  std::string name = "Li Lei";
  std::string id_type = "1";
  std::string id_number = "110101199001011234";
};

// Consistent import documents of one order: two items, freight, discount
// and tax, paid 214.10.
struct ImportDocs {
  cl::ImportOrder order;
  cl::ImportPayment payment;
  cl::ImportWaybill waybill;
  cl::ImportList list;
};

inline ImportDocs MakeImport(const std::string& order_no, const Buyer& b = Buyer(),
                             Fen goods_each = 10000) {
  ImportDocs d;
  cl::ImportOrder& o = d.order;
  o.order_no = order_no;
  o.ebp_code = kEbp;
  o.ebc_code = kEbc;
  o.items = {{1, "SKU-1", "Milk powder 900g", 10000, "122", goods_each, goods_each},
             {2, "SKU-2", "Vitamin C 60 tablets", 10000, "122", goods_each, goods_each}};
  o.goods_value = 2 * goods_each;
  o.freight = 1000;
  o.discount = 500;
  o.tax_total = 910;
  o.actural_paid = o.goods_value + o.freight - o.discount + o.tax_total;
  o.currency = "142";
  o.buyer_reg_no = "buyer-0001";
  o.buyer_name_digest = Pd(cl::kPersonalName, b.name);
  o.buyer_id_type_digest = Pd(cl::kPersonalIdType, b.id_type);
  o.buyer_id_number_digest = Pd(cl::kPersonalIdNumber, b.id_number);
  o.pay_code = kPay;
  o.pay_transaction_id = "PAYTX-" + order_no;
  cl::ImportPayment& p = d.payment;
  p.pay_code = kPay;
  p.pay_transaction_id = o.pay_transaction_id;
  p.order_no = order_no;
  p.ebp_code = kEbp;
  p.payer_name_digest = o.buyer_name_digest;
  p.payer_id_type_digest = o.buyer_id_type_digest;
  p.payer_id_number_digest = o.buyer_id_number_digest;
  p.amount_paid = o.actural_paid;
  p.currency = "142";
  p.pay_time = "20261110100000";
  d.waybill = {kLog, "SF-" + order_no, "", 1000, 0, 25000, 1};
  cl::ImportList& l = d.list;
  l.order_no = order_no;
  l.ebp_code = kEbp;
  l.ebc_code = kEbc;
  l.logistics_code = kLog;
  l.logistics_no = d.waybill.logistics_no;
  l.cop_no = "COP-" + order_no;
  l.agent_code = kAgent;
  l.customs_code = "5165";
  l.port_code = "5165";
  l.buyer_name_digest = o.buyer_name_digest;
  l.buyer_id_type_digest = o.buyer_id_type_digest;
  l.buyer_id_number_digest = o.buyer_id_number_digest;
  l.freight = 1000;
  l.currency = "142";
  for (const cl::OrderItem& i : o.items) {
    l.items.push_back(
        {i.gnum, i.item_no, i.item_name, "1901101000", i.qty, i.unit, i.price, i.total_price});
  }
  return d;
}

struct ExportDocs {
  cl::ExportOrder order;
  cl::ExportReceipt receipt;
  cl::ExportWaybill waybill;
  cl::ExportList list;
};

inline ExportDocs MakeExport(const std::string& order_no) {
  ExportDocs d;
  d.order.order_no = order_no;
  d.order.ebp_code = kEbp;
  d.order.ebc_code = kEbc;
  d.order.items = {{1, "TEA-1", "Oolong tea 250g", 20000, "035", 4500, 9000}};
  d.order.goods_value = 9000;
  d.order.freight = 1500;
  d.order.currency = "142";
  d.receipt = {order_no, kEbp, kEbc, kPay, "RCV-" + order_no, 10500, "142", "20261110120000"};
  d.waybill = {kLog, "EX-" + order_no, 1500, 100, 6000, 1};
  cl::ExportList& l = d.list;
  l.order_no = order_no;
  l.ebp_code = kEbp;
  l.ebc_code = kEbc;
  l.logistics_code = kLog;
  l.logistics_no = d.waybill.logistics_no;
  l.cop_no = "ECOP-" + order_no;
  l.agent_code = kAgent;
  l.customs_code = "5165";
  l.port_code = "5165";
  l.freight = 1500;
  l.insured_fee = 100;
  l.currency = "142";
  l.items = {{1, "TEA-1", "Oolong tea 250g", "0902300000", 20000, "035", 4500, 9000}};
  return d;
}

inline Json ClearanceGovernance() {
  Json by_kind = Json::object();
  for (governance::OrgKind k : governance::AllOrgKinds()) {
    by_kind[std::string(governance::OrgKindName(k))] = governance::DefaultRolesForKind(k);
  }
  by_kind["enterprise"] = {"admin", "declarant", "operator", "right_holder", "tracer"};
  return Json{
      {"organisations",
       {OrgJson("customs", "customs"), OrgJson("market", "market"), OrgJson("ebp", "enterprise"),
        OrgJson("ebc", "enterprise"), OrgJson("pay", "enterprise"), OrgJson("log", "enterprise"),
        OrgJson("agent", "enterprise"), OrgJson("other", "enterprise")}},
      {"accounts",
       {AccountJson("customs", {kClOfficer}, {"officer"}),
        AccountJson("customs", {kClCustomsAdmin}, {"admin"}),
        AccountJson("market", {kClRegistrar}, {"registrar"}),
        AccountJson("ebp", {kEbpDeclarant}, {"declarant"}),
        AccountJson("ebp", {kEbpOperator}, {"operator"}),
        AccountJson("ebc", {kEbcDeclarant}, {"declarant"}),
        AccountJson("pay", {kPayOperator}, {"operator"}),
        AccountJson("pay", {kPayDeclarant}, {"declarant"}),
        AccountJson("log", {kLogOperator}, {"operator"}),
        AccountJson("agent", {kAgentDeclarant}, {"declarant"}),
        AccountJson("other", {kOtherDeclarant}, {"declarant"}),
        AccountJson("other", {kOtherOperator}, {"operator"})}},
      {"roles_by_kind", by_kind}};
}

class ClearanceChain {
 public:
  // `clearance_section`: the app_state "clearance" section, or null for the defaults.
  explicit ClearanceChain(const Json& clearance_section = nullptr,
                          const Json& governance = ClearanceGovernance())
      : chain_(TestChain::FromAppState(AppState(clearance_section, governance))) {}

  // Registers the six enterprises (market) and parties (customs). Call once.
  void RegisterAll() {
    struct E {
      const std::string& uscc;
      const char* org;
      const std::string& code;
      std::vector<cl::PartyKind> kinds;
    };
    std::vector<E> all = {
        {EbpUscc(), "ebp", kEbp, {cl::PartyKind::kEbp}},
        {EbcUscc(), "ebc", kEbc, {cl::PartyKind::kEbc}},
        {PayUscc(), "pay", kPay, {cl::PartyKind::kPay}},
        {LogUscc(), "log", kLog, {cl::PartyKind::kLogistics}},
        {AgentUscc(), "agent", kAgent, {cl::PartyKind::kAgent}},
        {OtherEntUscc(), "other", kOtherParty, {cl::PartyKind::kEbc, cl::PartyKind::kPay}}};
    for (const E& e : all) {
      enterprise::EnterpriseArgs a{e.uscc, std::string("Ent ") + e.org, "existing", "addr", "rep",
                                   e.org};
      auto out = Run(kClRegistrar, "enterprise", "register", ledger::Encode(a), ClT0() - 60000);
      EXPECT_EQ(out.receipt.code, 0u) << out.message;
    }
    for (const E& e : all) {
      auto out = Cl(kClOfficer, "register_party",
                    cl::PartyArgs{e.code, e.uscc, std::string("Party ") + e.org, e.kinds, ""},
                    ClT0() - 30000);
      EXPECT_EQ(out.receipt.code, 0u) << out.receipt.slug << ": " << out.message;
    }
  }

  TestChain& chain() { return chain_; }
  MemStore& store() { return chain_.store(); }
  bool ok() const { return chain_.ok(); }
  const WriteSet& last_writes() const { return chain_.last_writes(); }

  TxOutcome Run(int key, const std::string& contract, const std::string& method, Bytes args,
                uint64_t time_ms) {
    return chain_
        .BlockAt({chain_.MakeTx(key, IdOf(key), contract, method, std::move(args))}, time_ms)
        .at(0);
  }
  template <typename Args>
  TxOutcome Cl(int key, const std::string& method, const Args& args, uint64_t time_ms) {
    return Run(key, "clearance", method, ledger::Encode(args), time_ms);
  }

  // Submits one import document by its party's account.
  TxOutcome Order(const cl::ImportOrder& o, uint64_t t, int key = kEbpDeclarant) {
    return Cl(key, "submit_order", cl::SubmitOrderArgs{cl::Direction::kImport, o, {}}, t);
  }
  TxOutcome Payment(const cl::ImportPayment& p, uint64_t t, int key = kPayOperator) {
    return Cl(key, "submit_payment", cl::SubmitPaymentArgs{cl::Direction::kImport, p, {}}, t);
  }
  TxOutcome Waybill(const cl::ImportWaybill& w, uint64_t t, int key = kLogOperator) {
    return Cl(key, "submit_waybill", cl::SubmitWaybillArgs{cl::Direction::kImport, w, {}}, t);
  }
  TxOutcome List(const cl::ImportList& l, uint64_t t, int key = kAgentDeclarant) {
    return Cl(key, "submit_list", cl::SubmitListArgs{cl::Direction::kImport, l, {}}, t);
  }
  TxOutcome Order(const cl::ExportOrder& o, uint64_t t, int key = kEbpDeclarant) {
    return Cl(key, "submit_order", cl::SubmitOrderArgs{cl::Direction::kExport, {}, o}, t);
  }
  TxOutcome Payment(const cl::ExportReceipt& r, uint64_t t, int key = kPayOperator) {
    return Cl(key, "submit_payment", cl::SubmitPaymentArgs{cl::Direction::kExport, {}, r}, t);
  }
  TxOutcome Waybill(const cl::ExportWaybill& w, uint64_t t, int key = kLogOperator) {
    return Cl(key, "submit_waybill", cl::SubmitWaybillArgs{cl::Direction::kExport, {}, w}, t);
  }
  TxOutcome List(const cl::ExportList& l, uint64_t t, int key = kAgentDeclarant) {
    return Cl(key, "submit_list", cl::SubmitListArgs{cl::Direction::kExport, {}, l}, t);
  }

  // All four documents, each in its own block at times t, t+1m, t+2m, t+3m;
  // every submission must succeed.
  template <class Docs>
  void SubmitAll(const Docs& d, uint64_t t) {
    for (const TxOutcome& out : {Order(d.order, t), Pay(d, t + 60000),
                                 Waybill(d.waybill, t + 120000), List(d.list, t + 180000)}) {
      EXPECT_EQ(out.receipt.code, 0u) << out.receipt.slug << ": " << out.message;
    }
  }
  TxOutcome Pay(const ImportDocs& d, uint64_t t) { return Payment(d.payment, t); }
  TxOutcome Pay(const ExportDocs& d, uint64_t t) { return Payment(d.receipt, t); }

  std::optional<cl::MatchRecord> Result(cl::Direction d, const std::string& order_no,
                                        const std::string& ebp = kEbp) {
    return GetRecord<cl::MatchRecord>(store(), cl::ResultKey(d, ebp, order_no)).value();
  }
  std::optional<cl::RiskRecord> Risk(const std::string& uscc,
                                     const std::string& month = "2026-11") {
    return GetRecord<cl::RiskRecord>(store(), cl::RiskKey(uscc, month)).value();
  }

  // A query as the account with key `reader` (-1: unsigned).
  ::cbec::Result<Json> Query(const std::string& query, const Json& args, int reader = -1,
                             uint64_t time_ms = ClT0()) {
    std::optional<AccountId> who;
    if (reader >= 0) who = IdOf(reader);
    return RunQuery(chain_.registry(), store(), kSuite, time_ms, who, "clearance", query, args);
  }

 private:
  static Json AppState(const Json& section, const Json& governance) {
    Json app{{"governance", governance}};
    if (!section.is_null()) app["clearance"] = section;
    return app;
  }

  TestChain chain_;
};

// The failed rule ids of a result, in order.
inline std::vector<std::string> Rules(const cl::MatchRecord& m) {
  std::vector<std::string> out;
  for (const cl::Failure& f : m.failures) out.push_back(f.rule);
  return out;
}

}  // namespace cbec::contracts::testing
