// Ipr argument types: codecs and JSON views.
#include "cbec/contracts/ipr_args.h"

#include "cbec/contracts/args_json.h"
#include "cbec/contracts/codec_instances.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/json.h"

namespace cbec::contracts::ipr {

namespace {

using ledger::JsonReader;

constexpr size_t kDateArgMax = 32;

template <typename T>
Result<std::vector<T>> ObjectList(const Json& j, size_t max) {
  if (!j.is_array()) return Status(ledger::errors::kBadJson, "expected an array");
  if (j.size() > max) {
    return Status(ledger::errors::kBadJson, "more than " + std::to_string(max) + " entries");
  }
  std::vector<T> out;
  for (size_t i = 0; i < j.size(); ++i) {
    Result<T> item = T::FromJson(j[i]);
    if (!item.ok()) return item.status().WithContext("[" + std::to_string(i) + "]");
    out.push_back(std::move(item).value());
  }
  return out;
}

template <typename T>
Json ListJson(const std::vector<T>& items) {
  Json out = Json::array();
  for (const T& item : items) out.push_back(item.ToJson());
  return out;
}

Result<std::vector<std::string>> LicenceGoodsFromJson(const Json& j) {
  if (j.is_string()) {
    if (j.get<std::string>() != "all") {
      return Status(ledger::errors::kBadJson, "expected \"all\" or an array of goods");
    }
    return std::vector<std::string>{"all"};
  }
  return JsonStringList(j, kArgListMax, kArgStringMax);
}

void RightFields(JsonReader& r, std::string& ip_type, std::string& reg_no) {
  r.String("ip_type", ip_type, kArgStringMax);
  r.String("reg_no", reg_no, kArgStringMax);
}

}  // namespace

// ---- codecs ----

template <class Ar, class Self>
void GoodsArg::Codec(Ar& ar, Self& s) {
  ar.String(s.scheme, kArgStringMax);
  ar.String(s.code, kArgStringMax);
  ar.String(s.description, kArgStringMax);
}

template <class Ar, class Self>
void LicenceArg::Codec(Ar& ar, Self& s) {
  ar.String(s.uscc, kArgStringMax);
  ar.List(s.goods, kArgListMax);
  ar.String(s.valid_until, kDateArgMax);
}

template <class Ar, class Self>
void FileArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.ip_type, kArgStringMax);
  ar.String(s.reg_no, kArgStringMax);
  ar.String(s.issuing_office, kArgStringMax);
  ar.String(s.title, kArgStringMax);
  ar.String(s.holder, kArgStringMax);
  ar.List(s.goods, kArgListMax);
  ar.List(s.licensees, kArgListMax);
  ar.Fixed(s.evidence_digest);
  ar.String(s.right_valid_from, kDateArgMax);
  ar.String(s.right_valid_until, kDateArgMax);
  ar.String(s.agent, kArgStringMax);
}

template <class Ar, class Self>
void ReviewArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.ip_type, kArgStringMax);
  ar.String(s.reg_no, kArgStringMax);
  ar.String(s.decision, kArgStringMax);
  ar.String(s.reason, kArgStringMax);
}

template <class Ar, class Self>
void RenewArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.ip_type, kArgStringMax);
  ar.String(s.reg_no, kArgStringMax);
  ar.String(s.right_valid_until, kDateArgMax);
}

template <class Ar, class Self>
void LicenceList::Codec(Ar& ar, Self& s) {
  ar.List(s.items, kArgListMax);
}

template <class Ar, class Self>
void GoodsList::Codec(Ar& ar, Self& s) {
  ar.List(s.items, kArgListMax);
}

template <class Ar, class Self>
void Digest::Codec(Ar& ar, Self& s) {
  ar.Fixed(s.value);
}

template <class Ar, class Self>
void AmendArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.ip_type, kArgStringMax);
  ar.String(s.reg_no, kArgStringMax);
  ar.Optional(s.licensees);
  ar.Optional(s.goods);
  ar.Optional(s.evidence_digest);
}

template <class Ar, class Self>
void EndArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.ip_type, kArgStringMax);
  ar.String(s.reg_no, kArgStringMax);
  ar.String(s.reason, kArgStringMax);
}

template <class Ar, class Self>
void AgentArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.holder, kArgStringMax);
  ar.String(s.agent_org, kArgStringMax);
}

template <class Ar, class Self>
void SeizureArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.ip_type, kArgStringMax);
  ar.String(s.reg_no, kArgStringMax);
  ar.String(s.exporter, kArgStringMax);
  ar.String(s.declaration_no, kArgStringMax);
  ar.String(s.goods_description, kArgStringMax);
  ar.Varint(s.quantity);
  ar.String(s.unit, kArgStringMax);
  ar.String(s.port, kArgStringMax);
  ar.List(s.trace_event_ids, kArgListMax);
  ar.String(s.reason, kArgStringMax);
}

template <class Ar, class Self>
void DecideSeizureArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.id, kArgStringMax);
  ar.String(s.outcome, kArgStringMax);
  ar.String(s.reason, kArgStringMax);
}

CBEC_CODEC_INSTANTIATE(GoodsArg);
CBEC_CODEC_INSTANTIATE(LicenceArg);
CBEC_CODEC_INSTANTIATE(FileArgs);
CBEC_CODEC_INSTANTIATE(ReviewArgs);
CBEC_CODEC_INSTANTIATE(RenewArgs);
CBEC_CODEC_INSTANTIATE(LicenceList);
CBEC_CODEC_INSTANTIATE(GoodsList);
CBEC_CODEC_INSTANTIATE(Digest);
CBEC_CODEC_INSTANTIATE(AmendArgs);
CBEC_CODEC_INSTANTIATE(EndArgs);
CBEC_CODEC_INSTANTIATE(AgentArgs);
CBEC_CODEC_INSTANTIATE(SeizureArgs);
CBEC_CODEC_INSTANTIATE(DecideSeizureArgs);

// ---- JSON: methods ----

Json GoodsArg::ToJson() const {
  return Json{{"scheme", scheme}, {"code", code}, {"description", description}};
}

Result<GoodsArg> GoodsArg::FromJson(const Json& j) {
  GoodsArg a;
  JsonReader r(j, "goods");
  r.String("scheme", a.scheme, kArgStringMax);
  r.String("code", a.code, kArgStringMax);
  r.String("description", a.description, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json LicenceArg::ToJson() const {
  Json out{{"uscc", uscc},
           {"goods", goods == std::vector<std::string>{"all"} ? Json("all") : Json(goods)}};
  if (!valid_until.empty()) out["valid_until"] = valid_until;
  return out;
}

Result<LicenceArg> LicenceArg::FromJson(const Json& j) {
  LicenceArg a;
  JsonReader r(j, "licence");
  r.String("uscc", a.uscc, kArgStringMax);
  r.Nested("goods", a.goods, LicenceGoodsFromJson);
  OptionalString(r, j, "valid_until", a.valid_until, kDateArgMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json FileArgs::ToJson() const {
  Json out{{"ip_type", ip_type},
           {"reg_no", reg_no},
           {"issuing_office", issuing_office},
           {"title", title},
           {"holder", holder},
           {"goods", ListJson(goods)},
           {"licensees", ListJson(licensees)},
           {"evidence_digest", evidence_digest.ToHex()},
           {"right_valid_from", right_valid_from},
           {"right_valid_until", right_valid_until}};
  if (!agent.empty()) out["agent"] = agent;
  return out;
}

Result<FileArgs> FileArgs::FromJson(const Json& j) {
  FileArgs a;
  JsonReader r(j, "args");
  RightFields(r, a.ip_type, a.reg_no);
  r.String("issuing_office", a.issuing_office, kArgStringMax);
  r.String("title", a.title, kArgStringMax);
  r.String("holder", a.holder, kArgStringMax);
  r.Nested("goods", a.goods, [](const Json& f) { return ObjectList<GoodsArg>(f, kArgListMax); });
  r.Nested("licensees", a.licensees,
           [](const Json& f) { return ObjectList<LicenceArg>(f, kArgListMax); });
  r.Fixed("evidence_digest", a.evidence_digest);
  r.String("right_valid_from", a.right_valid_from, kDateArgMax);
  r.String("right_valid_until", a.right_valid_until, kDateArgMax);
  OptionalString(r, j, "agent", a.agent, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json ReviewArgs::ToJson() const {
  return Json{{"ip_type", ip_type}, {"reg_no", reg_no}, {"decision", decision}, {"reason", reason}};
}

Result<ReviewArgs> ReviewArgs::FromJson(const Json& j) {
  ReviewArgs a;
  JsonReader r(j, "args");
  RightFields(r, a.ip_type, a.reg_no);
  r.String("decision", a.decision, kArgStringMax);
  r.String("reason", a.reason, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json RenewArgs::ToJson() const {
  Json out{{"ip_type", ip_type}, {"reg_no", reg_no}};
  if (!right_valid_until.empty()) out["right_valid_until"] = right_valid_until;
  return out;
}

Result<RenewArgs> RenewArgs::FromJson(const Json& j) {
  RenewArgs a;
  JsonReader r(j, "args");
  RightFields(r, a.ip_type, a.reg_no);
  OptionalString(r, j, "right_valid_until", a.right_valid_until, kDateArgMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json AmendArgs::ToJson() const {
  Json out{{"ip_type", ip_type}, {"reg_no", reg_no}};
  if (licensees) out["licensees"] = ListJson(licensees->items);
  if (goods) out["goods"] = ListJson(goods->items);
  if (evidence_digest) out["evidence_digest"] = evidence_digest->value.ToHex();
  return out;
}

Result<AmendArgs> AmendArgs::FromJson(const Json& j) {
  AmendArgs a;
  JsonReader r(j, "args");
  RightFields(r, a.ip_type, a.reg_no);
  if (j.is_object() && j.contains("licensees")) {
    a.licensees.emplace();
    r.Nested("licensees", a.licensees->items,
             [](const Json& f) { return ObjectList<LicenceArg>(f, kArgListMax); });
  }
  if (j.is_object() && j.contains("goods")) {
    a.goods.emplace();
    r.Nested("goods", a.goods->items,
             [](const Json& f) { return ObjectList<GoodsArg>(f, kArgListMax); });
  }
  if (j.is_object() && j.contains("evidence_digest")) {
    a.evidence_digest.emplace();
    r.Fixed("evidence_digest", a.evidence_digest->value);
  }
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json EndArgs::ToJson() const {
  return Json{{"ip_type", ip_type}, {"reg_no", reg_no}, {"reason", reason}};
}

Result<EndArgs> EndArgs::FromJson(const Json& j) {
  EndArgs a;
  JsonReader r(j, "args");
  RightFields(r, a.ip_type, a.reg_no);
  r.String("reason", a.reason, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json AgentArgs::ToJson() const { return Json{{"holder", holder}, {"agent_org", agent_org}}; }

Result<AgentArgs> AgentArgs::FromJson(const Json& j) {
  AgentArgs a;
  JsonReader r(j, "args");
  r.String("holder", a.holder, kArgStringMax);
  r.String("agent_org", a.agent_org, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json SeizureArgs::ToJson() const {
  Json out{{"ip_type", ip_type},
           {"reg_no", reg_no},
           {"exporter", exporter},
           {"goods_description", goods_description},
           {"quantity", quantity},
           {"unit", unit},
           {"port", port},
           {"trace_event_ids", trace_event_ids},
           {"reason", reason}};
  if (!declaration_no.empty()) out["declaration_no"] = declaration_no;
  return out;
}

Result<SeizureArgs> SeizureArgs::FromJson(const Json& j) {
  SeizureArgs a;
  JsonReader r(j, "args");
  RightFields(r, a.ip_type, a.reg_no);
  r.String("exporter", a.exporter, kArgStringMax);
  OptionalString(r, j, "declaration_no", a.declaration_no, kArgStringMax);
  r.String("goods_description", a.goods_description, kArgStringMax);
  r.U64("quantity", a.quantity);
  r.String("unit", a.unit, kArgStringMax);
  r.String("port", a.port, kArgStringMax);
  r.Nested("trace_event_ids", a.trace_event_ids,
           [](const Json& f) { return JsonStringList(f, kArgListMax, kArgStringMax); });
  r.String("reason", a.reason, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json DecideSeizureArgs::ToJson() const {
  return Json{{"id", id}, {"outcome", outcome}, {"reason", reason}};
}

Result<DecideSeizureArgs> DecideSeizureArgs::FromJson(const Json& j) {
  DecideSeizureArgs a;
  JsonReader r(j, "args");
  r.String("id", a.id, kArgStringMax);
  r.String("outcome", a.outcome, kArgStringMax);
  r.String("reason", a.reason, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

// ---- JSON: queries ----

Result<FilingQueryArgs> FilingQueryArgs::FromJson(const Json& j) {
  FilingQueryArgs a;
  JsonReader r(j, "args");
  RightFields(r, a.ip_type, a.reg_no);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<HistoryQueryArgs> HistoryQueryArgs::FromJson(const Json& j) {
  HistoryQueryArgs a;
  JsonReader r(j, "args");
  RightFields(r, a.ip_type, a.reg_no);
  if (j.is_object() && j.contains("start_after")) {
    uint64_t v = 0;
    r.U64("start_after", v);
    a.start_after = v;
  }
  ReadOptionalLimit(r, j, a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<CheckQueryArgs> CheckQueryArgs::FromJson(const Json& j) {
  CheckQueryArgs a;
  JsonReader r(j, "args");
  r.String("scheme", a.scheme, kArgStringMax);
  r.String("code", a.code, kArgStringMax);
  r.String("exporter", a.exporter, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<HolderQueryArgs> HolderQueryArgs::FromJson(const Json& j) {
  HolderQueryArgs a;
  JsonReader r(j, "args");
  r.String("holder", a.holder, kArgStringMax);
  OptionalString(r, j, "start_after", a.start_after, kArgStringMax);
  ReadOptionalLimit(r, j, a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<GoodsQueryArgs> GoodsQueryArgs::FromJson(const Json& j) {
  GoodsQueryArgs a;
  JsonReader r(j, "args");
  r.String("scheme", a.scheme, kArgStringMax);
  r.String("code", a.code, kArgStringMax);
  OptionalString(r, j, "start_after", a.start_after, kArgStringMax);
  ReadOptionalLimit(r, j, a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<SeizureQueryArgs> SeizureQueryArgs::FromJson(const Json& j) {
  SeizureQueryArgs a;
  JsonReader r(j, "args");
  r.String("id", a.id, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<SeizuresByFilingArgs> SeizuresByFilingArgs::FromJson(const Json& j) {
  SeizuresByFilingArgs a;
  JsonReader r(j, "args");
  RightFields(r, a.ip_type, a.reg_no);
  OptionalString(r, j, "start_after", a.start_after, kArgStringMax);
  ReadOptionalLimit(r, j, a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<SeizuresByExporterArgs> SeizuresByExporterArgs::FromJson(const Json& j) {
  SeizuresByExporterArgs a;
  JsonReader r(j, "args");
  r.String("exporter", a.exporter, kArgStringMax);
  OptionalString(r, j, "start_after", a.start_after, kArgStringMax);
  ReadOptionalLimit(r, j, a.limit);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<AgentsQueryArgs> AgentsQueryArgs::FromJson(const Json& j) {
  AgentsQueryArgs a;
  JsonReader r(j, "args");
  r.String("holder", a.holder, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

}  // namespace cbec::contracts::ipr
