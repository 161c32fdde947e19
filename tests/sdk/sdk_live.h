// Helpers of sdk-live (sdk_live_test.cc): the network it was given, what the
// tests share, and the writes they make. One translation unit includes it.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cbec/base/hex.h"
#include "cbec/crypto/keystore.h"
#include "cbec/sdk/builders.h"
#include "cbec/sdk/client.h"
#include "verify_test_util.h"

namespace cbec::sdk::live {

using Json = nlohmann::json;
using std::chrono::milliseconds;

struct Env {
  std::string dir;
  std::vector<std::string> nodes;
};
inline Env g_env;

inline std::string Today(int plus_days = 0) {
  using namespace std::chrono;
  year_month_day d{floor<days>(system_clock::now()) + days(plus_days)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

// USCCs with check characters (GB 32100-2015).
inline const std::string kTrader = testing::Uscc("91440300MA5F00013");
inline const std::string kExporter = testing::Uscc("91440300MA5F00014");
inline const std::string kPlatform = testing::Uscc("91440300MA5F00015");
inline const std::string kCounterfeiter = testing::Uscc("91440300MA5F00019");
inline const std::string kMark = "66781234";
inline const std::string kEbp = "4403980011", kEbc = "4403960012", kPay = "4403990013",
                         kLogistics = "4403970014";

// What the tests share, in order.
struct World {
  std::unique_ptr<TrustAnchor> anchor;
  std::unique_ptr<Client> client;
  std::map<std::string, Signer> admins;  // by organisation
  std::optional<Signer> trader;          // sz-trading's admin (voted in)
  std::set<std::string> committed;       // "contract.method" that committed with code 0
  std::string filing_tx;                 // the ipr.file tx hash
  std::string event_id;                  // a captured EPCIS event
  ledger::CertifiedCheckpoint first_checkpoint;
};
inline World w;

inline const Signer& Admin(const std::string& org) { return w.admins.at(org); }
inline std::string Name(const MethodInfo& m) {
  return std::string(m.contract) + "." + std::string(m.method);
}

// Submits `call` and waits; an error unless it committed with code 0.
inline Result<Receipt> Commit(const Signer& s, const Call& call) {
  CBEC_ASSIGN_OR_RETURN(Receipt r, w.client->Submit(s, call));
  CBEC_RETURN_IF_ERROR(r.ToStatus().WithContext(call.contract + "." + call.method));
  w.committed.insert(call.contract + "." + call.method);
  return r;
}

// Submits every call without waiting (consecutive nonces, usually one
// block), then waits for each; the first failure.
inline Status RunAll(const Signer& s, const std::vector<Call>& calls) {
  SubmitOptions nowait;
  nowait.wait = false;
  std::vector<std::string> hashes;
  for (const Call& c : calls) {
    CBEC_ASSIGN_OR_RETURN(Receipt r, w.client->Submit(s, c, nowait));
    hashes.push_back(r.hash);
  }
  for (size_t i = 0; i < hashes.size(); ++i) {
    CBEC_ASSIGN_OR_RETURN(Receipt r, w.client->WaitForCommit(hashes[i], milliseconds(30000)));
    CBEC_RETURN_IF_ERROR(r.ToStatus().WithContext(calls[i].contract + "." + calls[i].method));
    w.committed.insert(calls[i].contract + "." + calls[i].method);
  }
  return Status::Ok();
}

// Customs proposes each governed action, tax and fx vote yes (3 of the 4
// departments): every proposal must end executed.
inline Status Govern(const std::vector<Call>& actions) {
  SubmitOptions nowait;
  nowait.wait = false;
  std::vector<Call> proposals;
  for (const Call& a : actions)
    proposals.push_back(gov::Propose{"live: " + a.method, a, Today(7)}.ToCall());
  std::vector<uint64_t> ids;
  for (const Call& p : proposals) {
    CBEC_ASSIGN_OR_RETURN(Receipt r, Commit(w.admins.at("customs"), p));
    CBEC_ASSIGN_OR_RETURN(uint64_t id, r.ResultU64());
    ids.push_back(id);
  }
  for (const char* org : {"tax", "fx"}) {
    std::vector<Call> votes;
    for (uint64_t id : ids) votes.push_back(gov::Vote{id, true}.ToCall());
    CBEC_RETURN_IF_ERROR(RunAll(w.admins.at(org), votes));
  }
  for (size_t i = 0; i < ids.size(); ++i) {
    CBEC_ASSIGN_OR_RETURN(Json p, w.client->Proposal(ids[i]));
    if (p.value("status", "") != "executed") {
      return Status(errors::kBadResponse, "proposal " + std::to_string(ids[i]) + " (" +
                                              actions[i].method + "): " + p.dump());
    }
    w.committed.insert(actions[i].contract + "." + actions[i].method);
  }
  return Status::Ok();
}

#define ASSERT_OK(expr)                                     \
  do {                                                      \
    ::cbec::Status s_ = (expr);                             \
    ASSERT_TRUE(s_.ok()) << #expr << ": " << s_.ToString(); \
  } while (0)

inline std::string HexOf(const std::string& text) {
  return crypto::Digest(crypto::Suite::kStandard, AsBytes(text)).ToHex();
}

// The four documents of one import order, each from the party that owns it.
struct LiveOrder {
  clearance::ImportOrder order;
  clearance::ImportPayment payment;
  clearance::ImportWaybill waybill;
  clearance::ImportList list;
};

inline LiveOrder MakeLiveOrder() {
  clearance::ImportOrder order;
  order.order_no = "IMP-LIVE-0001";
  order.ebp_code = kEbp;
  order.ebc_code = kEbc;
  order.goods_value = "200.00";
  order.freight = "10.00";
  order.discount = "5.00";
  order.tax_total = "18.20";
  order.actural_paid = "223.20";
  order.buyer_reg_no = "mall-user-0042";
  order.buyer_name_digest = HexOf("name");
  order.buyer_id_type_digest = HexOf("type");
  order.buyer_id_number_digest = HexOf("number");
  order.pay_code = "4403990013";
  order.pay_transaction_id = "PT-LIVE-0001";
  order.items = {{1, "MILK-900", "Infant milk powder 900g", "2", "122", "100.00", "200.00"}};
  clearance::ImportPayment payment{
      kPay,          order.pay_transaction_id, order.order_no, kEbp,  HexOf("name"),
      HexOf("type"), HexOf("number"),          "223.20",       "142", "20260102100000"};
  clearance::ImportWaybill waybill{kLogistics, "SF-LIVE-0001", "", "10.00", "0.00", "2.1", 1};
  clearance::ImportList list;
  list.order_no = order.order_no;
  list.ebp_code = kEbp;
  list.ebc_code = kEbc;
  list.logistics_code = kLogistics;
  list.logistics_no = waybill.logistics_no;
  list.cop_no = "COP-LIVE-0001";
  list.agent_code = kLogistics;
  list.customs_code = "5349";
  list.port_code = "5349";
  list.buyer_name_digest = order.buyer_name_digest;
  list.buyer_id_type_digest = order.buyer_id_type_digest;
  list.buyer_id_number_digest = order.buyer_id_number_digest;
  list.freight = "10.00";
  list.insured_fee = "0.00";
  list.items = {
      {1, "MILK-900", "Infant milk powder 900g", "0402290000", "2", "122", "100.00", "200.00"}};
  return {order, payment, waybill, list};
}

// The validators' own keys, to forge what a quorum of faulty validators could.
inline std::vector<crypto::PrivateKey> ValidatorKeys() {
  std::vector<crypto::PrivateKey> keys;
  for (const ledger::Validator& v : w.anchor->validators.validators()) {
    std::string base = g_env.dir + "/" + v.name;
    auto pass = ReadPassphraseFile(base + "/passphrase");
    auto key = crypto::LoadKeystore(base + "/validator.key.json", pass.value_or(""));
    EXPECT_TRUE(key.ok()) << v.name << ": " << key.status().ToString();
    if (key.ok()) keys.push_back(std::move(key).value());
  }
  return keys;
}

// The lists contract's default catalogue (docs/spec/contracts-lists.md), as
// a whole new version.
inline lists::SetMeasures DefaultCatalogue() {
  using lists::ListKind;
  return lists::SetMeasures{
      {{"customs.higher_inspection_rate",
        ListKind::kBlack,
        {"customs"},
        "Higher inspection rate",
        "提高查验比例"},
       {"customs.reduced_inspection_rate",
        ListKind::kRed,
        {"customs"},
        "Reduced inspection rate",
        "降低查验率"},
       {"fx.enhanced_review", ListKind::kBlack, {"fx"}, "Enhanced FX review", "外汇收支审核从严"},
       {"fx.simplified_docs",
        ListKind::kRed,
        {"fx"},
        "Simplified FX documents",
        "简化外汇收支单证审核"},
       {"market.priority_services",
        ListKind::kRed,
        {"market"},
        "Priority services",
        "优先办理行政服务"},
       {"market.restricted_qualifications",
        ListKind::kBlack,
        {"market"},
        "Restricted qualifications",
        "限制资质认定和评优评先"},
       {"tax.no_refund_fast_track",
        ListKind::kBlack,
        {"tax"},
        "No refund fast track",
        "不适用出口退税便利"},
       {"tax.refund_fast_track",
        ListKind::kRed,
        {"tax"},
        "Refund fast track",
        "出口退税绿色通道"}}};
}

}  // namespace cbec::sdk::live
