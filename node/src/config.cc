// LoadConfig: strict TOML reading with toml++ (exceptions caught here).
#include "cbec/node/config.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "cbec/node/errors.h"

namespace cbec::node {
namespace {

namespace fs = std::filesystem;

// Reads one table, remembering which keys were read so that the rest can be
// reported as unknown.
class TableReader {
 public:
  TableReader(const toml::table* table, std::string path) : table_(table), path_(std::move(path)) {}

  const toml::node* Get(std::string_view key) {
    seen_.insert(std::string(key));
    return table_ ? table_->get(key) : nullptr;
  }
  std::string Name(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  Status String(std::string_view key, bool required, std::string& out) {
    const toml::node* n = Get(key);
    if (!n) return Missing(key, required);
    auto v = n->value<std::string>();
    if (!n->is_string() || !v) return Bad(key, "a string");
    out = *v;
    return Status::Ok();
  }
  template <typename T>
  Status Unsigned(std::string_view key, uint64_t min, uint64_t max, T& out) {
    const toml::node* n = Get(key);
    if (!n) return Status::Ok();
    auto v = n->value<int64_t>();
    if (!n->is_integer() || !v || *v < 0 || static_cast<uint64_t>(*v) < min ||
        static_cast<uint64_t>(*v) > max) {
      return Bad(key, "an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
    }
    out = static_cast<T>(*v);
    return Status::Ok();
  }
  Status Bool(std::string_view key, bool& out) {
    const toml::node* n = Get(key);
    if (!n) return Status::Ok();
    if (!n->is_boolean()) return Bad(key, "true or false");
    out = *n->value<bool>();
    return Status::Ok();
  }
  Status Address(std::string_view key, bool required, HostPort& out) {
    std::string text;
    CBEC_RETURN_IF_ERROR(String(key, required, text));
    if (text.empty() && !required) return Status::Ok();
    auto hp = ParseHostPort(text);
    if (!hp.ok()) return Status(errors::kConfigBadValue, Name(key) + ": " + hp.status().message());
    out = *hp;
    return Status::Ok();
  }
  Status CheckUnknown() const {
    if (!table_) return Status::Ok();
    for (auto&& [k, v] : *table_) {
      if (!seen_.count(std::string(k.str()))) {
        return Status(errors::kConfigUnknownKey, "unknown key '" + Name(k.str()) + "'");
      }
    }
    return Status::Ok();
  }

 private:
  Status Missing(std::string_view key, bool required) const {
    if (!required) return Status::Ok();
    return Status(errors::kConfigMissingKey, "missing required key '" + Name(key) + "'");
  }
  Status Bad(std::string_view key, const std::string& want) const {
    return Status(errors::kConfigBadValue, Name(key) + ": expected " + want);
  }
  const toml::table* table_;
  std::string path_;
  std::set<std::string> seen_;
};

std::string Resolve(const std::string& base, const std::string& p) {
  if (p.empty() || fs::path(p).is_absolute()) return p;
  return (fs::path(base) / p).lexically_normal().string();
}

Status ReadNode(TableReader& t, const std::string& base, NodeConfig& c) {
  CBEC_RETURN_IF_ERROR(t.String("name", true, c.name));
  CBEC_RETURN_IF_ERROR(t.String("data_dir", true, c.data_dir));
  CBEC_RETURN_IF_ERROR(t.String("genesis", true, c.genesis));
  CBEC_RETURN_IF_ERROR(t.String("keystore", true, c.keystore));
  CBEC_RETURN_IF_ERROR(t.String("passphrase_file", false, c.passphrase_file));
  c.data_dir = Resolve(base, c.data_dir);
  c.genesis = Resolve(base, c.genesis);
  c.keystore = Resolve(base, c.keystore);
  c.passphrase_file = Resolve(base, c.passphrase_file);
  return t.CheckUnknown();
}

Status ReadPeers(const toml::node* n, NodeConfig& c) {
  if (!n) return Status::Ok();
  const toml::array* arr = n->as_array();
  if (!arr) return Status(errors::kConfigBadValue, "p2p.peers: expected an array of tables");
  for (size_t i = 0; i < arr->size(); ++i) {
    const toml::table* pt = (*arr)[i].as_table();
    std::string path = "p2p.peers[" + std::to_string(i) + "]";
    if (!pt) return Status(errors::kConfigBadValue, path + ": expected a table");
    TableReader t(pt, path);
    PeerAddress peer;
    CBEC_RETURN_IF_ERROR(t.String("name", true, peer.name));
    CBEC_RETURN_IF_ERROR(t.Address("address", true, peer.address));
    CBEC_RETURN_IF_ERROR(t.String("key", false, peer.key));
    CBEC_RETURN_IF_ERROR(t.CheckUnknown());
    c.peers.push_back(std::move(peer));
  }
  return Status::Ok();
}

Status ReadSections(const toml::table& root, const std::string& base, NodeConfig& c) {
  TableReader top(&root, "");
  auto section = [&](std::string_view name) -> Result<const toml::table*> {
    const toml::node* n = top.Get(name);
    if (!n) return static_cast<const toml::table*>(nullptr);
    if (!n->is_table()) {
      return Status(errors::kConfigBadValue, std::string(name) + ": expected a table");
    }
    return n->as_table();
  };
  CBEC_ASSIGN_OR_RETURN(const toml::table* node_t, section("node"));
  if (!node_t) return Status(errors::kConfigMissingKey, "missing required table [node]");
  TableReader nt(node_t, "node");
  CBEC_RETURN_IF_ERROR(ReadNode(nt, base, c));

  CBEC_ASSIGN_OR_RETURN(const toml::table* p2p_t, section("p2p"));
  TableReader pt(p2p_t, "p2p");
  CBEC_RETURN_IF_ERROR(pt.Address("listen", true, c.p2p_listen));
  CBEC_RETURN_IF_ERROR(ReadPeers(pt.Get("peers"), c));
  CBEC_RETURN_IF_ERROR(pt.CheckUnknown());

  CBEC_ASSIGN_OR_RETURN(const toml::table* api_t, section("api"));
  TableReader at(api_t, "api");
  CBEC_RETURN_IF_ERROR(at.Address("listen", true, c.api_listen));
  CBEC_RETURN_IF_ERROR(at.Unsigned("io_threads", 1, 64, c.api_io_threads));
  CBEC_RETURN_IF_ERROR(at.Unsigned("max_body_bytes", 1024, 64 << 20, c.api_max_body_bytes));
  CBEC_RETURN_IF_ERROR(at.String("cors_allow_origin", false, c.api_cors_allow_origin));
  CBEC_RETURN_IF_ERROR(at.CheckUnknown());

  CBEC_ASSIGN_OR_RETURN(const toml::table* cons_t, section("consensus"));
  TableReader ct(cons_t, "consensus");
  CBEC_RETURN_IF_ERROR(ct.Unsigned("base_timeout_ms", 50, 600000, c.base_timeout_ms));
  CBEC_RETURN_IF_ERROR(ct.Unsigned("max_block_txs", 1, 50000, c.max_block_txs));
  CBEC_RETURN_IF_ERROR(ct.Unsigned("max_block_bytes", 4096, 16 << 20, c.max_block_bytes));
  // Unset, the delay follows a short round timeout down.
  c.empty_block_delay_ms = std::min<uint64_t>(250, c.base_timeout_ms / 4);
  CBEC_RETURN_IF_ERROR(ct.Unsigned("empty_block_delay_ms", 0, 600000, c.empty_block_delay_ms));
  // A leader waiting this long must still leave its round time to finish
  // before the others time it out.
  if (c.empty_block_delay_ms >= c.base_timeout_ms / 2) {
    return Status(errors::kConfigBadValue,
                  "consensus.empty_block_delay_ms: must be below consensus.base_timeout_ms / 2 (" +
                      std::to_string(c.base_timeout_ms / 2) + ")");
  }
  CBEC_RETURN_IF_ERROR(ct.CheckUnknown());

  CBEC_ASSIGN_OR_RETURN(const toml::table* mp_t, section("mempool"));
  TableReader mt(mp_t, "mempool");
  CBEC_RETURN_IF_ERROR(mt.Unsigned("max_txs", 1, 10000000, c.mempool_max_txs));
  CBEC_RETURN_IF_ERROR(mt.Unsigned("max_per_account", 1, 100000, c.mempool_max_per_account));
  CBEC_RETURN_IF_ERROR(mt.Unsigned("verify_threads", 1, 64, c.verify_threads));
  CBEC_RETURN_IF_ERROR(mt.CheckUnknown());

  CBEC_ASSIGN_OR_RETURN(const toml::table* st_t, section("storage"));
  TableReader stt(st_t, "storage");
  CBEC_RETURN_IF_ERROR(stt.Bool("sync", c.storage_sync));
  CBEC_RETURN_IF_ERROR(
      stt.Unsigned("state_versions_kept", 1000, uint64_t{1} << 40, c.state_versions_kept));
  CBEC_RETURN_IF_ERROR(stt.CheckUnknown());

  CBEC_ASSIGN_OR_RETURN(const toml::table* log_t, section("log"));
  TableReader lt(log_t, "log");
  CBEC_RETURN_IF_ERROR(lt.String("level", false, c.log_level));
  static const std::set<std::string> kLevels = {"trace", "debug", "info", "warn", "error"};
  if (!kLevels.count(c.log_level)) {
    return Status(errors::kConfigBadValue, "log.level: expected trace|debug|info|warn|error");
  }
  CBEC_RETURN_IF_ERROR(lt.CheckUnknown());
  return top.CheckUnknown();
}

}  // namespace

Result<HostPort> ParseHostPort(std::string_view text) {
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return Status(errors::kConfigBadValue, "expected host:port, got '" + std::string(text) + "'");
  }
  std::string_view port = text.substr(colon + 1);
  uint32_t v = 0;
  if (port.empty() || port.size() > 5) {
    return Status(errors::kConfigBadValue, "bad port in '" + std::string(text) + "'");
  }
  for (char ch : port) {
    if (ch < '0' || ch > '9') {
      return Status(errors::kConfigBadValue, "bad port in '" + std::string(text) + "'");
    }
    v = v * 10 + static_cast<uint32_t>(ch - '0');
  }
  if (v == 0 || v > 65535) {
    return Status(errors::kConfigBadValue, "port out of range in '" + std::string(text) + "'");
  }
  return HostPort{std::string(text.substr(0, colon)), static_cast<uint16_t>(v)};
}

Result<NodeConfig> ParseConfig(std::string_view text, const std::string& base_dir) {
  NodeConfig c;
  c.config_dir = base_dir;
  try {
    toml::table root = toml::parse(text);
    CBEC_RETURN_IF_ERROR(ReadSections(root, base_dir, c));
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << "line " << e.source().begin.line << ", column " << e.source().begin.column << ": "
        << e.description();
    return Status(errors::kConfigSyntax, msg.str());
  } catch (const std::exception& e) {
    return Status(errors::kConfigSyntax, e.what());
  }
  return c;
}

Result<NodeConfig> LoadConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(errors::kConfigMissing, "cannot read config file '" + path + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string base = fs::absolute(fs::path(path)).parent_path().string();
  auto c = ParseConfig(ss.str(), base);
  if (!c.ok()) return c.status().WithContext(path);
  return c;
}

Result<std::string> ReadPassphrase(const NodeConfig& config) {
  if (!config.passphrase_file.empty()) {
    std::ifstream in(config.passphrase_file, std::ios::binary);
    if (!in) {
      return Status(errors::kConfigMissing,
                    "cannot read passphrase file '" + config.passphrase_file + "'");
    }
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  const char* env = std::getenv("CBEC_PASSPHRASE");
  if (env == nullptr) {
    return Status(errors::kNoPassphrase,
                  "no passphrase: set node.passphrase_file or the CBEC_PASSPHRASE variable");
  }
  return std::string(env);
}

}  // namespace cbec::node
