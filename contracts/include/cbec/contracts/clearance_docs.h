// The eight customs documents of the clearance contract and the submit
// arguments that carry them.
//
// Field names in JSON are exactly those of the customs messages (camelCase,
// including the messages' own spelling "acturalPaid"); the C++ members are
// their snake_case forms. Amounts are decimal strings in JSON ("123.45",
// money.h) and integer fen in the canonical codec; quantities and weights are
// decimal strings with up to 4 decimals, stored scaled by 10^4. Personal
// fields are 32-byte PersonalDigest values (64 lower-case hex digits in
// JSON). One declaration (Fields) lists each document's fields once; the
// codec, both JSON directions and validation are derived from it.
//
// The codec checks only structure with generous bounds; Validate checks
// meaning, so that each fault gets its precise clearance.* error naming the
// field. FromJson refuses, besides the json.* faults, any clear personal field
// (a key starting "buyer", "payer" or "consignee" that the message does not
// define, e.g. "buyerName", "payerIdNumber") and a digest field that is not a
// digest, with clearance.personal_data_in_clear.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/contracts/clearance.h"
#include "cbec/contracts/money.h"

namespace cbec::contracts::clearance {

inline constexpr size_t kMaxItems = 100;
inline constexpr size_t kMaxTextBytes = 255;
// Every amount of a document is at most 10^13 fen (10^11 yuan), so sums over
// a document never come near 64 bits.
inline constexpr Fen kMaxAmountFen = 10'000'000'000'000ULL;
inline constexpr unsigned kQuantityDecimals = 4;

// What a text field must look like (Validate).
enum class FieldKind : uint8_t {
  kPartyCode,      // 10 of [0-9A-Z]                      clearance.bad_party_code
  kDocNo,          // 1-64 of [0-9A-Za-z_./-]             clearance.bad_document_no
  kOptionalDocNo,  // "" (absent) or a kDocNo             clearance.bad_document_no
  kText,           // 1-255 bytes UTF-8, no control chars clearance.bad_text
  kCurrency,       // 3 digits (142 = RMB)                clearance.bad_currency
  kCustomsCode,    // 4 digits (customs / port code)      clearance.bad_customs_code
  kHsCode,         // 10 digits (HS code)                 clearance.bad_hs_code
  kTime,           // 14 digits YYYYMMDDhhmmss            clearance.bad_time
};

// One line of an order (CEB311 / CEB303 "items").
struct OrderItem {
  uint32_t gnum = 0;  // line number, 1..n in order
  std::string item_no;
  std::string item_name;
  uint64_t qty = 0;  // scaled by 10^4
  std::string unit;
  Fen price = 0;
  Fen total_price = 0;

  friend bool operator==(const OrderItem&, const OrderItem&) = default;
  template <class V, class Self>
  static void Fields(V& v, Self& s);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// One line of a declaration list (CEB621 / CEB603 "items").
struct ListItem {
  uint32_t gnum = 0;
  std::string item_no;
  std::string item_name;
  std::string gcode;  // HS code
  uint64_t qty = 0;
  std::string unit;
  Fen price = 0;
  Fen total_price = 0;

  friend bool operator==(const ListItem&, const ListItem&) = default;
  template <class V, class Self>
  static void Fields(V& v, Self& s);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s);
};

// Declares the shared members of a document type.
#define CBEC_CLEARANCE_DOCUMENT(Type, message)                            \
  static constexpr std::string_view kMessage = message;                   \
  friend bool operator==(const Type&, const Type&) = default;             \
  template <class V, class Self>                                          \
  static void Fields(V& v, Self& s);                                      \
  template <class Ar, class Self>                                         \
  static void Codec(Ar& ar, Self& s);                                     \
  /* Every field; digests only if `personal` (args), never in queries. */ \
  Json ToJson(bool personal = true) const;                                \
  static Result<Type> FromJson(const Json& j);                            \
  /* OK iff every field is well-formed (clearance.* naming the field). */ \
  Status Validate() const

struct ImportOrder {  // CEB311
  std::string order_no, ebp_code, ebc_code;
  Fen goods_value = 0, freight = 0, discount = 0, tax_total = 0, actural_paid = 0;
  std::string currency, buyer_reg_no;
  Hash32 buyer_name_digest, buyer_id_type_digest, buyer_id_number_digest;
  std::string pay_code, pay_transaction_id;
  std::vector<OrderItem> items;
  CBEC_CLEARANCE_DOCUMENT(ImportOrder, "CEB311");
};

struct ExportOrder {  // CEB303
  std::string order_no, ebp_code, ebc_code;
  Fen goods_value = 0, freight = 0;
  std::string currency;
  std::vector<OrderItem> items;
  CBEC_CLEARANCE_DOCUMENT(ExportOrder, "CEB303");
};

struct ImportPayment {  // CEB411
  std::string pay_code, pay_transaction_id, order_no, ebp_code;
  Hash32 payer_name_digest, payer_id_type_digest, payer_id_number_digest;
  Fen amount_paid = 0;
  std::string currency, pay_time;
  CBEC_CLEARANCE_DOCUMENT(ImportPayment, "CEB411");
};

struct ExportReceipt {  // CEB403
  std::string order_no, ebp_code, ebc_code, pay_code, pay_no;
  Fen charge = 0;
  std::string currency, accounting_date;
  CBEC_CLEARANCE_DOCUMENT(ExportReceipt, "CEB403");
};

struct ImportWaybill {                                // CEB511
  std::string logistics_code, logistics_no, bill_no;  // bill_no "" = absent
  Fen freight = 0, insured_fee = 0;
  uint64_t weight = 0;  // kg scaled by 10^4
  uint32_t pack_no = 0;
  CBEC_CLEARANCE_DOCUMENT(ImportWaybill, "CEB511");
};

struct ExportWaybill {  // CEB505
  std::string logistics_code, logistics_no;
  Fen freight = 0, insured_fee = 0;
  uint64_t gross_weight = 0;
  uint32_t pack_no = 0;
  CBEC_CLEARANCE_DOCUMENT(ExportWaybill, "CEB505");
};

struct ImportList {  // CEB621
  std::string order_no, ebp_code, ebc_code, logistics_code, logistics_no, cop_no;
  std::string invt_no;  // "" = absent (customs assigns it)
  std::string agent_code, customs_code, port_code;
  Hash32 buyer_name_digest, buyer_id_type_digest, buyer_id_number_digest;
  Fen freight = 0, insured_fee = 0;
  std::string currency;
  std::vector<ListItem> items;
  CBEC_CLEARANCE_DOCUMENT(ImportList, "CEB621");
};

struct ExportList {  // CEB603
  std::string order_no, ebp_code, ebc_code, logistics_code, logistics_no, cop_no;
  std::string agent_code, customs_code, port_code;
  Fen freight = 0, insured_fee = 0;
  std::string currency;
  std::vector<ListItem> items;
  CBEC_CLEARANCE_DOCUMENT(ExportList, "CEB603");
};

#undef CBEC_CLEARANCE_DOCUMENT

// {"direction": "import"|"export", "document": {...}}: the import document
// when direction is import, else the export one (the other stays default and
// is not encoded). Result of every submit method: none.
template <class Imp, class Exp>
struct SubmitArgs {
  Direction direction = Direction::kImport;
  Imp import_doc;
  Exp export_doc;

  friend bool operator==(const SubmitArgs&, const SubmitArgs&) = default;
  Json ToJson() const;
  static Result<SubmitArgs> FromJson(const Json& j);
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& s) {
    ar.Enum(s.direction);
    if (s.direction == Direction::kImport) {
      ar.Object(s.import_doc);
    } else {
      ar.Object(s.export_doc);
    }
  }
};

using SubmitOrderArgs = SubmitArgs<ImportOrder, ExportOrder>;
using SubmitPaymentArgs = SubmitArgs<ImportPayment, ExportReceipt>;
using SubmitWaybillArgs = SubmitArgs<ImportWaybill, ExportWaybill>;
using SubmitListArgs = SubmitArgs<ImportList, ExportList>;

}  // namespace cbec::contracts::clearance
