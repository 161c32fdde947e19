// The event loop, the in-memory network and the fault schedule.
#include <algorithm>
#include <array>

#include "sim_internal.h"

namespace cbec::consensus::sim {

namespace {
struct MixInfo {
  FaultMix mix;
  std::string_view name;
};
constexpr std::array<MixInfo, 11> kMixes{{
    {FaultMix::kNone, "none"},
    {FaultMix::kLossy, "lossy"},
    {FaultMix::kPartition, "partition"},
    {FaultMix::kCrash, "crash"},
    {FaultMix::kEquivocate, "byz-equivocate"},
    {FaultMix::kDoubleVote, "byz-double-vote"},
    {FaultMix::kBadSignature, "byz-bad-signature"},
    {FaultMix::kReplay, "byz-replay"},
    {FaultMix::kSilent, "byz-silent"},
    {FaultMix::kEpochs, "epochs"},
    {FaultMix::kChaos, "chaos"},
}};

bool Has(FaultMix m, FaultMix want) { return m == want || m == FaultMix::kChaos; }
}  // namespace

std::string_view FaultMixName(FaultMix m) {
  for (const MixInfo& i : kMixes) {
    if (i.mix == m) return i.name;
  }
  return "?";
}
std::optional<FaultMix> ParseFaultMix(std::string_view name) {
  for (const MixInfo& i : kMixes) {
    if (i.name == name) return i.mix;
  }
  return std::nullopt;
}
std::vector<FaultMix> AllFaultMixes() {
  std::vector<FaultMix> out;
  for (const MixInfo& i : kMixes) out.push_back(i.mix);
  return out;
}

Sim::Sim(const SimOptions& options)
    : options_(options), rng_(options.seed), checker_(options.validators) {
  engine_options_.chain_id = std::string(kChainId);
  engine_options_.pacemaker.base_timeout_ms = options.base_timeout_ms;
  engine_options_.pacemaker.max_backoff_exponent = 5;
  engine_options_.sync_retry_ms = 4 * options.base_timeout_ms;
  engine_options_.max_clock_drift_ms = 1'000'000;
  engine_options_.empty_block_delay_ms = options.bench_blocks ? 0 : options.empty_block_delay_ms;
  result_.seed = options.seed;
}

void Sim::Trace(const std::string& line) {
  if (options_.trace) result_.trace.push_back("t=" + std::to_string(now_) + " " + line);
}

void Sim::Schedule(Event e) {
  e.seq = seq_++;
  queue_.push(std::move(e));
}

void Sim::Init() {
  size_t n = options_.validators;
  std::vector<ledger::Validator> vs;
  for (size_t i = 0; i < n; ++i) {
    Bytes seed(32, 0);
    seed[0] = static_cast<uint8_t>(i);
    seed[1] = static_cast<uint8_t>(i >> 8);
    seed[31] = 0xc8;
    auto key = crypto::PrivateKey::FromSeed(crypto::Suite::kStandard, seed);
    auto r = std::make_unique<Replica>(std::move(key).value());
    r->index = i;
    vs.push_back({"v" + std::to_string(i), r->key.public_key()});
    node_of_key_[r->key.public_key()] = i;
    replicas_.push_back(std::move(r));
  }
  ledger::ValidatorSet set = ledger::ValidatorSet::Create(0, vs).value();
  Block genesis = Block::Genesis(0);
  BlockId genesis_id = ledger::BlockIdOf(set.suite(), genesis);
  checker_.SetGenesis(genesis_id);

  // Byzantine replicas: at most f, only in the mixes that call for them.
  size_t f = (n - 1) / 3;
  std::vector<Behavior> kinds;
  switch (options_.faults) {
    case FaultMix::kEquivocate: kinds.assign(f, Behavior::kEquivocate); break;
    case FaultMix::kDoubleVote: kinds.assign(f, Behavior::kDoubleVote); break;
    case FaultMix::kBadSignature: kinds.assign(f, Behavior::kBadSignature); break;
    case FaultMix::kReplay: kinds.assign(f, Behavior::kReplay); break;
    case FaultMix::kSilent: kinds.assign(f, Behavior::kSilent); break;
    case FaultMix::kChaos:
      for (size_t i = 0; i < f; ++i) kinds.push_back(static_cast<Behavior>(1 + rng_.Uniform(0, 4)));
      break;
    default: break;
  }
  if (options_.break_voting_rule) kinds.assign(std::max<size_t>(f, 1), Behavior::kEquivocate);
  for (Behavior b : kinds) {
    size_t pick;
    do {
      pick = rng_.Uniform(0, n - 1);
    } while (!replicas_[pick]->honest());
    replicas_[pick]->behavior = b;
    Trace("n" + std::to_string(pick) + " is Byzantine: " + std::string(BehaviorName(b)));
  }
  for (auto& r : replicas_) {
    r->disk.set = set;
    r->disk.chain.push_back(
        CommittedBlock{genesis, QuorumCert::Genesis(0, genesis_id, 0)});
    r->app = std::make_unique<SimApp>(options_, r->disk, r->index);
  }
  group_.assign(n, 0);
  round_at_gst_.assign(n, 0);
}

void Sim::ScheduleFaults() {
  FaultMix m = options_.faults;
  if (options_.bench_blocks > 0) {
    delay_min_ = delay_max_ = 0;
    gst_ = 0;
    return;
  }
  gst_ = rng_.Uniform(1000, 4000);
  if (Has(m, FaultMix::kLossy)) {
    drop_ppm_ = static_cast<uint32_t>(rng_.Uniform(50000, 300000));
    dup_ppm_ = 50000;
    delay_max_ = rng_.Uniform(50, 400);
  }
  if (m == FaultMix::kEpochs) drop_ppm_ = 20000;
  crashes_ = Has(m, FaultMix::kCrash) || m == FaultMix::kEpochs;
  for (uint64_t t = rng_.Uniform(100, 600); t < gst_; t += rng_.Uniform(150, 900)) {
    if (Has(m, FaultMix::kPartition)) {
      Event e;
      e.time = t;
      e.kind = Event::Kind::kNetChange;
      Schedule(e);
    }
    if (crashes_ && rng_.Chance(600000)) {
      size_t node = rng_.Uniform(0, replicas_.size() - 1);
      if (!replicas_[node]->honest()) continue;
      Event crash;
      crash.time = std::min(t + rng_.Uniform(0, 100), gst_ - 1);
      crash.kind = Event::Kind::kCrash;
      crash.node = node;
      Schedule(crash);
      Event restart;
      restart.time = std::min(crash.time + rng_.Uniform(50, 1500), gst_);
      restart.kind = Event::Kind::kRestart;
      restart.node = node;
      Schedule(restart);
    }
  }
  Event gst;
  gst.time = gst_;
  gst.kind = Event::Kind::kGst;
  Schedule(gst);
}

void Sim::SendBytes(size_t from, size_t to, std::shared_ptr<const Bytes> bytes) {
  ++result_.messages;
  if (!after_gst_) {
    if (group_[from] != group_[to] || rng_.Chance(drop_ppm_)) return;
  }
  int copies = (!after_gst_ && rng_.Chance(dup_ppm_)) ? 2 : 1;
  for (int c = 0; c < copies; ++c) {
    Event e;
    e.time = now_ + rng_.Uniform(delay_min_, delay_max_);
    e.kind = Event::Kind::kDeliver;
    e.node = to;
    e.from = from;
    e.bytes = bytes;
    Schedule(e);
  }
}

void Sim::Deliver(const Event& e) {
  Replica& r = *replicas_[e.node];
  if (!r.up) return;
  auto msg = DecodeMessage(*e.bytes);
  if (!msg.ok()) return;
  ++result_.delivered;
  if (r.behavior == Behavior::kReplay) {
    r.replay_buffer.push_back(e.bytes);
    if (r.replay_buffer.size() > 256) r.replay_buffer.pop_front();
  }
  if (options_.trace) {
    Trace("n" + std::to_string(e.node) + " <- n" + std::to_string(e.from) + " " +
          std::string(TypeName(TypeOf(*msg))));
  }
  Execute(r, r.engine->OnMessage(replicas_[e.from]->key.public_key(), *msg, now_));
}

void Sim::NetChange() {
  if (rng_.Chance(300000)) {
    std::fill(group_.begin(), group_.end(), 0);
    Trace("network healed");
    return;
  }
  std::string line = "partition:";
  for (size_t i = 0; i < group_.size(); ++i) {
    group_[i] = static_cast<int>(rng_.Uniform(0, 1));
    line += " n" + std::to_string(i) + "=" + std::to_string(group_[i]);
  }
  Trace(line);
}

void Sim::OnGst() {
  after_gst_ = true;
  drop_ppm_ = dup_ppm_ = 0;
  delay_min_ = kDelayMin;
  delay_max_ = kDelayMax;
  std::fill(group_.begin(), group_.end(), 0);
  Trace("GST: network healed, crashed replicas restart");
  for (auto& r : replicas_) {
    if (r->crash_mid_actions) Crash(*r);
    Restart(*r);
  }
  uint64_t best = 0;
  for (auto& r : replicas_) {
    if (r->honest()) best = std::max(best, CommittedHeight(*r));
    round_at_gst_[r->index] = r->engine ? r->engine->round() : 0;
  }
  goal_height_ = best + options_.liveness_blocks;
  result_.liveness_checked = true;
}

bool Sim::LivenessReached() const {
  for (const auto& r : replicas_) {
    if (r->honest() && CommittedHeight(*r) < goal_height_) return false;
  }
  return true;
}

void Sim::HandleEvent(const Event& e) {
  switch (e.kind) {
    case Event::Kind::kDeliver:
      return Deliver(e);
    case Event::Kind::kTimer: {
      Replica& r = *replicas_[e.node];
      size_t k = static_cast<size_t>(e.timer.kind);
      if (!r.up || e.generation != r.timer_generation[k]) return;
      if (options_.trace) {
        Trace("n" + std::to_string(e.node) + " timer " +
              (e.timer.kind == TimerKind::kRound  ? "round e"
               : e.timer.kind == TimerKind::kSync ? "sync e"
                                                  : "propose e") +
              std::to_string(e.timer.epoch) + " r" + std::to_string(e.timer.round) +
              " (engine e" + std::to_string(r.engine->epoch()) + " r" +
              std::to_string(r.engine->round()) + ")");
      }
      return Execute(r, r.engine->OnTimer(e.timer, now_));
    }
    case Event::Kind::kCrash: {
      Replica& r = *replicas_[e.node];
      if (after_gst_) return;
      if (rng_.Chance(500000)) {
        Crash(r);
      } else {
        r.crash_mid_actions = true;  // crash inside its next list of actions
      }
      return;
    }
    case Event::Kind::kRestart:
      if (replicas_[e.node]->crash_mid_actions) Crash(*replicas_[e.node]);
      return Restart(*replicas_[e.node]);
    case Event::Kind::kNetChange:
      return NetChange();
    case Event::Kind::kGst:
      return OnGst();
  }
}

SimResult Sim::Run() {
  Init();
  ScheduleFaults();
  for (auto& r : replicas_) Restart(*r);
  uint64_t deadline = gst_ + options_.liveness_window_ms;
  while (!queue_.empty()) {
    Event e = queue_.top();
    queue_.pop();
    now_ = e.time;
    if (now_ > deadline) break;
    HandleEvent(e);
    if (!checker_.violations().empty() || !result_.violations.empty()) break;
    if (options_.bench_blocks > 0) {
      bool done = true;
      for (auto& r : replicas_) done = done && CommittedHeight(*r) >= options_.bench_blocks;
      if (done) break;
    } else if (after_gst_ && LivenessReached()) {
      result_.liveness_ok = true;
      result_.liveness_ms = now_ - gst_;
      break;
    }
  }
  Finish();
  return std::move(result_);
}

void Sim::Finish() {
  std::vector<const Disk*> honest;
  result_.min_committed_height = UINT64_MAX;
  for (auto& r : replicas_) {
    if (!r->honest()) continue;
    honest.push_back(&r->disk);
    uint64_t h = CommittedHeight(*r);
    result_.min_committed_height = std::min(result_.min_committed_height, h);
    result_.max_committed_height = std::max(result_.max_committed_height, h);
    result_.epochs = std::max(result_.epochs, r->disk.set.epoch());
    if (r->engine && r->disk.set.epoch() == r->engine->epoch()) {
      uint64_t rounds = r->engine->round() - std::min(r->engine->round(), round_at_gst_[r->index]);
      result_.rounds_after_gst = std::max(result_.rounds_after_gst, rounds);
    }
  }
  checker_.CheckPrefixes(honest);
  for (const std::string& v : checker_.violations()) result_.violations.push_back(v);
  if (options_.bench_blocks == 0 && result_.violations.empty() && !result_.liveness_ok) {
    result_.violations.push_back("LIVENESS: honest replicas did not all reach height " +
                                 std::to_string(goal_height_) + " within " +
                                 std::to_string(options_.liveness_window_ms) + " ms after GST");
  }
  result_.end_ms = now_;
}

SimResult RunSimulation(const SimOptions& options) {
  Sim sim(options);
  return sim.Run();
}

}  // namespace cbec::consensus::sim
