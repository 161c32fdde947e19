#include "cbec/consensus/messages.h"

#include <algorithm>

#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"

namespace cbec::consensus {

using ledger::Reader;
using ledger::Writer;

namespace {
constexpr size_t kMaxChainIdBytes = 128;

// Signer lists must be strictly increasing by index (one canonical form, and
// no signer counted twice).
template <class Ar, class Vec, class IndexOf>
void CheckStrictlyIncreasing(Ar& ar, const Vec& v, IndexOf index_of, std::string_view what) {
  if constexpr (Ar::kReading) {
    for (size_t i = 1; i < v.size() && ar.ok(); ++i) {
      ar.Check(index_of(v[i - 1]) < index_of(v[i]), what);
    }
  }
}
}  // namespace

template <class Ar, class Self>
void TimeoutSig::Codec(Ar& ar, Self& s) {
  ar.U16(s.signer);
  ar.U64(s.hqc_round);
  ar.Fixed(s.sig);
}

uint64_t TimeoutCert::HighestHqcRound() const {
  uint64_t best = 0;
  for (const TimeoutSig& s : sigs) best = std::max(best, s.hqc_round);
  return best;
}

template <class Ar, class Self>
void TimeoutCert::Codec(Ar& ar, Self& s) {
  ar.U64(s.epoch);
  ar.U64(s.round);
  ar.Object(s.high_qc);
  ar.List(s.sigs, ledger::ValidatorSet::kMaxValidators);
  CheckStrictlyIncreasing(ar, s.sigs, [](const TimeoutSig& t) { return t.signer; },
                          "TC signers not strictly increasing");
}

template <class Ar, class Self>
void Proposal::Codec(Ar& ar, Self& s) {
  ar.Object(s.block);
  ar.Optional(s.last_tc);
  ar.Fixed(s.sig);
}

template <class Ar, class Self>
void Vote::Codec(Ar& ar, Self& s) {
  ar.Object(s.data);
  ar.U16(s.voter);
  ar.Fixed(s.sig);
}

template <class Ar, class Self>
void Timeout::Codec(Ar& ar, Self& s) {
  ar.U64(s.epoch);
  ar.U64(s.round);
  ar.Object(s.high_qc);
  ar.Optional(s.last_tc);
  ar.U16(s.sender);
  ar.Fixed(s.sig);
}

template <class Ar, class Self>
void SyncInfo::Codec(Ar& ar, Self& s) {
  ar.U64(s.epoch);
  ar.Object(s.high_qc);
  ar.Optional(s.high_tc);
}

template <class Ar, class Self>
void SyncRequest::Codec(Ar& ar, Self& s) {
  ar.U64(s.epoch);
  ar.U64(s.from_height);
  ar.Fixed(s.target_id);
  ar.U64(s.target_height);
}

template <class Ar, class Self>
void SyncResponse::Codec(Ar& ar, Self& s) {
  ar.U64(s.epoch);
  ar.List(s.blocks, kMaxBlocks);
  ar.List(s.qcs, kMaxQcs);
}

#define CBEC_INSTANTIATE_CODEC(T)                 \
  template void T::Codec(Writer&, const T&); \
  template void T::Codec(Reader&, T&)
CBEC_INSTANTIATE_CODEC(TimeoutSig);
CBEC_INSTANTIATE_CODEC(TimeoutCert);
CBEC_INSTANTIATE_CODEC(Proposal);
CBEC_INSTANTIATE_CODEC(Vote);
CBEC_INSTANTIATE_CODEC(Timeout);
CBEC_INSTANTIATE_CODEC(SyncInfo);
CBEC_INSTANTIATE_CODEC(SyncRequest);
CBEC_INSTANTIATE_CODEC(SyncResponse);
#undef CBEC_INSTANTIATE_CODEC

MessageType TypeOf(const Message& m) { return static_cast<MessageType>(m.index() + 1); }

std::string_view TypeName(MessageType t) {
  switch (t) {
    case MessageType::kProposal: return "proposal";
    case MessageType::kVote: return "vote";
    case MessageType::kTimeout: return "timeout";
    case MessageType::kSyncInfo: return "sync_info";
    case MessageType::kSyncRequest: return "sync_request";
    case MessageType::kSyncResponse: return "sync_response";
  }
  return "unknown";
}

Bytes EncodeMessage(const Message& m) {
  Writer w;
  MessageType t = TypeOf(m);
  w.Enum(t);
  std::visit([&w](const auto& body) { w.Object(body); }, m);
  return w.Take();
}

namespace {
template <class T>
Result<Message> DecodeBody(Reader& r) {
  T body{};
  r.Object(body);
  Status s = r.Finish();
  if (!s.ok()) return s;
  return Message(std::move(body));
}
}  // namespace

Result<Message> DecodeMessage(ByteView bytes) {
  Reader r(bytes);
  MessageType t{};
  r.Enum(t);
  if (!r.ok()) return r.status();
  switch (t) {
    case MessageType::kProposal: return DecodeBody<Proposal>(r);
    case MessageType::kVote: return DecodeBody<Vote>(r);
    case MessageType::kTimeout: return DecodeBody<Timeout>(r);
    case MessageType::kSyncInfo: return DecodeBody<SyncInfo>(r);
    case MessageType::kSyncRequest: return DecodeBody<SyncRequest>(r);
    case MessageType::kSyncResponse: return DecodeBody<SyncResponse>(r);
  }
  return Status(ledger::errors::kUnknownTag, "unknown message type");
}

crypto::Hash ProposalDigest(crypto::Suite suite, std::string_view chain_id, uint64_t epoch,
                            uint64_t round, const BlockId& block_id) {
  Writer w(96);
  w.String(std::string(chain_id), kMaxChainIdBytes);
  w.U64(epoch);
  w.U64(round);
  w.Fixed(block_id);
  return crypto::TaggedDigest(suite, crypto::Domain::kProposal, w.bytes());
}

crypto::Hash TimeoutDigest(crypto::Suite suite, std::string_view chain_id, uint64_t epoch,
                           uint64_t round, uint64_t hqc_round) {
  Writer w(64);
  w.String(std::string(chain_id), kMaxChainIdBytes);
  w.U64(epoch);
  w.U64(round);
  w.U64(hqc_round);
  return crypto::TaggedDigest(suite, crypto::Domain::kTimeout, w.bytes());
}

}  // namespace cbec::consensus
