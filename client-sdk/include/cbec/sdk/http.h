// The SDK's transport: a small blocking HTTP/1.1 client over Boost.Beast and a
// server-sent-events reader for GET /v1/events (docs/api.md).
//
// HttpConnection keeps one keep-alive TCP connection to one node, reconnecting
// on the next request after any failure. Every wait is bounded (connect, send,
// read), answers are bounded in size, and no exception leaves this layer:
// Boost errors become Status values (errors.h):
//   kBadAddress   the address is not host:port (or the host does not resolve)
//   kUnreachable  refused, reset, timed out, closed mid-answer, oversize or
//                 malformed answer; the message names the address and cause
// Any complete HTTP answer, whatever its status code, is a success here: the
// caller decides what a 404 or a 503 means.
//
// Thread-safety: HttpConnection and SseReader are single-threaded values (one
// per thread, or guarded by the caller; sdk::Client keeps a pool).
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cbec/base/status.h"

namespace cbec::sdk {

struct HttpOptions {
  // Bound on resolving and connecting. Default: 10 s.
  std::chrono::milliseconds connect_timeout{10000};
  // Bound on sending a request and reading its whole answer (for SSE: on the
  // silence between two reads; the node sends a heartbeat every 15 s).
  // Default: 10 s.
  std::chrono::milliseconds read_timeout{10000};
  // Answers with a larger body are refused (kUnreachable: "answer too
  // large"). Default: 16 MiB.
  size_t max_response_bytes = size_t{16} << 20;
};

// host:port, split. The host is a name, an IPv4 address or a bracketed IPv6
// address ("[::1]:26601").
struct HostPort {
  std::string host;
  uint16_t port = 0;
};
// kBadAddress unless `address` is host:port with a port in 1-65535.
Result<HostPort> ParseAddress(std::string_view address);

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";  // "GET" or "POST"
  std::string target;          // path and query, already percent-encoded
  std::string body;            // sent only when non-empty or method is POST
  std::string content_type = "application/json";
  HttpHeaders headers;  // extra headers (e.g. Authorization)
};

struct HttpResponse {
  unsigned status = 0;
  std::string body;
  HttpHeaders headers;

  // The first header named `name` (case-insensitive), or "".
  std::string Header(std::string_view name) const;
};

// %-encodes everything but RFC 3986 unreserved characters (for query values).
std::string UrlEncode(std::string_view text);

class HttpConnection {
 public:
  // Nothing connects until the first Send.
  HttpConnection(std::string address, HttpOptions options = {});
  ~HttpConnection();
  HttpConnection(HttpConnection&&) noexcept;
  HttpConnection& operator=(HttpConnection&&) noexcept;

  // Sends `req` and reads the whole answer. Reuses the open connection when
  // the node kept it alive; a request on a connection the node closed while
  // idle is retried once on a fresh one. Errors: kBadAddress, kUnreachable.
  Result<HttpResponse> Send(const HttpRequest& req);

  // Drops the connection (the next Send reconnects).
  void Close();

  const std::string& address() const { return address_; }

 private:
  struct Impl;
  std::string address_;
  HttpOptions options_;
  std::unique_ptr<Impl> impl_;
};

// One server-sent event (the "data" lines joined with "\n").
struct SseEvent {
  std::string id;     // "" if the event carried none
  std::string event;  // "message" if the event named none
  std::string data;
};

// Reads GET `target` as a text/event-stream, one event at a time.
// Comments (": heartbeat") and "retry:" lines are consumed silently.
class SseReader {
 public:
  SseReader(std::string address, std::string target, HttpOptions options = {});
  ~SseReader();
  SseReader(SseReader&&) noexcept;
  SseReader& operator=(SseReader&&) noexcept;

  // Connects and sends the request, with Last-Event-ID when `last_event_id`
  // is set. Fails with kBadAddress / kUnreachable, or with Status::Remote
  // (the node's error body) when the answer is not 200 text/event-stream.
  Status Open(std::optional<std::string> last_event_id = std::nullopt);

  // The next event. Returns nullopt when `poll` passed with no complete
  // event (so the caller can look at a stop flag and call again), an error
  // (kUnreachable) when the stream dropped or stayed silent for longer than
  // options.read_timeout, after which the reader must be opened again.
  // REQUIRES: Open() succeeded.
  Result<std::optional<SseEvent>> Next(std::chrono::milliseconds poll);

  // The id of the last event returned (what to resume from), if any.
  const std::optional<std::string>& last_event_id() const { return last_id_; }
  const std::string& address() const { return address_; }

 private:
  struct Impl;
  std::string address_;
  std::string target_;
  HttpOptions options_;
  std::optional<std::string> last_id_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cbec::sdk
