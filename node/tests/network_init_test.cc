#include "cbec/node/network_init.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "cbec/crypto/keystore.h"
#include "cbec/ledger/genesis.h"
#include "cbec/node/config.h"
#include "cbec/node/errors.h"

namespace cbec::node {
namespace {

namespace fs = std::filesystem;

fs::path TempDir(const std::string& name) {
  fs::path p = fs::temp_directory_path() /
               ("cbec-init-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  return p;
}

TEST(NetworkInitTest, WritesAConsistentNetwork) {
  InitNetworkOptions o;
  o.out = TempDir("ok").string();
  o.orgs = {"customs", "tax", "platform"};
  o.base_port = 30000;
  o.test_accounts = 2;
  ASSERT_TRUE(InitNetwork(o).ok());
  auto g = ledger::Genesis::Load(o.out + "/genesis.json");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->chain_id, "cbec-local");
  ASSERT_EQ(g->validators.size(), 3u);
  EXPECT_EQ(g->app_state["governance"]["organisations"].size(), 3u);
  EXPECT_EQ(g->app_state["governance"]["accounts"].size(), 5u);  // 3 admins + 2 test
  for (size_t i = 0; i < o.orgs.size(); ++i) {
    auto c = LoadConfig(o.out + "/" + o.orgs[i] + "/config.toml");
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_EQ(c->name, o.orgs[i]);
    EXPECT_EQ(c->p2p_listen.port, 30000 + 10 * i);
    EXPECT_EQ(c->api_listen.port, 30000 + 10 * i + 1);
    EXPECT_EQ(c->peers.size(), 2u);
    auto pass = ReadPassphrase(*c);
    ASSERT_TRUE(pass.ok());
    auto key = crypto::LoadKeystore(c->keystore, *pass);
    ASSERT_TRUE(key.ok()) << key.status().ToString();
    EXPECT_EQ(key->public_key(), g->validators.at(static_cast<ledger::ValidatorIndex>(i)).key);
    EXPECT_FALSE(crypto::LoadKeystore(c->keystore, *pass + "x").ok());
  }
  EXPECT_TRUE(fs::exists(o.out + "/test-accounts/1.key.json"));
  // Never overwrites.
  EXPECT_TRUE(InitNetwork(o).Is(errors::kOutputExists));
  fs::remove_all(o.out);
}

TEST(NetworkInitTest, RefusesBadOptions) {
  InitNetworkOptions o;
  o.out = TempDir("bad").string();
  o.orgs = {"customs", "nonsense"};
  EXPECT_TRUE(InitNetwork(o).Is(errors::kBadInitOptions));
  o.orgs = {"customs", "customs"};
  EXPECT_TRUE(InitNetwork(o).Is(errors::kBadInitOptions));
  o.orgs = {"customs"};
  o.base_port = 65530;
  EXPECT_TRUE(InitNetwork(o).Is(errors::kBadInitOptions));
  EXPECT_FALSE(fs::exists(o.out));
}

}  // namespace
}  // namespace cbec::node
