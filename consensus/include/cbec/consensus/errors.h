// Error kinds raised by consensus/ (codes 400-599; never renumbered).
//
//   400-429  messages: decoding and signatures
//   430-459  safety rules (a vote or timeout the rules refuse)
//   460-499  blocks, certificates, sync and epochs
#pragma once

#include "cbec/base/status.h"

namespace cbec::consensus::errors {

inline constexpr ErrorKind kBadMessage{400, "consensus.bad_message"};
inline constexpr ErrorKind kUnknownSender{401, "consensus.unknown_sender"};
inline constexpr ErrorKind kBadSignature{402, "consensus.bad_signature"};
inline constexpr ErrorKind kWrongEpoch{403, "consensus.wrong_epoch"};
inline constexpr ErrorKind kRoundOutOfWindow{404, "consensus.round_out_of_window"};
inline constexpr ErrorKind kWrongLeader{405, "consensus.wrong_leader"};
inline constexpr ErrorKind kWrongChainId{406, "consensus.wrong_chain_id"};

inline constexpr ErrorKind kAlreadyVoted{430, "consensus.safety.already_voted"};
inline constexpr ErrorKind kNotSafeToVote{431, "consensus.safety.not_safe_to_vote"};
inline constexpr ErrorKind kNotSafeToTimeout{432, "consensus.safety.not_safe_to_timeout"};
inline constexpr ErrorKind kSafetyEpoch{433, "consensus.safety.wrong_epoch"};

inline constexpr ErrorKind kBadQc{460, "consensus.bad_qc"};
inline constexpr ErrorKind kBadTc{461, "consensus.bad_tc"};
inline constexpr ErrorKind kBadBlock{462, "consensus.bad_block"};
inline constexpr ErrorKind kMissingParent{463, "consensus.missing_parent"};
inline constexpr ErrorKind kPayloadRejected{464, "consensus.payload_rejected"};
inline constexpr ErrorKind kBadSyncResponse{465, "consensus.bad_sync_response"};
inline constexpr ErrorKind kTreeFull{466, "consensus.tree_full"};
inline constexpr ErrorKind kBadBootstrap{467, "consensus.bad_bootstrap", ErrorClass::kInternal};

}  // namespace cbec::consensus::errors
