#include "cbec/node/mempool/types.h"

#include "cbec/node/mempool/errors.h"

namespace cbec::node::mempool {

std::string_view RejectReasonName(RejectReason reason) {
  switch (reason) {
    case RejectReason::kInvalid:
      return "invalid";
    case RejectReason::kFull:
      return "full";
    case RejectReason::kAccountFull:
      return "account_full";
    case RejectReason::kDuplicate:
      return "duplicate";
    case RejectReason::kStaleNonce:
      return "stale_nonce";
    case RejectReason::kNonceGap:
      return "nonce_gap_too_large";
    case RejectReason::kTooLarge:
      return "tx_too_large";
    case RejectReason::kNonceConflict:
      return "nonce_conflict";
    case RejectReason::kExpired:
      return "expired";
    case RejectReason::kBusy:
      return "busy";
    case RejectReason::kShuttingDown:
      return "shutting_down";
  }
  return "invalid";
}

RejectReason ReasonOf(const Status& status) {
  static constexpr std::pair<ErrorKind, RejectReason> kMap[] = {
      {errors::kFull, RejectReason::kFull},
      {errors::kAccountFull, RejectReason::kAccountFull},
      {errors::kDuplicate, RejectReason::kDuplicate},
      {errors::kStaleNonce, RejectReason::kStaleNonce},
      {errors::kNonceGapTooLarge, RejectReason::kNonceGap},
      {errors::kTxTooLarge, RejectReason::kTooLarge},
      {errors::kNonceConflict, RejectReason::kNonceConflict},
      {errors::kExpired, RejectReason::kExpired},
      {errors::kBusy, RejectReason::kBusy},
      {errors::kShuttingDown, RejectReason::kShuttingDown},
  };
  for (const auto& [kind, reason] : kMap) {
    if (status.Is(kind)) return reason;
  }
  return RejectReason::kInvalid;
}

}  // namespace cbec::node::mempool
