// Invalid arguments: every document field, the party register's fields and
// the submitter checks refused with their precise error, changing nothing
// but the nonce; the JSON views (personal data in clear, amounts as strings,
// round trips).
#include <gtest/gtest.h>

#include <functional>

#include "cbec/contracts/clearance_errors.h"
#include "cbec/contracts/enterprise_errors.h"
#include "cbec/ledger/errors.h"
#include "clearance_test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
namespace ce = cl::errors;
using cl::Direction;

class ClearanceArgsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(chain_.ok());
    chain_.RegisterAll();
  }
  // Runs `submit` and expects `kind` with `field` named in the message and no change.
  void ExpectRefused(int key, const std::function<TxOutcome()>& submit, const ErrorKind& kind,
                     const std::string& field) {
    auto before = chain_.store().data();
    TxOutcome out = submit();
    EXPECT_EQ(out.receipt.slug, kind.slug) << out.message;
    EXPECT_NE(out.message.find(field), std::string::npos) << out.message;
    EXPECT_TRUE(OnlyNonceAdvanced(before, chain_.store().data(), IdOf(key)));
  }
  ClearanceChain chain_;
  uint64_t t_ = ClAt(1);
};

TEST_F(ClearanceArgsTest, OrderFields) {
  using M = std::function<void(cl::ImportOrder&)>;
  std::vector<std::tuple<M, ErrorKind, std::string>> cases = {
      {[](auto& o) { o.order_no = ""; }, ce::kBadDocumentNo, "orderNo"},
      {[](auto& o) { o.order_no = "ORD 1"; }, ce::kBadDocumentNo, "orderNo"},
      {[](auto& o) { o.order_no = std::string(65, 'A'); }, ce::kBadDocumentNo, "orderNo"},
      {[](auto& o) { o.ebc_code = "EBC000000"; }, ce::kBadPartyCode, "ebcCode"},
      {[](auto& o) { o.goods_value = cl::kMaxAmountFen + 1; }, ce::kBadAmount, "goodsValue"},
      {[](auto& o) { o.tax_total = cl::kMaxAmountFen + 1; }, ce::kBadAmount, "taxTotal"},
      {[](auto& o) { o.currency = "RMB"; }, ce::kBadCurrency, "currency"},
      {[](auto& o) { o.buyer_reg_no = ""; }, ce::kBadText, "buyerRegNo"},
      {[](auto& o) { o.buyer_reg_no = std::string(256, 'x'); }, ce::kBadText, "buyerRegNo"},
      {[](auto& o) { o.pay_code = "pay0000001"; }, ce::kBadPartyCode, "payCode"},
      {[](auto& o) { o.pay_transaction_id = ""; }, ce::kBadDocumentNo, "payTransactionId"},
      {[](auto& o) { o.items.clear(); }, ce::kBadItems, "items"},
      {[](auto& o) { o.items.assign(cl::kMaxItems + 1, o.items[0]); }, ce::kBadItems, "items"},
      {[](auto& o) { o.items[1].gnum = 3; }, ce::kBadItems, "items[1].gnum"},
      {[](auto& o) { o.items[0].item_no = ""; }, ce::kBadText, "items[0].itemNo"},
      {[](auto& o) { o.items[1].item_name = "tab\there"; }, ce::kBadText, "items[1].itemName"},
      {[](auto& o) { o.items[0].qty = 0; }, ce::kBadQuantity, "items[0].qty"},
      {[](auto& o) { o.items[0].unit = ""; }, ce::kBadText, "items[0].unit"},
      {[](auto& o) { o.items[0].price = cl::kMaxAmountFen + 1; }, ce::kBadAmount, "items[0].price"},
      {[](auto& o) { o.items[1].total_price = cl::kMaxAmountFen + 1; }, ce::kBadAmount,
       "items[1].totalPrice"},
  };
  for (auto& [mutate, kind, field] : cases) {
    SCOPED_TRACE(field);
    ImportDocs d = MakeImport("BAD-O");
    mutate(d.order);
    ExpectRefused(
        kEbpDeclarant, [&] { return chain_.Order(d.order, t_); }, kind, field);
  }
}

TEST_F(ClearanceArgsTest, PaymentWaybillListReceiptFields) {
  ImportDocs d = MakeImport("BAD-P");
  cl::ImportPayment p = d.payment;
  p.pay_time = "2026-11-10";
  ExpectRefused(
      kPayOperator, [&] { return chain_.Payment(p, t_); }, ce::kBadTime, "payTime");
  p.pay_time = "20261310100000";
  ExpectRefused(
      kPayOperator, [&] { return chain_.Payment(p, t_); }, ce::kBadTime, "payTime");
  p = d.payment;
  p.ebp_code = "EBP";
  ExpectRefused(
      kPayOperator, [&] { return chain_.Payment(p, t_); }, ce::kBadPartyCode, "ebpCode");

  cl::ImportWaybill w = d.waybill;
  w.bill_no = "BILL 1";
  ExpectRefused(
      kLogOperator, [&] { return chain_.Waybill(w, t_); }, ce::kBadDocumentNo, "billNo");
  w = d.waybill;
  w.weight = 0;
  ExpectRefused(
      kLogOperator, [&] { return chain_.Waybill(w, t_); }, ce::kBadQuantity, "weight");
  w = d.waybill;
  w.pack_no = 0;
  ExpectRefused(
      kLogOperator, [&] { return chain_.Waybill(w, t_); }, ce::kBadQuantity, "packNo");

  cl::ImportList l = d.list;
  l.customs_code = "51650";
  ExpectRefused(
      kAgentDeclarant, [&] { return chain_.List(l, t_); }, ce::kBadCustomsCode, "customsCode");
  l = d.list;
  l.port_code = "AB12";
  ExpectRefused(
      kAgentDeclarant, [&] { return chain_.List(l, t_); }, ce::kBadCustomsCode, "portCode");
  l = d.list;
  l.items[1].gcode = "19011010";
  ExpectRefused(
      kAgentDeclarant, [&] { return chain_.List(l, t_); }, ce::kBadHsCode, "items[1].gcode");
  l = d.list;
  l.cop_no = "";
  ExpectRefused(
      kAgentDeclarant, [&] { return chain_.List(l, t_); }, ce::kBadDocumentNo, "copNo");
  l = d.list;
  l.invt_no = "INVT/2026/1";  // optional, and well-formed
  EXPECT_EQ(chain_.List(l, t_).receipt.code, 0u);

  ExportDocs e = MakeExport("BAD-E");
  e.receipt.accounting_date = "20261110250000";
  ExpectRefused(
      kPayOperator, [&] { return chain_.Payment(e.receipt, t_); }, ce::kBadTime, "accountingDate");
  e = MakeExport("BAD-E");
  e.waybill.gross_weight = 0;
  ExpectRefused(
      kLogOperator, [&] { return chain_.Waybill(e.waybill, t_); }, ce::kBadQuantity, "grossWeight");
}

TEST_F(ClearanceArgsTest, Submitters) {
  ImportDocs d = MakeImport("SUB-1");
  // A payment institution customs does not know.
  cl::ImportPayment p = d.payment;
  p.pay_code = "PAY9999999";
  ExpectRefused(
      kPayOperator, [&] { return chain_.Payment(p, t_); }, ce::kUnknownParty, "PAY9999999");
  // The signer's own party lacks the kind it plays.
  cl::ImportWaybill w = d.waybill;
  w.logistics_code = kOtherParty;  // ebc + pay only
  ExpectRefused(
      kOtherOperator, [&] { return chain_.Waybill(w, t_, kOtherOperator); }, ce::kPartyWrongKind,
      kOtherParty);
  // Suspended.
  ASSERT_EQ(
      chain_.Cl(kClOfficer, "suspend_party", cl::PartyStatusArgs{kPay, "audit"}, t_).receipt.code,
      0u);
  ExpectRefused(
      kPayOperator, [&] { return chain_.Payment(d.payment, t_); }, ce::kPartySuspended, kPay);
  // Another party's account.
  ExpectRefused(
      kOtherDeclarant, [&] { return chain_.Order(d.order, t_, kOtherDeclarant); },
      contracts::errors::kForbidden, kEbp);
}

TEST_F(ClearanceArgsTest, PartyRegister) {
  auto reg = [&](cl::PartyArgs a) { return chain_.Cl(kClOfficer, "register_party", a, t_); };
  std::vector<cl::PartyKind> ebc = {cl::PartyKind::kEbc};
  ExpectRefused(
      kClOfficer,
      [&] {
        return reg({"SHORT", EbcUscc(), "N", ebc, ""});
      },
      ce::kBadPartyCode, "code");
  ExpectRefused(
      kClOfficer,
      [&] {
        return reg({"NEW0000001", "123", "N", ebc, ""});
      },
      enterprise::errors::kBadUsccLength, "");
  ExpectRefused(
      kClOfficer,
      [&] {
        return reg({"NEW0000001", UsccWithCheck("91000000MA0YYYYY9"), "N", ebc, ""});
      },
      enterprise::errors::kUnknownEnterprise, "");
  ExpectRefused(
      kClOfficer,
      [&] {
        return reg({"NEW0000001", EbcUscc(), "", ebc, ""});
      },
      ce::kBadPartyName, "name");
  ExpectRefused(
      kClOfficer,
      [&] {
        return reg({"NEW0000001", EbcUscc(), "N", {}, ""});
      },
      ce::kBadPartyKinds, "kinds");
  ExpectRefused(
      kClOfficer,
      [&] {
        return reg({"NEW0000001", EbcUscc(), "N", {cl::PartyKind::kEbc, cl::PartyKind::kEbc}, ""});
      },
      ce::kBadPartyKinds, "kinds");
  ExpectRefused(
      kClOfficer,
      [&] {
        return reg({kEbc, EbcUscc(), "N", ebc, ""});
      },
      ce::kPartyExists, kEbc);
}

TEST_F(ClearanceArgsTest, PartyUpdateSuspendReinstateAndHistory) {
  std::vector<cl::PartyKind> ebc = {cl::PartyKind::kEbc};
  auto upd = [&](cl::PartyArgs a) { return chain_.Cl(kClOfficer, "update_party", a, t_); };
  ExpectRefused(
      kClOfficer,
      [&] {
        return upd({"NOP0000001", EbcUscc(), "N", ebc, "why"});
      },
      ce::kUnknownParty, "");
  ExpectRefused(
      kClOfficer,
      [&] {
        return upd({kEbc, EbcUscc(), "N", ebc, ""});
      },
      ce::kBadReason, "reason");
  auto status = [&](const std::string& m, cl::PartyStatusArgs a) {
    return chain_.Cl(kClOfficer, m, a, t_);
  };
  ExpectRefused(
      kClOfficer,
      [&] {
        return status("suspend_party", {"NOP0000001", "why"});
      },
      ce::kUnknownParty, "");
  ExpectRefused(
      kClOfficer,
      [&] {
        return status("reinstate_party", {kEbc, "why"});
      },
      ce::kPartyNotSuspended, "");
  ExpectRefused(
      kClOfficer,
      [&] {
        return status("suspend_party", {kEbc, ""});
      },
      ce::kBadReason, "reason");
  ASSERT_EQ(status("suspend_party", {kEbc, "why"}).receipt.code, 0u);
  ExpectRefused(
      kClOfficer,
      [&] {
        return status("suspend_party", {kEbc, "again"});
      },
      ce::kPartySuspended, "");
  ASSERT_EQ(status("reinstate_party", {kEbc, "cleared"}).receipt.code, 0u);
  // History: registered, suspended, reinstated.
  auto q = chain_.Query("party", Json{{"code", kEbc}}, kClOfficer);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  ASSERT_EQ((*q)["history"].size(), 3u);
  EXPECT_EQ((*q)["history"][1]["change"], "suspended");
  EXPECT_EQ((*q)["history"][1]["reason"], "why");
  EXPECT_EQ((*q)["party"]["version"], 3);
}

// ---- JSON ----

Result<Bytes> FromJson(const std::string& method, const Json& args) {
  return NativeRegistry().value().ArgsFromJson("clearance", method, args);
}

TEST(ClearanceJsonTest, RoundTripsEveryMessage) {
  ImportDocs i = MakeImport("JS-1");
  ExportDocs e = MakeExport("JS-2");
  i.waybill.bill_no = "BILL-1";
  i.list.invt_no = "INVT-1";
  Registry reg = NativeRegistry().value();
  std::vector<std::pair<std::string, Bytes>> all = {
      {"submit_order", ledger::Encode(cl::SubmitOrderArgs{Direction::kImport, i.order, {}})},
      {"submit_payment", ledger::Encode(cl::SubmitPaymentArgs{Direction::kImport, i.payment, {}})},
      {"submit_waybill", ledger::Encode(cl::SubmitWaybillArgs{Direction::kImport, i.waybill, {}})},
      {"submit_list", ledger::Encode(cl::SubmitListArgs{Direction::kImport, i.list, {}})},
      {"submit_order", ledger::Encode(cl::SubmitOrderArgs{Direction::kExport, {}, e.order})},
      {"submit_payment", ledger::Encode(cl::SubmitPaymentArgs{Direction::kExport, {}, e.receipt})},
      {"submit_waybill", ledger::Encode(cl::SubmitWaybillArgs{Direction::kExport, {}, e.waybill})},
      {"submit_list", ledger::Encode(cl::SubmitListArgs{Direction::kExport, {}, e.list})},
      {"set_limits", ledger::Encode(cl::SetLimitsArgs{500000, 2600000, 1, "b", "r"})},
      {"register_party",
       ledger::Encode(cl::PartyArgs{kEbc, EbcUscc(), "N", {cl::PartyKind::kAgent}, ""})},
  };
  for (const auto& [method, bytes] : all) {
    SCOPED_TRACE(method);
    auto j = reg.ArgsToJson("clearance", method, bytes);
    ASSERT_TRUE(j.ok()) << j.status().ToString();
    auto back = reg.ArgsFromJson("clearance", method, ledger::ParseJson(j->dump()).value());
    ASSERT_TRUE(back.ok()) << back.status().ToString() << " " << j->dump();
    EXPECT_EQ(*back, bytes);
  }
  // Field names are the customs messages' own.
  Json order = cl::SubmitOrderArgs{Direction::kImport, i.order, {}}.ToJson()["document"];
  EXPECT_EQ(order["acturalPaid"], "214.10");
  EXPECT_EQ(order["items"][0]["totalPrice"], "100.00");
  EXPECT_EQ(order["items"][0]["qty"], "1.0000");
  EXPECT_EQ(order["buyerIdNumberDigest"], i.order.buyer_id_number_digest.ToHex());
  // A query view drops the digests.
  EXPECT_FALSE(i.order.ToJson(false).contains("buyerIdNumberDigest"));
}

TEST(ClearanceJsonTest, PersonalDataInClearIsRefused) {
  ImportDocs d = MakeImport("JS-3");
  Json order = cl::SubmitOrderArgs{Direction::kImport, d.order, {}}.ToJson();
  Json payment = cl::SubmitPaymentArgs{Direction::kImport, d.payment, {}}.ToJson();
  Json list = cl::SubmitListArgs{Direction::kImport, d.list, {}}.ToJson();
  std::vector<std::pair<std::string, Json>> bad;
  auto with = [](Json j, const std::string& k, Json v) {
    j["document"][k] = std::move(v);
    return j;
  };
  bad.push_back({"submit_order", with(order, "buyerName", "Li Lei")});
  bad.push_back({"submit_order", with(order, "buyerIdNumber", "110101199001011234")});
  bad.push_back({"submit_order", with(order, "buyerTelephone", "13800000000")});
  bad.push_back({"submit_order", with(order, "consignee", "Li Lei")});
  bad.push_back({"submit_order", with(order, "buyerIdNumberDigest", "110101199001011234")});
  bad.push_back({"submit_payment", with(payment, "payerName", "Li Lei")});
  bad.push_back({"submit_payment", with(payment, "payerIdNumber", "110101199001011234")});
  bad.push_back({"submit_payment", with(payment, "payerNameDigest", "Li Lei")});
  bad.push_back({"submit_list", with(list, "buyerIdType", "1")});
  bad.push_back({"submit_list", with(list, "consigneeAddress", "1 Road")});
  for (const auto& [method, j] : bad) {
    SCOPED_TRACE(j["document"].dump().substr(0, 80));
    auto r = FromJson(method, j);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().kind(), ce::kPersonalDataInClear) << r.status().ToString();
  }
  // The clear values never appear in the canonical bytes of the accepted form.
  auto ok = FromJson("submit_order", order);
  ASSERT_TRUE(ok.ok());
  std::string raw(ok->begin(), ok->end());
  EXPECT_EQ(raw.find("110101199001011234"), std::string::npos);
}

TEST(ClearanceJsonTest, AmountsDirectionAndUnknownFields) {
  ImportDocs d = MakeImport("JS-4");
  Json order = cl::SubmitOrderArgs{Direction::kImport, d.order, {}}.ToJson();
  auto kind = [&](Json j) { return FromJson("submit_order", j).status().kind(); };
  Json j = order;
  j["document"]["goodsValue"] = 200.0;
  EXPECT_EQ(kind(j), ce::kBadAmount);
  j = order;
  j["document"]["freight"] = "10.005";
  EXPECT_EQ(kind(j), ce::kBadAmount);
  j = order;
  j["document"]["discount"] = "-5.00";
  EXPECT_EQ(kind(j), ce::kBadAmount);
  j = order;
  j["document"]["items"][0]["qty"] = "1.00001";
  EXPECT_EQ(kind(j), ce::kBadQuantity);
  j = order;
  j["document"]["items"] = Json::array();
  EXPECT_EQ(kind(j), ce::kBadItems);
  j = order;
  j["direction"] = "inbound";
  EXPECT_EQ(kind(j), ce::kBadDirection);
  j = order;
  j["document"]["orderType"] = "I";
  EXPECT_EQ(kind(j), ledger::errors::kJsonUnknownField);
  j = order;
  j["document"].erase("taxTotal");
  EXPECT_EQ(kind(j), ledger::errors::kJsonMissingField);
  Json limits{{"single_limit", 5000},
              {"annual_limit", "26000.00"},
              {"tolerance", "0"},
              {"legal_basis", "b"},
              {"reason", "r"}};
  EXPECT_EQ(FromJson("set_limits", limits).status().kind(), ce::kBadAmount);
}

TEST(ClearancePersonalDigestTest, DomainSeparatedAndSalted) {
  Bytes salt = ToBytes("s1");
  Hash32 a = cl::PersonalDigest(kSuite, salt, cl::kPersonalIdNumber, "110101199001011234");
  EXPECT_EQ(a, cl::PersonalDigest(kSuite, salt, cl::kPersonalIdNumber, "110101199001011234"));
  EXPECT_NE(a,
            cl::PersonalDigest(kSuite, ToBytes("s2"), cl::kPersonalIdNumber, "110101199001011234"));
  EXPECT_NE(a, cl::PersonalDigest(kSuite, salt, cl::kPersonalName, "110101199001011234"));
  EXPECT_NE(a, cl::PersonalDigest(crypto::Suite::kGuomi, salt, cl::kPersonalIdNumber,
                                  "110101199001011234"));
  // The exact input layout: "cbec/personal/v1" 00 salt 00 field 00 value.
  Bytes input = ToBytes("cbec/personal/v1");
  input.push_back(0);
  Append(input, salt);
  input.push_back(0);
  Append(input, AsBytes("id_number"));
  input.push_back(0);
  Append(input, AsBytes("110101199001011234"));
  EXPECT_EQ(a, crypto::Digest(kSuite, input));
}

}  // namespace
}  // namespace cbec::contracts
