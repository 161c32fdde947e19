// The host of one simulated replica: its application, its disk, and the
// execution of its engine's actions in order.
#include <algorithm>

#include "sim_internal.h"

namespace cbec::consensus::sim {

std::vector<Bytes> SimApp::ProposePayload(const Block& /*parent*/, uint64_t height) {
  std::vector<Bytes> items;
  items.reserve(options_.payload_items + 1);
  bool idle = options_.bench_blocks == 0 && options_.idle_every != 0 &&
              (height / 4) % options_.idle_every == 0;
  for (size_t i = 0; i < (idle ? 0 : options_.payload_items); ++i) {
    Bytes item(options_.payload_item_bytes, 0);
    uint64_t tag = (height << 20) ^ (static_cast<uint64_t>(index_) << 12) ^ i;
    for (size_t k = 0; k < item.size(); ++k) item[k] = static_cast<uint8_t>(tag >> (8 * (k % 8)));
    items.push_back(std::move(item));
  }
  bool epochs = options_.faults == FaultMix::kEpochs || options_.faults == FaultMix::kChaos;
  if (epochs && height % 8 == 0) items.push_back(ToBytes(kReconfigItem));
  return items;
}

Status SimApp::CheckPayload(const Block& block) {
  if (block.payload.size() > options_.payload_items + 2) {
    return Status(cbec::errors::kInvalidArgument, "too many payload items");
  }
  return Status::Ok();
}

std::optional<CommittedBlock> SimApp::LoadCommitted(uint64_t height) {
  if (height >= disk_.chain.size()) return std::nullopt;
  return disk_.chain[height];
}

std::optional<EpochProof> SimApp::LoadEpochProof(uint64_t epoch) {
  auto it = disk_.epoch_proofs.find(epoch);
  if (it == disk_.epoch_proofs.end()) return std::nullopt;
  return it->second;
}

void Sim::Execute(Replica& r, Actions actions) {
  size_t limit = actions.size();
  bool crash_after = false;
  // A Commit's OnExecuted comes after the rest of this list (actions.h):
  // the list's later actions were decided before the block was executed.
  std::optional<std::pair<uint64_t, std::optional<ledger::ValidatorSet>>> executed;
  if (r.crash_mid_actions && limit > 0) {
    // The crash lands between two actions of this list.
    limit = rng_.Uniform(0, limit - 1);
    crash_after = true;
    r.crash_mid_actions = false;
  }
  for (size_t i = 0; i < limit && r.up; ++i) {
    Action& a = actions[i];
    if (auto* send = std::get_if<action::Send>(&a)) {
      Transmit(r, NodeOf(send->to), send->msg);
    } else if (auto* bc = std::get_if<action::Broadcast>(&a)) {
      if (r.honest()) {
        auto bytes = std::make_shared<const Bytes>(EncodeMessage(bc->msg));  // encode once
        for (const crypto::PublicKey& k : bc->to) {
          if (NodeOf(k) != r.index) SendBytes(r.index, NodeOf(k), bytes);
        }
      } else {
        for (const crypto::PublicKey& k : bc->to) Transmit(r, NodeOf(k), bc->msg);
      }
    } else if (auto* ps = std::get_if<action::PersistSafety>(&a)) {
      r.disk.safety = ps->state;
      if (r.honest()) checker_.OnSafetyPersisted(r.index, ps->state);
    } else if (auto* pb = std::get_if<action::PersistBlock>(&a)) {
      r.disk.blocks[pb->id] = std::move(pb->block);
    } else if (auto* c = std::get_if<action::Commit>(&a)) {
      executed = HandleCommit(r, *c);
    } else if (auto* t = std::get_if<action::SetTimer>(&a)) {
      size_t k = static_cast<size_t>(t->timer.kind);
      Event e;
      e.time = std::max(t->deadline_ms, now_);
      e.kind = Event::Kind::kTimer;
      e.node = r.index;
      e.timer = t->timer;
      e.generation = ++r.timer_generation[k];
      Schedule(std::move(e));
    } else if (auto* ec = std::get_if<action::EpochChange>(&a)) {
      r.disk.epoch_proofs[ec->root.epoch] = std::move(ec->proof);
      r.disk.blocks.clear();
      Trace("n" + std::to_string(r.index) + " epoch -> " + std::to_string(ec->validators.epoch()));
    } else if (auto* ev = std::get_if<action::Evidence>(&a)) {
      if (r.honest()) ++result_.evidence;
      if (options_.trace) {
        Trace("n" + std::to_string(r.index) + " evidence " + std::string(EvidenceName(ev->kind)) +
              " against n" + std::to_string(NodeOf(ev->validator)) + ": " + ev->detail);
      }
    }
  }
  if (crash_after && r.up) Crash(r);
  if (executed && r.up) {
    Execute(r, r.engine->OnExecuted(executed->first, std::move(executed->second), now_));
  }
}

std::optional<std::pair<uint64_t, std::optional<ledger::ValidatorSet>>> Sim::HandleCommit(
    Replica& r, action::Commit& c) {
  if (c.block.height != r.disk.chain.size()) {
    if (r.honest()) checker_.OnCommit(r.index, c.block, c.id);  // reports the gap
    return std::nullopt;
  }
  if (r.honest()) checker_.OnCommit(r.index, c.block, c.id);
  uint64_t height = c.block.height;
  for (auto it = r.disk.blocks.begin(); it != r.disk.blocks.end();) {
    it = it->second.height <= height ? r.disk.blocks.erase(it) : std::next(it);
  }
  if (r.index == 0) result_.payload_items += c.block.payload.size();
  std::optional<ledger::ValidatorSet> next;
  bool reconfig = std::any_of(c.block.payload.begin(), c.block.payload.end(), [](const Bytes& b) {
    return AsChars(b) == kReconfigItem;
  });
  if (reconfig) {
    // Deterministic new set: the same members, rotated by one (new indexes,
    // new leaders; old-epoch signatures stop verifying).
    std::vector<ledger::Validator> v = r.disk.set.validators();
    std::rotate(v.begin(), v.begin() + 1, v.end());
    auto set = ledger::ValidatorSet::Create(r.disk.set.epoch() + 1, std::move(v));
    if (set.ok()) {
      r.disk.set = *set;
      next = *set;
    }
  }
  if (options_.trace) {
    Trace("n" + std::to_string(r.index) + " commit h" + std::to_string(c.block.height) + " e" +
          std::to_string(c.block.epoch) + " r" + std::to_string(c.block.round) + " " +
          c.id.ToHex().substr(0, 8));
  }
  r.disk.chain.push_back(CommittedBlock{std::move(c.block), std::move(c.cert)});
  return std::make_pair(height, std::move(next));
}

void Sim::Crash(Replica& r) {
  if (!r.up) return;
  r.up = false;
  r.engine.reset();
  ++r.incarnation;
  Trace("n" + std::to_string(r.index) + " CRASH");
}

void Sim::Restart(Replica& r) {
  if (r.up) return;
  Bootstrap b;
  b.validators = r.disk.set;
  b.root = r.disk.chain.back().block;
  b.root_qc = r.disk.chain.back().cert;
  b.safety = r.disk.safety;
  for (const auto& [id, block] : r.disk.blocks) b.blocks.push_back(block);
  EngineOptions opts = engine_options_;
  opts.break_voting_rule = options_.break_voting_rule && r.honest();
  auto engine = Engine::Create(opts, r.key, *r.app, verifier_, std::move(b));
  if (!engine.ok()) {
    result_.violations.push_back("n" + std::to_string(r.index) +
                                 " cannot restart: " + engine.status().ToString());
    return;
  }
  r.engine = std::move(engine).value();
  r.up = true;
  r.crash_mid_actions = false;
  Trace("n" + std::to_string(r.index) + " START at h" + std::to_string(CommittedHeight(r)));
  Execute(r, r.engine->Start(now_));
}

size_t Sim::NodeOf(const crypto::PublicKey& key) const {
  auto it = node_of_key_.find(key);
  return it == node_of_key_.end() ? 0 : it->second;
}

}  // namespace cbec::consensus::sim
