// Error kinds raised by node/http (codes 3100-3179; 3180-3199 are node/metrics').
// Codes and slugs are part of the API: clients match on them, so a code is never
// renumbered or reused. The HTTP status each maps to is in docs/spec/http.md and
// in HttpStatusFor (json.h).
#pragma once

#include "cbec/base/status.h"

namespace cbec::node::http::errors {

// Request syntax (400 unless noted).
inline constexpr ErrorKind kBadRequest{3100, "http.bad_request"};
inline constexpr ErrorKind kNotFound{3101, "http.not_found"};                   // 404
inline constexpr ErrorKind kMethodNotAllowed{3102, "http.method_not_allowed"};  // 405
inline constexpr ErrorKind kBodyTooLarge{3103, "http.body_too_large"};          // 413
inline constexpr ErrorKind kBadJson{3104, "http.bad_json"};
inline constexpr ErrorKind kUnsupportedMediaType{3105, "http.unsupported_media_type"};  // 415
inline constexpr ErrorKind kTimeout{3106, "http.timeout"};                      // 408
inline constexpr ErrorKind kTooMany{3107, "http.too_many"};                     // 503
inline constexpr ErrorKind kHeaderTooLarge{3108, "http.header_too_large"};      // 431
inline constexpr ErrorKind kBadTarget{3109, "http.bad_target"};
inline constexpr ErrorKind kBadVersion{3110, "http.unsupported_version"};       // 505
inline constexpr ErrorKind kBadParam{3111, "http.bad_param"};
inline constexpr ErrorKind kJsonTooDeep{3112, "http.json_too_deep"};
// Server side.
inline constexpr ErrorKind kUnavailable{3120, "http.unavailable"};              // 503
inline constexpr ErrorKind kHandlerTimeout{3121, "http.handler_timeout"};       // 503
inline constexpr ErrorKind kInternal{3122, "http.internal", ErrorClass::kInternal};  // 500
inline constexpr ErrorKind kListen{3123, "http.listen", ErrorClass::kInternal};
// Programming errors reported at start-up (route registration, SSE publishing).
inline constexpr ErrorKind kBadRoute{3130, "http.bad_route"};
inline constexpr ErrorKind kDuplicateRoute{3131, "http.duplicate_route"};
inline constexpr ErrorKind kBadEvent{3132, "http.bad_event"};

}  // namespace cbec::node::http::errors
