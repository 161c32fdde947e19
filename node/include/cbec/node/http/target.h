// Strict parsing of request targets: "/v1/blocks/12?from=3&kind=commit".
//
// Decoding rules (docs/spec/http.md, "Targets"):
// - origin-form "/a/b?q" and absolute-form "http://host/a/b?q" are accepted; "*"
//   only by the caller for OPTIONS; anything else fails.
// - the path is split on '/' first and each segment percent-decoded after, so
//   "%2F" stays inside its segment; empty segments are kept (and match nothing).
// - "%XX" needs two hex digits; in the query '+' means a space.
// - decoded text must be valid UTF-8 without control characters (< 0x20, 0x7F).
// - query: pairs separated by '&', each "key" or "key=value" with a non-empty
//   key; duplicate keys and empty pairs fail.
// Every failure is errors::kBadTarget with a message saying what was wrong.
//
// Thread-safety: pure functions.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cbec/base/status.h"

namespace cbec::node::http {

struct Target {
  std::string path;                   // decoded, '/'-joined (for logs and handlers)
  std::vector<std::string> segments;  // decoded; "/" has none
  std::map<std::string, std::string, std::less<>> query;
};

// Decodes %XX escapes (and '+' as space when `plus_is_space`), then checks the
// result as above.
Result<std::string> PercentDecode(std::string_view s, bool plus_is_space);

Result<std::map<std::string, std::string, std::less<>>> ParseQuery(std::string_view query);

Result<Target> ParseTarget(std::string_view target);

}  // namespace cbec::node::http
