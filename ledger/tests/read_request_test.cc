#include "cbec/ledger/read_request.h"

#include <gtest/gtest.h>

#include "cbec/ledger/errors.h"

namespace cbec::ledger {
namespace {

constexpr auto kSuite = crypto::Suite::kStandard;

ReadRequest Req() {
  return ReadRequest{"cbec-test.1", "GET", "/v1/credit/91350100M000100Y43", 1'700'000'000'000,
                     crypto::Digest(kSuite, ByteView())};
}

TEST(ReadRequest, SignParseVerifyRoundTrip) {
  auto key = crypto::PrivateKey::FromSeed(kSuite, Bytes(32, 7)).value();
  AccountId id = DeriveAccountId(key.public_key());
  std::string header = FormatReadAuthorization(SignReadRequest(key, id, Req()));
  auto auth = ParseReadAuthorization(header);
  ASSERT_TRUE(auth.ok()) << auth.status().ToString();
  EXPECT_EQ(auth->account, id);
  EXPECT_EQ(auth->time_ms, Req().time_ms);
  EXPECT_TRUE(VerifyReadSignature(kSuite, *auth, Req()).ok());
}

TEST(ReadRequest, AnyChangeOfTheRequestBreaksTheSignature) {
  auto key = crypto::PrivateKey::FromSeed(kSuite, Bytes(32, 7)).value();
  auto auth = SignReadRequest(key, DeriveAccountId(key.public_key()), Req());
  std::vector<ReadRequest> changed(4, Req());
  changed[0].chain_id = "cbec-other.1";
  changed[1].method = "POST";
  changed[2].target += "?x=1";
  changed[3].body_digest = crypto::Digest(kSuite, AsBytes(std::string_view("{}")));
  for (const ReadRequest& r : changed) {
    EXPECT_TRUE(VerifyReadSignature(kSuite, auth, r).Is(errors::kBadReadSignature));
  }
  ReadAuthorization later = auth;
  later.time_ms += 1;  // the time is signed too
  EXPECT_TRUE(VerifyReadSignature(kSuite, later, Req()).Is(errors::kBadReadSignature));
}

TEST(ReadRequest, MalformedHeadersAreRefused) {
  std::string a(40, 'a'), k(64, 'b'), s(128, 'c');
  for (const std::string& bad : std::vector<std::string>{"Bearer x", "Cbec-Sig ", "Cbec-Sig account=" + a,
                          "Cbec-Sig account=" + a + ",key=" + k + ",time=1,sig=" + s + ",x=1",
                          "Cbec-Sig account=" + a + ",key=" + k + ",time=01,sig=" + s,
                          "Cbec-Sig account=" + a + ",key=" + k + ",time=-1,sig=" + s,
                          "Cbec-Sig account=" + a + ",key=XY,time=1,sig=" + s,
                          "Cbec-Sig account=" + a + ",account=" + a + ",time=1,sig=" + s,
                          "Cbec-Sig account=zz,key=" + k + ",time=1,sig=" + s}) {
    auto r = ParseReadAuthorization(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_TRUE(r.status().Is(errors::kBadReadAuth)) << bad;
    }
  }
  auto good = ParseReadAuthorization("Cbec-Sig account=" + a + ",key=" + k + ",time=1,sig=" + s);
  EXPECT_TRUE(good.ok()) << good.status().ToString();
}

}  // namespace
}  // namespace cbec::ledger
