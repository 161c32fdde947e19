// JSON and error-body helpers of the API server.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

#include "cbec/base/status.h"

namespace cbec::node::http {

// Parses `text` as one JSON value (RFC 8259; no comments, no trailing commas,
// strings must be valid UTF-8). Nesting deeper than `max_depth` arrays/objects
// fails with errors::kJsonTooDeep before any parsing, so a body of 100,000 '['
// costs one linear scan; any other defect fails with errors::kBadJson whose
// message names the byte offset. Never throws.
Result<nlohmann::json> ParseJson(std::string_view text, size_t max_depth);

// The HTTP status for an error:
//   kInternal class                         500
//   http.* kinds                            as listed in errors.h
//   base not_found, or a slug ending in
//   ".not_found" / ".unauthorized" /
//   ".forbidden" / ".conflict"              404 / 401 / 403 / 409
//   any other kInvalid                      400
// An OK status maps to 200.
unsigned HttpStatusFor(const Status& s);

// {"error":{"code":N,"slug":"...","message":"..."}} for `s` (keys in that
// order), as sent to clients: internal errors are masked as http.internal.
// REQUIRES: !s.ok().
nlohmann::ordered_json ErrorJson(const Status& s);

// `j` serialised compactly; invalid UTF-8 in strings is replaced, never thrown.
std::string DumpJson(const nlohmann::json& j);
std::string DumpJson(const nlohmann::ordered_json& j);

}  // namespace cbec::node::http
