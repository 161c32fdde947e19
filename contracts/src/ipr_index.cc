// The authorisation index (ipr / auth / <exporter> / <scheme:code>) and the
// goods index (ipr / by_goods / <scheme:code> / <ip_type> / <reg_no>).
//
// Both hold exactly the approved, not revoked or withdrawn filings as they
// currently read: every change of such a filing (approval, renewal, an
// approved amendment, revocation, withdrawal, filing again after expiry)
// removes the lines of the filing as it was and adds those of the filing as
// it is, in the same transaction. Expiry needs no write: each line carries
// the filing's valid_until_ms (and the licence's own end).
#include <algorithm>

#include "cbec/contracts/errors.h"
#include "cbec/contracts/ipr.h"
#include "cbec/contracts/ipr_errors.h"
#include "ipr_internal.h"

namespace cbec::contracts::ipr {

namespace {

struct Line {
  std::string exporter;
  std::string goods;
  AuthEntry entry;
};

std::vector<Line> LinesOf(const Filing& f) {
  std::vector<Line> out;
  for (const Goods& g : f.goods) {
    std::string ref = g.Ref();
    out.push_back({f.holder, ref, {f.ip_type, f.reg_no, AuthRole::kHolder, f.valid_until_ms, 0}});
    for (const Licence& l : f.licensees) {
      if (!l.Covers(ref)) continue;
      out.push_back({l.uscc, ref,
                     {f.ip_type, f.reg_no, AuthRole::kLicensee, f.valid_until_ms,
                      l.valid_until_ms}});
    }
  }
  return out;
}

bool SameRight(const AuthEntry& e, IpType type, std::string_view reg_no) {
  return e.ip_type == type && e.reg_no == reg_no;
}

bool EntryLess(const AuthEntry& a, const AuthEntry& b) {
  return a.ip_type != b.ip_type ? a.ip_type < b.ip_type : a.reg_no < b.reg_no;
}

}  // namespace

Status IndexFiling(Overlay& state, const Filing& f) {
  for (Line& line : LinesOf(f)) {
    Bytes key = AuthKeyForRef(line.exporter, line.goods);
    CBEC_ASSIGN_OR_RETURN(std::optional<AuthRecord> rec, GetRecord<AuthRecord>(state, key));
    AuthRecord r = rec ? std::move(*rec) : AuthRecord{line.exporter, line.goods, {}};
    std::erase_if(r.entries, [&](const AuthEntry& e) { return SameRight(e, f.ip_type, f.reg_no); });
    if (r.entries.size() >= kMaxAuthEntries) {
      return Status(errors::kTooManyRights,
                    line.exporter + " already holds " + std::to_string(kMaxAuthEntries) +
                        " rights for goods " + line.goods);
    }
    auto pos = std::lower_bound(r.entries.begin(), r.entries.end(), line.entry, EntryLess);
    r.entries.insert(pos, std::move(line.entry));
    PutRecord(state, key, r);
  }
  for (const Goods& g : f.goods) state.Put(ByGoodsKey(g.Ref(), f.ip_type, f.reg_no), {});
  return Status::Ok();
}

Status UnindexFiling(Overlay& state, const Filing& f) {
  for (const Line& line : LinesOf(f)) {
    Bytes key = AuthKeyForRef(line.exporter, line.goods);
    CBEC_ASSIGN_OR_RETURN(std::optional<AuthRecord> rec, GetRecord<AuthRecord>(state, key));
    if (!rec) continue;  // the holder's line and a licensee's line share nothing; already gone
    std::erase_if(rec->entries,
                  [&](const AuthEntry& e) { return SameRight(e, f.ip_type, f.reg_no); });
    if (rec->entries.empty()) {
      state.Delete(key);
    } else {
      PutRecord(state, key, *rec);
    }
  }
  for (const Goods& g : f.goods) state.Delete(ByGoodsKey(g.Ref(), f.ip_type, f.reg_no));
  return Status::Ok();
}

}  // namespace cbec::contracts::ipr
