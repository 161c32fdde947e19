// JSON readers shared by every contract's argument types (the pieces
// ledger::JsonReader does not have): bounded lists of strings and of hex
// blobs, booleans, and the optional paging "limit".
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/ledger/json.h"

namespace cbec::contracts {

// A JSON array of at most `max` strings of at most `max_len` bytes each;
// kBadJson naming the index otherwise.
Result<std::vector<std::string>> JsonStringList(const nlohmann::json& j, size_t max,
                                                size_t max_len);
// A JSON array of at most `max` lower-case hex strings, each at most
// `max_len` bytes decoded.
Result<std::vector<Bytes>> JsonHexList(const nlohmann::json& j, size_t max, size_t max_len);
// The inverse of JsonHexList.
nlohmann::json HexArray(const std::vector<Bytes>& list);
// A JSON boolean; kBadJson otherwise.
Result<bool> JsonBool(const nlohmann::json& j);
// Reads "limit" into `limit` if `j` has it (paging queries).
void ReadOptionalLimit(ledger::JsonReader& r, const nlohmann::json& j, uint64_t& limit);
// Reads the string `key` into `v` if `j` has it (at most `max` bytes).
void OptionalString(ledger::JsonReader& r, const nlohmann::json& j, std::string_view key,
                    std::string& v, size_t max);
// OK iff `text` is 1-`max` bytes of UTF-8 without control characters (other
// than newline when `allow_newline`: reasons, legal bases, statements);
// otherwise `kind` naming `what`.
Status ValidateText(std::string_view text, size_t max, const ErrorKind& kind, std::string_view what,
                    bool allow_newline = true);
// OK iff 1 <= limit <= kMaxScanLimit (state.h); query.bad_limit otherwise.
Status CheckPageLimit(uint64_t limit);

}  // namespace cbec::contracts
