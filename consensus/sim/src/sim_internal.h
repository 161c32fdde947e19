// Private: the simulated world. One Sim per seed.
//   replica.cc     the host of one engine: its disk, its application, actions
//   byzantine.cc   what Byzantine replicas do to their outgoing messages
//   checker.cc     safety invariants checked after every step
//   simulation.cc  the event loop, the network and the fault schedule
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <tuple>
#include <vector>

#include "cbec/consensus/engine.h"
#include "cbec/consensus/sim/memo_verifier.h"
#include "cbec/consensus/sim/simulation.h"

namespace cbec::consensus::sim {

inline constexpr std::string_view kChainId = "cbec-sim";
// A payload item with these bytes makes the block's execution rotate the
// validator set into a new epoch (FaultMix::kEpochs and kChaos).
inline constexpr std::string_view kReconfigItem = "reconfigure";

// SplitMix64: tiny, fast and identical on every platform (std:: distributions are not).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi].
  uint64_t Uniform(uint64_t lo, uint64_t hi) { return hi <= lo ? lo : lo + Next() % (hi - lo + 1); }
  // True with probability ppm / 1,000,000.
  bool Chance(uint32_t ppm) { return Next() % 1000000 < ppm; }

 private:
  uint64_t state_;
};

enum class Behavior { kHonest, kEquivocate, kDoubleVote, kBadSignature, kReplay, kSilent };
std::string_view BehaviorName(Behavior b);

// What survives a crash.
struct Disk {
  std::optional<SafetyState> safety;
  std::map<BlockId, Block> blocks;        // PersistBlock'ed, above the committed height
  std::vector<CommittedBlock> chain;      // index = height; chain[0] = genesis
  std::map<uint64_t, EpochProof> epoch_proofs;
  ledger::ValidatorSet set;               // the set of the current epoch
};

class Sim;

class SimApp final : public Application {
 public:
  SimApp(const SimOptions& options, const Disk& disk, size_t index)
      : options_(options), disk_(disk), index_(index) {}
  std::vector<Bytes> ProposePayload(const Block& parent, uint64_t height) override;
  Status CheckPayload(const Block& block) override;
  std::optional<CommittedBlock> LoadCommitted(uint64_t height) override;
  std::optional<EpochProof> LoadEpochProof(uint64_t epoch) override;

 private:
  const SimOptions& options_;
  const Disk& disk_;
  size_t index_;
};

struct Replica {
  explicit Replica(crypto::PrivateKey k) : key(std::move(k)) {}
  size_t index = 0;
  crypto::PrivateKey key;
  Behavior behavior = Behavior::kHonest;
  Disk disk;
  std::unique_ptr<SimApp> app;
  std::unique_ptr<Engine> engine;
  bool up = false;
  bool crash_mid_actions = false;
  uint64_t incarnation = 0;
  uint64_t timer_generation[kTimerKindSlots] = {};
  std::deque<std::shared_ptr<const Bytes>> replay_buffer;

  bool honest() const { return behavior == Behavior::kHonest; }
};

// Safety invariants over honest replicas.
class Checker {
 public:
  explicit Checker(size_t n) : last_height_(n, 0), last_id_(n) {}
  void SetGenesis(const BlockId& id);
  // A Commit executed by honest replica `node`.
  void OnCommit(size_t node, const Block& block, const BlockId& id);
  // A PersistSafety of honest replica `node` (every vote is persisted first).
  void OnSafetyPersisted(size_t node, const SafetyState& s);
  // Each honest committed chain is a prefix of the longest one.
  void CheckPrefixes(const std::vector<const Disk*>& honest);
  const std::vector<std::string>& violations() const { return violations_; }

 private:
  void Violation(std::string what);
  std::map<uint64_t, BlockId> committed_;  // height -> first honest commit
  std::vector<uint64_t> last_height_;
  std::vector<BlockId> last_id_;
  std::map<std::tuple<size_t, uint64_t, uint64_t>, BlockId> votes_;  // (node, epoch, round)
  std::vector<std::string> violations_;
};

class Sim {
 public:
  explicit Sim(const SimOptions& options);
  SimResult Run();

  // --- used by replica.cc and byzantine.cc ---
  void Execute(Replica& r, Actions actions);
  void Transmit(Replica& from, size_t to, const Message& msg);
  void SendBytes(size_t from, size_t to, std::shared_ptr<const Bytes> bytes);
  void ByzantineTransmit(Replica& from, size_t to, const Message& msg);
  void Crash(Replica& r);
  void Restart(Replica& r);
  void Trace(const std::string& line);
  size_t NodeOf(const crypto::PublicKey& key) const;

  const SimOptions& options_;
  Rng rng_;
  MemoVerifier verifier_;
  EngineOptions engine_options_;
  std::vector<std::unique_ptr<Replica>> replicas_;
  std::map<crypto::PublicKey, size_t> node_of_key_;
  Checker checker_;
  SimResult result_;
  uint64_t now_ = 0;

 private:
  struct Event {
    enum class Kind { kDeliver, kTimer, kCrash, kRestart, kNetChange, kGst };
    uint64_t time = 0;
    uint64_t seq = 0;
    Kind kind = Kind::kDeliver;
    size_t node = 0;
    size_t from = 0;
    std::shared_ptr<const Bytes> bytes;
    Timer timer;
    uint64_t generation = 0;
  };
  struct Later {
    bool operator()(const Event& a, const Event& b) const {
      return a.time != b.time ? a.time > b.time : a.seq > b.seq;
    }
  };

  void Init();
  void ScheduleFaults();
  void Schedule(Event e);
  void HandleEvent(const Event& e);
  void Deliver(const Event& e);
  // Executes and stores the block; returns what to pass to OnExecuted.
  std::optional<std::pair<uint64_t, std::optional<ledger::ValidatorSet>>> HandleCommit(
      Replica& r, action::Commit& c);
  void NetChange();
  void OnGst();
  bool LivenessReached() const;
  void Finish();
  uint64_t CommittedHeight(const Replica& r) const { return r.disk.chain.size() - 1; }

  std::priority_queue<Event, std::vector<Event>, Later> queue_;
  uint64_t seq_ = 0;
  // Network state.
  uint32_t drop_ppm_ = 0;
  uint32_t dup_ppm_ = 0;
  // Delays of a healthy network; a round takes about two of them.
  static constexpr uint64_t kDelayMin = 2;
  static constexpr uint64_t kDelayMax = 40;
  uint64_t delay_min_ = kDelayMin;
  uint64_t delay_max_ = kDelayMax;
  std::vector<int> group_;  // partition group per node
  bool crashes_ = false;
  uint64_t gst_ = 0;
  bool after_gst_ = false;
  uint64_t goal_height_ = 0;
  std::vector<uint64_t> round_at_gst_;
};

}  // namespace cbec::consensus::sim
