// Sending: honest replicas send what their engine says; Byzantine ones
// (at most f) twist it. Each behaviour is one small function.
#include "sim_internal.h"

namespace cbec::consensus::sim {

std::string_view BehaviorName(Behavior b) {
  switch (b) {
    case Behavior::kHonest: return "honest";
    case Behavior::kEquivocate: return "equivocate";
    case Behavior::kDoubleVote: return "double-vote";
    case Behavior::kBadSignature: return "bad-signature";
    case Behavior::kReplay: return "replay";
    case Behavior::kSilent: return "silent";
  }
  return "?";
}

void Sim::Transmit(Replica& from, size_t to, const Message& msg) {
  if (to == from.index) return;
  if (!from.honest()) return ByzantineTransmit(from, to, msg);
  SendBytes(from.index, to, std::make_shared<const Bytes>(EncodeMessage(msg)));
}

namespace {
crypto::Suite SuiteOf(const Replica& r) { return r.disk.set.suite(); }

// A second, conflicting block for the same round: same parent and QC,
// another payload. Signed by the (Byzantine) leader.
Proposal Conflicting(const Replica& r, const Proposal& p) {
  Proposal q = p;
  q.block.payload.push_back(ToBytes("equivocation"));
  BlockId id = ledger::BlockIdOf(SuiteOf(r), q.block);
  q.sig = r.key.Sign(
      ProposalDigest(SuiteOf(r), kChainId, q.block.epoch, q.block.round, id).view());
  return q;
}

// A vote for a block that does not exist, in the same round as `v`.
Vote SecondVote(const Replica& r, const Vote& v, uint64_t salt) {
  Vote w = v;
  for (size_t i = 0; i < 8; ++i) w.data.block_id[i] ^= static_cast<uint8_t>(salt >> (8 * i));
  w.data.block_id[31] ^= 0x5a;
  w.sig = r.key.Sign(ledger::VoteDigest(SuiteOf(r), kChainId, w.data).view());
  return w;
}

void CorruptSignature(Message& m) {
  if (auto* p = std::get_if<Proposal>(&m)) p->sig[0] ^= 0x01;
  if (auto* v = std::get_if<Vote>(&m)) v->sig[5] ^= 0x80;
  if (auto* t = std::get_if<Timeout>(&m)) t->sig[63] ^= 0x02;
}
}  // namespace

void Sim::ByzantineTransmit(Replica& from, size_t to, const Message& msg) {
  auto send = [&](const Message& m) {
    SendBytes(from.index, to, std::make_shared<const Bytes>(EncodeMessage(m)));
  };
  switch (from.behavior) {
    case Behavior::kHonest:
      return send(msg);
    case Behavior::kSilent:
      return;
    case Behavior::kBadSignature: {
      Message m = msg;
      CorruptSignature(m);
      return send(m);
    }
    case Behavior::kEquivocate: {
      const auto* p = std::get_if<Proposal>(&msg);
      if (p == nullptr) return send(msg);
      // Half of the replicas get one block, the other half another; some get
      // both (in either order), which only the voting rules stop.
      Proposal other = Conflicting(from, *p);
      bool both = rng_.Chance(500000);
      if (to % 2 == 1) {
        send(other);
        if (both) send(msg);
      } else {
        send(msg);
        if (both) send(other);
      }
      return;
    }
    case Behavior::kDoubleVote: {
      send(msg);
      if (const auto* v = std::get_if<Vote>(&msg)) send(SecondVote(from, *v, rng_.Next()));
      return;
    }
    case Behavior::kReplay: {
      send(msg);
      if (!from.replay_buffer.empty() && rng_.Chance(500000)) {
        size_t pick = rng_.Uniform(0, from.replay_buffer.size() - 1);
        size_t target = rng_.Uniform(0, replicas_.size() - 1);
        if (target != from.index) SendBytes(from.index, target, from.replay_buffer[pick]);
      }
      return;
    }
  }
}

}  // namespace cbec::consensus::sim
