// Money and other exact decimals in contract arguments.
//
// Amounts are integer fen (1 RMB = 100 fen) inside the ledger and decimal
// strings on the API ("1234.56"): parsed exactly, digit by digit, never
// through binary floating point. The same parser reads other fixed-point quantities
// (a quantity or a weight with up to 4 decimals) as integers scaled by
// 10^decimals.
//
// Accepted text: one or more ASCII digits without a superfluous leading zero
// ("0", "7", "12"; not "01"), optionally '.' and 1..decimals digits ("0.5",
// "12.30"). Refused: an empty string, signs ("-1", "+1"), spaces anywhere,
// exponents ("1e3"), a bare or trailing point ("1.", ".5"), more decimals
// than allowed ("1.234" as money) and values above the maximum.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "cbec/base/status.h"

namespace cbec::contracts {

// Integer fen. Non-negative amounts only; values stay <= kMaxFen, so that any
// sum of a few hundred of them fits in 64 bits without overflow.
using Fen = uint64_t;
inline constexpr unsigned kFenDecimals = 2;
// The largest value ParseFen / ParseScaled accept: 2^63 - 1 (fits int64 too).
inline constexpr uint64_t kMaxScaled = 0x7fffffffffffffffULL;

// `text` as an integer scaled by 10^decimals (ParseScaled("1.5", 4) = 15000).
// Fails with clearance.bad_amount naming the fault for anything the header
// comment refuses, including a value above kMaxScaled.
// REQUIRES: decimals <= 6.
Result<uint64_t> ParseScaled(std::string_view text, unsigned decimals);
// ParseScaled(text, 2): "1234.56" -> 123456 fen.
Result<Fen> ParseFen(std::string_view text);

// The inverse: always exactly `decimals` decimals (FormatScaled(15000, 4) =
// "1.5000"; FormatScaled(7, 0) = "7"). REQUIRES: decimals <= 6.
std::string FormatScaled(uint64_t value, unsigned decimals);
// FormatScaled(fen, 2): 123456 -> "1234.56", 5 -> "0.05".
std::string FormatFen(Fen fen);

}  // namespace cbec::contracts
