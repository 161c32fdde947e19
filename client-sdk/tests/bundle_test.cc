#include "cbec/sdk/bundle.h"

#include <gtest/gtest.h>

#include "cbec/sdk/errors.h"
#include "verify_test_util.h"

namespace cbec::sdk {
namespace {

using nlohmann::json;
using testing::EncodeRecordForTest;
using testing::MakeTestBundle;
using testing::TestChain;
using testing::Uscc;

const std::string kHolder = Uscc("91350100MA2XY1234");
const std::string kOther = Uscc("91110000100000000");
const std::vector<std::string> kFiling = {"trademark", "56781234"};

// A chain of `n` validators with 10^3 filler records, a filing, a black-list
// subject and an enterprise, committed at 2026-01-01T00:00:01Z.
class BundleTest : public ::testing::Test {
 protected:
  explicit BundleTest(size_t n = 4) : chain_(n) {
    auto w = testing::RandomWrites(1000, 1);
    uint64_t t = chain_.time() + 1000;
    w[BundleKey(BundleKind::kIprFiling, kFiling).value()] =
        EncodeRecordForTest("ipr.Filing", testing::TestFiling("56781234", kHolder, t - 10, t + 10));
    w[BundleKey(BundleKind::kListSubject, {kHolder}).value()] =
        EncodeRecordForTest("lists.SubjectRecord", testing::TestSubject(kHolder, "black", t - 1, t + 1));
    cp_ = chain_.Commit(w, t);
  }

  Bundle Make(BundleKind kind, std::vector<std::string> subject) {
    return MakeTestBundle(chain_, kind, std::move(subject), cp_);
  }

  TestChain chain_;
  ledger::CertifiedCheckpoint cp_;
};

TEST_F(BundleTest, RoundTripsBinaryAndText) {
  Bundle b = Make(BundleKind::kIprFiling, kFiling);
  Bytes bin = b.Encode();
  auto back = Bundle::Decode(bin, chain_.Anchor());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, b);
  EXPECT_EQ(back->Encode(), bin);
  std::string text = b.ToText();
  EXPECT_TRUE(text.starts_with("CB1:"));
  EXPECT_EQ(text.size(), 4 + bin.size() / 2 * 3 + (bin.size() % 2) * 2);
  auto from_text = Bundle::FromText(text, chain_.Anchor());
  ASSERT_TRUE(from_text.ok()) << from_text.status().ToString();
  EXPECT_EQ(*from_text, b);
  // Scanners may fold case and add line ends.
  std::string folded = "  \n" + text + "\r\n";
  for (char& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto relaxed = Bundle::FromText(folded, chain_.Anchor());
  ASSERT_TRUE(relaxed.ok()) << relaxed.status().ToString();
  EXPECT_EQ(*relaxed, b);
}

TEST_F(BundleTest, VerifiesAFilingOnRecord) {
  Bundle b = Make(BundleKind::kIprFiling, kFiling);
  ASSERT_TRUE(b.value.has_value());
  auto v = VerifyBundle(b, chain_.Anchor());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_TRUE(v->present);
  EXPECT_EQ(v->height, 1u);
  EXPECT_EQ(v->time_ms, cp_.checkpoint.time);
  EXPECT_EQ(v->epoch, 0u);
  EXPECT_EQ(v->signers, (std::vector<std::string>{"v0", "v1", "v2"}));
  EXPECT_EQ(v->record["holder"], kHolder);
  EXPECT_EQ(v->record["recordation_no"], "T2026-00001");
  EXPECT_EQ(v->verdict, (json{{"active", true}, {"status_at", "approved"}}));
  json j = v->ToJson();
  EXPECT_EQ(j["kind"], "ipr_filing");
  EXPECT_EQ(j["subject"], json(kFiling));
  EXPECT_EQ(j["signers"].size(), 3u);
  for (const char* k : {"present", "height", "time_ms", "epoch", "record", "verdict"}) {
    EXPECT_TRUE(j.contains(k)) << k;
  }
}

TEST_F(BundleTest, VerifiesProvenAbsences) {
  Bundle filing = Make(BundleKind::kIprFiling, {"patent", "ZL2015"});
  ASSERT_FALSE(filing.value.has_value());
  auto v = VerifyBundle(filing, chain_.Anchor());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_FALSE(v->present);
  EXPECT_TRUE(v->record.is_null());
  EXPECT_EQ(v->verdict["status_at"], "not_on_record");

  auto clean = VerifyBundle(Make(BundleKind::kListSubject, {kOther}), chain_.Anchor());
  ASSERT_TRUE(clean.ok());
  EXPECT_EQ(clean->verdict, (json{{"on_black_list", false}, {"on_red_list", false}}));
  auto listed = VerifyBundle(Make(BundleKind::kListSubject, {kHolder}), chain_.Anchor());
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->verdict["on_black_list"], true);
  auto ent = VerifyBundle(Make(BundleKind::kEnterprise, {kHolder}), chain_.Anchor());
  ASSERT_TRUE(ent.ok());
  EXPECT_EQ(ent->verdict["status"], "not_registered");
  auto auth = VerifyBundle(Make(BundleKind::kIprAuth, {kHolder, "nice:25"}), chain_.Anchor());
  ASSERT_TRUE(auth.ok());
  EXPECT_EQ(auth->verdict["authorised"], false);
}

TEST_F(BundleTest, AClaimedAbsenceOfAPresentRecordFails) {
  Bundle b = Make(BundleKind::kIprFiling, kFiling);
  b.value.reset();
  EXPECT_TRUE(VerifyBundle(b, chain_.Anchor()).status().Is(errors::kBadProof));
  Bundle other = Make(BundleKind::kIprFiling, kFiling);
  other.subject[1] = "56781235";  // the proof of another key
  EXPECT_TRUE(VerifyBundle(other, chain_.Anchor()).status().Is(errors::kBadProof));
}

TEST_F(BundleTest, EveryFlippedBitIsRejected) {
  Bundle b = Make(BundleKind::kIprFiling, kFiling);
  Bytes bin = b.Encode();
  ASSERT_TRUE(VerifyBundle(Bundle::Decode(bin, chain_.Anchor()).value(), chain_.Anchor()).ok());
  for (size_t i = 0; i < bin.size(); ++i) {
    Bytes bad = bin;
    bad[i] ^= static_cast<uint8_t>(1u << (i % 8));
    auto decoded = Bundle::Decode(bad, chain_.Anchor());
    if (!decoded.ok()) continue;
    auto verified = VerifyBundle(*decoded, chain_.Anchor());
    EXPECT_FALSE(verified.ok()) << "byte " << i << " of " << bin.size() << " does not matter";
  }
}

TEST_F(BundleTest, RecordsThatDoNotMatchTheirKindFail) {
  // A record of the wrong layout, and a filing stored under another right's key.
  auto w = std::map<Bytes, std::optional<Bytes>>{
      {BundleKey(BundleKind::kEnterprise, {kHolder}).value(), ToBytes("not a record")},
      {BundleKey(BundleKind::kIprFiling, {"trademark", "1"}).value(),
       EncodeRecordForTest("ipr.Filing", testing::TestFiling("2", kHolder, 1, 2))}};
  ledger::CertifiedCheckpoint cp = chain_.Commit(w);
  Bundle ent = MakeTestBundle(chain_, BundleKind::kEnterprise, {kHolder}, cp);
  EXPECT_TRUE(VerifyBundle(ent, chain_.Anchor()).status().Is(errors::kBadRecord));
  Bundle filing = MakeTestBundle(chain_, BundleKind::kIprFiling, {"trademark", "1"}, cp);
  Status s = VerifyBundle(filing, chain_.Anchor()).status();
  EXPECT_TRUE(s.Is(errors::kBadRecord)) << s.ToString();
}

TEST_F(BundleTest, DecodingIsStrict) {
  Bundle b = Make(BundleKind::kIprFiling, kFiling);
  Bytes bin = b.Encode();
  TrustAnchor anchor = chain_.Anchor();
  Bytes trailing = bin;
  trailing.push_back(0);
  EXPECT_TRUE(Bundle::Decode(trailing, anchor).status().Is(errors::kBadBundle));
  Bytes version = bin;
  version[0] = 2;
  EXPECT_TRUE(Bundle::Decode(version, anchor).status().Is(errors::kBundleVersion));
  Bytes kind = bin;
  kind[1] = 9;
  EXPECT_TRUE(Bundle::Decode(kind, anchor).status().Is(errors::kBadBundle));
  EXPECT_TRUE(Bundle::Decode({}, anchor).status().Is(errors::kBadBundle));
  EXPECT_TRUE(Bundle::Decode(Bytes(Bundle::kMaxBinaryBytes + 1, 1), anchor).status().Is(errors::kBadBundle));
  for (size_t n = 0; n < bin.size(); n += 7) {
    EXPECT_FALSE(Bundle::Decode(ByteView(bin).first(n), anchor).ok()) << n;
  }
  // A signer bit beyond the set of 4.
  Bundle beyond = b;
  ASSERT_TRUE(beyond.checkpoint.AddSignature(9, crypto::Signature()).ok());
  Status s = Bundle::Decode(beyond.Encode(), anchor).status();
  EXPECT_TRUE(s.Is(errors::kBadBundle)) << s.ToString();
  EXPECT_NE(s.message().find("outside a set of 4"), std::string::npos) << s.ToString();
  // A subject the kind does not take.
  Bundle subject = b;
  subject.subject = {"trademark"};
  EXPECT_TRUE(Bundle::Decode(subject.Encode(), anchor).status().Is(errors::kBadBundle));
}

TEST_F(BundleTest, TextErrors) {
  TrustAnchor anchor = chain_.Anchor();
  std::string text = Make(BundleKind::kIprFiling, kFiling).ToText();
  EXPECT_TRUE(Bundle::FromText(text.substr(4), anchor).status().Is(errors::kBadBundleText));
  EXPECT_TRUE(Bundle::FromText("CB2:" + text.substr(4), anchor).status().Is(errors::kBundleVersion));
  std::string one_over = text + ((text.size() - 4) % 3 == 0 ? "A" : "AA");
  EXPECT_TRUE(Bundle::FromText(one_over, anchor).status().Is(errors::kBadBundleText));
  EXPECT_FALSE(Bundle::FromText(text + "000", anchor).ok());  // a trailing byte
  EXPECT_TRUE(Bundle::FromText(text.substr(0, 10) + "#" + text.substr(11), anchor)
                  .status()
                  .Is(errors::kBadBundleText));
  EXPECT_FALSE(Bundle::FromText("", anchor).ok());
}

TEST_F(BundleTest, OtherGenesisOtherAnswer) {
  Bytes bin = Make(BundleKind::kIprFiling, kFiling).Encode();
  TestChain other(4, "cbec-test", 7);  // same chain id, other validators
  auto decoded = Bundle::Decode(bin, other.Anchor());
  ASSERT_TRUE(decoded.ok());
  EXPECT_TRUE(VerifyBundle(*decoded, other.Anchor()).status().Is(errors::kUntrustedCheckpoint));
  TestChain renamed(4, "cbec-other");
  decoded = Bundle::Decode(bin, renamed.Anchor());
  ASSERT_TRUE(decoded.ok());
  EXPECT_FALSE(VerifyBundle(*decoded, renamed.Anchor()).ok());
}

class SevenValidatorBundleTest : public BundleTest {
 protected:
  SevenValidatorBundleTest() : BundleTest(7) {}
};

TEST_F(SevenValidatorBundleTest, TrimsToAQuorum) {
  ledger::CertifiedCheckpoint all = testing::Certify(cp_.checkpoint, chain_.keys(), testing::FirstN(7));
  Bundle b = MakeTestBundle(chain_, BundleKind::kIprFiling, kFiling, all);
  size_t full = b.Encode().size();
  ASSERT_TRUE(TrimSignatures(b, chain_.Anchor()).ok());
  EXPECT_EQ(b.checkpoint.signatures.sigs.size(), 5u);
  EXPECT_EQ(b.Encode().size(), full - 2 * 64);
  auto v = VerifyBundle(b, chain_.Anchor());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->signers.size(), 5u);
}

// A bundle signed by the set of epoch 1 carries the change from the genesis set.
TEST(BundleEpochTest, CarriesTheEpochChangeAndEveryBitMatters) {
  TestChain chain(4);
  chain.Commit(testing::RandomWrites(100, 2));
  chain.ChangeSet(5, 2);
  auto w = testing::RandomWrites(100, 3);
  w[BundleKey(BundleKind::kListSubject, {kHolder}).value()] = EncodeRecordForTest(
      "lists.SubjectRecord", testing::TestSubject(kHolder, "red", 0, chain.time() + 1'000'000));
  ledger::CertifiedCheckpoint cp = chain.Commit(w);
  Bundle b = MakeTestBundle(chain, BundleKind::kListSubject, {kHolder}, cp);
  ASSERT_EQ(b.epoch_changes.size(), 1u);
  TrustAnchor anchor = chain.Anchor();
  Bytes bin = b.Encode();
  auto decoded = Bundle::Decode(bin, anchor);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, b);
  auto v = VerifyBundle(*decoded, anchor);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->epoch, 1u);
  EXPECT_EQ(v->signers, (std::vector<std::string>{"e1v0", "e1v1", "e1v2", "e1v3"}));
  EXPECT_EQ(v->verdict["on_red_list"], true);

  // Without its change the checkpoint is signed by a set the genesis does not know.
  Bundle bare = b;
  bare.epoch_changes.clear();
  auto no_change = Bundle::Decode(bare.Encode(), anchor);
  ASSERT_TRUE(no_change.ok());
  EXPECT_TRUE(VerifyBundle(*no_change, anchor).status().Is(errors::kUntrustedCheckpoint));
  // The same change twice.
  Bundle twice = b;
  twice.epoch_changes.push_back(twice.epoch_changes[0]);
  EXPECT_FALSE(VerifyBundle(twice, anchor).ok());

  for (size_t i = 0; i < bin.size(); ++i) {
    Bytes bad = bin;
    bad[i] ^= static_cast<uint8_t>(0x80u >> (i % 8));
    auto d = Bundle::Decode(bad, anchor);
    if (!d.ok()) continue;
    EXPECT_FALSE(VerifyBundle(*d, anchor).ok()) << "byte " << i << " of " << bin.size();
  }
}

TEST(BundleKeyTest, KeysAndSubjects) {
  EXPECT_EQ(BundleKey(BundleKind::kIprFiling, kFiling).value(),
            ToBytes(std::string_view("ipr\0filing\0trademark\00056781234\0", 30)));
  EXPECT_EQ(BundleKey(BundleKind::kIprAuth, {kHolder, "nice:25"}).value(),
            ToBytes(std::string("ipr\0auth\0", 9) + kHolder + std::string("\0nice:25\0", 9)));
  EXPECT_EQ(BundleKey(BundleKind::kListSubject, {kHolder}).value(),
            ToBytes(std::string("lists\0subject\0", 14) + kHolder + std::string(1, '\0')));
  EXPECT_EQ(BundleKey(BundleKind::kEnterprise, {kHolder}).value(),
            ToBytes(std::string("enterprise\0ent\0", 15) + kHolder + std::string(1, '\0')));
  auto bad = [](BundleKind k, std::vector<std::string> s) {
    return BundleKey(k, s).status().Is(errors::kBadBundle);
  };
  EXPECT_TRUE(bad(BundleKind::kIprFiling, {"trademark"}));
  EXPECT_TRUE(bad(BundleKind::kIprFiling, {"design", "1"}));
  EXPECT_TRUE(bad(BundleKind::kIprFiling, {"patent", ""}));
  EXPECT_TRUE(bad(BundleKind::kIprFiling, {"patent", std::string(65, '1')}));
  EXPECT_TRUE(bad(BundleKind::kIprAuth, {kHolder, "nice:46"}));
  EXPECT_TRUE(bad(BundleKind::kIprAuth, {kHolder, "nice:05"}));
  EXPECT_TRUE(bad(BundleKind::kIprAuth, {kHolder, "hs:123"}));
  EXPECT_TRUE(bad(BundleKind::kIprAuth, {kHolder, "25"}));
  EXPECT_FALSE(bad(BundleKind::kIprAuth, {kHolder, "hs:6403991000"}));
  std::string wrong_check = kHolder;
  wrong_check.back() = wrong_check.back() == '0' ? '1' : '0';
  EXPECT_TRUE(bad(BundleKind::kListSubject, {wrong_check}));
  EXPECT_TRUE(bad(BundleKind::kEnterprise, {kHolder, kHolder}));
  EXPECT_TRUE(bad(static_cast<BundleKind>(0), {kHolder}));
}

TEST(BundleKeyTest, KindNames) {
  for (BundleKind k : {BundleKind::kIprFiling, BundleKind::kIprAuth, BundleKind::kListSubject,
                       BundleKind::kEnterprise}) {
    EXPECT_EQ(ParseBundleKind(BundleKindName(k)).value(), k);
  }
  EXPECT_EQ(BundleKindName(BundleKind::kListSubject), "list_subject");
  EXPECT_TRUE(ParseBundleKind("filing").status().Is(errors::kBadBundle));
}

}  // namespace
}  // namespace cbec::sdk
