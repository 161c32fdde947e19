// Enterprise methods and queries: register, update, link_organisation; every
// invalid argument refused with its code and nothing changed but the nonce;
// history kept; public and member views.
#include <gtest/gtest.h>

#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/enterprise_args.h"
#include "cbec/contracts/enterprise_errors.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/query.h"
#include "test_chain.h"

namespace cbec::contracts {
namespace {

using namespace testing;     // NOLINT(google-build-using-namespace)
using namespace enterprise;  // NOLINT(google-build-using-namespace)
namespace ent_errors = enterprise::errors;

constexpr int kRegistrar = 1, kMarketOfficer = 2, kCustomsRater = 3, kShopAdmin = 4;
const std::string kCode = "91350100M000100Y43";

Json Genesis() {
  return Json{{"organisations",
               {OrgJson("market", "market"), OrgJson("customs", "customs"),
                OrgJson("shop", "enterprise"), OrgJson("plat", "platform")}},
              {"accounts",
               {AccountJson("market", {kRegistrar}, {"admin", "registrar"}),
                AccountJson("market", {kMarketOfficer}, {"officer"}),
                AccountJson("customs", {kCustomsRater}, {"admin", "rater"}),
                AccountJson("shop", {kShopAdmin}, {"admin"})}}};
}

EnterpriseArgs Valid(std::string org = "") {
  return {kCode,       "Fuzhou Example Trading Co., Ltd. 福州示例贸易有限公司",
          "existing",  "1 Example Road, Fuzhou",
          "Zhang San", std::move(org)};
}

class EnterpriseTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(chain_.ok()) << chain_.status().ToString(); }

  template <typename Args>
  TxOutcome Call(int key, const std::string& method, const Args& args) {
    return chain_.Block({chain_.MakeTx(key, IdOf(key), "enterprise", method, ledger::Encode(args))})
        .at(0);
  }
  // `method` with `args` fails with `kind` and changes nothing but the nonce.
  template <typename Args>
  void ExpectRefused(int key, const std::string& method, const Args& args, const ErrorKind& kind) {
    auto before = chain_.store().data();
    TxOutcome out = Call(key, method, args);
    EXPECT_EQ(out.receipt.slug, kind.slug) << out.message;
    EXPECT_TRUE(OnlyNonceAdvanced(before, chain_.store().data(), IdOf(key)));
  }
  Result<Json> Query(const std::string& name, const Json& args,
                     std::optional<AccountId> reader = std::nullopt) {
    return RunQuery(chain_.registry(), chain_.store(), kSuite, 0, reader, "enterprise", name, args);
  }
  Enterprise Load(const std::string& uscc = kCode) {
    return LoadEnterprise(chain_.store(), uscc).value().value();
  }

  TestChain chain_{Genesis()};
};

TEST_F(EnterpriseTest, RegisterWritesRecordVersionAndIndex) {
  TxOutcome out = Call(kRegistrar, "register", Valid("shop"));
  ASSERT_EQ(out.receipt.code, 0u) << out.message;
  Enterprise e = Load();
  EXPECT_EQ(e.name, Valid().name);
  EXPECT_EQ(e.status, EnterpriseStatus::kExisting);
  EXPECT_EQ(e.organisation, "shop");
  EXPECT_EQ(e.registrar_org, "market");
  EXPECT_EQ(e.version, 1u);
  EXPECT_TRUE(chain_.store().Get(ByOrgKey("shop", kCode)).value().has_value());
  auto v = GetRecord<EnterpriseVersion>(chain_.store(), VersionKey(kCode, 1)).value();
  ASSERT_TRUE(v);
  EXPECT_EQ(v->officer, IdOf(kRegistrar));
  EXPECT_EQ(v->record, e);
  ExpectRefused(kRegistrar, "register", Valid(), ent_errors::kEnterpriseExists);
}

TEST_F(EnterpriseTest, RegisterRefusesEveryBadArgument) {
  auto with = [](auto change) {
    EnterpriseArgs a = Valid();
    change(a);
    return a;
  };
  ExpectRefused(kRegistrar, "register", with([](auto& a) { a.uscc = "91350100M000100Y4"; }),
                ent_errors::kBadUsccLength);
  ExpectRefused(kRegistrar, "register", with([](auto& a) { a.uscc = "91350100M000100Y4I"; }),
                ent_errors::kBadUsccChar);
  ExpectRefused(kRegistrar, "register", with([](auto& a) { a.uscc = "91350100M000100Y44"; }),
                ent_errors::kBadUsccCheck);
  ExpectRefused(kRegistrar, "register", with([](auto& a) { a.name = ""; }), ent_errors::kBadName);
  ExpectRefused(kRegistrar, "register", with([](auto& a) { a.name = std::string(257, 'x'); }),
                ent_errors::kBadName);
  ExpectRefused(kRegistrar, "register", with([](auto& a) { a.name = "a\nb"; }),
                ent_errors::kBadName);
  ExpectRefused(kRegistrar, "register", with([](auto& a) { a.status = "active"; }),
                ent_errors::kBadStatus);
  ExpectRefused(kRegistrar, "register", with([](auto& a) { a.registered_address = ""; }),
                ent_errors::kBadAddress);
  ExpectRefused(kRegistrar, "register", with([](auto& a) { a.legal_representative = ""; }),
                ent_errors::kBadLegalRepresentative);
  ExpectRefused(kRegistrar, "register", with([](auto& a) { a.organisation = "nobody"; }),
                ent_errors::kUnknownOrganisation);
  ExpectRefused(kRegistrar, "register", with([](auto& a) { a.organisation = "Bad Id"; }),
                ent_errors::kUnknownOrganisation);
  ExpectRefused(kRegistrar, "register", with([](auto& a) { a.organisation = "customs"; }),
                ent_errors::kNotEnterpriseOrg);
}

TEST_F(EnterpriseTest, UpdateKeepsEveryVersion) {
  ASSERT_EQ(Call(kRegistrar, "register", Valid()).receipt.code, 0u);
  UpdateArgs u{kCode, "Renamed Co.", "revoked", "2 New Road", "Li Si"};
  TxOutcome out = Call(kRegistrar, "update", u);
  ASSERT_EQ(out.receipt.code, 0u) << out.message;
  Enterprise e = Load();
  EXPECT_EQ(e.name, "Renamed Co.");
  EXPECT_EQ(e.status, EnterpriseStatus::kRevoked);
  EXPECT_EQ(e.version, 2u);
  ExpectRefused(kRegistrar, "update", u, ent_errors::kUnchanged);
  ExpectRefused(kRegistrar, "update", UpdateArgs{"91350100M000100Y44", "x", "existing", "a", "b"},
                ent_errors::kBadUsccCheck);
  ExpectRefused(kRegistrar, "update", UpdateArgs{"000000000000000000", "x", "existing", "a", "b"},
                ent_errors::kUnknownEnterprise);
  ExpectRefused(kRegistrar, "update", UpdateArgs{kCode, "x", "gone", "a", "b"},
                ent_errors::kBadStatus);

  auto history = Query("history", Json{{"uscc", kCode}}, IdOf(kMarketOfficer));
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  ASSERT_EQ((*history)["versions"].size(), 2u);
  EXPECT_EQ((*history)["versions"][0]["record"]["name"], Valid().name);
  EXPECT_EQ((*history)["versions"][0]["change"], "registered");
  EXPECT_EQ((*history)["versions"][1]["record"]["status"], "revoked");
  EXPECT_EQ((*history)["versions"][1]["change"], "updated");
  auto page = Query("history", Json{{"uscc", kCode}, {"limit", 1}}, IdOf(kMarketOfficer));
  ASSERT_TRUE(page.ok());
  EXPECT_EQ((*page)["next"], 1);
  page = Query("history", Json{{"uscc", kCode}, {"start_after", 1}}, IdOf(kMarketOfficer));
  ASSERT_TRUE(page.ok());
  EXPECT_EQ((*page)["versions"][0]["version"], 2);
}

TEST_F(EnterpriseTest, LinkMovesTheIndex) {
  ASSERT_EQ(Call(kRegistrar, "register", Valid()).receipt.code, 0u);
  // A platform is a market participant: it may act for its own enterprise.
  ASSERT_EQ(Call(kRegistrar, "link_organisation", LinkArgs{kCode, "plat"}).receipt.code, 0u);
  EXPECT_EQ(Load().organisation, "plat");
  ASSERT_EQ(Call(kRegistrar, "link_organisation", LinkArgs{kCode, "shop"}).receipt.code, 0u);
  EXPECT_EQ(Load().organisation, "shop");
  EXPECT_FALSE(chain_.store().Get(ByOrgKey("plat", kCode)).value().has_value());
  ExpectRefused(kRegistrar, "link_organisation", LinkArgs{kCode, "shop"}, ent_errors::kUnchanged);
  ExpectRefused(kRegistrar, "link_organisation", LinkArgs{kCode, "customs"},
                ent_errors::kNotEnterpriseOrg);
  auto by = Query("by_organisation", Json{{"organisation", "shop"}});
  ASSERT_TRUE(by.ok());
  ASSERT_EQ((*by)["enterprises"].size(), 1u);
  EXPECT_EQ((*by)["enterprises"][0]["uscc"], kCode);
  ASSERT_EQ(Call(kRegistrar, "link_organisation", LinkArgs{kCode, ""}).receipt.code, 0u);
  EXPECT_EQ(Load().organisation, "");
  EXPECT_FALSE(chain_.store().Get(ByOrgKey("shop", kCode)).value().has_value());
  EXPECT_EQ(Load().version, 4u);  // registered, linked twice, unlinked
}

TEST_F(EnterpriseTest, PublicAndMemberViews) {
  ASSERT_EQ(Call(kRegistrar, "register", Valid("shop")).receipt.code, 0u);
  auto pub = Query("enterprise", Json{{"uscc", kCode}});
  ASSERT_TRUE(pub.ok()) << pub.status().ToString();
  EXPECT_EQ(*pub, (Json{{"uscc", kCode},
                        {"name", Valid().name},
                        {"status", "existing"},
                        {"organisation", "shop"}}));
  auto member = Query("enterprise", Json{{"uscc", kCode}}, IdOf(kShopAdmin));
  ASSERT_TRUE(member.ok());
  EXPECT_EQ((*member)["legal_representative"], "Zhang San");
  EXPECT_EQ((*member)["registrar_org"], "market");
  auto missing = Query("enterprise", Json{{"uscc", "000000000000000000"}});
  EXPECT_TRUE(missing.status().Is(ent_errors::kUnknownEnterprise));
  auto bad = Query("enterprise", Json{{"uscc", "123"}});
  EXPECT_TRUE(bad.status().Is(ent_errors::kBadUsccLength));
  EXPECT_TRUE(Query("enterprises", Json::object()).status().Is(contracts::errors::kReaderRequired));
}

TEST_F(EnterpriseTest, EnterprisesArePaged) {
  std::vector<std::string> codes;
  for (char c : std::string("12345")) {
    std::string first17 = std::string("9135010") + c + "MA0000000";
    codes.push_back(first17 + UsccCheckChar(first17));
    EnterpriseArgs a = Valid();
    a.uscc = codes.back();
    ASSERT_EQ(Call(kRegistrar, "register", a).receipt.code, 0u);
  }
  auto page = Query("enterprises", Json{{"limit", 2}}, IdOf(kCustomsRater));
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ((*page)["enterprises"].size(), 2u);
  EXPECT_EQ((*page)["next"], codes[1]);
  page = Query("enterprises", Json{{"start_after", codes[3]}}, IdOf(kCustomsRater));
  ASSERT_TRUE(page.ok());
  ASSERT_EQ((*page)["enterprises"].size(), 1u);
  EXPECT_EQ((*page)["enterprises"][0]["uscc"], codes[4]);
  EXPECT_TRUE((*page)["next"].is_null());
  EXPECT_TRUE(Query("enterprises", Json{{"limit", 0}}, IdOf(kCustomsRater))
                  .status()
                  .Is(contracts::errors::kBadLimit));
}

TEST_F(EnterpriseTest, ArgsJsonRoundTrip) {
  auto bytes = chain_.registry().ArgsFromJson("enterprise", "register", Valid("shop").ToJson());
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(*bytes, ledger::Encode(Valid("shop")));
  Json no_org = Valid().ToJson();
  no_org.erase("organisation");
  EXPECT_EQ(chain_.registry().ArgsFromJson("enterprise", "register", no_org).value(),
            ledger::Encode(Valid()));
  Json extra = Valid().ToJson();
  extra["x"] = 1;
  EXPECT_FALSE(chain_.registry().ArgsFromJson("enterprise", "register", extra).ok());
}

}  // namespace
}  // namespace cbec::contracts
