// Node start-up and shutdown: everything that can be wrong is checked in
// Open(), before the node listens or votes.
#include "cbec/node/node.h"

#include <chrono>
#include <filesystem>

#include <spdlog/spdlog.h>

#include "cbec/contracts/governance.h"
#include "cbec/contracts/native.h"
#include "cbec/crypto/keystore.h"
#include "api.h"
#include "cbec/node/errors.h"
#include "node_impl.h"

namespace cbec::node {

uint64_t NowMs() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
}

nlohmann::json NodeStatus::ToJson() const {
  nlohmann::json j{{"chain_id", chain_id}, {"name", name},       {"height", height},
                   {"round", round},       {"epoch", epoch},     {"leader", leader},
                   {"peers", peers},       {"mempool", mempool}, {"halted", halted},
                   {"halt_reason", halt_reason}, {"certified_height", certified_height}};
  nlohmann::json set = nlohmann::json::array();
  for (const auto& [v_name, v_key] : validators) {
    set.push_back(nlohmann::json{{"name", v_name}, {"public_key", v_key}});
  }
  j["validators"] = std::move(set);
  j["validator_set_hash"] = validator_set_hash;
  j["voting"] = voting;
  return j;
}

Status Node::Impl::OpenKeys() {
  auto g = ledger::Genesis::Load(config_.genesis);
  if (!g.ok()) return g.status().WithContext("genesis '" + config_.genesis + "'");
  genesis_ = std::move(g).value();
  // The name and key are checked against the current set once the store is
  // open (CheckIdentity); a name outside the genesis with no store yet cannot
  // be in a later set, and is refused before anything is created.
  if (!genesis_.validators.IndexOfName(config_.name) &&
      !std::filesystem::exists(config_.data_dir)) {
    return Status(errors::kNotAValidator,
                  "node.name '" + config_.name + "' is not a validator of the genesis");
  }
  CBEC_ASSIGN_OR_RETURN(std::string pass, ReadPassphrase(config_));
  auto key = crypto::LoadKeystore(config_.keystore, pass);
  if (!key.ok()) return key.status().WithContext("keystore '" + config_.keystore + "'");
  key_.emplace(std::move(key).value());
  return Status::Ok();
}

// The node's name and key against the current epoch's set (from the
// committed state), or the genesis set for a validator removed since.
Status Node::Impl::CheckIdentity() {
  CBEC_ASSIGN_OR_RETURN(ledger::ValidatorSet current, Chain::CurrentValidators(*store_, genesis_));
  auto in_current = current.IndexOfName(config_.name);
  auto in_genesis = genesis_.validators.IndexOfName(config_.name);
  if (!in_current && !in_genesis) {
    return Status(errors::kNotAValidator, "node.name '" + config_.name +
                                              "' is a validator neither of the genesis nor of "
                                              "epoch " + std::to_string(current.epoch()));
  }
  const ledger::Validator& named =
      in_current ? current.at(*in_current) : genesis_.validators.at(*in_genesis);
  if (!(key_->public_key() == named.key)) {
    return Status(errors::kNotAValidator,
                  "the keystore's key is not validator '" + config_.name + "''s key in " +
                      (in_current ? "epoch " + std::to_string(current.epoch()) : "the genesis"));
  }
  std::lock_guard<std::mutex> lock(status_mu_);
  current_set_ = std::move(current);
  return Status::Ok();
}

Status Node::Impl::OpenStore() {
  CBEC_ASSIGN_OR_RETURN(registry_, contracts::NativeRegistry());
  storage::ChainBinding binding{ledger::GenesisHash(genesis_), genesis_.suite};
  storage::StoreOptions so;
  so.sync = config_.storage_sync;
  auto store = storage::Store::Open(config_.data_dir, binding, so);
  if (!store.ok()) return store.status().WithContext("data_dir '" + config_.data_dir + "'");
  store_ = std::move(store).value();
  return Chain::CommitGenesis(*store_, registry_, genesis_);
}

Status Node::Impl::OpenMempool() {
  workers_ = std::make_unique<util::WorkerPool>(
      util::WorkerPool::Options{.threads = config_.verify_threads, .max_queued = 4096});
  mempool::Options mo;
  mo.chain_id = genesis_.chain_id;
  mo.suite = genesis_.suite;
  mo.max_txs = config_.mempool_max_txs;
  mo.max_per_account = config_.mempool_max_per_account;
  mo.committed_height = store_->Head()->height;
  storage::Store* store = store_.get();
  auto next_nonce = [store](const ledger::AccountId& id) -> uint64_t {
    auto acct = contracts::governance::LoadAccount(store->State(), id);
    return acct.ok() && acct->has_value() ? (*acct)->next_nonce : 0;
  };
  auto on_admitted = [this](mempool::Origin o, std::span<const mempool::PoolTxRef> txs) {
    OnAdmitted(o, txs);
  };
  CBEC_ASSIGN_OR_RETURN(mempool_,
                        mempool::Mempool::Create(mo, next_nonce, on_admitted, workers_.get()));
  ChainOptions co{genesis_.chain_id, genesis_.suite, config_.max_block_txs,
                  config_.max_block_bytes, config_.state_versions_kept};
  chain_ = std::make_unique<Chain>(co, registry_, *store_, *mempool_);
  return Status::Ok();
}

Status Node::Impl::OpenP2p() {
  p2p::P2pConfig pc;
  pc.chain_id = genesis_.chain_id;
  pc.listen_host = config_.p2p_listen.host;
  pc.listen_port = config_.p2p_listen.port;
  CBEC_ASSIGN_OR_RETURN(pc.peers, P2pPeers(CurrentValidators()));
  for (const p2p::PeerConfig& peer : pc.peers) {
    peer_of_key_[peer.key] = key_of_peer_.size();
    key_of_peer_.push_back(peer.key);
  }
  CBEC_ASSIGN_OR_RETURN(crypto::PrivateKey link_key,
                        crypto::PrivateKey::FromSeed(key_->suite(), key_->seed()));
  auto net = p2p::P2pNetwork::Create(std::move(link_key), std::move(pc));
  if (!net.ok()) {
    return Status(errors::kPortInUse, "p2p.listen " + config_.p2p_listen.ToString() + ": " +
                                          net.status().ToString());
  }
  p2p_ = std::move(net).value();
  p2p_->SetOnMessage([this](p2p::PeerId peer, const std::string&, Bytes message) {
    OnP2pMessage(peer, std::move(message));
  });
  p2p_->SetOnPeerUp([](p2p::PeerId, const std::string& name) {
    spdlog::info("peer up name={}", name);
  });
  p2p_->SetOnPeerDown([](p2p::PeerId, const std::string& name) {
    spdlog::warn("peer down name={}", name);
  });
  return Status::Ok();
}

Status Node::Impl::OpenEngine() {
  auto head = store_->Head();
  CBEC_ASSIGN_OR_RETURN(storage::CommittedBlock root, store_->BlockAtHeight(head->height));
  consensus::Bootstrap b;
  // After an epoch change the root may be the old epoch's last block: the
  // engine then starts the new epoch from it with a genesis QC (engine.h).
  b.validators = CurrentValidators();
  b.root = std::move(root.block);
  b.root_qc = std::move(root.cert);
  CBEC_ASSIGN_OR_RETURN(std::optional<Bytes> safety, store_->LoadSafetyState());
  if (safety) {
    CBEC_ASSIGN_OR_RETURN(b.safety, ledger::Decode<consensus::SafetyState>(*safety));
  }
  CBEC_ASSIGN_OR_RETURN(b.blocks, store_->PendingBlocks());
  for (const ledger::Block& blk : b.blocks) {
    chain_->NoteBlock(blk, ledger::BlockIdOf(genesis_.suite, blk));
  }
  CBEC_ASSIGN_OR_RETURN(std::optional<ledger::CertifiedCheckpoint> latest,
                        store_->LatestCheckpoint());
  status_.certified_height = latest ? latest->checkpoint.height : 0;
  status_.chain_id = genesis_.chain_id;  // constant: not refreshed per update
  status_.name = config_.name;
  checkpoints_ = std::make_unique<CheckpointCollector>(
      CheckpointCollector::Options{genesis_.chain_id}, b.validators);
  UseValidatorSet(b.validators);
  consensus::EngineOptions eo;
  eo.chain_id = genesis_.chain_id;
  eo.pacemaker.base_timeout_ms = config_.base_timeout_ms;
  eo.empty_block_delay_ms = config_.empty_block_delay_ms;
  CBEC_ASSIGN_OR_RETURN(engine_, consensus::Engine::Create(eo, *key_, *chain_, verifier_,
                                                           std::move(b)));
  spdlog::info("restored height={} epoch={} pending_blocks={} safety={}", head->height,
               engine_->epoch(),
               store_->PendingBlocks().ok() ? store_->PendingBlocks()->size() : 0,
               safety.has_value());
  return Status::Ok();
}

Status Node::Impl::Open() {
  CBEC_RETURN_IF_ERROR(OpenKeys());
  CBEC_RETURN_IF_ERROR(OpenStore());
  CBEC_RETURN_IF_ERROR(CheckIdentity());
  CBEC_RETURN_IF_ERROR(OpenMempool());
  CBEC_RETURN_IF_ERROR(OpenP2p());
  CBEC_RETURN_IF_ERROR(OpenEngine());
  CBEC_RETURN_IF_ERROR(OpenMetrics());
  CBEC_RETURN_IF_ERROR(OpenHttp());
  UpdateStatus();
  return Status::Ok();
}

Status Node::Impl::OpenHttp() {
  events_ = std::make_shared<http::Broadcaster>();
  http::Router router;
  CBEC_RETURN_IF_ERROR(AddApiRoutes(router, *this));
  http::ServerOptions so;
  so.address = config_.api_listen.host;
  so.port = config_.api_listen.port;
  so.io_threads = config_.api_io_threads;
  so.dispatch.max_body_bytes = config_.api_max_body_bytes;
  so.dispatch.cors_allow_origin = config_.api_cors_allow_origin;
  so.registry = &metrics_;
  so.health = [this] {
    NodeStatus s = Snapshot();
    nlohmann::json details{{"height", s.height},
                           {"certified_height", s.certified_height},
                           {"peers", s.peers},
                           {"epoch", s.epoch},
                           {"voting", s.voting}};
    if (s.halted) details["halt_reason"] = s.halt_reason;
    if (!s.voting) {
      details["not_voting_reason"] = "not a validator of epoch " + std::to_string(s.epoch) +
                                     ": this node neither votes nor signs checkpoints";
    }
    return http::Health{!s.halted, details};
  };
  http_ = std::make_unique<http::Server>(std::move(router), so);
  return Status::Ok();
}

Status Node::Impl::Start() {
  Status s = http_->Start();
  if (!s.ok()) {
    return Status(errors::kPortInUse,
                  "api.listen " + config_.api_listen.ToString() + ": " + s.ToString());
  }
  work_.emplace(io_.get_executor());
  for (auto& t : timers_) t = std::make_unique<boost::asio::steady_timer>(io_);
  // The engine starts before any peer message is posted to its thread.
  Post([this] { RunActions(engine_->Start(NowMs())); });
  engine_thread_ = std::thread([this] { io_.run(); });
  started_ = true;
  CBEC_RETURN_IF_ERROR(p2p_->Start());
  spdlog::info("started name={} chain={} p2p={} api={}", config_.name, genesis_.chain_id,
               config_.p2p_listen.ToString(), config_.api_listen.ToString());
  return Status::Ok();
}

void Node::Impl::Stop() {
  if (stopped_) return;
  stopped_ = true;
  if (http_) http_->Stop();
  if (p2p_) p2p_->Stop();
  if (mempool_) mempool_->Stop();
  if (started_) {
    // The handler running now (perhaps a commit) completes before run() returns.
    boost::asio::post(io_, [this] {
      for (auto& t : timers_) t->cancel();
      io_.stop();
    });
    work_.reset();
    engine_thread_.join();
  }
  if (workers_) workers_->Shutdown();
  engine_.reset();
  store_.reset();
  spdlog::info("stopped name={}", config_.name);
}

Node::Impl::~Impl() { Stop(); }

NodeStatus Node::Impl::Snapshot() const {
  std::lock_guard<std::mutex> lock(status_mu_);
  NodeStatus s = status_;
  s.peers = p2p_ ? p2p_->stats().peers_connected : 0;
  s.mempool = mempool_ ? mempool_->size() : 0;
  s.halted = halted_.load();
  return s;
}

Result<std::unique_ptr<Node>> Node::Open(const NodeConfig& config) {
  auto impl = std::make_unique<Impl>(config);
  CBEC_RETURN_IF_ERROR(impl->Open());
  return std::unique_ptr<Node>(new Node(std::move(impl)));
}

Node::Node(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Node::~Node() = default;
Status Node::Start() { return impl_->Start(); }
void Node::Stop() { impl_->Stop(); }
bool Node::halted() const { return impl_->halted_.load(); }

}  // namespace cbec::node
