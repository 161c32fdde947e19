// Codecs and JSON views of the proposal records and arguments.
#include "cbec/base/hex.h"
#include "cbec/contracts/args_json.h"
#include "cbec/contracts/codec_instances.h"
#include "cbec/contracts/dates.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/governance_args.h"
#include "cbec/contracts/governance_proposals.h"
#include "cbec/contracts/native.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/json.h"

namespace cbec::contracts::governance {

using ledger::JsonReader;

namespace {

// The native registry, built once: only JSON views use it, never execution.
const Registry* Native() {
  static const Result<Registry> registry = NativeRegistry();
  return registry.ok() ? &*registry : nullptr;
}

}  // namespace

// ---- codecs ----

template <class Ar, class Self>
void GovParams::Codec(Ar& ar, Self& s) {
  ar.U32(s.proposal_threshold);
}

template <class Ar, class Self>
void Action::Codec(Ar& ar, Self& s) {
  ar.String(s.contract, kArgStringMax);
  ar.String(s.method, kArgStringMax);
  ar.Blob(s.args, kMaxActionArgsBytes);
}

template <class Ar, class Self>
void Vote::Codec(Ar& ar, Self& s) {
  ar.String(s.organisation, kMaxOrgIdLength);
  ar.Fixed(s.account);
  ar.Bool(s.approve);
  ar.U64(s.height);
}

template <class Ar, class Self>
void Proposal::Codec(Ar& ar, Self& s) {
  ar.U64(s.id);
  ar.String(s.title, kMaxTitleLength);
  ar.Object(s.action);
  ar.Fixed(s.proposer);
  ar.String(s.proposer_org, kMaxOrgIdLength);
  ar.U64(s.created_height);
  ar.U64(s.created_ms);
  ar.U64(s.expires_ms);
  ar.U32(s.voters);
  ar.U32(s.threshold);
  ar.List(s.votes, 256);
  ar.Enum(s.status);
  ar.U64(s.decided_height);
  ar.U32(s.result_code);
  ar.String(s.result_slug, kArgStringMax);
}

template <class Ar, class Self>
void ProposeArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.title, kArgStringMax);
  ar.Object(s.action);
  ar.String(s.expires, 16);
}

template <class Ar, class Self>
void VoteArgs::Codec(Ar& ar, Self& s) {
  ar.U64(s.proposal);
  ar.Bool(s.approve);
}

template <class Ar, class Self>
void AddOrgArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.id, kArgStringMax);
  ar.String(s.kind, kArgStringMax);
  ar.String(s.name, kArgStringMax);
  ar.List(s.admin_keys, kArgListMax);
}

template <class Ar, class Self>
void SetOrgStatusArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.id, kArgStringMax);
  ar.String(s.status, kArgStringMax);
}

template <class Ar, class Self>
void ValidatorArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.name, kArgStringMax);
  ar.Blob(s.public_key, kArgKeyMax);
}

template <class Ar, class Self>
void SetKindRolesArgs::Codec(Ar& ar, Self& s) {
  ar.String(s.kind, kArgStringMax);
  ar.List(s.roles, kArgListMax);
}

template <class Ar, class Self>
void ThresholdArgs::Codec(Ar& ar, Self& s) {
  ar.U32(s.threshold);
}

CBEC_CODEC_INSTANTIATE(GovParams);
CBEC_CODEC_INSTANTIATE(Action);
CBEC_CODEC_INSTANTIATE(Vote);
CBEC_CODEC_INSTANTIATE(Proposal);
CBEC_CODEC_INSTANTIATE(ProposeArgs);
CBEC_CODEC_INSTANTIATE(VoteArgs);
CBEC_CODEC_INSTANTIATE(AddOrgArgs);
CBEC_CODEC_INSTANTIATE(SetOrgStatusArgs);
CBEC_CODEC_INSTANTIATE(ValidatorArgs);
CBEC_CODEC_INSTANTIATE(SetKindRolesArgs);
CBEC_CODEC_INSTANTIATE(ThresholdArgs);

// ---- JSON ----

Json Action::ToJson() const {
  Json view = Json{{"hex", HexEncode(args)}};
  if (const Registry* r = Native()) {
    if (auto j = r->ArgsToJson(contract, method, args); j.ok()) view = std::move(j).value();
  }
  return Json{{"contract", contract}, {"method", method}, {"args", view}};
}

Result<Action> Action::FromJson(const Json& j) {
  Action a;
  JsonReader r(j, "action");
  r.String("contract", a.contract, kArgStringMax);
  r.String("method", a.method, kArgStringMax);
  const Json* args = r.Field("args");
  CBEC_RETURN_IF_ERROR(r.Finish());
  const Registry* native = Native();
  if (native == nullptr) return Status(cbec::errors::kInternal, "the native registry is broken");
  CBEC_ASSIGN_OR_RETURN(a.args, native->ArgsFromJson(a.contract, a.method, *args));
  return a;
}

std::string_view ProposalStatusName(ProposalStatus s, bool expired) {
  switch (s) {
    case ProposalStatus::kOpen:
      return expired ? "expired" : "open";
    case ProposalStatus::kExecuted:
      return "executed";
    case ProposalStatus::kFailed:
      return "failed";
    case ProposalStatus::kRejected:
      return "rejected";
  }
  return "unknown";
}

uint32_t Proposal::Count(bool approve) const {
  uint32_t n = 0;
  for (const Vote& v : votes) n += v.approve == approve ? 1 : 0;
  return n;
}

Json Proposal::ToJson(uint64_t time_ms) const {
  Json vs = Json::array();
  for (const Vote& v : votes) {
    vs.push_back(Json{{"organisation", v.organisation},
                      {"account", v.account.ToHex()},
                      {"approve", v.approve},
                      {"height", v.height}});
  }
  Json j{{"id", id},
         {"title", title},
         {"action", action.ToJson()},
         {"proposer", proposer.ToHex()},
         {"proposer_org", proposer_org},
         {"created_height", created_height},
         {"created_ms", created_ms},
         {"expires_ms", expires_ms},
         {"expires", FormatDate(expires_ms)},
         {"voters", voters},
         {"threshold", threshold},
         {"yes", Count(true)},
         {"no", Count(false)},
         {"votes", vs},
         {"status", ProposalStatusName(status, Expired(time_ms))}};
  if (status != ProposalStatus::kOpen) j["decided_height"] = decided_height;
  if (status == ProposalStatus::kFailed) {
    j["result"] = Json{{"code", result_code}, {"slug", result_slug}};
  }
  return j;
}

Json ProposeArgs::ToJson() const {
  return Json{{"title", title}, {"action", action.ToJson()}, {"expires", expires}};
}

Result<ProposeArgs> ProposeArgs::FromJson(const Json& j) {
  ProposeArgs a;
  JsonReader r(j, "args");
  r.String("title", a.title, kArgStringMax);
  r.Nested("action", a.action, [](const Json& f) { return Action::FromJson(f); });
  r.String("expires", a.expires, 16);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json VoteArgs::ToJson() const { return Json{{"proposal", proposal}, {"approve", approve}}; }

Result<VoteArgs> VoteArgs::FromJson(const Json& j) {
  VoteArgs a;
  JsonReader r(j, "args");
  r.U64("proposal", a.proposal);
  r.Nested("approve", a.approve, JsonBool);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json AddOrgArgs::ToJson() const {
  return Json{{"id", id}, {"kind", kind}, {"name", name}, {"admin_keys", HexArray(admin_keys)}};
}

Result<AddOrgArgs> AddOrgArgs::FromJson(const Json& j) {
  AddOrgArgs a;
  JsonReader r(j, "args");
  r.String("id", a.id, kArgStringMax);
  r.String("kind", a.kind, kArgStringMax);
  r.String("name", a.name, kArgStringMax);
  r.Nested("admin_keys", a.admin_keys,
           [](const Json& f) { return JsonHexList(f, kArgListMax, kArgKeyMax); });
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json SetOrgStatusArgs::ToJson() const { return Json{{"id", id}, {"status", status}}; }

Result<SetOrgStatusArgs> SetOrgStatusArgs::FromJson(const Json& j) {
  SetOrgStatusArgs a;
  JsonReader r(j, "args");
  r.String("id", a.id, kArgStringMax);
  r.String("status", a.status, kArgStringMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json ValidatorArgs::ToJson() const {
  Json j{{"name", name}};
  if (!public_key.empty()) j["public_key"] = HexEncode(public_key);
  return j;
}

Result<ValidatorArgs> ValidatorArgs::FromJson(const Json& j) {
  ValidatorArgs a;
  JsonReader r(j, "args");
  r.String("name", a.name, kArgStringMax);
  if (j.is_object() && j.contains("public_key")) r.Hex("public_key", a.public_key, kArgKeyMax);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json SetKindRolesArgs::ToJson() const { return Json{{"kind", kind}, {"roles", roles}}; }

Result<SetKindRolesArgs> SetKindRolesArgs::FromJson(const Json& j) {
  SetKindRolesArgs a;
  JsonReader r(j, "args");
  r.String("kind", a.kind, kArgStringMax);
  r.Nested("roles", a.roles,
           [](const Json& f) { return JsonStringList(f, kArgListMax, kArgStringMax); });
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

Json ThresholdArgs::ToJson() const { return Json{{"threshold", threshold}}; }

Result<ThresholdArgs> ThresholdArgs::FromJson(const Json& j) {
  ThresholdArgs a;
  JsonReader r(j, "args");
  r.U32("threshold", a.threshold);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return a;
}

}  // namespace cbec::contracts::governance
