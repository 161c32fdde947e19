// Builders of the clearance contract: parties, limits, and the customs
// documents of the three-order match (docs/spec/contracts-clearance.md).
//
// Documents are the customs messages (CEB311/411/511/621 for imports,
// CEB303/403/505/603 for exports) with their own JSON field names
// (camelCase, including the messages' spelling "acturalPaid"). Amounts are
// decimal strings in yuan with at most 2 decimals ("223.20"); quantities and
// weights decimal strings with at most 4; times "YYYYMMDDhhmmss". Personal
// fields travel only as 64-hex-digit PersonalDigest values (*Digest); the
// SDK never sends a clear name or ID number.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "cbec/sdk/builders_call.h"

namespace cbec::sdk::clearance {

enum class Direction : uint8_t { kImport = 1, kExport = 2 };
// "import" / "export".
std::string_view DirectionName(Direction d);

// ---- parties and limits ----

// register_party / update_party (customs officer). kinds: ebp, ebc, pay,
// logistics, agent.
struct RegisterParty {
  std::string code;  // 10 of [0-9A-Z]
  std::string uscc;
  std::string name;
  std::vector<std::string> kinds;
  Call ToCall() const;
};
struct UpdateParty {
  std::string code;
  std::string uscc;
  std::string name;
  std::vector<std::string> kinds;
  std::string reason;
  Call ToCall() const;
};

// suspend_party / reinstate_party (customs officer).
struct SuspendParty {
  std::string code;
  std::string reason;
  Call ToCall() const;
};
struct ReinstateParty : SuspendParty {
  Call ToCall() const;
};

// governed: set_limits, the cross-border retail import limits (yuan).
struct SetLimits {
  std::string single_limit;  // e.g. "5000.00"
  std::string annual_limit;  // e.g. "26000.00"
  std::string tolerance;     // e.g. "0.00"
  std::string legal_basis;
  std::string reason;
  Call ToCall() const;
};

// ---- documents ----

struct OrderItem {    // a line of CEB311 / CEB303
  uint32_t gnum = 0;  // 1..n in order
  std::string item_no, item_name, qty, unit, price, total_price;
};
struct ListItem {  // a line of CEB621 / CEB603
  uint32_t gnum = 0;
  std::string item_no, item_name, gcode, qty, unit, price, total_price;
};

struct ImportOrder {  // CEB311
  std::string order_no, ebp_code, ebc_code;
  std::string goods_value, freight, discount, tax_total, actural_paid;
  std::string currency = "142", buyer_reg_no;
  std::string buyer_name_digest, buyer_id_type_digest, buyer_id_number_digest;
  std::string pay_code, pay_transaction_id;
  std::vector<OrderItem> items;
  nlohmann::json ToJson() const;
};
struct ExportOrder {  // CEB303
  std::string order_no, ebp_code, ebc_code, goods_value, freight, currency = "142";
  std::vector<OrderItem> items;
  nlohmann::json ToJson() const;
};
struct ImportPayment {  // CEB411
  std::string pay_code, pay_transaction_id, order_no, ebp_code;
  std::string payer_name_digest, payer_id_type_digest, payer_id_number_digest;
  std::string amount_paid, currency = "142", pay_time;
  nlohmann::json ToJson() const;
};
struct ExportReceipt {  // CEB403
  std::string order_no, ebp_code, ebc_code, pay_code, pay_no, charge, currency = "142";
  std::string accounting_date;
  nlohmann::json ToJson() const;
};
struct ImportWaybill {                                // CEB511
  std::string logistics_code, logistics_no, bill_no;  // bill_no "" = absent
  std::string freight, insured_fee, weight;
  uint32_t pack_no = 0;
  nlohmann::json ToJson() const;
};
struct ExportWaybill {  // CEB505
  std::string logistics_code, logistics_no, freight, insured_fee, gross_weight;
  uint32_t pack_no = 0;
  nlohmann::json ToJson() const;
};
struct ImportList {  // CEB621
  std::string order_no, ebp_code, ebc_code, logistics_code, logistics_no, cop_no;
  std::string invt_no;  // "" = absent (customs assigns it)
  std::string agent_code, customs_code, port_code;
  std::string buyer_name_digest, buyer_id_type_digest, buyer_id_number_digest;
  std::string freight, insured_fee, currency = "142";
  std::vector<ListItem> items;
  nlohmann::json ToJson() const;
};
struct ExportList {  // CEB603
  std::string order_no, ebp_code, ebc_code, logistics_code, logistics_no, cop_no;
  std::string agent_code, customs_code, port_code, freight, insured_fee, currency = "142";
  std::vector<ListItem> items;
  nlohmann::json ToJson() const;
};

// submit_order (declarant of the ebp or ebc party): one of the two documents,
// chosen by `direction`.
struct SubmitOrder {
  Direction direction = Direction::kImport;
  ImportOrder import_doc;
  ExportOrder export_doc;
  Call ToCall() const;
};
// submit_payment (operator of the payment party).
struct SubmitPayment {
  Direction direction = Direction::kImport;
  ImportPayment import_doc;
  ExportReceipt export_doc;
  Call ToCall() const;
};
// submit_waybill (operator of the logistics party).
struct SubmitWaybill {
  Direction direction = Direction::kImport;
  ImportWaybill import_doc;
  ExportWaybill export_doc;
  Call ToCall() const;
};
// submit_list (declarant of the agent party, or customs officer).
struct SubmitList {
  Direction direction = Direction::kImport;
  ImportList import_doc;
  ExportList export_doc;
  Call ToCall() const;
};

}  // namespace cbec::sdk::clearance
