#include "cbec/node/config.h"

#include <gtest/gtest.h>

#include "cbec/node/errors.h"

namespace cbec::node {
namespace {

constexpr const char* kMinimal = R"(
[node]
name = "customs"
data_dir = "data"
genesis = "../genesis.json"
keystore = "/abs/validator.key.json"

[p2p]
listen = "127.0.0.1:26600"

[[p2p.peers]]
name = "tax"
address = "127.0.0.1:26610"

[api]
listen = "127.0.0.1:26601"
)";

TEST(ConfigTest, ParsesMinimalConfigWithDefaults) {
  auto c = ParseConfig(kMinimal, "/net/customs");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->name, "customs");
  EXPECT_EQ(c->data_dir, "/net/customs/data");
  EXPECT_EQ(c->genesis, "/net/genesis.json");
  EXPECT_EQ(c->keystore, "/abs/validator.key.json");
  EXPECT_EQ(c->passphrase_file, "");
  EXPECT_EQ(c->p2p_listen.port, 26600);
  ASSERT_EQ(c->peers.size(), 1u);
  EXPECT_EQ(c->peers[0].name, "tax");
  EXPECT_EQ(c->peers[0].address.ToString(), "127.0.0.1:26610");
  EXPECT_EQ(c->api_listen.port, 26601);
  EXPECT_EQ(c->base_timeout_ms, 1000u);
  EXPECT_TRUE(c->storage_sync);
  EXPECT_EQ(c->log_level, "info");
}

TEST(ConfigTest, APeerMayNameItsKey) {
  // A validator a governance vote will add: its key is known before it is one.
  std::string text = std::string(kMinimal) + R"(
[[p2p.peers]]
name = "auditor"
address = "127.0.0.1:26690"
key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
)";
  auto c = ParseConfig(text, "/x");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->peers.size(), 2u);
  EXPECT_EQ(c->peers[0].key, "");
  EXPECT_EQ(c->peers[1].name, "auditor");
  EXPECT_EQ(c->peers[1].key.substr(0, 8), "00112233");
  auto bad = ParseConfig(std::string(kMinimal) + R"(
[[p2p.peers]]
name = "x"
address = "127.0.0.1:1"
key = 7
)",
                         "/x");
  EXPECT_TRUE(bad.status().Is(errors::kConfigBadValue));
}

TEST(ConfigTest, UnknownKeyIsNamed) {
  std::string text = std::string(kMinimal) + "\n[consensus]\nbase_timeout = 5\n";
  auto c = ParseConfig(text, "/x");
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(c.status().Is(errors::kConfigUnknownKey));
  EXPECT_NE(c.status().message().find("consensus.base_timeout"), std::string::npos);
}

TEST(ConfigTest, UnknownTableIsNamed) {
  auto c = ParseConfig(std::string(kMinimal) + "\n[extra]\n", "/x");
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(c.status().Is(errors::kConfigUnknownKey));
  EXPECT_NE(c.status().message().find("extra"), std::string::npos);
}

TEST(ConfigTest, MissingRequiredKey) {
  auto c = ParseConfig("[node]\nname = \"a\"\n", "/x");
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(c.status().Is(errors::kConfigMissingKey));
  EXPECT_NE(c.status().message().find("node.data_dir"), std::string::npos);
}

TEST(ConfigTest, BadValues) {
  std::string bad_port = kMinimal;
  bad_port.replace(bad_port.find("26601"), 5, "70000");
  EXPECT_TRUE(ParseConfig(bad_port, "/x").status().Is(errors::kConfigBadValue));
  std::string bad_type = std::string(kMinimal) + "\n[consensus]\nbase_timeout_ms = \"1s\"\n";
  EXPECT_TRUE(ParseConfig(bad_type, "/x").status().Is(errors::kConfigBadValue));
  std::string bad_level = std::string(kMinimal) + "\n[log]\nlevel = \"loud\"\n";
  EXPECT_TRUE(ParseConfig(bad_level, "/x").status().Is(errors::kConfigBadValue));
}

TEST(ConfigTest, EmptyBlockDelayMustLeaveTheRoundTimeToFinish) {
  std::string ok = std::string(kMinimal) +
                   "\n[consensus]\nbase_timeout_ms = 1000\nempty_block_delay_ms = 499\n";
  auto c = ParseConfig(ok, "/x");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->empty_block_delay_ms, 499u);
  std::string bad = std::string(kMinimal) +
                    "\n[consensus]\nbase_timeout_ms = 1000\nempty_block_delay_ms = 500\n";
  auto b = ParseConfig(bad, "/x");
  ASSERT_TRUE(b.status().Is(errors::kConfigBadValue));
  EXPECT_NE(b.status().message().find("empty_block_delay_ms"), std::string::npos);
  // Unset, it follows a short round timeout down.
  auto d = ParseConfig(std::string(kMinimal) + "\n[consensus]\nbase_timeout_ms = 200\n", "/x");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->empty_block_delay_ms, 50u);
}

TEST(ConfigTest, SyntaxErrorHasPosition) {
  auto c = ParseConfig("[node\nname = ", "/x");
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(c.status().Is(errors::kConfigSyntax));
  EXPECT_NE(c.status().message().find("line"), std::string::npos);
}

TEST(ConfigTest, MissingFile) {
  EXPECT_TRUE(LoadConfig("/nonexistent/cbec/config.toml").status().Is(errors::kConfigMissing));
}

TEST(ConfigTest, HostPort) {
  EXPECT_TRUE(ParseHostPort("127.0.0.1:1").ok());
  EXPECT_FALSE(ParseHostPort("127.0.0.1").ok());
  EXPECT_FALSE(ParseHostPort(":80").ok());
  EXPECT_FALSE(ParseHostPort("h:0").ok());
  EXPECT_FALSE(ParseHostPort("h:8x").ok());
}

}  // namespace
}  // namespace cbec::node
