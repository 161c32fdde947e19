#include "cbec/ledger/block.h"

#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"

namespace cbec::ledger {

namespace {
// Chain ids are short printable names; the bound only matters when decoding.
constexpr size_t kMaxChainIdBytes = 128;

Status BadValue(std::string what) { return Status(errors::kBadValue, std::move(what)); }
}  // namespace

template <class Ar, class Self>
void VoteData::Codec(Ar& ar, Self& s) {
  ar.U64(s.epoch);
  ar.U64(s.round);
  ar.Fixed(s.block_id);
  ar.U64(s.height);
  ar.Fixed(s.parent_id);
  ar.U64(s.parent_round);
}
template void VoteData::Codec(Writer&, const VoteData&);
template void VoteData::Codec(Reader&, VoteData&);

template <class Ar, class Self>
void QuorumCert::Codec(Ar& ar, Self& s) {
  ar.Object(s.data);
  ar.Object(s.signatures);
  if constexpr (Ar::kReading) {
    // One encoding per value: a genesis QC carries no signatures, and a
    // certified block's round is above its parent's.
    if (s.data.round == 0) {
      ar.Check(s.signatures.sigs.empty(), "genesis QC with signatures");
    } else {
      ar.Check(s.data.parent_round < s.data.round, "QC parent round not below its round");
      ar.Check(s.data.height > 0, "QC of a non-genesis round at height 0");
    }
  }
}
template void QuorumCert::Codec(Writer&, const QuorumCert&);
template void QuorumCert::Codec(Reader&, QuorumCert&);

QuorumCert QuorumCert::Genesis(uint64_t epoch, const BlockId& root, uint64_t root_height) {
  QuorumCert qc;
  qc.data.epoch = epoch;
  qc.data.round = 0;
  qc.data.block_id = root;
  qc.data.height = root_height;
  qc.data.parent_id = root;
  qc.data.parent_round = 0;
  return qc;
}

namespace {
template <class Ar, class Self>
void PayloadCodec(Ar& ar, Self& payload) {
  uint64_t n = payload.size();
  ar.Varint(n);
  if constexpr (Ar::kReading) {
    if (n > Block::kMaxPayloadItems) {
      ar.Fail(errors::kTooLong, "payload of " + std::to_string(n) + " items");
      return;
    }
    if (n > ar.remaining()) {
      ar.Fail(errors::kTruncated, "payload count exceeds the bytes left");
      return;
    }
    payload.resize(n);
    size_t total = 0;
    for (size_t i = 0; i < n && ar.ok(); ++i) {
      ar.Blob(payload[i], Block::kMaxPayloadItemBytes);
      total += payload[i].size();
      if (total > Block::kMaxPayloadBytes) ar.Fail(errors::kTooLong, "payload over its byte limit");
    }
  } else {
    for (const Bytes& item : payload) ar.Blob(item);
  }
}
}  // namespace

template <class Ar, class Self>
void Block::Codec(Ar& ar, Self& s) {
  ar.U64(s.epoch);
  ar.U64(s.round);
  ar.U64(s.height);
  ar.Fixed(s.parent_hash);
  ar.Object(s.justify);
  ar.U16(s.proposer);
  ar.U64(s.time);
  PayloadCodec(ar, s.payload);
  if constexpr (Ar::kReading) {
    if (ar.ok()) {
      Status st = s.Validate();
      if (!st.ok()) ar.Fail(st.kind(), st.message());
    }
  }
}
template void Block::Codec(Writer&, const Block&);
template void Block::Codec(Reader&, Block&);

template <class Ar, class Self>
void BlockHeader::Codec(Ar& ar, Self& s) {
  ar.U64(s.epoch);
  ar.U64(s.round);
  ar.U64(s.height);
  ar.Fixed(s.parent_hash);
  ar.Object(s.justify);
  ar.U16(s.proposer);
  ar.U64(s.time);
  ar.Varint(s.payload_count);
  ar.Fixed(s.payload_digest);
}
template void BlockHeader::Codec(Writer&, const BlockHeader&);
template void BlockHeader::Codec(Reader&, BlockHeader&);

Block Block::Genesis(uint64_t time_ms) {
  Block b;
  b.time = time_ms;
  return b;
}

Status Block::Validate() const {
  if (payload.size() > kMaxPayloadItems) {
    return Status(errors::kTooLong, "payload of " + std::to_string(payload.size()) + " items");
  }
  size_t total = 0;
  for (const Bytes& item : payload) {
    if (item.size() > kMaxPayloadItemBytes) return Status(errors::kTooLong, "payload item too long");
    total += item.size();
  }
  if (total > kMaxPayloadBytes) return Status(errors::kTooLong, "payload over its byte limit");
  if (height == 0) {
    if (round != 0 || epoch != 0 || !parent_hash.IsZero() || !payload.empty()) {
      return BadValue("block 0 must be the genesis block");
    }
    return Status::Ok();
  }
  if (justify.block_id() != parent_hash) return BadValue("parent hash differs from justify QC");
  if (justify.epoch() != epoch) return BadValue("justify QC of another epoch");
  if (justify.height() + 1 != height) return BadValue("height is not the parent's + 1");
  if (justify.round() >= round) return BadValue("round not above the justify QC's");
  return Status::Ok();
}

Hash32 PayloadDigest(crypto::Suite suite, const std::vector<Bytes>& payload) {
  crypto::Hasher h(suite);
  h.Update(static_cast<uint8_t>(crypto::Domain::kPayload));
  Writer w;
  w.Varint(payload.size());
  h.Update(w.bytes());
  for (const Bytes& item : payload) {
    Writer len;
    len.Varint(item.size());
    h.Update(len.bytes());
    h.Update(item);
  }
  return h.Final();
}

BlockHeader HeaderOf(crypto::Suite suite, const Block& b) {
  BlockHeader h;
  h.epoch = b.epoch;
  h.round = b.round;
  h.height = b.height;
  h.parent_hash = b.parent_hash;
  h.justify = b.justify;
  h.proposer = b.proposer;
  h.time = b.time;
  h.payload_count = b.payload.size();
  h.payload_digest = PayloadDigest(suite, b.payload);
  return h;
}

BlockId HeaderId(crypto::Suite suite, const BlockHeader& header) {
  return crypto::TaggedDigest(suite, crypto::Domain::kBlock, Encode(header));
}

BlockId BlockIdOf(crypto::Suite suite, const Block& block) {
  return HeaderId(suite, HeaderOf(suite, block));
}

crypto::Hash VoteDigest(crypto::Suite suite, std::string_view chain_id, const VoteData& data) {
  Writer w(128);
  w.String(std::string(chain_id), kMaxChainIdBytes);
  w.Object(data);
  return crypto::TaggedDigest(suite, crypto::Domain::kVote, w.bytes());
}

Status VerifyQuorumCert(const QuorumCert& qc, const ValidatorSet& set, std::string_view chain_id) {
  if (qc.IsGenesis()) return BadValue("a genesis QC is trusted from its root, not verified");
  if (qc.epoch() != set.epoch()) {
    return BadValue("QC of epoch " + std::to_string(qc.epoch()) + ", set of epoch " +
                    std::to_string(set.epoch()));
  }
  return set.VerifyQuorum(VoteDigest(set.suite(), chain_id, qc.data).view(), qc.signatures);
}

}  // namespace cbec::ledger
