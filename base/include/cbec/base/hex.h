// Lower-case hexadecimal, strict on input.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cbec/base/status.h"

namespace cbec {

// Lower-case hex of `b`.
std::string HexEncode(std::span<const uint8_t> b);

// Decodes an even number of hex digits (either case). An odd length or a
// non-hex character fails with errors::kBadHex naming the offset.
Result<std::vector<uint8_t>> HexDecode(std::string_view hex);

}  // namespace cbec
