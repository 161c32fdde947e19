#include "cbec/sdk/light_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <thread>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cbec/sdk/errors.h"
#include "verify_test_util.h"

namespace cbec::sdk {
namespace {

using ledger::CertifiedCheckpoint;
using testing::Certify;
using testing::FirstN;
using testing::TestChain;

Bytes Key(std::string_view s) { return ToBytes(s); }

#define EXPECT_KIND(expr, kind)                                 \
  do {                                                          \
    Status s_ = (expr);                                         \
    EXPECT_TRUE(s_.Is(kind)) << "got " << s_.ToString();        \
  } while (0)

TEST(LightClientTest, AcceptsAQuorumOfTheGenesisSet) {
  TestChain chain(4);
  LightClient lc(chain.Anchor());
  CertifiedCheckpoint cp = chain.Commit();
  EXPECT_TRUE(lc.VerifyCheckpoint(cp).ok());
  ASSERT_TRUE(lc.Latest().has_value());
  EXPECT_EQ(*lc.Latest(), cp);
  EXPECT_EQ(lc.LatestEpoch(), 0u);
  EXPECT_TRUE(lc.EpochChanges().empty());
}

TEST(LightClientTest, RefusesAnotherChain) {
  TestChain chain(4);
  TestChain other(4, "cbec-other");
  LightClient lc(chain.Anchor());
  EXPECT_KIND(lc.VerifyCheckpoint(other.Commit()), errors::kWrongChain);
}

TEST(LightClientTest, RefusesQuorumMinusOne) {
  TestChain chain(7);
  LightClient lc(chain.Anchor());
  ledger::Checkpoint cp = chain.Next({});
  EXPECT_KIND(lc.VerifyCheckpoint(Certify(cp, chain.keys(), FirstN(4))), errors::kUntrustedCheckpoint);
  EXPECT_TRUE(lc.VerifyCheckpoint(Certify(cp, chain.keys(), FirstN(5))).ok());
}

TEST(LightClientTest, RefusesASignatureOfAKeyOutsideTheSet) {
  TestChain chain(4);
  LightClient lc(chain.Anchor());
  ledger::Checkpoint cp = chain.Next({});
  CertifiedCheckpoint cc = Certify(cp, chain.keys(), {1, 2});
  crypto::PrivateKey outsider = testing::TestKey(9, 0);
  ASSERT_TRUE(cc.AddSignature(0, ledger::SignCheckpoint(cp, outsider)).ok());
  EXPECT_KIND(lc.VerifyCheckpoint(cc), errors::kUntrustedCheckpoint);
  // An index beyond the set.
  CertifiedCheckpoint beyond = Certify(cp, chain.keys(), {0, 1, 2});
  ASSERT_TRUE(beyond.AddSignature(4, ledger::SignCheckpoint(cp, outsider)).ok());
  EXPECT_KIND(lc.VerifyCheckpoint(beyond), errors::kUntrustedCheckpoint);
}

TEST(LightClientTest, RefusesADuplicatedSigner) {
  TestChain chain(4);
  LightClient lc(chain.Anchor());
  ledger::Checkpoint cp = chain.Next({});
  CertifiedCheckpoint cc = Certify(cp, chain.keys(), {0, 1});
  cc.signatures.sigs.push_back(cc.signatures.sigs.back());  // validator 1 twice: 3 "signatures"
  EXPECT_KIND(lc.VerifyCheckpoint(cc), errors::kUntrustedCheckpoint);
}

TEST(LightClientTest, RefusesAFlippedByteInTheCheckpoint) {
  TestChain chain(4);
  LightClient lc(chain.Anchor());
  CertifiedCheckpoint cc = chain.Commit();
  cc.checkpoint.state_root[7] ^= 0x01;
  EXPECT_KIND(lc.VerifyCheckpoint(cc), errors::kUntrustedCheckpoint);
  cc = chain.Commit();
  cc.signatures.sigs[0].second[3] ^= 0x80;
  EXPECT_KIND(lc.VerifyCheckpoint(cc), errors::kUntrustedCheckpoint);
}

TEST(LightClientTest, HeightZeroIsTheGenesisAndNeverCertified) {
  TestChain chain(4);
  LightClient lc(chain.Anchor());
  ledger::Checkpoint cp = chain.Next({});
  cp.height = 0;
  EXPECT_KIND(lc.VerifyCheckpoint(Certify(cp, chain.keys(), FirstN(3))), errors::kUntrustedCheckpoint);
}

TEST(LightClientTest, ProvesMembershipAndNonMembership) {
  TestChain chain(4);
  LightClient lc(chain.Anchor());
  std::map<Bytes, std::optional<Bytes>> writes;
  for (int i = 0; i < 50; ++i) writes[Key("k" + std::to_string(i))] = Key("v" + std::to_string(i));
  CertifiedCheckpoint cp = chain.Commit(writes);
  ledger::StateRead in = chain.Prove(Key("k7"));
  ASSERT_TRUE(in.value.has_value());
  EXPECT_TRUE(lc.VerifyState(cp, Key("k7"), in.value, in.proof).ok());
  ledger::StateRead out = chain.Prove(Key("absent"));
  ASSERT_FALSE(out.value.has_value());
  EXPECT_TRUE(lc.VerifyState(cp, Key("absent"), std::nullopt, out.proof).ok());

  // Wrong claims.
  EXPECT_KIND(lc.VerifyState(cp, Key("k7"), Key("v8"), in.proof), errors::kBadProof);
  EXPECT_KIND(lc.VerifyState(cp, Key("k7"), std::nullopt, in.proof), errors::kBadProof);
  EXPECT_KIND(lc.VerifyState(cp, Key("absent"), Key("v1"), out.proof), errors::kBadProof);
  EXPECT_KIND(lc.VerifyState(cp, Key("k8"), in.value, in.proof), errors::kBadProof);
  // A flipped sibling.
  ledger::StateProof bad = in.proof;
  ASSERT_FALSE(bad.siblings.empty());
  bad.siblings[0][0] ^= 0x01;
  EXPECT_KIND(lc.VerifyState(cp, Key("k7"), in.value, bad), errors::kBadProof);
}

TEST(LightClientTest, RefusesAProofOfAnotherRoot) {
  TestChain chain(4);
  LightClient lc(chain.Anchor());
  CertifiedCheckpoint first = chain.Commit({{Key("a"), Key("1")}});
  chain.Commit({{Key("a"), Key("2")}, {Key("b"), Key("3")}});
  ledger::StateRead now = chain.Prove(Key("a"));
  EXPECT_KIND(lc.VerifyState(first, Key("a"), now.value, now.proof), errors::kBadProof);
  ledger::StateRead then = chain.Prove(Key("a"), 1);
  EXPECT_TRUE(lc.VerifyState(first, Key("a"), then.value, then.proof).ok());
}

TEST(LightClientTest, DetectsAForkAtASeenHeight) {
  TestChain chain(4);
  LightClient lc(chain.Anchor());
  ledger::Checkpoint cp = chain.Next({});
  ASSERT_TRUE(lc.VerifyCheckpoint(Certify(cp, chain.keys(), {0, 1, 2})).ok());
  // The same checkpoint with other signers is the same history.
  EXPECT_TRUE(lc.VerifyCheckpoint(Certify(cp, chain.keys(), {1, 2, 3})).ok());
  ledger::Checkpoint forked = cp;
  forked.state_root[0] ^= 0xff;
  EXPECT_KIND(lc.VerifyCheckpoint(Certify(forked, chain.keys(), {1, 2, 3})), errors::kForked);
}

TEST(LightClientTest, DetectsALogThatShrinks) {
  TestChain chain(4);
  LightClient lc(chain.Anchor());
  chain.Commit();
  chain.Commit();
  CertifiedCheckpoint three = chain.Commit();
  ASSERT_TRUE(lc.VerifyCheckpoint(three).ok());
  ledger::Checkpoint five = chain.Next({});
  five.height = 5;
  five.tx_count = 2;
  EXPECT_KIND(lc.VerifyCheckpoint(Certify(five, chain.keys(), FirstN(3))), errors::kForked);
  ledger::Checkpoint one = five;
  one.height = 1;
  one.tx_count = 9;
  EXPECT_KIND(lc.VerifyCheckpoint(Certify(one, chain.keys(), FirstN(3))), errors::kForked);
}

TEST(LightClientTest, RefusesAStaleLatest) {
  TestChain chain(4);
  LightClient lc(chain.Anchor());
  chain.Commit();
  CertifiedCheckpoint two = chain.Commit();
  CertifiedCheckpoint three = chain.Commit();
  ASSERT_TRUE(lc.VerifyLatest(three).ok());
  EXPECT_KIND(lc.VerifyLatest(two), errors::kStale);
  EXPECT_TRUE(lc.VerifyLatest(three).ok());
  // A stale answer is still a checkpoint of the history (VerifyCheckpoint takes it).
  EXPECT_TRUE(lc.VerifyCheckpoint(two).ok());
  EXPECT_EQ(lc.Latest()->checkpoint.height, 3u);
}

TEST(LightClientTest, FollowsAnEpochChange) {
  TestChain chain(4);
  LightClient lc(chain.Anchor());
  ASSERT_TRUE(lc.VerifyCheckpoint(chain.Commit()).ok());
  ledger::ValidatorSet set0 = chain.set();
  auto keys0 = testing::TestSet(4, 1, 0).first;
  EpochChange change = chain.ChangeSet(5, 2);
  CertifiedCheckpoint after = chain.Commit();

  EXPECT_KIND(lc.VerifyCheckpoint(after), errors::kUnknownEpoch);
  ASSERT_TRUE(lc.AddEpochChange(change).ok());
  EXPECT_EQ(lc.LatestEpoch(), 1u);
  EXPECT_EQ(lc.SetOf(1), chain.set());
  EXPECT_EQ(lc.SetOf(0), set0);
  EXPECT_FALSE(lc.SetOf(2).has_value());
  ASSERT_EQ(lc.EpochChanges().size(), 1u);
  EXPECT_EQ(lc.EpochChanges()[0], change);
  EXPECT_TRUE(lc.VerifyCheckpoint(after).ok());
  EXPECT_TRUE(lc.AddEpochChange(change).ok());  // idempotent

  // Epoch 1's height signed by the old set: its hash is known, but not the right one.
  ledger::Checkpoint by_old = chain.Next({});
  by_old.validator_set_hash = set0.Hash();
  EXPECT_KIND(lc.VerifyCheckpoint(Certify(by_old, keys0, FirstN(3))), errors::kUntrustedCheckpoint);
  // The change's own height is still the old set's.
  EXPECT_TRUE(lc.VerifyCheckpoint(change.checkpoint).ok());
}

TEST(LightClientTest, RefusesBrokenEpochChanges) {
  TestChain chain(4);
  chain.Commit(testing::RandomWrites(20, 9));
  EpochChange good = chain.ChangeSet(4, 2);
  {
    LightClient lc(chain.Anchor());
    EpochChange c = good;
    c.record.back() ^= 0x01;  // changed_height no longer matches, and the proof fails
    EXPECT_KIND(lc.AddEpochChange(c), errors::kBadEpochChange);
  }
  {
    LightClient lc(chain.Anchor());
    EpochChange c = good;
    ASSERT_FALSE(c.proof.siblings.empty());
    c.proof.siblings[0][1] ^= 0x01;
    EXPECT_KIND(lc.AddEpochChange(c), errors::kBadEpochChange);
  }
  {
    LightClient lc(chain.Anchor());
    EpochChange c = good;
    c.checkpoint.signatures.sigs.pop_back();  // quorum - 1
    EXPECT_KIND(lc.AddEpochChange(c), errors::kUntrustedCheckpoint);
  }
  {
    LightClient lc(chain.Anchor());
    EpochChange c = good;
    c.record = {0x01, 0x02};
    EXPECT_KIND(lc.AddEpochChange(c), errors::kBadEpochChange);
  }
  {
    // A record proven at its checkpoint but naming another change height.
    TestChain other(4);
    other.Commit();
    auto [keys, set] = testing::TestSet(4, 2, 1);
    Bytes record = testing::EncodeValidatorSetRecord(set, 7);
    CertifiedCheckpoint cc = other.Commit({{ValidatorSetRecordKey(), record}});
    EpochChange c{cc, record, other.Prove(ValidatorSetRecordKey()).proof};
    LightClient lc(other.Anchor());
    EXPECT_KIND(lc.AddEpochChange(c), errors::kBadEpochChange);
  }
}

TEST(LightClientTest, RefusesAGapInEpochs) {
  TestChain chain(4);
  EpochChange one = chain.ChangeSet(4, 2);
  EpochChange two = chain.ChangeSet(4, 3);
  LightClient lc(chain.Anchor());
  EXPECT_KIND(lc.AddEpochChange(two), errors::kUnknownEpoch);
  ASSERT_TRUE(lc.AddEpochChange(one).ok());
  ASSERT_TRUE(lc.AddEpochChange(two).ok());
  EXPECT_EQ(lc.LatestEpoch(), 2u);
  EXPECT_TRUE(lc.VerifyCheckpoint(chain.Commit()).ok());
}

TEST(LightClientTest, TwoCertifiedSetsForOneEpochAreAFork) {
  TestChain a(4), b(4);  // same genesis keys, diverging at the change
  a.Commit();
  b.Commit();
  EpochChange ca = a.ChangeSet(4, 2);
  EpochChange cb = b.ChangeSet(5, 3);
  LightClient lc(a.Anchor());
  ASSERT_TRUE(lc.AddEpochChange(ca).ok());
  EXPECT_KIND(lc.AddEpochChange(cb), errors::kForked);
}

TEST(LightClientTest, ACheckpointTheOldSetSignedAfterTheChangeIsAFork) {
  TestChain chain(4);
  auto keys0 = testing::TestSet(4, 1, 0).first;
  ledger::ValidatorSet set0 = chain.set();
  EpochChange change = chain.ChangeSet(4, 2);
  ledger::Checkpoint rogue = chain.Next({});
  rogue.validator_set_hash = set0.Hash();
  LightClient lc(chain.Anchor());
  ASSERT_TRUE(lc.VerifyCheckpoint(Certify(rogue, keys0, FirstN(3))).ok());  // it cannot know yet
  EXPECT_KIND(lc.AddEpochChange(change), errors::kForked);
}

TEST(LightClientTest, ChecksInclusionInTheCertifiedLog) {
  TestChain chain(4);
  LightClient lc(chain.Anchor());
  for (int i = 0; i < 6; ++i) chain.Commit();
  CertifiedCheckpoint cp = chain.Commit();  // 7 txs, one per block
  auto proof = chain.log().InclusionProof(2, cp.checkpoint.tx_count);
  ASSERT_TRUE(proof.ok());
  EXPECT_TRUE(lc.VerifyInclusion(cp, TestChain::TxHashAt(3), 2, *proof).ok());
  EXPECT_KIND(lc.VerifyInclusion(cp, TestChain::TxHashAt(4), 2, *proof), errors::kBadProof);
  EXPECT_KIND(lc.VerifyInclusion(cp, TestChain::TxHashAt(3), 3, *proof), errors::kBadProof);
  EXPECT_KIND(lc.VerifyInclusion(cp, TestChain::TxHashAt(3), 99, *proof), errors::kBadProof);
  auto bad = *proof;
  bad.back()[5] ^= 0x10;
  EXPECT_KIND(lc.VerifyInclusion(cp, TestChain::TxHashAt(3), 2, bad), errors::kBadProof);
}

TEST(LightClientTest, ChecksConsistencyBetweenCertifiedLogs) {
  TestChain chain(4);
  LightClient lc(chain.Anchor());
  chain.Commit();
  chain.Commit();
  CertifiedCheckpoint three = chain.Commit();
  for (int i = 0; i < 4; ++i) chain.Commit();
  CertifiedCheckpoint seven = chain.Commit();
  auto proof = chain.log().ConsistencyProof(three.checkpoint.tx_count, seven.checkpoint.tx_count);
  ASSERT_TRUE(proof.ok());
  EXPECT_TRUE(lc.VerifyConsistency(three, seven, *proof).ok());
  auto bad = *proof;
  bad[0][0] ^= 0x01;
  EXPECT_KIND(lc.VerifyConsistency(three, seven, bad), errors::kForked);
  EXPECT_KIND(lc.VerifyConsistency(three, seven, {}), errors::kForked);
  EXPECT_KIND(lc.VerifyConsistency(seven, three, *proof), errors::kBadProof);
}

TEST(LightClientTest, VerifiesConcurrently) {
  TestChain chain(4);
  std::vector<CertifiedCheckpoint> cps;
  for (int i = 0; i < 16; ++i) cps.push_back(chain.Commit());
  LightClient lc(chain.Anchor());
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (size_t i = static_cast<size_t>(t); i < cps.size(); i += 4) {
        if (lc.VerifyLatest(cps[i]).ok() || lc.VerifyCheckpoint(cps[i]).ok()) ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 16);
  EXPECT_EQ(lc.Latest()->checkpoint.height, 16u);
}

TEST(EpochChangeTest, JsonRoundTripAndConsistency) {
  TestChain chain(4);
  EpochChange change = chain.ChangeSet(5, 2);
  nlohmann::json j = change.ToJson();
  EXPECT_EQ(j["epoch"], 1);
  EXPECT_EQ(j["changed_height"], 1);
  auto back = EpochChange::FromJson(j);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, change);
  j["changed_height"] = 2;
  EXPECT_TRUE(EpochChange::FromJson(j).status().Is(errors::kBadEpochChange));
  j.erase("changed_height");
  EXPECT_FALSE(EpochChange::FromJson(j).ok());
  EXPECT_FALSE(EpochChange::FromJson(nlohmann::json::array()).ok());
  // The binary codec round-trips too.
  auto bin = ledger::Decode<EpochChange>(ledger::Encode(change));
  ASSERT_TRUE(bin.ok());
  EXPECT_EQ(*bin, change);
}

TEST(EpochChangeTest, DecodesTheValidatorSetRecord) {
  auto [keys, set] = testing::TestSet(3, 4, 2);
  Bytes record = testing::EncodeValidatorSetRecord(set, 42);
  auto rec = DecodeValidatorSetRecord(crypto::Suite::kStandard, record);
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(rec->first, set);
  EXPECT_EQ(rec->second, 42u);
  EXPECT_TRUE(DecodeValidatorSetRecord(crypto::Suite::kGuomi, record).status().Is(errors::kBadEpochChange));
  record.push_back(0);
  EXPECT_TRUE(DecodeValidatorSetRecord(crypto::Suite::kStandard, record).status().Is(errors::kBadEpochChange));
  EXPECT_EQ(ValidatorSetRecordKey(), ToBytes(std::string_view("governance\0validator_set\0", 25)));
}

TEST(TrustAnchorTest, LoadsTheGenesisFile) {
  TestChain chain(4);
  std::string path = (std::filesystem::temp_directory_path() /
                      ("sdk_anchor_" + std::to_string(::getpid()) + ".json")).string();
  ASSERT_TRUE(chain.Genesis().Save(path).ok());
  auto anchor = TrustAnchor::Load(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(anchor.ok()) << anchor.status().ToString();
  EXPECT_EQ(anchor->chain_id, "cbec-test");
  EXPECT_EQ(anchor->validators, chain.set());
  EXPECT_FALSE(TrustAnchor::Load(path).ok());
}

}  // namespace
}  // namespace cbec::sdk
