// Error kinds raised by node/src/p2p (codes 3000-3099; never renumbered).
// The wire protocol they refer to is docs/spec/p2p.md.
#pragma once

#include "cbec/base/status.h"

namespace cbec::node::p2p::errors {

// Handshake: the remote side's fault.
inline constexpr ErrorKind kBadMessage{3000, "p2p.bad_message"};
inline constexpr ErrorKind kWrongVersion{3001, "p2p.wrong_version"};
inline constexpr ErrorKind kWrongChain{3002, "p2p.wrong_chain"};
inline constexpr ErrorKind kUnknownKey{3003, "p2p.unknown_key"};
inline constexpr ErrorKind kBadSignature{3004, "p2p.bad_signature"};
inline constexpr ErrorKind kSelfConnection{3005, "p2p.self_connection"};
inline constexpr ErrorKind kHandshakeTimeout{3006, "p2p.handshake_timeout"};
inline constexpr ErrorKind kUnexpectedMessage{3007, "p2p.unexpected_message"};

// Frames on an established link.
inline constexpr ErrorKind kFrameTooLarge{3010, "p2p.frame_too_large"};
inline constexpr ErrorKind kFrameAuthFailed{3011, "p2p.frame_auth_failed"};
inline constexpr ErrorKind kNonceExhausted{3012, "p2p.nonce_exhausted"};
inline constexpr ErrorKind kIdleTimeout{3013, "p2p.idle_timeout"};

// The local API.
inline constexpr ErrorKind kQueueFull{3020, "p2p.queue_full"};
inline constexpr ErrorKind kPeerDown{3021, "p2p.peer_down"};
inline constexpr ErrorKind kUnknownPeer{3022, "p2p.unknown_peer"};
inline constexpr ErrorKind kMessageTooLarge{3023, "p2p.message_too_large"};
inline constexpr ErrorKind kBadConfig{3024, "p2p.bad_config"};
inline constexpr ErrorKind kNotRunning{3025, "p2p.not_running"};

// Ours: sockets, resolver.
inline constexpr ErrorKind kIo{3030, "p2p.io", ErrorClass::kInternal};

}  // namespace cbec::node::p2p::errors
