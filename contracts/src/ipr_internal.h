// Private glue between the ipr source files: the secondary keys, argument
// validation shared by several methods, the authorisation index and history.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cbec/contracts/governance.h"
#include "cbec/contracts/ipr.h"
#include "cbec/contracts/ipr_args.h"
#include "cbec/contracts/registry.h"

namespace cbec::contracts::ipr {

// Structural bound of stored strings (handlers check tighter limits).
inline constexpr size_t kCodecStringMax = 4096;

// ---- keys (docs/spec/contracts-ipr.md, "State") ----

Bytes HistoryKey(IpType type, std::string_view reg_no, uint64_t seq);
Bytes HistoryPrefix(IpType type, std::string_view reg_no);
Bytes ByHolderKey(std::string_view holder, IpType type, std::string_view reg_no);
Bytes ByHolderPrefix(std::string_view holder);
Bytes ByGoodsKey(std::string_view goods_ref, IpType type, std::string_view reg_no);
Bytes ByGoodsPrefix(std::string_view goods_ref);
Bytes AgentKey(std::string_view holder, std::string_view org);
Bytes AgentPrefix(std::string_view holder);
Bytes RecordationSeqKey(IpType type, uint64_t year);
Bytes SeizureSeqKey(uint64_t year);
Bytes SeizureKey(std::string_view id);
Bytes SeizureByFilingKey(IpType type, std::string_view reg_no, std::string_view id);
Bytes SeizureByFilingPrefix(IpType type, std::string_view reg_no);
Bytes SeizureByExporterKey(std::string_view exporter, std::string_view id);
Bytes SeizureByExporterPrefix(std::string_view exporter);
// The AuthKey of a goods reference ("nice:25").
Bytes AuthKeyForRef(std::string_view exporter, std::string_view goods_ref);

// ---- record access ----

// The filing, or ipr.unknown_filing (the ip_type / reg_no errors for
// malformed ones).
Result<Filing> RequireFiling(const StateView& state, std::string_view ip_type,
                             std::string_view reg_no);
// A right as a query names it: "<ip_type>:<reg_no>"; ipr.bad_start_after otherwise.
Status ParseRightId(std::string_view id, IpType& type, std::string& reg_no);
// OK iff `id` looks like "SZ-<year>-<digits>"; ipr.bad_seizure_id otherwise.
Status ValidateSeizureId(std::string_view id);
// The CST calendar year of `time_ms`.
uint64_t CstYear(uint64_t time_ms);

// ---- validation of filing data (ipr_validate.cc) ----

// The goods of a filing or an amendment, sorted by Ref(): 1-kMaxGoods
// distinct items of a known scheme, well-formed code and description.
Result<std::vector<Goods>> ValidateGoods(const std::vector<GoodsArg>& goods);
// The licences: 0-kMaxLicensees distinct registered enterprises other than
// `holder`, each naming "all" or goods of `goods`, with a real date not
// before the block's day. Sorted by uscc.
Result<std::vector<Licence>> ValidateLicensees(const StateView& state,
                                               const std::vector<LicenceArg>& licensees,
                                               const std::vector<Goods>& goods,
                                               std::string_view holder, uint64_t now_ms);
// The exclusive end (CST) of the day `date` ("YYYY-MM-DD"); args.bad_date.
Result<uint64_t> ParseLastDay(std::string_view date);

// ---- the authorisation and goods indexes (ipr_index.cc) ----

// Adds the lines of approved filing `f` to ipr / auth and ipr / by_goods.
// Fails with ipr.too_many_rights if an AuthRecord is full.
Status IndexFiling(Overlay& state, const Filing& f);
// Removes every line of `f` (as it was indexed) from both indexes.
Status UnindexFiling(Overlay& state, const Filing& f);

// ---- history and stamps (ipr_filing.cc) ----

Stamp StampOf(const ExecContext& ctx);
// Appends a history entry for `f` after `action` (and bumps its count).
// Fails with ipr.history_full.
Status AppendHistory(Call& call, Filing& f, Action action, std::string_view reason);

// ---- registration ----

// Methods of the life cycle (ipr_filing.cc, ipr_review.cc), seizures
// (ipr_seizure.cc), queries (ipr_queries.cc).
void AddFilingMethods(Contract& c);
void AddReviewMethods(Contract& c);
void AddSeizureMethods(Contract& c);
void AddQueries(Contract& c);

// The signer acts for holder `holder`: its organisation is the holder's
// linked organisation, or an organisation the holder authorised as agent
// (nullable `agent_out` receives it). auth.forbidden otherwise.
Status RequireHolderOrAgent(const Call& call, std::string_view holder, std::string* agent_out);
// The signer's organisation is of kind customs; auth.forbidden otherwise.
Status RequireCustoms(const Call& call, std::string_view what);

}  // namespace cbec::contracts::ipr
