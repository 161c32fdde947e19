// Determinism of the lists contract: two independent chains (own registry,
// store and executors) run the same random transaction sequence, with block
// times moving forward by random days, and agree byte for byte on every
// block's write set and receipts. The sequence mixes valid calls with every
// kind of fault (bad periods, unknown entries, wrong departments, ...).
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "cbec/ledger/state_key.h"
#include "lists_test_chain.h"
#include "test_rng.h"

namespace cbec::contracts {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace lists;    // NOLINT(google-build-using-namespace)

const std::vector<int>& Signers() {
  static const std::vector<int> kSigners = {
      kCustomsLister, kCustomsOfficer, kTaxLister,     kTaxOfficer,       kFxLister,
      kFxOfficer,     kMarketLister,   kMarketOfficer, kPlatformOperator, kAcmeAdmin};
  return kSigners;
}

class Generator {
 public:
  Generator(uint64_t seed, ListsChain& chain) : rng_(seed), chain_(chain) {}

  // The next block's transactions (nonces continue within the block).
  std::vector<ledger::VerifiedTx> NextBlock(uint64_t time_ms) {
    std::vector<ledger::VerifiedTx> txs;
    std::map<int, uint64_t> used;
    size_t n = 1 + rng_.Below(6);
    for (size_t i = 0; i < n; ++i) {
      auto [key, method, args] = NextCall(time_ms);
      uint64_t nonce = chain_.chain().NextNonce(IdOf(key)) + used[key]++;
      txs.push_back(chain_.chain().MakeTx(key, IdOf(key), "lists", method, std::move(args), nonce));
    }
    return txs;
  }

 private:
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[rng_.Below(v.size())];
  }

  // Mostly the id of an existing entry, sometimes one that may not exist.
  std::string SomeId() {
    auto entries = chain_.store().Scan(ByTimePrefix(), {}, kMaxScanLimit).value();
    if (!entries.empty() && !rng_.OneIn(5)) {
      const KeyValue& kv = entries[rng_.Below(entries.size())];
      size_t pos = ByTimePrefix().size() + 8;
      return ledger::ReadKeyString(kv.key, pos).value();
    }
    static const std::vector<std::string> kOrgs = {"customs", "tax", "fx", "market"};
    char seq[8];
    std::snprintf(seq, sizeof seq, "%06d", static_cast<int>(1 + rng_.Below(4)));
    return std::string(rng_.OneIn(4) ? "RL-" : "BL-") + Pick(kOrgs) + "-" + seq;
  }

  // Mostly well-formed arguments (a grade and period the kind allows,
  // measures of its list), with a steady share of every kind of fault.
  IssueArgs NextIssue(const std::string& date) {
    static const std::vector<std::string> kBlack = {
        "customs.higher_inspection_rate", "tax.no_refund_fast_track", "fx.enhanced_review",
        "market.restricted_qualifications"};
    static const std::vector<std::string> kRed = {"customs.reduced_inspection_rate",
                                                  "tax.refund_fast_track", "x.unknown"};
    ListKind kind = rng_.OneIn(4) ? ListKind::kRed : ListKind::kBlack;
    Severity sev =
        kind == ListKind::kRed ? Severity::kNone : static_cast<Severity>(1 + rng_.Below(3));
    if (rng_.OneIn(10)) sev = static_cast<Severity>(rng_.Below(4));
    PeriodBounds b = PublicationBounds(kind, sev);
    uint32_t months =
        b.min_months + static_cast<uint32_t>(rng_.Below(b.max_months - b.min_months + 1));
    if (rng_.OneIn(8)) months = static_cast<uint32_t>(rng_.Below(40));
    const auto& pool = (kind == ListKind::kRed) != rng_.OneIn(10) ? kRed : kBlack;
    std::vector<std::string> ms = {Pick(pool)};
    if (rng_.OneIn(3)) ms.push_back(Pick(pool));
    const std::string& subject = rng_.OneIn(3) ? OtherUscc() : AcmeUscc();
    return IssueArgs{subject, kind, sev, "reason", "basis", ms, date, months};
  }

  // A signer: usually one the method is meant for, sometimes anyone.
  int Signer(const std::vector<int>& meant) {
    return rng_.OneIn(5) ? Pick(Signers()) : Pick(meant);
  }

  std::tuple<int, std::string, Bytes> NextCall(uint64_t time_ms) {
    static const std::vector<int> kListers = {kCustomsLister, kTaxLister, kFxLister, kMarketLister};
    static const std::vector<std::string> kMeasures = {
        "customs.higher_inspection_rate", "tax.no_refund_fast_track", "fx.enhanced_review",
        "market.restricted_qualifications", "customs.reduced_inspection_rate"};
    uint64_t r = rng_.Below(10);
    std::string date =
        FormatDate(time_ms - (rng_.OneIn(8) ? kMsPerDay : 0) + rng_.Below(3) * kMsPerDay);
    if (r < 5) return {Signer(kListers), "issue", ledger::Encode(NextIssue(date))};
    if (r < 7) {
      RevokeArgs a{SomeId(), rng_.OneIn(6) ? "" : "why"};
      return {Signer(kListers), "revoke", ledger::Encode(a)};
    }
    ApplyMeasureArgs a{SomeId(), Pick(kMeasures), FormatDate(time_ms - rng_.Below(10) * kMsPerDay),
                       rng_.OneIn(2) ? "" : "note"};
    auto entry = LoadEntry(chain_.store(), a.entry_id).value();
    if (entry && !rng_.OneIn(4)) a.measure = Pick(entry->measures).code;
    // The department the measure names (its code starts with the kind).
    std::vector<int> meant = {kCustomsOfficer, kTaxOfficer, kFxOfficer, kMarketOfficer};
    for (auto [prefix, key] :
         {std::pair{"customs.", kCustomsOfficer}, std::pair{"tax.", kTaxOfficer},
          std::pair{"fx.", kFxOfficer}, std::pair{"market.", kMarketOfficer}}) {
      if (a.measure.rfind(prefix, 0) == 0) meant = {key};
    }
    return {Signer(meant), "apply_measure", ledger::Encode(a)};
  }

  Rng rng_;
  ListsChain& chain_;
};

TEST(ListsDeterminismTest, SameTransactionsGiveByteIdenticalWriteSets) {
  for (uint64_t seed : {1u, 2u, 3u, 4u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    ListsChain a, b;
    ASSERT_TRUE(a.ok() && b.ok());
    Generator gen(seed, a);
    Rng clock(seed * 7919);
    uint64_t time_ms = T0();
    size_t succeeded = 0;
    std::set<std::string> slugs;
    for (int block = 0; block < 40; ++block) {
      time_ms += clock.Below(20) * kMsPerDay + clock.Below(kMsPerDay);
      auto txs = gen.NextBlock(time_ms);
      auto out_a = a.Block(txs, time_ms);
      auto out_b = b.Block(txs, time_ms);
      ASSERT_EQ(out_a.size(), out_b.size());
      for (size_t i = 0; i < out_a.size(); ++i) {
        EXPECT_EQ(out_a[i].receipt, out_b[i].receipt);
        succeeded += out_a[i].receipt.code == 0;
        slugs.insert(out_a[i].receipt.slug);
      }
      ASSERT_EQ(EncodeWriteSet(a.last_writes()), EncodeWriteSet(b.last_writes()));
    }
    EXPECT_EQ(a.store().data(), b.store().data());
    // The sequence exercised the contract, not only its refusals.
    EXPECT_GT(succeeded, 40u);
    EXPECT_GT(slugs.size(), 5u) << "too few kinds of outcome";
  }
}

}  // namespace
}  // namespace cbec::contracts
