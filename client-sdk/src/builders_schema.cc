// The argument layout of every contract method, field by field, in codec
// order (docs/spec/contracts*.md; the contracts' *_args.cc are the
// reference, tests/sdk/builders_crosscheck_test.cc holds us to them).
#include <algorithm>

#include "builders_internal.h"

namespace cbec::sdk::internal {

namespace {

using K = Kind;
using P = Presence;

Field Str(std::string_view name, size_t max = 4096) {
  return {name, K::kString, P::kRequired, max};
}
Field Hex(std::string_view name, size_t max) { return {name, K::kHex, P::kRequired, max}; }
Field Fixed20(std::string_view name) { return {name, K::kFixed20}; }
Field Fixed32(std::string_view name) { return {name, K::kFixed32}; }
Field Digest(std::string_view name) { return {name, K::kDigest}; }
Field U32(std::string_view name) { return {name, K::kU32}; }
Field U64(std::string_view name) { return {name, K::kU64}; }
Field Varint(std::string_view name) { return {name, K::kVarint}; }
Field Bool(std::string_view name) { return {name, K::kBool}; }
Field Money(std::string_view name) { return {name, K::kMoney}; }
Field Quantity(std::string_view name) { return {name, K::kQuantity}; }
Field Enum(std::string_view name, const EnumTable& t) {
  Field f{name, K::kEnum};
  f.enums = &t;
  return f;
}
Field StrList(std::string_view name, size_t max, size_t item_max) {
  return {name, K::kStringList, P::kRequired, max, item_max};
}
Field HexList(std::string_view name, size_t max, size_t item_max) {
  return {name, K::kHexList, P::kRequired, max, item_max};
}
Field EnumList(std::string_view name, const EnumTable& t, size_t max) {
  Field f{name, K::kEnumList, P::kRequired, max, 32};
  f.enums = &t;
  return f;
}
Field ObjList(std::string_view name, const Shape& s, size_t max, size_t min = 0) {
  Field f{name, K::kObjectList, P::kRequired, max};
  f.min = min;
  f.shape = &s;
  return f;
}
Field Default(Field f) {
  f.presence = P::kDefault;
  return f;
}
Field Optional(Field f) {
  f.presence = P::kOptional;
  return f;
}

// ---- enums (the contracts' enum class values) ----

const EnumTable kOrgKinds = {{"customs", 1}, {"tax", 2},       {"fx", 3},
                             {"market", 4},  {"platform", 5},  {"enterprise", 6},
                             {"payment", 7}, {"logistics", 8}, {"auditor", 9}};
const EnumTable kListKinds = {{"red", 1}, {"black", 2}};
const EnumTable kSeverities = {{"none", 0}, {"minor", 1}, {"general", 2}, {"serious", 3}};
const EnumTable kPartyKinds = {{"ebp", 1}, {"ebc", 2}, {"pay", 3}, {"logistics", 4}, {"agent", 5}};

// ---- governance (governance_args.cc, governance_proposal_args.cc) ----

constexpr size_t kGovString = 256;
constexpr size_t kGovList = 64;
constexpr size_t kGovKey = 128;

const Shape kCreateAccount = {Str("organisation", kGovString), HexList("keys", kGovList, kGovKey),
                              StrList("roles", kGovList, kGovString)};
const Shape kKeyArgs = {Fixed20("account"), Hex("key", kGovKey)};
const Shape kSetRoles = {Fixed20("account"), StrList("roles", kGovList, kGovString)};
const Shape kAccountArgs = {Fixed20("account")};
const Shape kPropose = {Str("title", kGovString), {"action", K::kAction}, Str("expires", 16)};
const Shape kVote = {U64("proposal"), Bool("approve")};
const Shape kAddOrg = {Str("id", kGovString), Str("kind", kGovString), Str("name", kGovString),
                       HexList("admin_keys", kGovList, kGovKey)};
const Shape kSetOrgStatus = {Str("id", kGovString), Str("status", kGovString)};
const Shape kValidator = {Str("name", kGovString), Default(Hex("public_key", kGovKey))};
const Shape kSetKindRoles = {Str("kind", kGovString), StrList("roles", kGovList, kGovString)};
const Shape kThreshold = {U32("threshold")};

// ---- enterprise (enterprise_args.cc) ----

constexpr size_t kEntString = 1024;
const Shape kRegister = {Str("uscc", kEntString),
                         Str("name", kEntString),
                         Str("status", kEntString),
                         Str("registered_address", kEntString),
                         Str("legal_representative", kEntString),
                         Default(Str("organisation", kEntString))};
const Shape kUpdate = {Str("uscc", kEntString), Str("name", kEntString), Str("status", kEntString),
                       Str("registered_address", kEntString),
                       Str("legal_representative", kEntString)};
const Shape kLink = {Str("uscc", kEntString), Str("organisation", kEntString)};

// ---- credit (credit_args.cc) ----

const Shape kNamedCode = {Str("code"), Str("name_en"), Str("name_zh")};
const Shape kSetScale = {Str("department"), Str("rule_set_id"), Str("effective_from"),
                         ObjList("levels", kNamedCode, 64)};
const Shape kCondition = {Str("type"), Default(Str("department")),
                          Default(StrList("levels", 64, 4096)), Default(Str("severity"))};
const Shape kClause = {Str("class"), ObjList("when", kCondition, 64)};
const Shape kSetRule = {Str("rule_id"), ObjList("classes", kNamedCode, 64),
                        ObjList("clauses", kClause, 128), Str("default_class")};
const Shape kRate = {Str("uscc"),   Str("rule_set_id"), Str("level"),
                     Str("reason"), Str("legal_basis"), Default(Str("effective_date"))};
const Shape kApplyRepair = {Str("uscc"), Default(Str("department")), Default(Str("entry_id")),
                            Fixed32("evidence_digest"), Str("statement")};
const Shape kDecideRepair = {Str("application_id"), Str("decision"), Str("reason"),
                             Default(Str("new_level"))};

// ---- lists (lists_args.cc, lists_records.cc Measure) ----

const Shape kIssue = {Str("subject"),
                      Enum("kind", kListKinds),
                      Enum("severity", kSeverities),
                      Str("reason"),
                      Str("legal_basis"),
                      StrList("measures", 64, 4096),
                      Str("effective_date", 32),
                      U32("period_months")};
const Shape kListRevoke = {Str("entry_id"), Str("reason")};
const Shape kApplyMeasure = {Str("entry_id"), Str("measure"), Str("date", 32), Str("note")};
const Shape kMeasure = {Str("code"), Enum("kind", kListKinds),
                        EnumList("departments", kOrgKinds, 16), Str("name_en"), Str("name_zh")};
const Shape kSetMeasures = {ObjList("measures", kMeasure, 128)};

// ---- ipr (ipr_args.cc) ----

constexpr size_t kIprList = 128;
const Shape kGoods = {Str("scheme"), Str("code"), Str("description")};
const Shape kLicence = {Str("uscc"),
                        {"goods", K::kLicenceGoods, P::kRequired, kIprList, 4096},
                        Default(Str("valid_until", 32))};
const Shape kFile = {Str("ip_type"),
                     Str("reg_no"),
                     Str("issuing_office"),
                     Str("title"),
                     Str("holder"),
                     ObjList("goods", kGoods, kIprList),
                     ObjList("licensees", kLicence, kIprList),
                     Fixed32("evidence_digest"),
                     Str("right_valid_from", 32),
                     Str("right_valid_until", 32),
                     Default(Str("agent"))};
const Shape kReview = {Str("ip_type"), Str("reg_no"), Str("decision"), Str("reason")};
const Shape kRenew = {Str("ip_type"), Str("reg_no"), Default(Str("right_valid_until", 32))};
const Shape kAmend = {
    Str("ip_type"), Str("reg_no"), Optional(ObjList("licensees", kLicence, kIprList)),
    Optional(ObjList("goods", kGoods, kIprList)), Optional(Fixed32("evidence_digest"))};
const Shape kEnd = {Str("ip_type"), Str("reg_no"), Str("reason")};
const Shape kAgent = {Str("holder"), Str("agent_org")};
const Shape kSeizure = {Str("ip_type"),
                        Str("reg_no"),
                        Str("exporter"),
                        Default(Str("declaration_no")),
                        Str("goods_description"),
                        Varint("quantity"),
                        Str("unit"),
                        Str("port"),
                        StrList("trace_event_ids", kIprList, 4096),
                        Str("reason")};
const Shape kDecideSeizure = {Str("id"), Str("outcome"), Str("reason")};

// ---- trace (trace_args.cc) ----

const Shape kCapture = {{"document", K::kEpcis}};
const Shape kSelect = {StrList("epcs", 257, 4096), Default(Str("biz_transaction")), Str("reason")};

}  // namespace

// ---- clearance (clearance_args.cc, clearance_docs.cc) ----
// Declared outside the anonymous namespace only to keep this file's order:
// the document shapes are long.
namespace {

constexpr size_t kText = 1024;  // the documents' codec bound for text
constexpr size_t kItems = 100;  // a document has 1-100 items

Field OptionalDocNo(std::string_view name) { return Default(Str(name, kText)); }

const Shape kOrderItem = {U32("gnum"),        Str("itemNo", kText), Str("itemName", kText),
                          Quantity("qty"),    Str("unit", kText),   Money("price"),
                          Money("totalPrice")};
const Shape kListItem = {U32("gnum"),         Str("itemNo", kText), Str("itemName", kText),
                         Str("gcode", kText), Quantity("qty"),      Str("unit", kText),
                         Money("price"),      Money("totalPrice")};
const Shape kImportOrder = {Str("orderNo", kText),
                            Str("ebpCode", kText),
                            Str("ebcCode", kText),
                            Money("goodsValue"),
                            Money("freight"),
                            Money("discount"),
                            Money("taxTotal"),
                            Money("acturalPaid"),
                            Str("currency", kText),
                            Str("buyerRegNo", kText),
                            Digest("buyerNameDigest"),
                            Digest("buyerIdTypeDigest"),
                            Digest("buyerIdNumberDigest"),
                            Str("payCode", kText),
                            Str("payTransactionId", kText),
                            ObjList("items", kOrderItem, kItems, 1)};
const Shape kExportOrder = {Str("orderNo", kText),
                            Str("ebpCode", kText),
                            Str("ebcCode", kText),
                            Money("goodsValue"),
                            Money("freight"),
                            Str("currency", kText),
                            ObjList("items", kOrderItem, kItems, 1)};
const Shape kImportPayment = {Str("payCode", kText),         Str("payTransactionId", kText),
                              Str("orderNo", kText),         Str("ebpCode", kText),
                              Digest("payerNameDigest"),     Digest("payerIdTypeDigest"),
                              Digest("payerIdNumberDigest"), Money("amountPaid"),
                              Str("currency", kText),        Str("payTime", kText)};
const Shape kExportReceipt = {Str("orderNo", kText),  Str("ebpCode", kText),
                              Str("ebcCode", kText),  Str("payCode", kText),
                              Str("payNo", kText),    Money("charge"),
                              Str("currency", kText), Str("accountingDate", kText)};
const Shape kImportWaybill = {Str("logisticsCode", kText),
                              Str("logisticsNo", kText),
                              OptionalDocNo("billNo"),
                              Money("freight"),
                              Money("insuredFee"),
                              Quantity("weight"),
                              U32("packNo")};
const Shape kExportWaybill = {
    Str("logisticsCode", kText), Str("logisticsNo", kText), Money("freight"),
    Money("insuredFee"),         Quantity("grossWeight"),   U32("packNo")};
const Shape kImportList = {Str("orderNo", kText),
                           Str("ebpCode", kText),
                           Str("ebcCode", kText),
                           Str("logisticsCode", kText),
                           Str("logisticsNo", kText),
                           Str("copNo", kText),
                           OptionalDocNo("invtNo"),
                           Str("agentCode", kText),
                           Str("customsCode", kText),
                           Str("portCode", kText),
                           Digest("buyerNameDigest"),
                           Digest("buyerIdTypeDigest"),
                           Digest("buyerIdNumberDigest"),
                           Money("freight"),
                           Money("insuredFee"),
                           Str("currency", kText),
                           ObjList("items", kListItem, kItems, 1)};
const Shape kExportList = {Str("orderNo", kText),
                           Str("ebpCode", kText),
                           Str("ebcCode", kText),
                           Str("logisticsCode", kText),
                           Str("logisticsNo", kText),
                           Str("copNo", kText),
                           Str("agentCode", kText),
                           Str("customsCode", kText),
                           Str("portCode", kText),
                           Money("freight"),
                           Money("insuredFee"),
                           Str("currency", kText),
                           ObjList("items", kListItem, kItems, 1)};

Field Directed(const Shape& import_doc, const Shape& export_doc) {
  Field f{"document", K::kDirected};
  f.shape = &import_doc;
  f.shape2 = &export_doc;
  return f;
}

const Shape kSubmitOrder = {Directed(kImportOrder, kExportOrder)};
const Shape kSubmitPayment = {Directed(kImportPayment, kExportReceipt)};
const Shape kSubmitWaybill = {Directed(kImportWaybill, kExportWaybill)};
const Shape kSubmitList = {Directed(kImportList, kExportList)};
const Shape kParty = {Str("code"), Str("uscc"), Str("name"), EnumList("kinds", kPartyKinds, 8),
                      Default(Str("reason"))};
const Shape kPartyStatus = {Str("code"), Str("reason")};
const Shape kSetLimits = {Money("single_limit"), Money("annual_limit"), Money("tolerance"),
                          Str("legal_basis"), Str("reason")};

std::vector<MethodShape> BuildTable() {
  std::vector<MethodShape> t = {
      {"clearance", "register_party", false, &kParty},
      {"clearance", "update_party", false, &kParty},
      {"clearance", "suspend_party", false, &kPartyStatus},
      {"clearance", "reinstate_party", false, &kPartyStatus},
      {"clearance", "set_limits", true, &kSetLimits},
      {"clearance", "submit_order", false, &kSubmitOrder},
      {"clearance", "submit_payment", false, &kSubmitPayment},
      {"clearance", "submit_waybill", false, &kSubmitWaybill},
      {"clearance", "submit_list", false, &kSubmitList},
      {"credit", "set_scale", true, &kSetScale},
      {"credit", "set_composite_rule", true, &kSetRule},
      {"credit", "rate", false, &kRate},
      {"credit", "apply_repair", false, &kApplyRepair},
      {"credit", "decide_repair", false, &kDecideRepair},
      {"enterprise", "register", false, &kRegister},
      {"enterprise", "update", false, &kUpdate},
      {"enterprise", "link_organisation", false, &kLink},
      {"governance", "create_account", false, &kCreateAccount},
      {"governance", "add_key", false, &kKeyArgs},
      {"governance", "revoke_key", false, &kKeyArgs},
      {"governance", "set_roles", false, &kSetRoles},
      {"governance", "suspend_account", false, &kAccountArgs},
      {"governance", "reactivate_account", false, &kAccountArgs},
      {"governance", "propose", false, &kPropose},
      {"governance", "vote", false, &kVote},
      {"governance", "add_org", true, &kAddOrg},
      {"governance", "set_org_status", true, &kSetOrgStatus},
      {"governance", "add_validator", true, &kValidator},
      {"governance", "remove_validator", true, &kValidator},
      {"governance", "set_kind_roles", true, &kSetKindRoles},
      {"governance", "set_proposal_threshold", true, &kThreshold},
      {"ipr", "file", false, &kFile},
      {"ipr", "renew", false, &kRenew},
      {"ipr", "amend", false, &kAmend},
      {"ipr", "withdraw", false, &kEnd},
      {"ipr", "authorise_agent", false, &kAgent},
      {"ipr", "revoke_agent", false, &kAgent},
      {"ipr", "review", false, &kReview},
      {"ipr", "review_renewal", false, &kReview},
      {"ipr", "review_amendment", false, &kReview},
      {"ipr", "revoke", false, &kEnd},
      {"ipr", "record_seizure", false, &kSeizure},
      {"ipr", "decide_seizure", false, &kDecideSeizure},
      {"lists", "issue", false, &kIssue},
      {"lists", "revoke", false, &kListRevoke},
      {"lists", "apply_measure", false, &kApplyMeasure},
      {"lists", "set_measures", true, &kSetMeasures},
      {"trace", "capture", false, &kCapture},
      {"trace", "select_for_inspection", false, &kSelect},
  };
  std::sort(t.begin(), t.end(), [](const MethodShape& a, const MethodShape& b) {
    return std::pair(a.contract, a.method) < std::pair(b.contract, b.method);
  });
  return t;
}

}  // namespace

const std::vector<MethodShape>& MethodShapes() {
  static const std::vector<MethodShape> table = BuildTable();
  return table;
}

}  // namespace cbec::sdk::internal
