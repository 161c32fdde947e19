// Requests, responses and the three kinds of handler the API server runs.
//
//   Handler        Response(const Request&): answers at once, on an I/O thread.
//                  Keep it short; anything slow belongs in an AsyncHandler.
//   AsyncHandler   void(Request, Responder): takes the request and answers later,
//                  from any thread, through the Responder.
//   StreamHandler  Result<StreamStart>(const Request&): keeps the connection open
//                  and sends what the handler writes to a StreamSink (server-sent
//                  events are built on it, see sse.h).
//
// A handler that throws gets a 500 http.internal answer; nothing a handler or a
// client does takes the server down. Conventions (error body, codes, limits) are
// in docs/spec/http.md.
//
// Thread-safety: Request and Response are values. Responder and StreamSink are
// safe to use from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cbec/base/status.h"

namespace cbec::node::http {

enum class Method : uint8_t { kGet, kHead, kPost, kPut, kDelete, kPatch, kOptions, kOther };

// "GET", "HEAD", ...; "OTHER" for kOther.
std::string_view MethodName(Method m);

// A canonical decimal uint64 ("0", "42"; no sign, spaces or leading zeros), or
// nullopt.
std::optional<uint64_t> ParseDecimalU64(std::string_view s);

// What a route accepts as a request body (a bit set).
enum class BodyKind : uint8_t { kNone = 0, kJson = 1, kBinary = 2, kJsonOrBinary = 3 };

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  Method method = Method::kGet;
  std::string target;  // as received, e.g. "/v1/tx/ab%20cd?x=1"
  std::string path;    // percent-decoded path, e.g. "/v1/tx/ab cd"
  std::string route;   // the matched pattern, e.g. "/v1/tx/{hash}"
  std::map<std::string, std::string, std::less<>> params;  // from {name} segments
  std::map<std::string, std::string, std::less<>> query;   // decoded; keys unique
  Headers headers;     // names lower-cased, in arrival order
  BodyKind body_kind = BodyKind::kNone;  // kJson or kBinary when a body was sent
  std::string body;    // raw bytes
  nlohmann::json json;  // the parsed body when body_kind == kJson, else null
  std::string remote;   // "ip:port" of the client; empty without a socket

  // The first header named `name` (any case), or nullopt.
  std::optional<std::string_view> Header(std::string_view name) const;
  // The path parameter (routes guarantee their parameters are present and
  // non-empty), or "" for a name the route does not have.
  std::string_view Param(std::string_view name) const;
  // The query parameter, or nullopt.
  std::optional<std::string_view> Query(std::string_view name) const;
  // The path parameter as a canonical decimal uint64 ("0", "42"; no sign, no
  // leading zeros). Fails with errors::kBadParam.
  Result<uint64_t> ParamU64(std::string_view name) const;
  // The query parameter as a canonical decimal uint64, nullopt when absent.
  // Fails with errors::kBadParam when present but malformed.
  Result<std::optional<uint64_t>> QueryU64(std::string_view name) const;
};

struct Response {
  unsigned status = 200;  // 200-599; anything else is answered as 500
  std::string content_type = "application/json";
  std::string body;
  Headers headers;  // extra headers; ones containing CR, LF or NUL are dropped

  // `j` serialised compactly (invalid UTF-8 in strings replaced by U+FFFD).
  static Response Json(const nlohmann::json& j, unsigned status = 200);
  static Response Text(std::string text, unsigned status = 200);
  static Response Binary(std::string bytes, unsigned status = 200);
  // The uniform error body {"error":{"code":N,"slug":"...","message":"..."}} with
  // the status of HttpStatusFor(s). kInternal errors become 500 http.internal
  // with a generic message; the original is logged, never sent.
  // REQUIRES: !s.ok().
  static Response Error(const Status& s);
  // As above with an explicit HTTP status (for kinds the mapping does not know).
  static Response Error(const Status& s, unsigned status);
};

// Answers one request later, from any thread. Copies share one answer: the first
// Send wins, later ones return false. If every copy is destroyed without a Send,
// the client gets 500 http.internal ("the handler dropped the request"); if none
// comes within ServerOptions::handler_timeout, 503 http.handler_timeout.
class Responder {
 public:
  using Deliver = std::function<void(Response)>;
  // `deliver` receives the one response (the server's, or a test's).
  explicit Responder(Deliver deliver);

  bool Send(Response response) const;
  bool sent() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

// The open end of a streamed response. Implemented by the server.
class StreamSink {
 public:
  virtual ~StreamSink() = default;
  // Queues `data` to be sent. Returns false when the stream is closed (client
  // gone, server stopping) or when `data` would take the unsent bytes past
  // StreamStart::max_queued_bytes: the client is too slow, and the server then
  // disconnects it rather than grow memory.
  virtual bool Write(std::shared_ptr<const std::string> data) = 0;
  bool Write(std::string data) {
    return Write(std::make_shared<const std::string>(std::move(data)));
  }
  // Sends what is queued, ends the response and closes the connection.
  // Idempotent.
  virtual void Close() = 0;
  virtual bool closed() const = 0;
};

struct StreamStart {
  unsigned status = 200;
  std::string content_type = "application/octet-stream";
  Headers headers;
  // Called once, after the response head is queued; keep the sink (or a weak_ptr
  // to it) and write from any thread. May write at once.
  std::function<void(std::shared_ptr<StreamSink>)> on_open;
  // When nothing was sent for this long, `heartbeat` is sent (keeps proxies from
  // timing out and finds dead clients). Default: 0, no heartbeat.
  std::chrono::milliseconds heartbeat_interval{0};
  std::string heartbeat;
  // Bound on bytes queued and not yet sent. Default: 1 MiB.
  size_t max_queued_bytes = size_t{1} << 20;
};

using Handler = std::function<Response(const Request&)>;
using AsyncHandler = std::function<void(Request, Responder)>;
using StreamHandler = std::function<Result<StreamStart>(const Request&)>;

}  // namespace cbec::node::http
