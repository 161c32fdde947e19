// Node: one running validator. Open() loads and checks everything that can be
// wrong before anything listens (config, keystore, genesis, store, ports);
// Start() brings up P2P, the API and the consensus engine; Stop() stops
// accepting, finishes the current commit and closes the store.
//
// The consensus engine runs on ONE thread (an asio io_context): P2P messages,
// timers and commits are posted to it, and the actions each engine call
// returns are executed there, in order (consensus/actions.h): PersistSafety
// and PersistBlock are synced before any later Send, and a Commit's
// OnExecuted is called after the rest of that action list.
//
// Thread-safety: Open/Start/Stop from one thread; status() from any.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cbec/base/status.h"
#include "cbec/node/config.h"

namespace cbec::node {

struct NodeStatus {
  std::string chain_id;
  std::string name;
  uint64_t height = 0;
  uint64_t round = 0;
  uint64_t epoch = 0;
  std::string leader;
  size_t peers = 0;
  size_t mempool = 0;
  bool halted = false;
  std::string halt_reason;        // why, once halted
  uint64_t certified_height = 0;  // the latest certified checkpoint stored
  // The current epoch's validators (name, public key hex), in set order.
  std::vector<std::pair<std::string, std::string>> validators;
  std::string validator_set_hash;  // hex: what this epoch's checkpoints name
  // False while this node's key is not in the current set (it was removed
  // by governance): it neither votes nor signs checkpoints.
  bool voting = true;
  nlohmann::json ToJson() const;
};

class Node {
 public:
  // Fails with config.*, crypto keystore kinds (wrong passphrase ...),
  // node.not_a_validator (node.name is a validator neither of the genesis
  // nor of the current epoch, or the keystore holds another key),
  // storage.genesis_mismatch, node.port_in_use, ... A validator of the
  // genesis that governance removed opens, and follows without voting.
  static Result<std::unique_ptr<Node>> Open(const NodeConfig& config);
  ~Node();
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  Status Start();
  // Idempotent.
  void Stop();
  // True once the node halted on an internal error (it stopped committing).
  bool halted() const;

  class Impl;

 private:
  explicit Node(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cbec::node
