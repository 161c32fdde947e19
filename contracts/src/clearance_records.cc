// Clearance records: codecs, JSON views, state keys and record access; the
// small public helpers of clearance.h.
#include "cbec/contracts/clearance_records.h"

#include <algorithm>

#include "cbec/contracts/clearance.h"
#include "cbec/contracts/clearance_errors.h"
#include "cbec/contracts/codec_instances.h"
#include "cbec/contracts/dates.h"
#include "cbec/contracts/errors.h"
#include "cbec/ledger/state_key.h"
#include "cbec/ledger/codec.h"

namespace cbec::contracts::clearance {

namespace {

ledger::KeyBuilder Table(std::string_view table) { return ledger::KeyBuilder(kContractName, table); }

constexpr uint64_t kUtc8Ms = 8ULL * 3600 * 1000;
constexpr size_t kListMax = 256;

Json TimeJson(Json j, uint64_t time_ms) {
  j["time_ms"] = time_ms;
  j["date"] = FormatDate(time_ms);
  return j;
}

}  // namespace

// ---- clearance.h helpers ----

std::string_view DirectionName(Direction d) {
  return d == Direction::kExport ? "export" : "import";
}

Result<Direction> ParseDirection(std::string_view name) {
  if (name == "import") return Direction::kImport;
  if (name == "export") return Direction::kExport;
  return Status(errors::kBadDirection, "direction must be \"import\" or \"export\", got \"" +
                                           std::string(name.substr(0, 32)) + "\"");
}

std::string_view PartyKindName(PartyKind k) {
  switch (k) {
    case PartyKind::kEbp:
      return "ebp";
    case PartyKind::kEbc:
      return "ebc";
    case PartyKind::kPay:
      return "pay";
    case PartyKind::kLogistics:
      return "logistics";
    case PartyKind::kAgent:
      return "agent";
  }
  return "?";
}

Result<PartyKind> ParsePartyKind(std::string_view name) {
  for (PartyKind k : {PartyKind::kEbp, PartyKind::kEbc, PartyKind::kPay, PartyKind::kLogistics,
                      PartyKind::kAgent}) {
    if (PartyKindName(k) == name) return k;
  }
  return Status(errors::kBadPartyKinds,
                "party kind must be ebp, ebc, pay, logistics or agent, got \"" +
                    std::string(name.substr(0, 32)) + "\"");
}

Status ValidatePartyCode(std::string_view code, std::string_view what) {
  bool ok = code.size() == 10;
  for (char c : code) ok = ok && ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'));
  if (ok) return Status::Ok();
  return Status(errors::kBadPartyCode,
                std::string(what) + " must be a 10-character customs code of [0-9A-Z], got \"" +
                    std::string(code.substr(0, 32)) + "\"");
}

Hash32 PersonalDigest(crypto::Suite suite, ByteView salt, std::string_view field,
                      std::string_view value) {
  crypto::Hasher h(suite);
  h.Update(AsBytes("cbec/personal/v1")).Update(uint8_t{0});
  h.Update(salt).Update(uint8_t{0});
  h.Update(AsBytes(field)).Update(uint8_t{0});
  h.Update(AsBytes(value));
  return h.Final();
}

crypto::Hash DocumentDigest(crypto::Suite suite, std::string_view message, ByteView body) {
  crypto::Hasher h(suite);
  h.Update(AsBytes("cbec/clearance/document/v1")).Update(uint8_t{0});
  h.Update(AsBytes(message)).Update(uint8_t{0});
  h.Update(body);
  return h.Final();
}

uint32_t YearOf(uint64_t time_ms) {
  std::string date = FormatDate(time_ms + kUtc8Ms);
  uint32_t y = 0;
  for (char c : date.substr(0, 4)) y = y * 10 + static_cast<uint32_t>(c - '0');
  return y;
}

std::string MonthOf(uint64_t time_ms) { return FormatDate(time_ms + kUtc8Ms).substr(0, 7); }

// ---- keys ----

Bytes ResultKey(Direction d, std::string_view ebp_code, std::string_view order_no) {
  return Table("result").Str(DirectionName(d)).Str(ebp_code).Str(order_no).Build();
}
Bytes PartyKey(std::string_view code) { return Table("party").Str(code).Build(); }
Bytes PartyPrefix() { return Table("party").Build(); }
Bytes PartyVersionKey(std::string_view code, uint64_t version) {
  return Table("party_version").Str(code).U64(version).Build();
}
Bytes PartyVersionPrefix(std::string_view code) { return Table("party_version").Str(code).Build(); }
Bytes BuyerTotalKey(const Hash32& digest, uint32_t year) {
  return Table("buyer_total").Fixed(digest).U64(year).Build();
}
Bytes RiskKey(std::string_view uscc, std::string_view month) {
  return Table("risk").Str(uscc).Str(month).Build();
}
Bytes RiskPrefix(std::string_view uscc) { return Table("risk").Str(uscc).Build(); }
Bytes LimitsKey() { return Table("limits").Build(); }
Bytes LimitsVersionKey(uint64_t version) { return Table("limits_version").U64(version).Build(); }
Bytes DocKey(DocKind kind, Direction d, std::string_view a, std::string_view b) {
  return Table(DocKindName(kind)).Str(DirectionName(d)).Str(a).Str(b).Build();
}
Bytes PaymentForKey(Direction d, std::string_view ebp_code, std::string_view order_no) {
  return Table("payment_for").Str(DirectionName(d)).Str(ebp_code).Str(order_no).Build();
}
Bytes PayNamedKey(Direction d, std::string_view pay_code, std::string_view pay_id) {
  return Table("pay_named").Str(DirectionName(d)).Str(pay_code).Str(pay_id).Build();
}
Bytes WaybillNamedKey(Direction d, std::string_view code, std::string_view no) {
  return Table("waybill_named").Str(DirectionName(d)).Str(code).Str(no).Build();
}

// ---- names ----

std::string_view DocKindName(DocKind k) {
  switch (k) {
    case DocKind::kOrder:
      return "order";
    case DocKind::kPayment:
      return "payment";
    case DocKind::kWaybill:
      return "waybill";
    case DocKind::kList:
      return "list";
  }
  return "?";
}

std::string_view MessageOf(Direction d, DocKind k) {
  bool imp = d == Direction::kImport;
  switch (k) {
    case DocKind::kOrder:
      return imp ? "CEB311" : "CEB303";
    case DocKind::kPayment:
      return imp ? "CEB411" : "CEB403";
    case DocKind::kWaybill:
      return imp ? "CEB511" : "CEB505";
    case DocKind::kList:
      return imp ? "CEB621" : "CEB603";
  }
  return "?";
}

std::string_view MatchStatusName(MatchStatus s) {
  switch (s) {
    case MatchStatus::kIncomplete:
      return "incomplete";
    case MatchStatus::kMatched:
      return "matched";
    case MatchStatus::kMismatch:
      return "mismatch";
  }
  return "?";
}

Status ValidateLimits(Fen single, Fen annual, Fen tolerance) {
  constexpr Fen kCeiling = 10'000'000'000'000ULL;
  if (single == 0 || single > annual || annual > kCeiling || tolerance >= single) {
    return Status(errors::kBadLimits,
                  "limits need 0 < single_limit <= annual_limit <= " + FormatFen(kCeiling) +
                      " and tolerance < single_limit; got single " + FormatFen(single) +
                      ", annual " + FormatFen(annual) + ", tolerance " + FormatFen(tolerance));
  }
  return Status::Ok();
}

// ---- parties ----

bool Party::Has(PartyKind k) const {
  return std::find(kinds.begin(), kinds.end(), k) != kinds.end();
}

Json Party::ToJson() const {
  Json k = Json::array();
  for (PartyKind x : kinds) k.push_back(std::string(PartyKindName(x)));
  return Json{{"code", code},
              {"uscc", uscc},
              {"name", name},
              {"kinds", std::move(k)},
              {"status", status == PartyStatus::kActive ? "active" : "suspended"},
              {"version", version},
              {"registered_ms", registered_ms},
              {"updated_ms", updated_ms},
              {"updated_date", FormatDate(updated_ms)}};
}

template <class Ar, class Self>
void Party::Codec(Ar& ar, Self& s) {
  ar.String(s.code, kRecordStringMax);
  ar.String(s.uscc, kRecordStringMax);
  ar.String(s.name, kRecordStringMax);
  ar.List(s.kinds, 8);
  ar.Enum(s.status);
  ar.Varint(s.version);
  ar.U64(s.registered_ms);
  ar.U64(s.updated_ms);
}

Json PartyVersion::ToJson() const {
  static constexpr std::string_view kNames[] = {"", "registered", "updated", "suspended",
                                                "reinstated"};
  Json j{{"version", record.version},  {"change", std::string(kNames[static_cast<int>(change)])},
         {"reason", reason},           {"height", height},
         {"tx_hash", tx_hash.ToHex()}, {"officer", officer.ToHex()},
         {"officer_org", officer_org}, {"record", record.ToJson()}};
  return TimeJson(std::move(j), time_ms);
}

template <class Ar, class Self>
void PartyVersion::Codec(Ar& ar, Self& s) {
  ar.Object(s.record);
  ar.Enum(s.change);
  ar.String(s.reason, kRecordStringMax);
  ar.Varint(s.height);
  ar.U64(s.time_ms);
  ar.Fixed(s.tx_hash);
  ar.Fixed(s.officer);
  ar.String(s.officer_org, kRecordStringMax);
}

// ---- limits ----

Json Limits::ToJson() const {
  Json j{{"version", version},
         {"single_limit", FormatFen(single_fen)},
         {"annual_limit", FormatFen(annual_fen)},
         {"tolerance", FormatFen(tolerance_fen)},
         {"legal_basis", legal_basis},
         {"reason", reason},
         {"height", height},
         {"tx_hash", tx_hash.ToHex()},
         {"signer", signer.ToHex()}};
  return TimeJson(std::move(j), time_ms);
}

template <class Ar, class Self>
void Limits::Codec(Ar& ar, Self& s) {
  ar.Varint(s.version);
  ar.Varint(s.single_fen);
  ar.Varint(s.annual_fen);
  ar.Varint(s.tolerance_fen);
  ar.String(s.legal_basis, kRecordStringMax);
  ar.String(s.reason, kRecordStringMax);
  ar.Varint(s.height);
  ar.U64(s.time_ms);
  ar.Fixed(s.tx_hash);
  ar.Fixed(s.signer);
}

// ---- documents ----

Json DocRecord::MetaJson() const {
  Json j{{"message", std::string(MessageOf(direction, kind))},
         {"digest", digest.ToHex()},
         {"submitter_party", submitter_party.empty() ? Json(nullptr) : Json(submitter_party)},
         {"submitter", submitter.ToHex()},
         {"submitter_org", submitter_org},
         {"revision", revision},
         {"height", height},
         {"tx_hash", tx_hash.ToHex()}};
  return TimeJson(std::move(j), time_ms);
}

template <class Ar, class Self>
void DocRecord::Codec(Ar& ar, Self& s) {
  ar.Enum(s.direction);
  ar.Enum(s.kind);
  ar.Blob(s.body, 256 * 1024);
  ar.Fixed(s.digest);
  ar.String(s.submitter_party, kRecordStringMax);
  ar.Fixed(s.submitter);
  ar.String(s.submitter_org, kRecordStringMax);
  ar.Varint(s.revision);
  ar.Varint(s.height);
  ar.U64(s.time_ms);
  ar.Fixed(s.tx_hash);
}

template <class Ar, class Self>
void DocRef::Codec(Ar& ar, Self& s) {
  ar.String(s.a, kRecordStringMax);
  ar.String(s.b, kRecordStringMax);
}

// ---- results ----

Json Failure::ToJson() const {
  return Json{{"rule", rule}, {"fields", fields}, {"expected", expected}, {"actual", actual}};
}

template <class Ar, class Self>
void Failure::Codec(Ar& ar, Self& s) {
  ar.String(s.rule, kRecordStringMax);
  ar.List(s.fields, 16);
  ar.String(s.expected, kRecordStringMax);
  ar.String(s.actual, kRecordStringMax);
}

Json MatchRecord::ToJson() const {
  Json miss = Json::array();
  for (DocKind k : missing) miss.push_back(std::string(DocKindName(k)));
  Json fails = Json::array();
  for (const Failure& f : failures) fails.push_back(f.ToJson());
  Json docs = Json::object();
  for (const auto& [k, h] : documents) docs[k] = h.ToHex();
  Json j{{"direction", std::string(DirectionName(direction))},
         {"ebpCode", ebp_code},
         {"orderNo", order_no},
         {"status", std::string(MatchStatusName(status))},
         {"missing", std::move(miss)},
         {"failures", std::move(fails)},
         {"documents", std::move(docs)},
         {"amount", Complete() ? Json(FormatFen(amount_fen)) : Json(nullptr)},
         {"year", year},
         {"counted", FormatFen(counted_fen)},
         {"limits_version", limits_version},
         {"height", height}};
  return TimeJson(std::move(j), time_ms);
}

template <class Ar, class Self>
void MatchRecord::Codec(Ar& ar, Self& s) {
  ar.Enum(s.direction);
  ar.String(s.ebp_code, kRecordStringMax);
  ar.String(s.order_no, kRecordStringMax);
  ar.Enum(s.status);
  ar.List(s.missing, 4);
  ar.List(s.failures, 64);
  ar.Map(s.documents, 4);
  ar.Varint(s.amount_fen);
  ar.U32(s.year);
  ar.Varint(s.counted_fen);
  ar.Varint(s.limits_version);
  ar.Varint(s.height);
  ar.U64(s.time_ms);
}

template <class Ar, class Self>
void BuyerTotal::Codec(Ar& ar, Self& s) {
  ar.Varint(s.total_fen);
  ar.Varint(s.orders);
}

Json RiskEvent::ToJson() const {
  Json j{{"direction", std::string(DirectionName(direction))},
         {"ebpCode", ebp_code},
         {"orderNo", order_no},
         {"status", std::string(MatchStatusName(status))},
         {"rules", rules}};
  return TimeJson(std::move(j), time_ms);
}

template <class Ar, class Self>
void RiskEvent::Codec(Ar& ar, Self& s) {
  ar.Enum(s.direction);
  ar.String(s.ebp_code, kRecordStringMax);
  ar.String(s.order_no, kRecordStringMax);
  ar.Enum(s.status);
  ar.List(s.rules, 64);
  ar.U64(s.time_ms);
}

Json RiskRecord::ToJson() const {
  Json events = Json::array();
  for (const RiskEvent& e : last) events.push_back(e.ToJson());
  Json per_rule = Json::object();
  for (const auto& [rule, n] : rules) per_rule[rule] = n;
  return Json{{"uscc", uscc},         {"month", month},    {"matched", matched},
              {"mismatch", mismatch}, {"rules", per_rule}, {"last", std::move(events)}};
}

template <class Ar, class Self>
void RiskRecord::Codec(Ar& ar, Self& s) {
  ar.String(s.uscc, kRecordStringMax);
  ar.String(s.month, 16);
  ar.Varint(s.matched);
  ar.Varint(s.mismatch);
  ar.Map(s.rules, kListMax);
  ar.List(s.last, kMaxRiskEvents);
}

CBEC_CODEC_INSTANTIATE(Party);
CBEC_CODEC_INSTANTIATE(PartyVersion);
CBEC_CODEC_INSTANTIATE(Limits);
CBEC_CODEC_INSTANTIATE(DocRecord);
CBEC_CODEC_INSTANTIATE(DocRef);
CBEC_CODEC_INSTANTIATE(Failure);
CBEC_CODEC_INSTANTIATE(MatchRecord);
CBEC_CODEC_INSTANTIATE(BuyerTotal);
CBEC_CODEC_INSTANTIATE(RiskEvent);
CBEC_CODEC_INSTANTIATE(RiskRecord);

// ---- state access ----

Result<std::optional<Party>> LoadParty(const StateView& state, std::string_view code) {
  return GetRecord<Party>(state, PartyKey(code));
}

Result<Limits> LoadLimits(const StateView& state) {
  CBEC_ASSIGN_OR_RETURN(std::optional<Limits> l, GetRecord<Limits>(state, LimitsKey()));
  if (!l) return DefaultLimits();
  return std::move(*l);
}

Limits DefaultLimits() {
  Limits l;
  l.legal_basis = "MOF/GACC/STA 2018 No. 49 (财关税〔2018〕49号)";
  l.reason = "genesis";
  return l;
}

void StoreLimits(Overlay& state, const Limits& l) {
  PutRecord(state, LimitsKey(), l);
  PutRecord(state, LimitsVersionKey(l.version), l);
}

}  // namespace cbec::contracts::clearance
