// RunLoad: signed transactions at a target rate, commit latency from blocks.
#include "cbec/node/loadgen.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>


#include "cbec/contracts/native.h"
#include "cbec/crypto/keystore.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/genesis.h"
#include "cbec/ledger/tx.h"
#include "cbec/node/config.h"
#include "cbec/node/errors.h"
#include "http_client.h"

namespace cbec::node {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Account {
  crypto::PrivateKey key;
  ledger::AccountId id;
  std::string org;
  uint64_t next_nonce = 0;
};

struct Sent {
  Clock::time_point at;
  bool accepted = false;
  std::optional<Clock::time_point> committed;
};

Result<std::vector<Account>> LoadAccounts(const fs::path& dir, size_t limit, const Json& app) {
  std::ifstream pin(dir / "passphrase");
  std::string pass;
  if (!pin || !std::getline(pin, pass)) {
    return Status(errors::kConfigMissing, "no test accounts in " + dir.string());
  }
  std::string org = "platform";
  for (const auto& a : app["governance"]["accounts"]) org = a["organisation"].get<std::string>();
  std::vector<Account> out;
  for (size_t i = 0; limit == 0 || i < limit; ++i) {
    fs::path p = dir / (std::to_string(i) + ".key.json");
    if (!fs::exists(p)) break;
    CBEC_ASSIGN_OR_RETURN(crypto::PrivateKey key, crypto::LoadKeystore(p.string(), pass));
    ledger::AccountId id = ledger::DeriveAccountId(key.public_key());
    out.push_back(Account{std::move(key), id, org, 0});
  }
  if (out.empty()) return Status(errors::kConfigMissing, "no test accounts in " + dir.string());
  return out;
}

Result<std::vector<std::string>> NodeAddresses(const fs::path& network) {
  std::vector<std::string> out;
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(network)) {
    if (fs::exists(e.path() / "config.toml")) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path& d : dirs) {
    CBEC_ASSIGN_OR_RETURN(NodeConfig c, LoadConfig((d / "config.toml").string()));
    out.push_back(c.api_listen.ToString());
  }
  return out;
}

Status FetchNonces(HttpClient& c, std::vector<Account>& accounts) {
  for (Account& a : accounts) {
    auto [status, body] = c.Call(HttpVerb::kGet, "/v1/accounts/" + a.id.ToHex());
    if (status != 200) {
      return Status(errors::kStartup, "GET account " + a.id.ToHex() + ": " +
                                          std::to_string(status) + " " + body);
    }
    a.next_nonce = Json::parse(body, nullptr, false).value("next_nonce", uint64_t{0});
  }
  return Status::Ok();
}

// The i-th transaction: account i % A creates an account with a fresh key.
Result<Bytes> MakeTx(const contracts::Registry& reg, const std::string& chain_id, Account& a) {
  auto fresh = crypto::PrivateKey::Generate(crypto::Suite::kStandard);
  Json args{{"organisation", a.org},
            {"keys", Json::array({fresh.public_key().ToHex()})},
            {"roles", Json::array()}};
  CBEC_ASSIGN_OR_RETURN(Bytes encoded, reg.ArgsFromJson("governance", "create_account", args));
  ledger::Tx tx{chain_id, a.id, a.next_nonce++, "governance", "create_account",
                std::move(encoded), uint64_t{1} << 62};
  return ledger::Encode(ledger::SignTx(std::move(tx), a.key));
}

}  // namespace

Result<Json> RunLoad(const LoadOptions& o) {
  fs::path net(o.network);
  CBEC_ASSIGN_OR_RETURN(ledger::Genesis g, ledger::Genesis::Load((net / "genesis.json").string()));
  std::vector<std::string> nodes = o.nodes;
  if (nodes.empty()) {
    CBEC_ASSIGN_OR_RETURN(nodes, NodeAddresses(net));
  }
  if (nodes.empty()) return Status(errors::kConfigMissing, "no nodes");
  CBEC_ASSIGN_OR_RETURN(std::vector<Account> accounts,
                        LoadAccounts(net / "test-accounts", o.accounts, g.app_state));
  HttpClient watcher(nodes[0]);
  CBEC_RETURN_IF_ERROR(FetchNonces(watcher, accounts));
  CBEC_ASSIGN_OR_RETURN(contracts::Registry reg, contracts::NativeRegistry());
  // Pre-sign everything so that signing does not pace the sending.
  std::vector<Bytes> txs(o.count);
  std::vector<std::string> hashes(o.count);
  for (size_t i = 0; i < o.count; ++i) {
    CBEC_ASSIGN_OR_RETURN(txs[i], MakeTx(reg, g.chain_id, accounts[i % accounts.size()]));
    auto stx = ledger::Decode<ledger::SignedTx>(txs[i]);
    hashes[i] = ledger::TxHash(g.suite, stx->tx).ToHex();
  }
  auto [hs, hbody] = watcher.Call(HttpVerb::kGet, "/v1/blocks/latest");
  uint64_t next_height = Json::parse(hbody, nullptr, false).value("height", uint64_t{0}) + 1;

  std::vector<Sent> sent(o.count);
  std::mutex mu;
  std::atomic<size_t> rejected{0};
  std::map<std::string, size_t> reject_slugs;
  const auto start = Clock::now();
  const size_t senders = std::max<size_t>(1, o.senders);
  std::vector<std::thread> threads;
  for (size_t s = 0; s < senders; ++s) {
    threads.emplace_back([&, s] {
      std::map<size_t, std::unique_ptr<HttpClient>> clients;
      for (size_t i = 0; i < o.count; ++i) {
        size_t acct = i % accounts.size();
        if (acct % senders != s) continue;
        size_t node = acct % nodes.size();
        auto due = start + std::chrono::microseconds(static_cast<int64_t>(1e6 * i / o.rate));
        std::this_thread::sleep_until(due);
        auto& c = clients[node];
        if (!c) c = std::make_unique<HttpClient>(nodes[node]);
        auto at = Clock::now();
        auto [status, body] = c->Call(HttpVerb::kPost, "/v1/tx",
                                      std::string(txs[i].begin(), txs[i].end()),
                                      "application/octet-stream");
        std::lock_guard<std::mutex> lock(mu);
        sent[i].at = at;
        sent[i].accepted = status == 202;
        if (status != 202) {
          ++rejected;
          auto j = Json::parse(body, nullptr, false);
          std::string slug = j.is_object() && j.contains("error")
                                 ? j["error"].value("slug", "?")
                                 : "status_" + std::to_string(status);
          ++reject_slugs[slug];
        }
      }
    });
  }
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < o.count; ++i) index[hashes[i]] = i;
  size_t committed = 0;
  size_t failed = 0;
  std::atomic<bool> sending_done{false};
  std::thread joiner([&] {
    for (auto& t : threads) t.join();
    sending_done = true;
  });
  const auto deadline_after_send = std::chrono::milliseconds(o.timeout_ms);
  std::optional<Clock::time_point> send_end;
  while (true) {
    auto [status, body] = watcher.Call(HttpVerb::kGet, "/v1/blocks/" + std::to_string(next_height));
    if (status == 200) {
      auto now = Clock::now();
      auto j = Json::parse(body, nullptr, false);
      failed += j.value("failed_txs", size_t{0});
      std::lock_guard<std::mutex> lock(mu);
      for (const auto& h : j["txs"]) {
        auto it = index.find(h.get<std::string>());
        if (it != index.end() && !sent[it->second].committed) {
          sent[it->second].committed = now;
          ++committed;
        }
      }
      ++next_height;
      continue;
    }
    if (sending_done && !send_end) send_end = Clock::now();
    size_t accepted = 0;
    {
      std::lock_guard<std::mutex> lock(mu);
      for (const Sent& x : sent) accepted += x.accepted ? 1 : 0;
    }
    if (sending_done && committed >= accepted) break;
    if (send_end && Clock::now() - *send_end > deadline_after_send) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  joiner.join();
  auto end = Clock::now();
  std::vector<double> lat;
  Clock::time_point last_commit = start;
  for (const Sent& x : sent) {
    if (x.committed) {
      lat.push_back(std::chrono::duration<double, std::milli>(*x.committed - x.at).count());
      last_commit = std::max(last_commit, *x.committed);
    }
  }
  std::sort(lat.begin(), lat.end());
  auto pct = [&](double p) {
    return lat.empty() ? 0.0 : lat[std::min(lat.size() - 1, static_cast<size_t>(p * lat.size()))];
  };
  double span = std::chrono::duration<double>(last_commit - start).count();
  Json report{{"submitted", o.count},
              {"accepted", o.count - rejected.load()},
              {"rejected", rejected.load()},
              {"reject_slugs", reject_slugs},
              {"committed", committed},
              {"failed_receipts", failed},
              {"target_rate", o.rate},
              {"duration_s", std::chrono::duration<double>(end - start).count()},
              {"committed_tps", span > 0 ? committed / span : 0.0},
              {"latency_ms",
               {{"p50", pct(0.5)}, {"p90", pct(0.9)}, {"p99", pct(0.99)},
                {"max", lat.empty() ? 0.0 : lat.back()}}},
              {"nodes", nodes},
              {"tx_hashes", hashes}};
  return report;
}

}  // namespace cbec::node
