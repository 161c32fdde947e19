// Ipr records: names, the CST calendar, ActiveAt / StatusAt, JSON views and codecs.
#include <algorithm>
#include <array>

#include "cbec/contracts/args_json.h"
#include "cbec/contracts/codec_instances.h"
#include "cbec/contracts/dates.h"
#include "cbec/contracts/ipr.h"
#include "cbec/contracts/ipr_errors.h"
#include "cbec/ledger/codec.h"
#include "ipr_internal.h"

namespace cbec::contracts::ipr {

// ---- names ----

std::string_view IpTypeName(IpType t) {
  switch (t) {
    case IpType::kTrademark:
      return "trademark";
    case IpType::kPatent:
      return "patent";
    case IpType::kCopyright:
      return "copyright";
  }
  return "trademark";
}

Result<IpType> ParseIpType(std::string_view name) {
  for (IpType t : {IpType::kTrademark, IpType::kPatent, IpType::kCopyright}) {
    if (IpTypeName(t) == name) return t;
  }
  return Status(errors::kBadIpType, "ip_type must be trademark, patent or copyright, got \"" +
                                        std::string(name) + "\"");
}

std::string_view GoodsSchemeName(GoodsScheme s) { return s == GoodsScheme::kHs ? "hs" : "nice"; }

Result<GoodsScheme> ParseGoodsScheme(std::string_view name) {
  if (name == "nice") return GoodsScheme::kNice;
  if (name == "hs") return GoodsScheme::kHs;
  return Status(errors::kBadGoodsScheme,
                "goods scheme must be \"nice\" or \"hs\", got \"" + std::string(name) + "\"");
}

std::string_view AuthRoleName(AuthRole r) { return r == AuthRole::kHolder ? "holder" : "licensee"; }

std::string_view ActionName(Action a) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "",
      "filed",
      "approved",
      "rejected",
      "renewal_requested",
      "renewal_approved",
      "renewal_rejected",
      "amendment_requested",
      "amendment_approved",
      "amendment_rejected",
      "revoked",
      "withdrawn"};
  return IsKnown(a) ? kNames[static_cast<size_t>(a)] : "";
}

std::string_view SeizureOutcomeName(SeizureOutcome o) {
  switch (o) {
    case SeizureOutcome::kPending:
      return "pending";
    case SeizureOutcome::kConfirmedInfringing:
      return "confirmed_infringing";
    case SeizureOutcome::kReleased:
      return "released";
  }
  return "pending";
}

namespace {

std::string_view StoredStatusName(FilingStatus s) {
  switch (s) {
    case FilingStatus::kFiled:
      return "filed";
    case FilingStatus::kApproved:
      return "approved";
    case FilingStatus::kRejected:
      return "rejected";
    case FilingStatus::kRevoked:
      return "revoked";
  }
  return "filed";
}

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Json Instant(uint64_t ms) { return ms == 0 ? Json(nullptr) : Json(ms); }
Json DayOf(uint64_t ms) { return ms == 0 ? Json(nullptr) : Json(FormatDate(CstLabel(ms))); }
Json Through(uint64_t until_ms) { return until_ms == 0 ? Json(nullptr) : Json(LastDay(until_ms)); }

}  // namespace

Status ValidateGoodsCode(GoodsScheme scheme, std::string_view code) {
  if (scheme == GoodsScheme::kNice) {
    bool ok = !code.empty() && code.size() <= 2 && AllDigits(code) && code[0] != '0';
    int n = 0;
    for (char c : ok ? code : std::string_view()) n = n * 10 + (c - '0');
    if (ok && n >= 1 && n <= 45) return Status::Ok();
    return Status(errors::kBadGoodsCode,
                  "a Nice class is \"1\" to \"45\", got \"" + std::string(code) + "\"");
  }
  if (code.size() >= 4 && code.size() <= 10 && AllDigits(code)) return Status::Ok();
  return Status(errors::kBadGoodsCode,
                "an HS code is 4-10 digits, got \"" + std::string(code) + "\"");
}

Status ValidateRegNo(std::string_view reg_no) {
  Status s = ValidateText(reg_no, kMaxRegNoLength, errors::kBadRegNo, "reg_no", false);
  if (!s.ok()) return s;
  if (reg_no.front() == ' ' || reg_no.back() == ' ') {
    return Status(errors::kBadRegNo, "reg_no has a leading or trailing space");
  }
  return Status::Ok();
}

// ---- the CST calendar ----

uint64_t CstLabel(uint64_t t) { return (t + kCstOffsetMs) / kMsPerDay * kMsPerDay; }
uint64_t CstStartOfLabel(uint64_t label) {
  return label >= kCstOffsetMs ? label - kCstOffsetMs : 0;
}
uint64_t CstDayStart(uint64_t t) { return CstStartOfLabel(CstLabel(t)); }
std::string LastDay(uint64_t until_ms) {
  return FormatDate(CstLabel(until_ms == 0 ? 0 : until_ms - 1));
}
uint64_t TermEnd(uint64_t from_ms) {
  return CstStartOfLabel(AddMonths(CstLabel(from_ms), kTermMonths));
}
uint64_t CstYear(uint64_t t) {
  uint64_t year = 0;
  for (char c : FormatDate(CstLabel(t)).substr(0, 4)) year = year * 10 + static_cast<uint64_t>(c - '0');
  return year;
}

// ---- status ----

bool ActiveAt(const Filing& f, uint64_t t) {
  return f.status == FilingStatus::kApproved && f.approved_ms <= t && t < f.valid_until_ms;
}

std::string_view StatusAt(const Filing& f, uint64_t t) {
  if (f.status == FilingStatus::kApproved && t >= f.valid_until_ms) return "expired";
  if (f.status == FilingStatus::kFiled && t >= f.right_valid_until_ms) return "expired";
  return StoredStatusName(f.status);
}

bool LiveAt(const Filing& f, uint64_t t) {
  return (f.status == FilingStatus::kFiled || f.status == FilingStatus::kApproved) &&
         StatusAt(f, t) != "expired";
}

bool AuthEntry::ActiveAt(uint64_t t) const {
  return t < valid_until_ms && (licence_until_ms == 0 || t < licence_until_ms);
}

bool AuthRecord::AuthorisedAt(uint64_t t) const {
  return std::any_of(entries.begin(), entries.end(),
                     [&](const AuthEntry& e) { return e.ActiveAt(t); });
}

bool Licence::Covers(std::string_view ref) const {
  return all_goods || std::find(goods.begin(), goods.end(), ref) != goods.end();
}

std::string Goods::Ref() const { return std::string(GoodsSchemeName(scheme)) + ":" + code; }

std::string Filing::RightId() const { return std::string(IpTypeName(ip_type)) + ":" + reg_no; }

// ---- JSON ----

Json Goods::ToJson() const {
  return Json{{"scheme", std::string(GoodsSchemeName(scheme))},
              {"code", code},
              {"description", description}};
}

Json Licence::ToJson() const {
  return Json{{"uscc", uscc},
              {"goods", all_goods ? Json("all") : Json(goods)},
              {"valid_until_ms", Instant(valid_until_ms)},
              {"valid_through", Through(valid_until_ms)}};
}

Json Stamp::ToJson() const {
  return Json{{"height", height},
              {"time_ms", time_ms},
              {"date", FormatDate(CstLabel(time_ms))},
              {"tx_hash", tx_hash.ToHex()},
              {"account", account.ToHex()}};
}

Json RenewalRequest::ToJson() const {
  return Json{{"right_valid_until_ms", right_valid_until_ms},
              {"right_valid_through", LastDay(right_valid_until_ms)},
              {"requested", requested.ToJson()}};
}

namespace {

Json GoodsJson(const std::vector<Goods>& goods) {
  Json out = Json::array();
  for (const Goods& g : goods) out.push_back(g.ToJson());
  return out;
}

Json LicencesJson(const std::vector<Licence>& licences) {
  Json out = Json::array();
  for (const Licence& l : licences) out.push_back(l.ToJson());
  return out;
}

}  // namespace

Json AmendmentRequest::ToJson() const {
  Json out{{"requested", requested.ToJson()}};
  if (set_licensees) out["licensees"] = LicencesJson(licensees);
  if (set_goods) out["goods"] = GoodsJson(goods);
  if (set_evidence) out["evidence_digest"] = evidence_digest.ToHex();
  return out;
}

Json Filing::ToJson() const {
  return Json{{"ip_type", std::string(IpTypeName(ip_type))},
              {"reg_no", reg_no},
              {"right", RightId()},
              {"issuing_office", issuing_office},
              {"title", title},
              {"holder", holder},
              {"goods", GoodsJson(goods)},
              {"licensees", LicencesJson(licensees)},
              {"evidence_digest", evidence_digest.ToHex()},
              {"right_valid_from_ms", right_valid_from_ms},
              {"right_valid_from", FormatDate(CstLabel(right_valid_from_ms))},
              {"right_valid_until_ms", right_valid_until_ms},
              {"right_valid_through", LastDay(right_valid_until_ms)},
              {"agent", agent.empty() ? Json(nullptr) : Json(agent)},
              {"status", std::string(StoredStatusName(status))},
              {"round", round},
              {"filed", filed.ToJson()},
              {"recordation_no", recordation_no.empty() ? Json(nullptr) : Json(recordation_no)},
              {"approved_ms", Instant(approved_ms)},
              {"approved_date", DayOf(approved_ms)},
              {"valid_until_ms", Instant(valid_until_ms)},
              {"valid_through", Through(valid_until_ms)},
              {"renewals", renewals},
              {"renewal", renewal ? renewal->ToJson() : Json(nullptr)},
              {"amendment", amendment ? amendment->ToJson() : Json(nullptr)},
              {"history_count", history_count},
              {"seizures", seizures}};
}

Json HistoryEntry::ToJson() const {
  return Json{{"seq", seq},
              {"round", round},
              {"action", std::string(ActionName(action))},
              {"stamp", stamp.ToJson()},
              {"org", org},
              {"reason", reason.empty() ? Json(nullptr) : Json(reason)},
              {"status_after", std::string(StoredStatusName(status_after))},
              {"recordation_no", recordation_no.empty() ? Json(nullptr) : Json(recordation_no)},
              {"valid_until_ms", Instant(valid_until_ms)},
              {"valid_through", Through(valid_until_ms)}};
}

Json AuthEntry::ToJson(uint64_t t) const {
  return Json{{"ip_type", std::string(IpTypeName(ip_type))},
              {"reg_no", reg_no},
              {"role", std::string(AuthRoleName(role))},
              {"valid_until_ms", valid_until_ms},
              {"valid_through", LastDay(valid_until_ms)},
              {"licence_until_ms", Instant(licence_until_ms)},
              {"active", ActiveAt(t)}};
}

Json AuthRecord::ToJson(uint64_t t) const {
  Json list = Json::array();
  for (const AuthEntry& e : entries) list.push_back(e.ToJson(t));
  return Json{{"exporter", exporter},
              {"goods", goods},
              {"authorised", AuthorisedAt(t)},
              {"entries", std::move(list)}};
}

Json AgentGrant::ToJson() const {
  return Json{{"holder", holder},
              {"org", org},
              {"active", active},
              {"granted", granted.ToJson()},
              {"revoked", revoked ? revoked->ToJson() : Json(nullptr)}};
}

Json Seizure::ToJson() const {
  return Json{{"id", id},
              {"ip_type", std::string(IpTypeName(ip_type))},
              {"reg_no", reg_no},
              {"recordation_no", recordation_no},
              {"exporter", exporter},
              {"declaration_no", declaration_no.empty() ? Json(nullptr) : Json(declaration_no)},
              {"goods_description", goods_description},
              {"quantity", quantity},
              {"unit", unit},
              {"port", port},
              {"trace_event_ids", trace_event_ids},
              {"reason", reason},
              {"org", org},
              {"recorded", recorded.ToJson()},
              {"outcome", std::string(SeizureOutcomeName(outcome))},
              {"decision_reason", decided ? Json(decision_reason) : Json(nullptr)},
              {"decided", decided ? decided->ToJson() : Json(nullptr)}};
}

// ---- codecs ----

template <class Ar, class Self>
void Goods::Codec(Ar& ar, Self& s) {
  ar.Enum(s.scheme);
  ar.String(s.code, kCodecStringMax);
  ar.String(s.description, kCodecStringMax);
}

template <class Ar, class Self>
void Licence::Codec(Ar& ar, Self& s) {
  ar.String(s.uscc, kCodecStringMax);
  ar.Bool(s.all_goods);
  ar.List(s.goods, kMaxGoods);
  ar.U64(s.valid_until_ms);
}

template <class Ar, class Self>
void Stamp::Codec(Ar& ar, Self& s) {
  ar.Varint(s.height);
  ar.U64(s.time_ms);
  ar.Fixed(s.tx_hash);
  ar.Fixed(s.account);
}

template <class Ar, class Self>
void RenewalRequest::Codec(Ar& ar, Self& s) {
  ar.U64(s.right_valid_until_ms);
  ar.Object(s.requested);
}

template <class Ar, class Self>
void AmendmentRequest::Codec(Ar& ar, Self& s) {
  ar.Bool(s.set_licensees);
  ar.List(s.licensees, kMaxLicensees);
  ar.Bool(s.set_goods);
  ar.List(s.goods, kMaxGoods);
  ar.Bool(s.set_evidence);
  ar.Fixed(s.evidence_digest);
  ar.Object(s.requested);
}

template <class Ar, class Self>
void Filing::Codec(Ar& ar, Self& s) {
  ar.Enum(s.ip_type);
  ar.String(s.reg_no, kCodecStringMax);
  ar.String(s.issuing_office, kCodecStringMax);
  ar.String(s.title, kCodecStringMax);
  ar.String(s.holder, kCodecStringMax);
  ar.List(s.goods, kMaxGoods);
  ar.List(s.licensees, kMaxLicensees);
  ar.Fixed(s.evidence_digest);
  ar.U64(s.right_valid_from_ms);
  ar.U64(s.right_valid_until_ms);
  ar.String(s.agent, kCodecStringMax);
  ar.Enum(s.status);
  ar.U32(s.round);
  ar.Object(s.filed);
  ar.String(s.recordation_no, kCodecStringMax);
  ar.U64(s.approved_ms);
  ar.U64(s.valid_until_ms);
  ar.U32(s.renewals);
  ar.Optional(s.renewal);
  ar.Optional(s.amendment);
  ar.Varint(s.history_count);
  ar.Varint(s.seizures);
}

template <class Ar, class Self>
void HistoryEntry::Codec(Ar& ar, Self& s) {
  ar.Varint(s.seq);
  ar.U32(s.round);
  ar.Enum(s.action);
  ar.Object(s.stamp);
  ar.String(s.org, kCodecStringMax);
  ar.String(s.reason, kCodecStringMax);
  ar.Enum(s.status_after);
  ar.String(s.recordation_no, kCodecStringMax);
  ar.U64(s.valid_until_ms);
}

template <class Ar, class Self>
void AuthEntry::Codec(Ar& ar, Self& s) {
  ar.Enum(s.ip_type);
  ar.String(s.reg_no, kCodecStringMax);
  ar.Enum(s.role);
  ar.U64(s.valid_until_ms);
  ar.U64(s.licence_until_ms);
}

template <class Ar, class Self>
void AuthRecord::Codec(Ar& ar, Self& s) {
  ar.String(s.exporter, kCodecStringMax);
  ar.String(s.goods, kCodecStringMax);
  ar.List(s.entries, kMaxAuthEntries);
}

template <class Ar, class Self>
void AgentGrant::Codec(Ar& ar, Self& s) {
  ar.String(s.holder, kCodecStringMax);
  ar.String(s.org, kCodecStringMax);
  ar.Bool(s.active);
  ar.Object(s.granted);
  ar.Optional(s.revoked);
}

template <class Ar, class Self>
void Seizure::Codec(Ar& ar, Self& s) {
  ar.String(s.id, kCodecStringMax);
  ar.Enum(s.ip_type);
  ar.String(s.reg_no, kCodecStringMax);
  ar.String(s.recordation_no, kCodecStringMax);
  ar.String(s.exporter, kCodecStringMax);
  ar.String(s.declaration_no, kCodecStringMax);
  ar.String(s.goods_description, kCodecStringMax);
  ar.Varint(s.quantity);
  ar.String(s.unit, kCodecStringMax);
  ar.String(s.port, kCodecStringMax);
  ar.List(s.trace_event_ids, kMaxTraceEvents);
  ar.String(s.reason, kCodecStringMax);
  ar.String(s.org, kCodecStringMax);
  ar.Object(s.recorded);
  ar.Enum(s.outcome);
  ar.String(s.decision_reason, kCodecStringMax);
  ar.Optional(s.decided);
}

template <class Ar, class Self>
void Counter::Codec(Ar& ar, Self& s) {
  ar.Varint(s.value);
}

CBEC_CODEC_INSTANTIATE(Goods);
CBEC_CODEC_INSTANTIATE(Licence);
CBEC_CODEC_INSTANTIATE(Stamp);
CBEC_CODEC_INSTANTIATE(RenewalRequest);
CBEC_CODEC_INSTANTIATE(AmendmentRequest);
CBEC_CODEC_INSTANTIATE(Filing);
CBEC_CODEC_INSTANTIATE(HistoryEntry);
CBEC_CODEC_INSTANTIATE(AuthEntry);
CBEC_CODEC_INSTANTIATE(AuthRecord);
CBEC_CODEC_INSTANTIATE(AgentGrant);
CBEC_CODEC_INSTANTIATE(Seizure);
CBEC_CODEC_INSTANTIATE(Counter);

}  // namespace cbec::contracts::ipr
