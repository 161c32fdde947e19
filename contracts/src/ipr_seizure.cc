// Ipr seizures: customs officers record goods detained as suspected
// infringing against an active filing, and decide each seizure once.
#include <cstdio>
#include <set>

#include "cbec/contracts/args_json.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/ipr.h"
#include "cbec/contracts/ipr_args.h"
#include "cbec/contracts/ipr_errors.h"
#include "ipr_internal.h"

namespace cbec::contracts::ipr {

namespace {

constexpr size_t kMaxDeclarationNoLength = 64;
constexpr size_t kMaxSeizureGoodsLength = 1024;
constexpr size_t kMaxUnitLength = 32;
constexpr size_t kMaxPortLength = 128;

Status ValidateTraceEvents(const std::vector<std::string>& ids) {
  if (ids.size() > kMaxTraceEvents) {
    return Status(errors::kBadTraceEvents, "at most " + std::to_string(kMaxTraceEvents) +
                                               " trace events, got " + std::to_string(ids.size()));
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < ids.size(); ++i) {
    CBEC_RETURN_IF_ERROR(ValidateText(ids[i], kMaxTraceEventIdLength, errors::kBadTraceEvents,
                                      "trace_event_ids[" + std::to_string(i) + "]", false));
    if (!seen.insert(ids[i]).second) {
      return Status(errors::kBadTraceEvents, "trace event \"" + ids[i] + "\" is named twice");
    }
  }
  return Status::Ok();
}

Status ValidateSeizure(const SeizureArgs& a) {
  CBEC_RETURN_IF_ERROR(enterprise::ValidateUscc(a.exporter));
  if (!a.declaration_no.empty()) {
    CBEC_RETURN_IF_ERROR(ValidateText(a.declaration_no, kMaxDeclarationNoLength,
                                      errors::kBadDeclarationNo, "declaration_no", false));
  }
  CBEC_RETURN_IF_ERROR(ValidateText(a.goods_description, kMaxSeizureGoodsLength,
                                    errors::kBadGoodsDescription, "goods_description"));
  if (a.quantity == 0) return Status(errors::kBadQuantity, "quantity must be positive");
  CBEC_RETURN_IF_ERROR(ValidateText(a.unit, kMaxUnitLength, errors::kBadUnit, "unit", false));
  CBEC_RETURN_IF_ERROR(ValidateText(a.port, kMaxPortLength, errors::kBadPort, "port", false));
  CBEC_RETURN_IF_ERROR(ValidateTraceEvents(a.trace_event_ids));
  return ValidateText(a.reason, kMaxReasonLength, errors::kBadReason, "reason");
}

// "SZ-2026-000001": the CST year and its next sequence number.
Result<std::string> NextSeizureId(Overlay& state, uint64_t now) {
  uint64_t year = CstYear(now);
  CBEC_ASSIGN_OR_RETURN(std::optional<Counter> c, GetRecord<Counter>(state, SeizureSeqKey(year)));
  Counter next{c ? c->value + 1 : 1};
  PutRecord(state, SeizureSeqKey(year), next);
  char buf[48];
  std::snprintf(buf, sizeof buf, "SZ-%04llu-%06llu", static_cast<unsigned long long>(year),
                static_cast<unsigned long long>(next.value));
  return std::string(buf);
}

Status RecordSeizure(Call& call, const SeizureArgs& a) {
  const ExecContext& ctx = call.ctx;
  CBEC_RETURN_IF_ERROR(RequireCustoms(call, "record seizures"));
  CBEC_ASSIGN_OR_RETURN(Filing f, RequireFiling(call.state, a.ip_type, a.reg_no));
  if (!ActiveAt(f, ctx.time_ms)) {
    return Status(errors::kFilingNotActive, f.RightId() + " is " +
                                                std::string(StatusAt(f, ctx.time_ms)) +
                                                ", not an active recordation");
  }
  CBEC_RETURN_IF_ERROR(ValidateSeizure(a));
  Seizure s;
  CBEC_ASSIGN_OR_RETURN(s.id, NextSeizureId(call.state, ctx.time_ms));
  s.ip_type = f.ip_type;
  s.reg_no = f.reg_no;
  s.recordation_no = f.recordation_no;
  s.exporter = a.exporter;
  s.declaration_no = a.declaration_no;
  s.goods_description = a.goods_description;
  s.quantity = a.quantity;
  s.unit = a.unit;
  s.port = a.port;
  s.trace_event_ids = a.trace_event_ids;
  s.reason = a.reason;
  s.org = ctx.signer_org;
  s.recorded = StampOf(ctx);
  PutRecord(call.state, SeizureKey(s.id), s);
  call.state.Put(SeizureByFilingKey(f.ip_type, f.reg_no, s.id), {});
  call.state.Put(SeizureByExporterKey(s.exporter, s.id), {});
  f.seizures += 1;
  PutRecord(call.state, FilingKey(f.ip_type, f.reg_no), f);
  call.result = Bytes(s.id.begin(), s.id.end());
  return Status::Ok();
}

Status DecideSeizure(Call& call, const DecideSeizureArgs& a) {
  CBEC_RETURN_IF_ERROR(RequireCustoms(call, "decide seizures"));
  CBEC_RETURN_IF_ERROR(ValidateSeizureId(a.id));
  CBEC_ASSIGN_OR_RETURN(std::optional<Seizure> s, GetRecord<Seizure>(call.state, SeizureKey(a.id)));
  if (!s) return Status(errors::kUnknownSeizure, "no seizure \"" + a.id + "\"");
  SeizureOutcome outcome;
  if (a.outcome == "confirmed_infringing") {
    outcome = SeizureOutcome::kConfirmedInfringing;
  } else if (a.outcome == "released") {
    outcome = SeizureOutcome::kReleased;
  } else {
    return Status(errors::kBadOutcome, "outcome must be confirmed_infringing or released, got \"" +
                                           a.outcome + "\"");
  }
  if (s->outcome != SeizureOutcome::kPending) {
    return Status(errors::kSeizureDecided, s->id + " was already decided (" +
                                               std::string(SeizureOutcomeName(s->outcome)) + ")");
  }
  CBEC_RETURN_IF_ERROR(ValidateText(a.reason, kMaxReasonLength, errors::kBadReason, "reason"));
  s->outcome = outcome;
  s->decision_reason = a.reason;
  s->decided = StampOf(call.ctx);
  PutRecord(call.state, SeizureKey(s->id), *s);
  return Status::Ok();
}

}  // namespace

void AddSeizureMethods(Contract& c) {
  Permission officer = Permission::AnyOf({"officer"});
  c.Method<SeizureArgs>("record_seizure", officer, RecordSeizure);
  c.Method<DecideSeizureArgs>("decide_seizure", officer, DecideSeizure);
}

}  // namespace cbec::contracts::ipr
