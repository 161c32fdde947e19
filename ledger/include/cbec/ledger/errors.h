// Error kinds raised by ledger/ (codec 200-249, ledger types 250-399; never
// renumbered). The format itself is specified in docs/spec/codec.md.
#pragma once

#include "cbec/base/status.h"

namespace cbec::ledger::errors {

inline constexpr ErrorKind kTruncated{200, "codec.truncated"};
inline constexpr ErrorKind kTrailingBytes{201, "codec.trailing_bytes"};
inline constexpr ErrorKind kNonMinimalVarint{202, "codec.non_minimal_varint"};
inline constexpr ErrorKind kVarintOverflow{203, "codec.varint_overflow"};
inline constexpr ErrorKind kTooLong{204, "codec.too_long"};
inline constexpr ErrorKind kUnknownTag{205, "codec.unknown_tag"};
inline constexpr ErrorKind kBadBool{206, "codec.bad_bool"};
inline constexpr ErrorKind kBadUtf8{207, "codec.bad_utf8"};
inline constexpr ErrorKind kUnsortedMap{208, "codec.unsorted_map"};
inline constexpr ErrorKind kBadValue{209, "codec.bad_value"};

inline constexpr ErrorKind kWrongChain{250, "tx.wrong_chain"};
inline constexpr ErrorKind kBadTxSignature{251, "tx.bad_signature"};
inline constexpr ErrorKind kBadName{252, "tx.bad_name"};
inline constexpr ErrorKind kBadJson{260, "json.invalid"};
inline constexpr ErrorKind kBadCheckpoint{270, "checkpoint.invalid"};
inline constexpr ErrorKind kNoQuorum{271, "checkpoint.no_quorum"};

}  // namespace cbec::ledger::errors
