// The credit contract: each regulating department's rating of an enterprise
// on a governed scale, the composite class derived from the four ratings and
// the enterprise's list entries by a governed rule, and credit repair.
//
// Scales (governed data; Permission::Governance() method set_scale). A scale
// is {department, rule_set_id, effective_from, levels best to worst}. The
// scale in force for a department at time T is the one with the latest
// effective_from <= T. Genesis defaults (when app_state has no "credit"):
//   customs GACC-282 (2026-04-01): advanced_certified, certified, routine,
//           dishonest, seriously_dishonest   (海关总署令第282号)
//   customs GACC-251 (2018-05-01): certified, routine, dishonest (令第251号)
//   tax     STA-A-D  (2018-04-01): A, B, M, C, D  (纳税信用级别, M since 2018)
//   fx      SAFE-ABC (2012-08-01): A, B, C  (货物贸易外汇管理分类)
//   market  SAMR-ABNORMAL (2014-10-01): normal, abnormal_operation (经营异常名录)
//
// Ratings (method rate; role "rater" in an organisation of a department
// kind, rating only for its own kind). A rating names its rule set and
// level, reason, legal basis and effective date (default: the block time; a
// back-dated one must fall in the period when its rule set was in force,
// so GACC-251 ratings can still be recorded for 2018-2026). The current
// rating of a department is the one with the latest effective date; every
// rating is kept in the history (credit / history / <uscc> / <dept> / <seq>)
// with block time, tx hash, officer and organisation.
//
// Composite class (governed rule; set_composite_rule): an ordered list of
// clauses, each {class, conditions (all must hold)}, first match wins, else
// the default class. Conditions: a department's current level in a set; an
// active black-list entry of severity >= x; an active red-list entry. The
// default rule's classes are A 守信 / B 一般 / C 关注 / D 失信
// (docs/spec/contracts-credit.md). The stored composite lists every input
// (ratings and active entries) and the clause that matched, and
// `valid_until_ms`: the earliest expiry of the entries it used; queries
// recompute it at the query's block time and say when that differs.
//
// Credit repair: apply_repair by an account of the enterprise's linked
// organisation, for a department's rating or an active black-list entry;
// decide_repair by a rater of that department (rating) or a lister of the
// entry's issuing organisation (entry; accepting calls lists::RepairEntry).
// An accepted rating repair writes the decision's new level as a rating with
// reason "credit repair".
//
// Reads (queries record, history, repair; Visibility::kOwner): accounts of
// department organisations read every enterprise; an enterprise's own
// accounts read its record; anyone else gets auth.forbidden. scales and rule
// are public.
//
// Thread-safety: functions over the state they are given; no shared state.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cbec/base/status.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/registry.h"
#include "cbec/contracts/state.h"

namespace cbec::contracts::credit {

inline constexpr std::string_view kContractName = "credit";

// Recomputes the composite class of enterprise `uscc` at the block time from
// its current ratings and lists::ActiveEntries, and stores it (with its
// explanation) if it changed. The lists contract calls it after every change
// to an enterprise's entries; rate and decide_repair call it themselves.
// Fails with the ValidateUscc kinds / ent.unknown_enterprise, store errors or
// kStateCorrupt (e.g. no composite rule stored). Writes only through `call`.
Status RefreshComposite(Call& call, std::string_view uscc);

// True iff `q`'s reader may read the credit record of the enterprise whose
// linked organisation is `enterprise_org` ("" = none): an account of a
// department organisation, or of that organisation. Fails only with store
// errors.
Result<bool> MayReadCredit(const QueryContext& q, std::string_view enterprise_org);

// The credit contract with every method, query and its genesis hook.
Contract MakeContract();

}  // namespace cbec::contracts::credit
