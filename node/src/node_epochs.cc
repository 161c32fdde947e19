// Epochs in the node (docs/consensus.md, "Epochs in the node"): the engine
// ends an epoch at the block whose execution wrote a new validator set; the
// node keeps the epoch record and switches its current set everywhere it is
// used (checkpoints, P2P authorisation, status and /health).
#include <set>

#include <spdlog/spdlog.h>

#include "cbec/node/errors.h"
#include "node_impl.h"

namespace cbec::node {
namespace {

std::string Names(const ledger::ValidatorSet& set) {
  std::string out;
  for (const ledger::Validator& v : set.validators()) out += (out.empty() ? "" : ",") + v.name;
  return out;
}

}  // namespace

void Node::Impl::DoEpochChange(const consensus::action::EpochChange& ec) {
  Status s = chain_->SaveEpoch(ec);
  if (!s.ok()) {
    Halt(s.WithContext("save the record of epoch " + std::to_string(ec.validators.epoch() - 1)));
    return;
  }
  checkpoints_->BeginEpoch(ec.validators, ec.root.height);
  UseValidatorSet(ec.validators);
  spdlog::warn("epoch {} begins after height {}: {} validators [{}]", ec.validators.epoch(),
               ec.root.height, ec.validators.size(), Names(ec.validators));
}

void Node::Impl::UseValidatorSet(const ledger::ValidatorSet& set) {
  const bool voting = set.IndexOf(key_->public_key()).has_value();
  if (p2p_) {
    for (p2p::PeerId i = 0; i < key_of_peer_.size(); ++i) {
      p2p_->SetAuthorised(i, set.IndexOf(key_of_peer_[i]).has_value()).IgnoreError();
    }
  }
  {
    std::lock_guard<std::mutex> lock(status_mu_);
    current_set_ = set;
    status_.epoch = set.epoch();
    status_.voting = voting;
    status_.validator_set_hash = set.Hash().ToHex();
    status_.validators.clear();
    for (const ledger::Validator& v : set.validators()) {
      status_.validators.emplace_back(v.name, v.key.ToHex());
    }
  }
  if (!voting) {
    spdlog::warn("this node ('{}') is not a validator of epoch {}: it does not vote or sign "
                 "checkpoints, and the validators refuse its links",
                 config_.name, set.epoch());
  }
}

Result<std::vector<p2p::PeerConfig>> Node::Impl::P2pPeers(
    const ledger::ValidatorSet& current) const {
  std::vector<p2p::PeerConfig> peers;
  std::set<std::string> names;
  std::set<crypto::PublicKey> keys;
  auto add = [&](const std::string& name, const crypto::PublicKey& key) {
    if (!keys.insert(key).second) return;
    // A name seen with another key (a validator re-added with a new key):
    // P2P names are only for logs, but must be unique.
    std::string unique = names.count(name) ? name + "@" + key.ToHex().substr(0, 8) : name;
    names.insert(unique);
    peers.push_back(p2p::PeerConfig{unique, key, "", 0});
  };
  for (const ledger::Validator& v : genesis_.validators.validators()) add(v.name, v.key);
  for (const ledger::Validator& v : current.validators()) add(v.name, v.key);
  for (const PeerAddress& p : config_.peers) {
    std::optional<crypto::PublicKey> key;
    if (!p.key.empty()) {
      auto k = crypto::PublicKey::FromHex(genesis_.suite, p.key);
      if (!k.ok()) {
        return Status(errors::kConfigBadValue, "p2p.peers '" + p.name + "': key: " + k.status().message());
      }
      key = *k;
      add(p.name, *key);
    }
    bool placed = false;
    for (p2p::PeerConfig& peer : peers) {
      if (key ? peer.key == *key : peer.name == p.name) {
        peer.host = p.address.host;
        peer.port = p.address.port;
        placed = true;
      }
    }
    if (!placed) {
      return Status(errors::kConfigBadValue,
                    "p2p.peers: '" + p.name + "' is not a validator of the genesis or of epoch " +
                        std::to_string(current.epoch()) + " (name its key to add it in advance)");
    }
  }
  return peers;
}

Result<std::optional<ledger::ValidatorSet>> Node::Impl::ValidatorsOfEpoch(uint64_t epoch) const {
  {
    std::lock_guard<std::mutex> lock(status_mu_);
    if (epoch == current_set_.epoch()) return std::optional<ledger::ValidatorSet>(current_set_);
  }
  if (epoch == 0) return std::optional<ledger::ValidatorSet>(genesis_.validators);
  CBEC_ASSIGN_OR_RETURN(std::optional<EpochRecord> record, chain_->LoadEpoch(epoch - 1));
  if (!record) return std::optional<ledger::ValidatorSet>();
  return std::optional<ledger::ValidatorSet>(std::move(record->next));
}

ledger::ValidatorSet Node::Impl::CurrentValidators() const {
  std::lock_guard<std::mutex> lock(status_mu_);
  return current_set_;
}

}  // namespace cbec::node
