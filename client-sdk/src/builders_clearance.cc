// clearance builders (builders_clearance.h): field names are the customs
// messages' own (clearance_docs.h in the contracts).
#include "cbec/sdk/builders_clearance.h"

namespace cbec::sdk::clearance {

using Json = nlohmann::json;

std::string_view DirectionName(Direction d) {
  return d == Direction::kExport ? "export" : "import";
}

namespace {

Json Items(const std::vector<OrderItem>& items) {
  Json out = Json::array();
  for (const OrderItem& i : items) {
    out.push_back({{"gnum", i.gnum},
                   {"itemNo", i.item_no},
                   {"itemName", i.item_name},
                   {"qty", i.qty},
                   {"unit", i.unit},
                   {"price", i.price},
                   {"totalPrice", i.total_price}});
  }
  return out;
}

Json Items(const std::vector<ListItem>& items) {
  Json out = Json::array();
  for (const ListItem& i : items) {
    out.push_back({{"gnum", i.gnum},
                   {"itemNo", i.item_no},
                   {"itemName", i.item_name},
                   {"gcode", i.gcode},
                   {"qty", i.qty},
                   {"unit", i.unit},
                   {"price", i.price},
                   {"totalPrice", i.total_price}});
  }
  return out;
}

template <class Doc, class Exp>
Call Submit(const char* method, Direction d, const Doc& imp, const Exp& exp) {
  return {"clearance", method,
          Json{{"direction", std::string(DirectionName(d))},
               {"document", d == Direction::kImport ? imp.ToJson() : exp.ToJson()}}};
}

}  // namespace

Call RegisterParty::ToCall() const {
  return {"clearance", "register_party",
          Json{{"code", code}, {"uscc", uscc}, {"name", name}, {"kinds", kinds}}};
}
Call UpdateParty::ToCall() const {
  return {
      "clearance", "update_party",
      Json{{"code", code}, {"uscc", uscc}, {"name", name}, {"kinds", kinds}, {"reason", reason}}};
}
Call SuspendParty::ToCall() const {
  return {"clearance", "suspend_party", Json{{"code", code}, {"reason", reason}}};
}
Call ReinstateParty::ToCall() const {
  return {"clearance", "reinstate_party", Json{{"code", code}, {"reason", reason}}};
}
Call SetLimits::ToCall() const {
  return {"clearance", "set_limits",
          Json{{"single_limit", single_limit},
               {"annual_limit", annual_limit},
               {"tolerance", tolerance},
               {"legal_basis", legal_basis},
               {"reason", reason}}};
}

Json ImportOrder::ToJson() const {
  return {{"orderNo", order_no},
          {"ebpCode", ebp_code},
          {"ebcCode", ebc_code},
          {"goodsValue", goods_value},
          {"freight", freight},
          {"discount", discount},
          {"taxTotal", tax_total},
          {"acturalPaid", actural_paid},
          {"currency", currency},
          {"buyerRegNo", buyer_reg_no},
          {"buyerNameDigest", buyer_name_digest},
          {"buyerIdTypeDigest", buyer_id_type_digest},
          {"buyerIdNumberDigest", buyer_id_number_digest},
          {"payCode", pay_code},
          {"payTransactionId", pay_transaction_id},
          {"items", Items(items)}};
}

Json ExportOrder::ToJson() const {
  return {{"orderNo", order_no},       {"ebpCode", ebp_code}, {"ebcCode", ebc_code},
          {"goodsValue", goods_value}, {"freight", freight},  {"currency", currency},
          {"items", Items(items)}};
}

Json ImportPayment::ToJson() const {
  return {{"payCode", pay_code},
          {"payTransactionId", pay_transaction_id},
          {"orderNo", order_no},
          {"ebpCode", ebp_code},
          {"payerNameDigest", payer_name_digest},
          {"payerIdTypeDigest", payer_id_type_digest},
          {"payerIdNumberDigest", payer_id_number_digest},
          {"amountPaid", amount_paid},
          {"currency", currency},
          {"payTime", pay_time}};
}

Json ExportReceipt::ToJson() const {
  return {{"orderNo", order_no},  {"ebpCode", ebp_code},
          {"ebcCode", ebc_code},  {"payCode", pay_code},
          {"payNo", pay_no},      {"charge", charge},
          {"currency", currency}, {"accountingDate", accounting_date}};
}

Json ImportWaybill::ToJson() const {
  Json j{{"logisticsCode", logistics_code},
         {"logisticsNo", logistics_no},
         {"freight", freight},
         {"insuredFee", insured_fee},
         {"weight", weight},
         {"packNo", pack_no}};
  if (!bill_no.empty()) j["billNo"] = bill_no;
  return j;
}

Json ExportWaybill::ToJson() const {
  return {{"logisticsCode", logistics_code}, {"logisticsNo", logistics_no}, {"freight", freight},
          {"insuredFee", insured_fee},       {"grossWeight", gross_weight}, {"packNo", pack_no}};
}

Json ImportList::ToJson() const {
  Json j{{"orderNo", order_no},
         {"ebpCode", ebp_code},
         {"ebcCode", ebc_code},
         {"logisticsCode", logistics_code},
         {"logisticsNo", logistics_no},
         {"copNo", cop_no},
         {"agentCode", agent_code},
         {"customsCode", customs_code},
         {"portCode", port_code},
         {"buyerNameDigest", buyer_name_digest},
         {"buyerIdTypeDigest", buyer_id_type_digest},
         {"buyerIdNumberDigest", buyer_id_number_digest},
         {"freight", freight},
         {"insuredFee", insured_fee},
         {"currency", currency},
         {"items", Items(items)}};
  if (!invt_no.empty()) j["invtNo"] = invt_no;
  return j;
}

Json ExportList::ToJson() const {
  return {{"orderNo", order_no},         {"ebpCode", ebp_code},
          {"ebcCode", ebc_code},         {"logisticsCode", logistics_code},
          {"logisticsNo", logistics_no}, {"copNo", cop_no},
          {"agentCode", agent_code},     {"customsCode", customs_code},
          {"portCode", port_code},       {"freight", freight},
          {"insuredFee", insured_fee},   {"currency", currency},
          {"items", Items(items)}};
}

Call SubmitOrder::ToCall() const {
  return Submit("submit_order", direction, import_doc, export_doc);
}
Call SubmitPayment::ToCall() const {
  return Submit("submit_payment", direction, import_doc, export_doc);
}
Call SubmitWaybill::ToCall() const {
  return Submit("submit_waybill", direction, import_doc, export_doc);
}
Call SubmitList::ToCall() const { return Submit("submit_list", direction, import_doc, export_doc); }

}  // namespace cbec::sdk::clearance
