// The safety invariants, checked after every step (docs/consensus.md,
// "Simulator"): agreement per height, ordered gap-free delivery, prefix
// chains, and no honest replica voting twice in a round.
#include "sim_internal.h"

namespace cbec::consensus::sim {

namespace {
std::string Short(const BlockId& id) { return id.ToHex().substr(0, 12); }
}  // namespace

void Checker::Violation(std::string what) {
  if (violations_.size() < 16) violations_.push_back(std::move(what));
}

void Checker::SetGenesis(const BlockId& id) {
  committed_[0] = id;
  for (BlockId& last : last_id_) last = id;
}

void Checker::OnCommit(size_t node, const Block& block, const BlockId& id) {
  std::string who = "n" + std::to_string(node);
  if (block.height != last_height_[node] + 1) {
    Violation(who + " delivered height " + std::to_string(block.height) + " after " +
              std::to_string(last_height_[node]) + " (gap or repeat)");
  } else if (block.parent_hash != last_id_[node]) {
    Violation(who + " committed h" + std::to_string(block.height) +
              " whose parent is not its previous commit");
  }
  auto [it, inserted] = committed_.emplace(block.height, id);
  if (!inserted && it->second != id) {
    Violation("AGREEMENT: two blocks committed at height " + std::to_string(block.height) + ": " +
              Short(it->second) + " and " + Short(id) + " (by " + who + ")");
  }
  last_height_[node] = block.height;
  last_id_[node] = id;
}

void Checker::OnSafetyPersisted(size_t node, const SafetyState& s) {
  if (!s.last_vote) return;
  const VoteData& v = *s.last_vote;
  auto [it, inserted] = votes_.emplace(std::make_tuple(node, v.epoch, v.round), v.block_id);
  if (!inserted && it->second != v.block_id) {
    Violation("DOUBLE VOTE: honest n" + std::to_string(node) + " voted for " + Short(it->second) +
              " and " + Short(v.block_id) + " in epoch " + std::to_string(v.epoch) + " round " +
              std::to_string(v.round));
  }
}

void Checker::CheckPrefixes(const std::vector<const Disk*>& honest) {
  const Disk* longest = nullptr;
  for (const Disk* d : honest) {
    if (longest == nullptr || d->chain.size() > longest->chain.size()) longest = d;
  }
  for (const Disk* d : honest) {
    for (size_t h = 0; h < d->chain.size(); ++h) {
      if (d->chain[h].block != longest->chain[h].block) {
        Violation("PREFIX: an honest chain departs from the longest at height " +
                  std::to_string(h));
        break;
      }
    }
  }
}

}  // namespace cbec::consensus::sim
