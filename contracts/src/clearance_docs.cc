// The clearance documents: one Fields declaration per message, and the
// visitors that derive the codec, both JSON directions and validation from it.
#include "cbec/contracts/clearance_docs.h"

#include <set>

#include "cbec/contracts/args_json.h"
#include "cbec/contracts/clearance_errors.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/json.h"

namespace cbec::contracts::clearance {

namespace {

using FK = FieldKind;
using ledger::JsonReader;

// Structural bounds of the codec and of JSON strings; Validate is tighter.
constexpr size_t kCodecTextMax = 1024;
constexpr size_t kCodecItemsMax = 128;
constexpr uint64_t kMaxQuantity = 1'000'000'000'000ULL;  // 10^8 units at 10^-4

}  // namespace

// ---- the fields of each message ----

template <class V, class Self>
void OrderItem::Fields(V& v, Self& s) {
  v.Count("gnum", s.gnum);
  v.Text("itemNo", s.item_no, FK::kText);
  v.Text("itemName", s.item_name, FK::kText);
  v.Quantity("qty", s.qty);
  v.Text("unit", s.unit, FK::kText);
  v.Money("price", s.price);
  v.Money("totalPrice", s.total_price);
}

template <class V, class Self>
void ListItem::Fields(V& v, Self& s) {
  v.Count("gnum", s.gnum);
  v.Text("itemNo", s.item_no, FK::kText);
  v.Text("itemName", s.item_name, FK::kText);
  v.Text("gcode", s.gcode, FK::kHsCode);
  v.Quantity("qty", s.qty);
  v.Text("unit", s.unit, FK::kText);
  v.Money("price", s.price);
  v.Money("totalPrice", s.total_price);
}

template <class V, class Self>
void ImportOrder::Fields(V& v, Self& s) {
  v.Text("orderNo", s.order_no, FK::kDocNo);
  v.Text("ebpCode", s.ebp_code, FK::kPartyCode);
  v.Text("ebcCode", s.ebc_code, FK::kPartyCode);
  v.Money("goodsValue", s.goods_value);
  v.Money("freight", s.freight);
  v.Money("discount", s.discount);
  v.Money("taxTotal", s.tax_total);
  v.Money("acturalPaid", s.actural_paid);
  v.Text("currency", s.currency, FK::kCurrency);
  v.Text("buyerRegNo", s.buyer_reg_no, FK::kText);
  v.Digest("buyerNameDigest", s.buyer_name_digest);
  v.Digest("buyerIdTypeDigest", s.buyer_id_type_digest);
  v.Digest("buyerIdNumberDigest", s.buyer_id_number_digest);
  v.Text("payCode", s.pay_code, FK::kPartyCode);
  v.Text("payTransactionId", s.pay_transaction_id, FK::kDocNo);
  v.Items("items", s.items);
}

template <class V, class Self>
void ExportOrder::Fields(V& v, Self& s) {
  v.Text("orderNo", s.order_no, FK::kDocNo);
  v.Text("ebpCode", s.ebp_code, FK::kPartyCode);
  v.Text("ebcCode", s.ebc_code, FK::kPartyCode);
  v.Money("goodsValue", s.goods_value);
  v.Money("freight", s.freight);
  v.Text("currency", s.currency, FK::kCurrency);
  v.Items("items", s.items);
}

template <class V, class Self>
void ImportPayment::Fields(V& v, Self& s) {
  v.Text("payCode", s.pay_code, FK::kPartyCode);
  v.Text("payTransactionId", s.pay_transaction_id, FK::kDocNo);
  v.Text("orderNo", s.order_no, FK::kDocNo);
  v.Text("ebpCode", s.ebp_code, FK::kPartyCode);
  v.Digest("payerNameDigest", s.payer_name_digest);
  v.Digest("payerIdTypeDigest", s.payer_id_type_digest);
  v.Digest("payerIdNumberDigest", s.payer_id_number_digest);
  v.Money("amountPaid", s.amount_paid);
  v.Text("currency", s.currency, FK::kCurrency);
  v.Text("payTime", s.pay_time, FK::kTime);
}

template <class V, class Self>
void ExportReceipt::Fields(V& v, Self& s) {
  v.Text("orderNo", s.order_no, FK::kDocNo);
  v.Text("ebpCode", s.ebp_code, FK::kPartyCode);
  v.Text("ebcCode", s.ebc_code, FK::kPartyCode);
  v.Text("payCode", s.pay_code, FK::kPartyCode);
  v.Text("payNo", s.pay_no, FK::kDocNo);
  v.Money("charge", s.charge);
  v.Text("currency", s.currency, FK::kCurrency);
  v.Text("accountingDate", s.accounting_date, FK::kTime);
}

template <class V, class Self>
void ImportWaybill::Fields(V& v, Self& s) {
  v.Text("logisticsCode", s.logistics_code, FK::kPartyCode);
  v.Text("logisticsNo", s.logistics_no, FK::kDocNo);
  v.Text("billNo", s.bill_no, FK::kOptionalDocNo);
  v.Money("freight", s.freight);
  v.Money("insuredFee", s.insured_fee);
  v.Quantity("weight", s.weight);
  v.Count("packNo", s.pack_no);
}

template <class V, class Self>
void ExportWaybill::Fields(V& v, Self& s) {
  v.Text("logisticsCode", s.logistics_code, FK::kPartyCode);
  v.Text("logisticsNo", s.logistics_no, FK::kDocNo);
  v.Money("freight", s.freight);
  v.Money("insuredFee", s.insured_fee);
  v.Quantity("grossWeight", s.gross_weight);
  v.Count("packNo", s.pack_no);
}

template <class V, class Self>
void ImportList::Fields(V& v, Self& s) {
  v.Text("orderNo", s.order_no, FK::kDocNo);
  v.Text("ebpCode", s.ebp_code, FK::kPartyCode);
  v.Text("ebcCode", s.ebc_code, FK::kPartyCode);
  v.Text("logisticsCode", s.logistics_code, FK::kPartyCode);
  v.Text("logisticsNo", s.logistics_no, FK::kDocNo);
  v.Text("copNo", s.cop_no, FK::kDocNo);
  v.Text("invtNo", s.invt_no, FK::kOptionalDocNo);
  v.Text("agentCode", s.agent_code, FK::kPartyCode);
  v.Text("customsCode", s.customs_code, FK::kCustomsCode);
  v.Text("portCode", s.port_code, FK::kCustomsCode);
  v.Digest("buyerNameDigest", s.buyer_name_digest);
  v.Digest("buyerIdTypeDigest", s.buyer_id_type_digest);
  v.Digest("buyerIdNumberDigest", s.buyer_id_number_digest);
  v.Money("freight", s.freight);
  v.Money("insuredFee", s.insured_fee);
  v.Text("currency", s.currency, FK::kCurrency);
  v.Items("items", s.items);
}

template <class V, class Self>
void ExportList::Fields(V& v, Self& s) {
  v.Text("orderNo", s.order_no, FK::kDocNo);
  v.Text("ebpCode", s.ebp_code, FK::kPartyCode);
  v.Text("ebcCode", s.ebc_code, FK::kPartyCode);
  v.Text("logisticsCode", s.logistics_code, FK::kPartyCode);
  v.Text("logisticsNo", s.logistics_no, FK::kDocNo);
  v.Text("copNo", s.cop_no, FK::kDocNo);
  v.Text("agentCode", s.agent_code, FK::kPartyCode);
  v.Text("customsCode", s.customs_code, FK::kCustomsCode);
  v.Text("portCode", s.port_code, FK::kCustomsCode);
  v.Money("freight", s.freight);
  v.Money("insuredFee", s.insured_fee);
  v.Text("currency", s.currency, FK::kCurrency);
  v.Items("items", s.items);
}

namespace {

// ---- visitors ----

template <class Ar>
struct CodecVisitor {
  Ar& ar;
  template <class S>
  void Text(std::string_view, S& v, FK) {
    ar.String(v, kCodecTextMax);
  }
  template <class N>
  void Money(std::string_view, N& v) {
    ar.Varint(v);
  }
  template <class N>
  void Quantity(std::string_view, N& v) {
    ar.Varint(v);
  }
  template <class N>
  void Count(std::string_view, N& v) {
    ar.U32(v);
  }
  template <class H>
  void Digest(std::string_view, H& v) {
    ar.Fixed(v);
  }
  template <class L>
  void Items(std::string_view, L& v) {
    ar.List(v, kCodecItemsMax);
  }
};

struct JsonOut {
  Json j = Json::object();
  bool personal = true;
  void Text(std::string_view k, const std::string& v, FK kind) {
    if (kind != FK::kOptionalDocNo || !v.empty()) j[std::string(k)] = v;
  }
  void Money(std::string_view k, const Fen& v) { j[std::string(k)] = FormatFen(v); }
  void Quantity(std::string_view k, const uint64_t& v) {
    j[std::string(k)] = FormatScaled(v, kQuantityDecimals);
  }
  void Count(std::string_view k, const uint32_t& v) { j[std::string(k)] = v; }
  void Digest(std::string_view k, const Hash32& v) {
    if (personal) j[std::string(k)] = v.ToHex();
  }
  template <class Item>
  void Items(std::string_view k, const std::vector<Item>& v) {
    Json list = Json::array();
    for (const Item& item : v) {
      JsonOut out;
      Item::Fields(out, item);
      list.push_back(std::move(out.j));
    }
    j[std::string(k)] = std::move(list);
  }
};

// The field names a message defines.
struct Names {
  std::set<std::string, std::less<>> names;
  void Add(std::string_view k) { names.emplace(k); }
  template <class T>
  void Text(std::string_view k, T&, FK) {
    Add(k);
  }
  template <class T>
  void Money(std::string_view k, T&) {
    Add(k);
  }
  template <class T>
  void Quantity(std::string_view k, T&) {
    Add(k);
  }
  template <class T>
  void Count(std::string_view k, T&) {
    Add(k);
  }
  template <class T>
  void Digest(std::string_view k, T&) {
    Add(k);
  }
  template <class T>
  void Items(std::string_view k, T&) {
    Add(k);
  }
};

Result<uint64_t> DecimalFromJson(const Json& f, unsigned decimals, const ErrorKind& kind) {
  if (!f.is_string()) {
    return Status(kind, "expected a decimal string such as \"12.50\", never a JSON number");
  }
  Result<uint64_t> v = ParseScaled(f.get<std::string>(), decimals);
  if (!v.ok()) return Status(kind, v.status().message());
  return v;
}

Result<Hash32> DigestFromJson(const Json& f) {
  static constexpr char kWhy[] =
      "a personal field is the 64-hex-digit PersonalDigest, never the clear value";
  if (!f.is_string()) return Status(errors::kPersonalDataInClear, kWhy);
  const std::string& s = f.get_ref<const std::string&>();
  bool lower_hex = s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (!lower_hex) return Status(errors::kPersonalDataInClear, kWhy);
  return Hash32::FromHex(s);
}

template <class Item>
Result<std::vector<Item>> ItemsFromJson(const Json& j);

struct JsonIn {
  JsonReader& r;
  const Json& j;
  void Text(std::string_view k, std::string& v, FK kind) {
    if (kind == FK::kOptionalDocNo && !j.contains(std::string(k))) {
      v.clear();
      return;
    }
    r.String(k, v, kCodecTextMax);
  }
  void Money(std::string_view k, Fen& v) {
    r.Nested(k, v,
             [](const Json& f) { return DecimalFromJson(f, kFenDecimals, errors::kBadAmount); });
  }
  void Quantity(std::string_view k, uint64_t& v) {
    r.Nested(k, v, [](const Json& f) {
      return DecimalFromJson(f, kQuantityDecimals, errors::kBadQuantity);
    });
  }
  void Count(std::string_view k, uint32_t& v) { r.U32(k, v); }
  void Digest(std::string_view k, Hash32& v) { r.Nested(k, v, DigestFromJson); }
  template <class Item>
  void Items(std::string_view k, std::vector<Item>& v) {
    r.Nested(k, v, ItemsFromJson<Item>);
  }
};

// Refuses keys that carry personal data in clear: any "buyer*", "payer*" or
// "consignee*" key the message does not define.
template <class T>
Status CheckNoClearPersonalData(const Json& j) {
  if (!j.is_object()) return Status::Ok();
  Names n;
  T probe;
  T::Fields(n, probe);
  for (const auto& [key, value] : j.items()) {
    bool personal =
        key.rfind("buyer", 0) == 0 || key.rfind("payer", 0) == 0 || key.rfind("consignee", 0) == 0;
    if (personal && n.names.count(key) == 0) {
      return Status(errors::kPersonalDataInClear,
                    "\"" + key + "\" is personal data; send only the *Digest fields");
    }
  }
  return Status::Ok();
}

template <class T>
Result<T> ObjectFromJson(const Json& j, const std::string& what) {
  CBEC_RETURN_IF_ERROR(CheckNoClearPersonalData<T>(j));
  T out;
  JsonReader r(j, what);
  JsonIn in{r, j};
  T::Fields(in, out);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return out;
}

template <class Item>
Result<std::vector<Item>> ItemsFromJson(const Json& j) {
  if (!j.is_array()) return Status(ledger::errors::kBadJson, "expected an array of items");
  if (j.empty() || j.size() > kMaxItems) {
    return Status(errors::kBadItems, "a document has 1-" + std::to_string(kMaxItems) +
                                         " items, got " + std::to_string(j.size()));
  }
  std::vector<Item> out;
  for (size_t i = 0; i < j.size(); ++i) {
    CBEC_ASSIGN_OR_RETURN(Item item, ObjectFromJson<Item>(j[i], "[" + std::to_string(i) + "]"));
    out.push_back(std::move(item));
  }
  return out;
}

bool AllDigits(std::string_view s, size_t n) {
  return s.size() == n && s.find_first_not_of("0123456789") == std::string_view::npos;
}

bool IsDocNoChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
         c == '.' || c == '/' || c == '-';
}

Status CheckTime(std::string_view s, const std::string& name) {
  auto num = [&](size_t pos, size_t len) {
    int n = 0;
    for (size_t i = pos; i < pos + len; ++i) n = n * 10 + (s[i] - '0');
    return n;
  };
  if (AllDigits(s, 14)) {
    int mo = num(4, 2), d = num(6, 2), h = num(8, 2), mi = num(10, 2), se = num(12, 2);
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 && se < 60) {
      return Status::Ok();
    }
  }
  return Status(errors::kBadTime,
                name + " must be YYYYMMDDhhmmss, got \"" + std::string(s.substr(0, 32)) + "\"");
}

Status CheckText(const std::string& name, const std::string& v, FK kind) {
  auto bad = [&](const ErrorKind& k, std::string_view what) {
    return Status(k, name + " must be " + std::string(what) + ", got \"" + v.substr(0, 64) + "\"");
  };
  switch (kind) {
    case FK::kPartyCode:
      return ValidatePartyCode(v, name);
    case FK::kOptionalDocNo:
      if (v.empty()) return Status::Ok();
      [[fallthrough]];
    case FK::kDocNo: {
      bool ok = !v.empty() && v.size() <= 64;
      for (char c : v) ok = ok && IsDocNoChar(c);
      return ok ? Status::Ok() : bad(errors::kBadDocumentNo, "1-64 characters of [0-9A-Za-z_./-]");
    }
    case FK::kText:
      return ValidateText(v, kMaxTextBytes, errors::kBadText, name, /*allow_newline=*/false);
    case FK::kCurrency:
      return AllDigits(v, 3) ? Status::Ok() : bad(errors::kBadCurrency, "a 3-digit currency code");
    case FK::kCustomsCode:
      return AllDigits(v, 4) ? Status::Ok()
                             : bad(errors::kBadCustomsCode, "a 4-digit customs code");
    case FK::kHsCode:
      return AllDigits(v, 10) ? Status::Ok() : bad(errors::kBadHsCode, "a 10-digit HS code");
    case FK::kTime:
      return CheckTime(v, name);
  }
  return Status(errors::kBadText, name);
}

struct Validator {
  std::string prefix;
  Status status;
  void Set(Status s) {
    if (status.ok()) status = std::move(s);
  }
  void Text(std::string_view k, const std::string& v, FK kind) {
    if (status.ok()) Set(CheckText(prefix + std::string(k), v, kind));
  }
  void Money(std::string_view k, const Fen& v) {
    if (v > kMaxAmountFen) {
      Set(Status(errors::kBadAmount,
                 prefix + std::string(k) + " exceeds " + FormatFen(kMaxAmountFen)));
    }
  }
  void Quantity(std::string_view k, const uint64_t& v) {
    if (v == 0 || v > kMaxQuantity) {
      Set(Status(errors::kBadQuantity, prefix + std::string(k) + " must be above 0 and at most " +
                                           FormatScaled(kMaxQuantity, kQuantityDecimals)));
    }
  }
  void Count(std::string_view k, const uint32_t& v) {
    if (v == 0) Set(Status(errors::kBadQuantity, prefix + std::string(k) + " must be at least 1"));
  }
  void Digest(std::string_view, const Hash32&) {}
  template <class Item>
  void Items(std::string_view k, const std::vector<Item>& v) {
    std::string name = prefix + std::string(k);
    if (v.empty() || v.size() > kMaxItems) {
      return Set(Status(errors::kBadItems, name + " must hold 1-" + std::to_string(kMaxItems) +
                                               " items, got " + std::to_string(v.size())));
    }
    for (size_t i = 0; i < v.size() && status.ok(); ++i) {
      std::string at = name + "[" + std::to_string(i) + "].";
      if (v[i].gnum != i + 1) {
        return Set(Status(errors::kBadItems, at + "gnum must be " + std::to_string(i + 1) +
                                                 " (lines are numbered 1..n in order)"));
      }
      Validator sub{at, Status::Ok()};
      Item::Fields(sub, v[i]);
      Set(sub.status);
    }
  }
};

template <class T>
Status ValidateDocument(const T& doc) {
  Validator v{"document.", Status::Ok()};
  T::Fields(v, doc);
  return v.status;
}

template <class T>
Json DocumentJson(const T& doc, bool personal) {
  JsonOut out;
  out.personal = personal;
  T::Fields(out, doc);
  return std::move(out.j);
}

Result<Direction> DirectionFromJson(const Json& f) {
  if (!f.is_string()) return Status(errors::kBadDirection, "expected \"import\" or \"export\"");
  return ParseDirection(f.get<std::string>());
}

}  // namespace

// ---- codecs, JSON and validation of every message ----

#define CBEC_CLEARANCE_DEFINE(Type)                                                          \
  template <class Ar, class Self>                                                            \
  void Type::Codec(Ar& ar, Self& s) {                                                        \
    CodecVisitor<Ar> v{ar};                                                                  \
    Fields(v, s);                                                                            \
  }                                                                                          \
  template void Type::Codec(ledger::Writer&, const Type&);                                   \
  template void Type::Codec(ledger::Reader&, Type&);                                         \
  Json Type::ToJson(bool personal) const { return DocumentJson(*this, personal); }           \
  Result<Type> Type::FromJson(const Json& j) { return ObjectFromJson<Type>(j, "document"); } \
  Status Type::Validate() const { return ValidateDocument(*this); }

CBEC_CLEARANCE_DEFINE(ImportOrder)
CBEC_CLEARANCE_DEFINE(ExportOrder)
CBEC_CLEARANCE_DEFINE(ImportPayment)
CBEC_CLEARANCE_DEFINE(ExportReceipt)
CBEC_CLEARANCE_DEFINE(ImportWaybill)
CBEC_CLEARANCE_DEFINE(ExportWaybill)
CBEC_CLEARANCE_DEFINE(ImportList)
CBEC_CLEARANCE_DEFINE(ExportList)
#undef CBEC_CLEARANCE_DEFINE

template <class Ar, class Self>
void OrderItem::Codec(Ar& ar, Self& s) {
  CodecVisitor<Ar> v{ar};
  Fields(v, s);
}
template <class Ar, class Self>
void ListItem::Codec(Ar& ar, Self& s) {
  CodecVisitor<Ar> v{ar};
  Fields(v, s);
}
template void OrderItem::Codec(ledger::Writer&, const OrderItem&);
template void OrderItem::Codec(ledger::Reader&, OrderItem&);
template void ListItem::Codec(ledger::Writer&, const ListItem&);
template void ListItem::Codec(ledger::Reader&, ListItem&);

// ---- submit arguments ----

template <class Imp, class Exp>
Json SubmitArgs<Imp, Exp>::ToJson() const {
  Json doc = direction == Direction::kImport ? import_doc.ToJson() : export_doc.ToJson();
  return Json{{"direction", std::string(DirectionName(direction))}, {"document", std::move(doc)}};
}

template <class Imp, class Exp>
Result<SubmitArgs<Imp, Exp>> SubmitArgs<Imp, Exp>::FromJson(const Json& j) {
  SubmitArgs a;
  JsonReader r(j, "args");
  r.Nested("direction", a.direction, DirectionFromJson);
  if (r.ok() && a.direction == Direction::kImport) {
    r.Nested("document", a.import_doc, Imp::FromJson);
  } else if (r.ok()) {
    r.Nested("document", a.export_doc, Exp::FromJson);
  }
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

template struct SubmitArgs<ImportOrder, ExportOrder>;
template struct SubmitArgs<ImportPayment, ExportReceipt>;
template struct SubmitArgs<ImportWaybill, ExportWaybill>;
template struct SubmitArgs<ImportList, ExportList>;

}  // namespace cbec::contracts::clearance
