// Ipr methods of customs (role ipr_reviewer): review, review_renewal,
// review_amendment, revoke.
#include <algorithm>
#include <cstdio>

#include "cbec/contracts/args_json.h"
#include "cbec/contracts/dates.h"
#include "cbec/contracts/ipr.h"
#include "cbec/contracts/ipr_args.h"
#include "cbec/contracts/ipr_errors.h"
#include "ipr_internal.h"

namespace cbec::contracts::ipr {

namespace {

// The filing under review and whether the decision approves it.
struct Decision {
  Filing filing;
  bool approve = false;
};

Result<Decision> Decide(Call& call, const ReviewArgs& a, std::string_view what) {
  CBEC_RETURN_IF_ERROR(RequireCustoms(call, what));
  Decision d;
  CBEC_ASSIGN_OR_RETURN(d.filing, RequireFiling(call.state, a.ip_type, a.reg_no));
  if (a.decision != "approve" && a.decision != "reject") {
    return Status(errors::kBadDecision,
                  "decision must be \"approve\" or \"reject\", got \"" + a.decision + "\"");
  }
  d.approve = a.decision == "approve";
  CBEC_RETURN_IF_ERROR(ValidateText(a.reason, kMaxReasonLength, errors::kBadReason, "reason"));
  return d;
}

Status CheckRightInForce(const Filing& f, uint64_t right_until, uint64_t now) {
  if (right_until <= now) {
    return Status(errors::kRightExpired, f.RightId() + ": the right itself ended on " +
                                             LastDay(right_until) + "; it cannot be approved");
  }
  return Status::Ok();
}

// "T2026-00001": the type's letter, the CST year, its next number that year.
Result<std::string> NextRecordationNo(Overlay& state, IpType type, uint64_t now) {
  uint64_t year = CstYear(now);
  Bytes key = RecordationSeqKey(type, year);
  CBEC_ASSIGN_OR_RETURN(std::optional<Counter> c, GetRecord<Counter>(state, key));
  Counter next{c ? c->value + 1 : 1};
  PutRecord(state, key, next);
  static constexpr char kLetters[] = {'?', 'T', 'P', 'C'};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%c%04llu-%05llu", kLetters[static_cast<size_t>(type)],
                static_cast<unsigned long long>(year), static_cast<unsigned long long>(next.value));
  return std::string(buf);
}

void Store(Overlay& state, const Filing& f) { PutRecord(state, FilingKey(f.ip_type, f.reg_no), f); }

// ---- handlers ----

Status Review(Call& call, const ReviewArgs& a) {
  const uint64_t now = call.ctx.time_ms;
  CBEC_ASSIGN_OR_RETURN(Decision d, Decide(call, a, "review filings"));
  Filing& f = d.filing;
  if (f.status != FilingStatus::kFiled) {
    return Status(errors::kNotPending, f.RightId() + " is " + std::string(StatusAt(f, now)) +
                                           ", not awaiting review");
  }
  if (!d.approve) {
    f.status = FilingStatus::kRejected;
    CBEC_RETURN_IF_ERROR(AppendHistory(call, f, Action::kRejected, a.reason));
    Store(call.state, f);
    return Status::Ok();
  }
  CBEC_RETURN_IF_ERROR(CheckRightInForce(f, f.right_valid_until_ms, now));
  CBEC_ASSIGN_OR_RETURN(f.recordation_no, NextRecordationNo(call.state, f.ip_type, now));
  f.status = FilingStatus::kApproved;
  f.approved_ms = now;
  f.valid_until_ms = std::min(TermEnd(now), f.right_valid_until_ms);
  CBEC_RETURN_IF_ERROR(IndexFiling(call.state, f));
  CBEC_RETURN_IF_ERROR(AppendHistory(call, f, Action::kApproved, a.reason));
  Store(call.state, f);
  call.result = Bytes(f.recordation_no.begin(), f.recordation_no.end());
  return Status::Ok();
}

Status ReviewRenewal(Call& call, const ReviewArgs& a) {
  const uint64_t now = call.ctx.time_ms;
  CBEC_ASSIGN_OR_RETURN(Decision d, Decide(call, a, "review renewals"));
  Filing& f = d.filing;
  if (!f.renewal || f.status != FilingStatus::kApproved) {
    return Status(errors::kNoRenewal, f.RightId() + " has no renewal under review");
  }
  RenewalRequest req = *f.renewal;
  f.renewal.reset();
  if (!d.approve) {
    CBEC_RETURN_IF_ERROR(AppendHistory(call, f, Action::kRenewalRejected, a.reason));
    Store(call.state, f);
    return Status::Ok();
  }
  CBEC_RETURN_IF_ERROR(CheckRightInForce(f, req.right_valid_until_ms, now));
  CBEC_RETURN_IF_ERROR(UnindexFiling(call.state, f));
  f.right_valid_until_ms = req.right_valid_until_ms;
  f.valid_until_ms = std::min(TermEnd(f.valid_until_ms), f.right_valid_until_ms);
  f.renewals += 1;
  CBEC_RETURN_IF_ERROR(IndexFiling(call.state, f));
  CBEC_RETURN_IF_ERROR(AppendHistory(call, f, Action::kRenewalApproved, a.reason));
  Store(call.state, f);
  return Status::Ok();
}

Status ReviewAmendment(Call& call, const ReviewArgs& a) {
  CBEC_ASSIGN_OR_RETURN(Decision d, Decide(call, a, "review amendments"));
  Filing& f = d.filing;
  if (!f.amendment || f.status != FilingStatus::kApproved) {
    return Status(errors::kNoAmendment, f.RightId() + " has no amendment under review");
  }
  AmendmentRequest req = std::move(*f.amendment);
  f.amendment.reset();
  if (!d.approve) {
    CBEC_RETURN_IF_ERROR(AppendHistory(call, f, Action::kAmendmentRejected, a.reason));
    Store(call.state, f);
    return Status::Ok();
  }
  CBEC_RETURN_IF_ERROR(UnindexFiling(call.state, f));
  if (req.set_goods) f.goods = std::move(req.goods);
  if (req.set_licensees) f.licensees = std::move(req.licensees);
  if (req.set_evidence) f.evidence_digest = req.evidence_digest;
  CBEC_RETURN_IF_ERROR(IndexFiling(call.state, f));
  CBEC_RETURN_IF_ERROR(AppendHistory(call, f, Action::kAmendmentApproved, a.reason));
  Store(call.state, f);
  return Status::Ok();
}

Status Revoke(Call& call, const EndArgs& a) {
  CBEC_RETURN_IF_ERROR(RequireCustoms(call, "revoke filings"));
  CBEC_ASSIGN_OR_RETURN(Filing f, RequireFiling(call.state, a.ip_type, a.reg_no));
  if (f.status != FilingStatus::kFiled && f.status != FilingStatus::kApproved) {
    return Status(errors::kFilingEnded, f.RightId() + " is already " +
                                            std::string(StatusAt(f, call.ctx.time_ms)));
  }
  CBEC_RETURN_IF_ERROR(ValidateText(a.reason, kMaxReasonLength, errors::kBadReason, "reason"));
  if (f.status == FilingStatus::kApproved) CBEC_RETURN_IF_ERROR(UnindexFiling(call.state, f));
  f.status = FilingStatus::kRevoked;
  f.renewal.reset();
  f.amendment.reset();
  CBEC_RETURN_IF_ERROR(AppendHistory(call, f, Action::kRevoked, a.reason));
  Store(call.state, f);
  return Status::Ok();
}

}  // namespace

void AddReviewMethods(Contract& c) {
  Permission reviewer = Permission::AnyOf({"ipr_reviewer"});
  c.Method<ReviewArgs>("review", reviewer, Review);
  c.Method<ReviewArgs>("review_renewal", reviewer, ReviewRenewal);
  c.Method<ReviewArgs>("review_amendment", reviewer, ReviewAmendment);
  c.Method<EndArgs>("revoke", reviewer, Revoke);
}

}  // namespace cbec::contracts::ipr
