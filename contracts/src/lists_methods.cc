// Lists methods: issue, revoke, apply_measure, set_measures; RepairEntry for
// the credit contract.
//
// Every handler first establishes that the caller may act on the record
// (auth.forbidden otherwise), then validates each argument with its precise
// lists.* error, and only then writes. A failed handler's writes are dropped
// by the executor.
#include <algorithm>
#include <cstdio>

#include "cbec/contracts/args_json.h"
#include "cbec/contracts/credit.h"
#include "cbec/contracts/dates.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/lists.h"
#include "cbec/contracts/lists_args.h"
#include "cbec/contracts/lists_errors.h"
#include "cbec/contracts/lists_records.h"
#include "lists_internal.h"

namespace cbec::contracts::lists {

namespace {

using governance::Organisation;

Status Forbidden(std::string what) {
  return Status(contracts::errors::kForbidden, std::move(what));
}

// Effective dates may lie up to a year ahead of the block (a decision
// published now that takes effect later), never before the block's day: an
// entry cannot be back-dated into a period the chain already attested.
constexpr uint64_t kMaxEffectiveLeadMs = 366 * kMsPerDay;
constexpr size_t kMaxNoteLength = 1024;
constexpr size_t kMaxApplicationIdLength = 64;

Status ValidateGrade(const IssueArgs& a) {
  PeriodBounds b = PublicationBounds(a.kind, a.severity);
  if (b.max_months == 0) {
    return Status(errors::kBadSeverity,
                  a.kind == ListKind::kBlack
                      ? "a black entry needs severity minor, general or serious"
                      : "a red entry has severity none");
  }
  if (a.period_months < b.min_months || a.period_months > b.max_months) {
    std::string what = a.kind == ListKind::kRed
                           ? std::string("a red entry")
                           : "a " + std::string(SeverityName(a.severity)) + " black entry";
    return Status(errors::kBadPeriod, what + " runs " + std::to_string(b.min_months) + "-" +
                                          std::to_string(b.max_months) + " months, got " +
                                          std::to_string(a.period_months));
  }
  return Status::Ok();
}

// The catalogue measures the entry names, sorted by code.
Result<std::vector<Measure>> ResolveMeasures(const Catalogue& cat, const IssueArgs& a) {
  if (a.measures.empty() || a.measures.size() > kMaxEntryMeasures) {
    return Status(errors::kBadMeasures, "an entry names 1-" + std::to_string(kMaxEntryMeasures) +
                                            " measures, got " + std::to_string(a.measures.size()));
  }
  std::vector<Measure> out;
  for (const std::string& code : a.measures) {
    const Measure* m = cat.Find(code);
    if (m == nullptr) {
      return Status(errors::kUnknownMeasure, "no measure \"" + code + "\" in catalogue version " +
                                                 std::to_string(cat.version));
    }
    if (m->kind != a.kind) {
      return Status(errors::kMeasureWrongKind, "measure \"" + code + "\" belongs to the " +
                                                   std::string(ListKindName(m->kind)) +
                                                   " list, not the " +
                                                   std::string(ListKindName(a.kind)) + " list");
    }
    out.push_back(*m);
  }
  std::sort(out.begin(), out.end(),
            [](const Measure& x, const Measure& y) { return x.code < y.code; });
  for (size_t i = 1; i < out.size(); ++i) {
    if (out[i].code == out[i - 1].code) {
      return Status(errors::kBadMeasures, "measure \"" + out[i].code + "\" is named twice");
    }
  }
  return out;
}

Result<uint64_t> ValidateEffectiveDate(std::string_view date, uint64_t now_ms) {
  CBEC_ASSIGN_OR_RETURN(uint64_t ms, ParseDate(date));
  uint64_t today = now_ms - now_ms % kMsPerDay;
  if (ms < today) {
    return Status(errors::kBadEffectiveDate, "effective date " + std::string(date) +
                                                 " is before the block's date " +
                                                 FormatDate(now_ms));
  }
  if (ms > now_ms + kMaxEffectiveLeadMs) {
    return Status(errors::kBadEffectiveDate,
                  "effective date " + std::string(date) + " is more than a year ahead");
  }
  return ms;
}

// The subject's record with room for one more entry: ended entries (ended by
// status or by time) are dropped oldest first once it is full.
Result<SubjectRecord> SubjectWithRoom(const StateView& state, std::string_view uscc,
                                      uint64_t now_ms) {
  CBEC_ASSIGN_OR_RETURN(std::optional<SubjectRecord> rec, LoadSubject(state, uscc));
  SubjectRecord out = rec ? std::move(*rec) : SubjectRecord{std::string(uscc), {}, 0};
  for (auto it = out.entries.begin();
       out.entries.size() >= kMaxSubjectEntries && it != out.entries.end();) {
    bool ended = it->status != EntryStatus::kActive || it->expires_ms <= now_ms;
    it = ended ? out.entries.erase(it) : it + 1;
  }
  if (out.entries.size() >= kMaxSubjectEntries) {
    return Status(errors::kTooManyEntries, std::string(uscc) + " already has " +
                                               std::to_string(kMaxSubjectEntries) +
                                               " entries that have not ended");
  }
  return out;
}

// "BL-<org>-000001": the issuer's next sequence number.
Result<std::string> NextEntryId(Overlay& state, std::string_view org, ListKind kind) {
  CBEC_ASSIGN_OR_RETURN(std::optional<Counter> c, GetRecord<Counter>(state, SeqKey(org)));
  Counter next{c ? c->value + 1 : 1};
  PutRecord(state, SeqKey(org), next);
  char digits[24];
  std::snprintf(digits, sizeof digits, "%06llu", static_cast<unsigned long long>(next.value));
  return std::string(kind == ListKind::kBlack ? "BL-" : "RL-") + std::string(org) + "-" + digits;
}

SubjectEntry Summary(const ListEntry& e) {
  return {e.id, e.kind, e.severity, e.status, e.issuer_org, e.effective_ms, e.expires_ms};
}

void StoreNewEntry(Overlay& state, const ListEntry& e, SubjectRecord subject) {
  PutRecord(state, EntryKey(e.id), e);
  subject.entries.push_back(Summary(e));
  subject.total_issued += 1;
  PutRecord(state, SubjectKey(e.subject), subject);
  state.Put(BySubjectKey(e.subject, e.id), {});
  state.Put(ByIssuerKey(e.issuer_org, e.effective_ms, e.id), {});
  state.Put(ByTimeKey(e.effective_ms, e.id), {});
}

EntryEnd EndOf(const ExecContext& ctx, EntryStatus status) {
  EntryEnd end;
  end.status = status;
  end.height = ctx.height;
  end.time_ms = ctx.time_ms;
  end.tx_hash = ctx.tx_hash;
  end.officer = ctx.signer;
  return end;
}

// ---- handlers ----

Status Issue(Call& call, const IssueArgs& a) {
  const ExecContext& ctx = call.ctx;
  CBEC_ASSIGN_OR_RETURN(Organisation org, RequireDepartmentSigner(call, "issue list entries"));
  CBEC_RETURN_IF_ERROR(enterprise::RequireEnterprise(call.state, a.subject).status());
  CBEC_RETURN_IF_ERROR(ValidateGrade(a));
  CBEC_RETURN_IF_ERROR(ValidateText(a.reason, kMaxReasonLength, errors::kBadReason, "reason"));
  CBEC_RETURN_IF_ERROR(
      ValidateText(a.legal_basis, kMaxLegalBasisLength, errors::kBadLegalBasis, "legal_basis"));
  CBEC_ASSIGN_OR_RETURN(Catalogue cat, LoadCatalogue(call.state));
  CBEC_ASSIGN_OR_RETURN(std::vector<Measure> measures, ResolveMeasures(cat, a));
  CBEC_ASSIGN_OR_RETURN(uint64_t effective, ValidateEffectiveDate(a.effective_date, ctx.time_ms));
  CBEC_ASSIGN_OR_RETURN(SubjectRecord subject, SubjectWithRoom(call.state, a.subject, ctx.time_ms));

  ListEntry e;
  CBEC_ASSIGN_OR_RETURN(e.id, NextEntryId(call.state, org.id, a.kind));
  e.kind = a.kind;
  e.severity = a.severity;
  e.subject = a.subject;
  e.issuer_org = org.id;
  e.issuer_account = ctx.signer;
  e.reason = a.reason;
  e.legal_basis = a.legal_basis;
  e.measures = std::move(measures);
  e.catalogue_version = cat.version;
  e.period_months = a.period_months;
  e.effective_ms = effective;
  e.expires_ms = AddMonths(effective, a.period_months);
  e.issued_height = ctx.height;
  e.issued_ms = ctx.time_ms;
  e.issued_tx = ctx.tx_hash;
  StoreNewEntry(call.state, e, std::move(subject));
  call.result = Bytes(e.id.begin(), e.id.end());
  return RefreshCredit(call, e.subject);
}

Status Revoke(Call& call, const RevokeArgs& a) {
  CBEC_ASSIGN_OR_RETURN(ListEntry e, RequireEntry(call.state, a.entry_id));
  if (call.ctx.signer_org != e.issuer_org) {
    return Forbidden("only organisation '" + e.issuer_org + "', which issued " + e.id +
                     ", may revoke it");
  }
  if (e.status != EntryStatus::kActive) {
    return Status(errors::kEntryEnded,
                  e.id + " has already ended (" + std::string(e.StatusAt(call.ctx.time_ms)) + ")");
  }
  CBEC_RETURN_IF_ERROR(ValidateText(a.reason, kMaxReasonLength, errors::kBadReason, "reason"));
  e.status = EntryStatus::kRevoked;
  e.ended = EndOf(call.ctx, EntryStatus::kRevoked);
  e.ended->reason = a.reason;
  CBEC_RETURN_IF_ERROR(StoreEndedEntry(call.state, e));
  return RefreshCredit(call, e.subject);
}

Status ValidateApplicationDate(const ListEntry& e, std::string_view date, uint64_t now_ms,
                               uint64_t& out) {
  CBEC_ASSIGN_OR_RETURN(out, ParseDate(date));
  if (out < e.effective_ms || out >= e.expires_ms || out > now_ms) {
    return Status(errors::kBadApplicationDate,
                  "date " + std::string(date) + " must lie in " + e.id + "'s period " +
                      FormatDate(e.effective_ms) + " to " + FormatDate(e.expires_ms) +
                      " (exclusive) and not after the block's date " + FormatDate(now_ms));
  }
  return Status::Ok();
}

Status ApplyMeasure(Call& call, const ApplyMeasureArgs& a) {
  const ExecContext& ctx = call.ctx;
  CBEC_ASSIGN_OR_RETURN(Organisation org, RequireDepartmentSigner(call, "record applied measures"));
  CBEC_ASSIGN_OR_RETURN(ListEntry e, RequireEntry(call.state, a.entry_id));
  auto m = std::find_if(e.measures.begin(), e.measures.end(),
                        [&](const Measure& x) { return x.code == a.measure; });
  if (m == e.measures.end()) {
    return Status(errors::kMeasureNotInEntry,
                  e.id + " does not name measure \"" + a.measure + "\"");
  }
  if (!m->AppliesTo(org.kind)) {
    return Forbidden("measure \"" + m->code + "\" is not applied by a " +
                     std::string(governance::OrgKindName(org.kind)) + " department");
  }
  if (e.status != EntryStatus::kActive) {
    return Status(errors::kEntryEnded,
                  e.id + " has ended (" + std::string(e.StatusAt(ctx.time_ms)) + ")");
  }
  uint64_t applied_ms = 0;
  CBEC_RETURN_IF_ERROR(ValidateApplicationDate(e, a.date, ctx.time_ms, applied_ms));
  if (!a.note.empty()) {
    CBEC_RETURN_IF_ERROR(ValidateText(a.note, kMaxNoteLength, errors::kBadNote, "note"));
  }
  if (e.applications >= kMaxApplications) {
    return Status(errors::kTooManyApplications,
                  e.id + " already has " + std::to_string(kMaxApplications) + " applications");
  }
  Application app{e.id,       e.applications, m->code,    org.id,      ctx.signer,
                  applied_ms, a.note,         ctx.height, ctx.time_ms, ctx.tx_hash};
  PutRecord(call.state, ApplicationKey(e.id, app.seq), app);
  e.applications += 1;
  PutRecord(call.state, EntryKey(e.id), e);
  return Status::Ok();
}

Status SetMeasures(Call& call, const SetMeasuresArgs& a) {
  CBEC_RETURN_IF_ERROR(ValidateCatalogue(a.measures));
  CBEC_ASSIGN_OR_RETURN(Catalogue cat, LoadCatalogue(call.state));
  Catalogue next;
  next.version = cat.version + 1;
  next.measures = a.measures;
  std::sort(next.measures.begin(), next.measures.end(),
            [](const Measure& x, const Measure& y) { return x.code < y.code; });
  next.height = call.ctx.height;
  next.time_ms = call.ctx.time_ms;
  next.tx_hash = call.ctx.tx_hash;
  next.signer = call.ctx.signer;
  StoreCatalogue(call.state, next);
  return Status::Ok();
}

}  // namespace

Result<Organisation> RequireDepartmentSigner(const Call& call, std::string_view what) {
  CBEC_ASSIGN_OR_RETURN(std::optional<Organisation> org,
                        governance::LoadOrg(call.state, call.ctx.signer_org));
  if (call.ctx.by_governance || !org || !governance::IsDepartment(org->kind)) {
    return Forbidden("only accounts of a department (customs, tax, fx, market) may " +
                     std::string(what));
  }
  return std::move(*org);
}

Status StoreEndedEntry(Overlay& state, const ListEntry& e) {
  PutRecord(state, EntryKey(e.id), e);
  CBEC_ASSIGN_OR_RETURN(std::optional<SubjectRecord> subject, LoadSubject(state, e.subject));
  if (!subject) return Status(contracts::errors::kStateCorrupt, e.id + ": no subject record");
  // An entry dropped from a full record had ended already; nothing to update.
  for (SubjectEntry& line : subject->entries) {
    if (line.id == e.id) {
      line.status = e.status;
      PutRecord(state, SubjectKey(e.subject), *subject);
      break;
    }
  }
  return Status::Ok();
}

Status RefreshCredit(Call& call, std::string_view uscc) {
  return credit::RefreshComposite(call, uscc);
}

Status RepairEntry(Call& call, std::string_view entry_id, std::string_view application_id) {
  CBEC_ASSIGN_OR_RETURN(ListEntry e, RequireEntry(call.state, entry_id));
  if (call.ctx.signer_org != e.issuer_org) {
    return Forbidden("only organisation '" + e.issuer_org + "', which issued " + e.id +
                     ", may decide its repair");
  }
  if (e.kind != ListKind::kBlack) {
    return Status(errors::kNotBlack, e.id + " is a red-list entry: there is nothing to repair");
  }
  if (e.status != EntryStatus::kActive) {
    return Status(errors::kEntryEnded,
                  e.id + " has already ended (" + std::string(e.StatusAt(call.ctx.time_ms)) + ")");
  }
  if (call.ctx.time_ms >= e.expires_ms) {
    return Status(errors::kEntryExpired,
                  e.id + "'s publication period ended on " + FormatDate(e.expires_ms));
  }
  CBEC_RETURN_IF_ERROR(ValidateText(application_id, kMaxApplicationIdLength,
                                    errors::kBadApplicationId, "application id"));
  e.status = EntryStatus::kRepaired;
  e.ended = EndOf(call.ctx, EntryStatus::kRepaired);
  e.ended->application_id = std::string(application_id);
  CBEC_RETURN_IF_ERROR(StoreEndedEntry(call.state, e));
  return RefreshCredit(call, e.subject);
}

Contract MakeContract() {
  Contract c{std::string(kContractName)};
  Permission lister = Permission::AnyOf({"lister"});
  c.Method<IssueArgs>("issue", lister, Issue);
  c.Method<RevokeArgs>("revoke", lister, Revoke);
  c.Method<ApplyMeasureArgs>("apply_measure", Permission::AnyOf({"lister", "officer"}),
                             ApplyMeasure);
  c.Method<SetMeasuresArgs>("set_measures", Permission::Governance(), SetMeasures);
  AddQueries(c);
  c.OnGenesis([](const Json* section, const std::string& path, crypto::Suite,
                 Overlay& state) -> Status { return InitGenesis(section, path, state); });
  return c;
}

}  // namespace cbec::contracts::lists
