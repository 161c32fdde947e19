// Engine behaviour in a small, fully controlled cluster (FIFO delivery,
// timers fired on demand): QC and TC formation, block sync of a missing
// chain, restart from persisted safety state, the epoch switch. Plus the
// simulator itself over a few seeds of each fault mix.
#include "cbec/consensus/engine.h"

#include <gtest/gtest.h>

#include <deque>
#include <functional>
#include <map>

#include "cbec/consensus/sim/memo_verifier.h"
#include "cbec/consensus/sim/simulation.h"

namespace cbec::consensus {
namespace {

constexpr std::string_view kChain = "test-chain";

struct Node {
  explicit Node(crypto::PrivateKey k) : key(std::move(k)) {}
  crypto::PrivateKey key;
  std::unique_ptr<Engine> engine;
  std::optional<SafetyState> safety;
  std::map<BlockId, Block> blocks;
  std::vector<CommittedBlock> chain;
  std::map<uint64_t, EpochProof> proofs;
  ledger::ValidatorSet set;
  std::map<std::pair<uint64_t, uint64_t>, BlockId> votes;  // (epoch, round) -> block
  bool double_voted = false;
  std::map<TimerKind, std::pair<Timer, uint64_t>> timers;
  uint64_t reconfig_height = 0;  // 0: never
  bool idle = false;             // the application has nothing to propose
};

class NodeApp : public Application {
 public:
  explicit NodeApp(Node& n) : n_(n) {}
  std::vector<Bytes> ProposePayload(const Block&, uint64_t height) override {
    if (n_.idle) return {};
    return {Bytes{static_cast<uint8_t>(height), 0xab}};
  }
  Status CheckPayload(const Block&) override { return Status::Ok(); }
  std::optional<CommittedBlock> LoadCommitted(uint64_t h) override {
    if (h >= n_.chain.size()) return std::nullopt;
    return n_.chain[h];
  }
  std::optional<EpochProof> LoadEpochProof(uint64_t e) override {
    auto it = n_.proofs.find(e);
    if (it == n_.proofs.end()) return std::nullopt;
    return it->second;
  }

 private:
  Node& n_;
};

class Cluster {
 public:
  explicit Cluster(size_t n, uint64_t reconfig_height = 0, uint64_t empty_block_delay_ms = 0)
      : empty_block_delay_ms_(empty_block_delay_ms) {
    std::vector<ledger::Validator> vs;
    for (size_t i = 0; i < n; ++i) {
      Bytes seed(32, static_cast<uint8_t>(i + 1));
      nodes_.push_back(std::make_unique<Node>(crypto::PrivateKey::FromSeed(crypto::Suite::kStandard, seed).value()));
      vs.push_back({"v" + std::to_string(i), nodes_.back()->key.public_key()});
      apps_.push_back(std::make_unique<NodeApp>(*nodes_.back()));
    }
    ledger::ValidatorSet set = ledger::ValidatorSet::Create(0, vs).value();
    Block g = Block::Genesis(0);
    BlockId gid = ledger::BlockIdOf(set.suite(), g);
    for (auto& node : nodes_) {
      node->set = set;
      node->chain.push_back({g, QuorumCert::Genesis(0, gid, 0)});
      node->reconfig_height = reconfig_height;
    }
    for (size_t i = 0; i < n; ++i) Start(i);
  }

  void Start(size_t i) {
    Node& n = *nodes_[i];
    Bootstrap b{n.set, n.chain.back().block, n.chain.back().cert, n.safety, {}};
    for (const auto& [id, block] : n.blocks) b.blocks.push_back(block);
    EngineOptions o;
    o.chain_id = std::string(kChain);
    o.pacemaker.base_timeout_ms = 100;
    o.empty_block_delay_ms = empty_block_delay_ms_;
    n.timers.clear();
    n.engine = Engine::Create(o, n.key, *apps_[i], verifier_, std::move(b)).value();
    Exec(i, n.engine->Start(now_));
  }
  // Loses all volatile state, keeps the disk.
  void Crash(size_t i) {
    nodes_[i]->engine.reset();
    nodes_[i]->timers.clear();
  }

  void Exec(size_t i, Actions actions) {
    Node& n = *nodes_[i];
    std::optional<std::pair<uint64_t, std::optional<ledger::ValidatorSet>>> executed;
    for (Action& a : actions) {
      if (auto* s = std::get_if<action::Send>(&a)) {
        queue_.push_back({i, IndexOf(s->to), s->msg});
      } else if (auto* b = std::get_if<action::Broadcast>(&a)) {
        for (const auto& k : b->to) queue_.push_back({i, IndexOf(k), b->msg});
      } else if (auto* p = std::get_if<action::PersistSafety>(&a)) {
        n.safety = p->state;
        if (p->state.last_vote) {
          auto [it, fresh] = n.votes.emplace(std::make_pair(p->state.last_vote->epoch, p->state.last_vote->round),
                                             p->state.last_vote->block_id);
          if (!fresh && it->second != p->state.last_vote->block_id) n.double_voted = true;
        }
      } else if (auto* pb = std::get_if<action::PersistBlock>(&a)) {
        n.blocks[pb->id] = pb->block;
      } else if (auto* c = std::get_if<action::Commit>(&a)) {
        EXPECT_EQ(c->block.height, n.chain.size());
        n.chain.push_back({c->block, c->cert});
        std::optional<ledger::ValidatorSet> next;
        if (c->block.height == n.reconfig_height) {
          auto v = n.set.validators();
          std::rotate(v.begin(), v.begin() + 1, v.end());
          n.set = ledger::ValidatorSet::Create(n.set.epoch() + 1, v).value();
          next = n.set;
        }
        executed = {c->block.height, next};
      } else if (auto* t = std::get_if<action::SetTimer>(&a)) {
        n.timers[t->timer.kind] = {t->timer, t->deadline_ms};
      } else if (auto* e = std::get_if<action::EpochChange>(&a)) {
        n.proofs[e->root.epoch] = e->proof;
        n.blocks.clear();
      }
    }
    if (executed && n.engine) Exec(i, n.engine->OnExecuted(executed->first, executed->second, now_));
  }

  // Delivers messages FIFO; when none are left, fires the earliest timer.
  void Run(size_t steps, const std::function<bool()>& done = [] { return false; }) {
    for (size_t s = 0; s < steps && !done(); ++s) {
      if (!queue_.empty()) {
        auto [from, to, msg] = std::move(queue_.front());
        queue_.pop_front();
        if (!Up(from, to) || !nodes_[to]->engine) continue;
        Exec(to, nodes_[to]->engine->OnMessage(nodes_[from]->key.public_key(), msg, now_));
        continue;
      }
      size_t who = SIZE_MAX;
      uint64_t when = UINT64_MAX;
      TimerKind kind{};
      for (size_t i = 0; i < nodes_.size(); ++i) {
        if (!nodes_[i]->engine) continue;
        for (auto& [k, t] : nodes_[i]->timers) {
          if (t.second < when) std::tie(who, when, kind) = std::make_tuple(i, t.second, k);
        }
      }
      if (who == SIZE_MAX) return;
      now_ = std::max(now_, when);
      Timer t = nodes_[who]->timers[kind].first;
      nodes_[who]->timers.erase(kind);
      Exec(who, nodes_[who]->engine->OnTimer(t, now_));
    }
  }

  bool QueueEmpty() const { return queue_.empty(); }
  bool AllAtLeast(uint64_t height) const {
    for (const auto& n : nodes_) {
      if (n->chain.size() <= height) return false;
    }
    return true;
  }
  void ExpectAgreement() const {
    for (const auto& n : nodes_) {
      EXPECT_FALSE(n->double_voted);
      for (size_t h = 0; h < std::min(n->chain.size(), nodes_[0]->chain.size()); ++h) {
        EXPECT_EQ(n->chain[h].block, nodes_[0]->chain[h].block) << "height " << h;
      }
    }
  }

  std::vector<std::unique_ptr<Node>> nodes_;
  uint64_t empty_block_delay_ms_ = 0;
  std::function<bool(size_t, size_t)> link_ = [](size_t, size_t) { return true; };
  uint64_t now_ = 0;

 private:
  bool Up(size_t a, size_t b) const { return link_(a, b); }
  size_t IndexOf(const crypto::PublicKey& k) const {
    for (size_t i = 0; i < nodes_.size(); ++i) {
      if (nodes_[i]->key.public_key() == k) return i;
    }
    ADD_FAILURE() << "unknown key";
    return 0;
  }
  struct InFlight {
    size_t from, to;
    Message msg;
  };
  std::deque<InFlight> queue_;
  std::vector<std::unique_ptr<NodeApp>> apps_;
  sim::MemoVerifier verifier_;
};

TEST(EngineTest, HappyPathFormsQcsAndCommitsInOrder) {
  Cluster c(4);
  c.Run(20000, [&] { return c.AllAtLeast(12); });
  ASSERT_TRUE(c.AllAtLeast(12));
  c.ExpectAgreement();
  uint64_t qcs = 0, tcs = 0;
  for (auto& n : c.nodes_) {
    qcs += n->engine->stats().qcs_formed;
    tcs += n->engine->stats().tcs_formed;
  }
  EXPECT_GE(qcs, 12u);
  EXPECT_EQ(tcs, 0u);  // nothing timed out
}

uint64_t TcsFormed(const Cluster& c) {
  uint64_t tcs = 0;
  for (const auto& n : c.nodes_) tcs += n->engine->stats().tcs_formed;
  return tcs;
}

TEST(EngineTest, IdleLeadersDelayEmptyBlocksExceptThoseThatCommitAPayload) {
  constexpr uint64_t kDelay = 30;
  Cluster c(4, /*reconfig_height=*/0, kDelay);
  // The first leader proposed a payload on Start; from now on nothing arrives.
  for (auto& n : c.nodes_) n->idle = true;
  c.Run(20000, [&] { return c.AllAtLeast(9); });
  ASSERT_TRUE(c.AllAtLeast(9));
  c.ExpectAgreement();
  const auto& chain = c.nodes_[0]->chain;
  ASSERT_FALSE(chain[1].block.payload.empty());
  // Heights 2 and 3 certify and commit height 1 (two-chain rule): no waiting.
  EXPECT_LT(chain[3].block.time, kDelay);
  // Every later empty block waited one delay at its leader, and no round timed
  // out: the delay stays below the round timeout.
  for (size_t h = 4; h <= 8; ++h) {
    EXPECT_TRUE(chain[h].block.payload.empty());
    EXPECT_GE(chain[h].block.time, (h - 3) * kDelay) << "height " << h;
  }
  EXPECT_EQ(TcsFormed(c), 0u);
}

TEST(EngineTest, PayloadReadyEndsTheLeadersWait) {
  constexpr uint64_t kDelay = 30;
  Cluster c(4, /*reconfig_height=*/0, kDelay);
  for (auto& n : c.nodes_) n->idle = true;
  c.Run(20000, [&] { return c.AllAtLeast(6); });
  ASSERT_TRUE(c.AllAtLeast(6));
  // Deliver everything in flight; the chain then rests on a waiting leader.
  c.Run(20000, [&] { return c.QueueEmpty(); });
  uint64_t before = c.now_;
  size_t height = c.nodes_[0]->chain.size();
  for (auto& n : c.nodes_) n->idle = false;
  for (size_t i = 0; i < c.nodes_.size(); ++i) c.Exec(i, c.nodes_[i]->engine->OnPayloadReady(c.now_));
  auto committed_payload = [&] {
    const auto& chain = c.nodes_[0]->chain;
    return chain.size() > height && !chain.back().block.payload.empty();
  };
  c.Run(20000, committed_payload);
  ASSERT_TRUE(committed_payload());
  EXPECT_EQ(c.now_, before);  // no timer had to fire
  c.ExpectAgreement();
}

TEST(EngineTest, WithoutADelayEmptyBlocksFollowAtOnce) {
  Cluster c(4);
  for (auto& n : c.nodes_) n->idle = true;
  c.Run(20000, [&] { return c.AllAtLeast(8); });
  ASSERT_TRUE(c.AllAtLeast(8));
  EXPECT_EQ(c.now_, 0u);  // no timer ever had to fire
}

TEST(EngineTest, SilentLeaderIsReplacedThroughATimeoutCertificate) {
  Cluster c(4);
  size_t silent = c.nodes_[0]->engine->LeaderOf(1);
  c.link_ = [&](size_t a, size_t b) { return a != silent && b != silent; };
  auto others_at = [&](uint64_t h) {
    for (size_t i = 0; i < 4; ++i) {
      if (i != silent && c.nodes_[i]->chain.size() <= h) return false;
    }
    return true;
  };
  c.Run(50000, [&] { return others_at(6); });
  ASSERT_TRUE(others_at(6));
  uint64_t tcs = 0;
  for (auto& n : c.nodes_) tcs += n->engine->stats().tcs_formed;
  EXPECT_GT(tcs, 0u);
  c.ExpectAgreement();
}

TEST(EngineTest, LaggingReplicaSyncsTheMissingChain) {
  Cluster c(4);
  bool cut = true;
  c.link_ = [&](size_t a, size_t b) { return !cut || (a != 3 && b != 3); };
  auto first_three = [&](uint64_t h) {
    for (size_t i = 0; i < 3; ++i) {
      if (c.nodes_[i]->chain.size() <= h) return false;
    }
    return true;
  };
  c.Run(100000, [&] { return first_three(20); });
  ASSERT_TRUE(first_three(20));
  EXPECT_EQ(c.nodes_[3]->chain.size(), 1u);  // it saw nothing
  cut = false;
  c.Run(100000, [&] { return c.AllAtLeast(24); });
  ASSERT_TRUE(c.AllAtLeast(24));
  EXPECT_GT(c.nodes_[3]->engine->stats().sync_requests, 0u);
  c.ExpectAgreement();
}

TEST(EngineTest, RestartFromPersistedSafetyNeverDoubleVotes) {
  Cluster c(4);
  for (int crash = 0; crash < 6; ++crash) {
    uint64_t target = 3 + 3 * static_cast<uint64_t>(crash);
    c.Run(20000, [&] { return c.AllAtLeast(target); });
    size_t victim = static_cast<size_t>(crash) % 4;
    SafetyState before = *c.nodes_[victim]->safety;
    c.Crash(victim);
    c.Start(victim);
    EXPECT_EQ(c.nodes_[victim]->engine->safety().last_voted_round, before.last_voted_round);
    EXPECT_GE(c.nodes_[victim]->engine->round(), before.last_voted_round);
  }
  c.Run(50000, [&] { return c.AllAtLeast(25); });
  ASSERT_TRUE(c.AllAtLeast(25));
  c.ExpectAgreement();  // includes: no node voted twice in a round
}

TEST(EngineTest, EpochSwitchesAtTheReconfiguringBlock) {
  Cluster c(4, /*reconfig_height=*/5);
  c.Run(50000, [&] { return c.AllAtLeast(12); });
  ASSERT_TRUE(c.AllAtLeast(12));
  c.ExpectAgreement();
  for (auto& n : c.nodes_) {
    EXPECT_EQ(n->engine->epoch(), 1u);
    EXPECT_EQ(n->chain[5].block.epoch, 0u);
    EXPECT_EQ(n->chain[6].block.epoch, 1u);  // the new epoch starts from block 5
    EXPECT_EQ(n->chain[6].block.parent_hash, ledger::BlockIdOf(crypto::Suite::kStandard, n->chain[5].block));
    EXPECT_TRUE(n->proofs.count(0));
  }
  // A vote of the old epoch is refused.
  uint64_t rejected = c.nodes_[1]->engine->stats().messages_rejected;
  Vote old{VoteData{0, 3, BlockId(), 3, BlockId(), 2}, 0, crypto::Signature()};
  c.nodes_[1]->engine->OnMessage(c.nodes_[0]->key.public_key(), old, c.now_);
  EXPECT_EQ(c.nodes_[1]->engine->stats().messages_rejected, rejected + 1);
}

TEST(EngineTest, CreateRefusesAnInconsistentBootstrap) {
  Bytes seed(32, 1);
  auto key = crypto::PrivateKey::FromSeed(crypto::Suite::kStandard, seed).value();
  auto set = ledger::ValidatorSet::Create(0, {{"v0", key.public_key()}}).value();
  sim::MemoVerifier v;
  Node n(crypto::PrivateKey::FromSeed(crypto::Suite::kStandard, seed).value());
  NodeApp app(n);
  Block root = Block::Genesis(0);
  root.height = 3;  // not a genesis block and no QC certifying it
  root.round = 3;
  EngineOptions o;
  o.chain_id = "c";
  EXPECT_FALSE(Engine::Create(o, key, app, v, Bootstrap{set, root, QuorumCert{}, {}, {}}).ok());
  o.chain_id = "";
  EXPECT_FALSE(Engine::Create(o, key, app, v, Bootstrap{set, Block::Genesis(0), {}, {}, {}}).ok());
}

TEST(SimulatorTest, EveryFaultMixIsSafeAndLiveOnAFewSeeds) {
  for (sim::FaultMix mix : sim::AllFaultMixes()) {
    for (uint64_t seed = 1; seed <= 3; ++seed) {
      sim::SimOptions o;
      o.validators = 4;
      o.seed = seed;
      o.faults = mix;
      sim::SimResult r = sim::RunSimulation(o);
      EXPECT_TRUE(r.violations.empty()) << sim::FaultMixName(mix) << " seed " << seed << ": "
                                        << r.violations.front();
      EXPECT_TRUE(r.liveness_ok);
      EXPECT_GT(r.max_committed_height, 0u);
    }
  }
}

TEST(SimulatorTest, ASeedReproducesExactly) {
  sim::SimOptions o;
  o.validators = 5;
  o.seed = 42;
  o.faults = sim::FaultMix::kChaos;
  o.trace = true;
  sim::SimResult a = sim::RunSimulation(o);
  sim::SimResult b = sim::RunSimulation(o);
  EXPECT_EQ(a.trace, b.trace);
  EXPECT_EQ(a.messages, b.messages);
  EXPECT_FALSE(a.trace.empty());
}

TEST(SimulatorTest, BrokenVotingRuleIsCaught) {
  bool caught = false;
  for (uint64_t seed = 1; seed <= 64 && !caught; ++seed) {
    sim::SimOptions o;
    o.seed = seed;
    o.faults = sim::FaultMix::kEquivocate;
    o.break_voting_rule = true;
    caught = !sim::RunSimulation(o).violations.empty();
  }
  EXPECT_TRUE(caught);
}

}  // namespace
}  // namespace cbec::consensus
