// Pieces of sdk::Client shared by its source files (private to the SDK).
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "cbec/sdk/client.h"

namespace cbec::sdk {

// One answer and the node (index into nodes()) that gave it.
struct Client::Answer {
  size_t node = 0;
  HttpResponse response;
};

namespace internal {

// The answer's JSON body when its status is 2xx; otherwise the node's error
// as Status::Remote (kBadResponse for a body that is not an error or not JSON).
Result<nlohmann::json> ParseAnswer(const HttpResponse& response, const std::string& address);

inline uint64_t WallClockMs() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
}

// kBadResponse "<address>: <what>" for an answer without the documented shape.
inline Status BadAnswer(const std::string& address, const std::string& what) {
  return Status(errors::kBadResponse, address + ": " + what);
}

}  // namespace internal
}  // namespace cbec::sdk
