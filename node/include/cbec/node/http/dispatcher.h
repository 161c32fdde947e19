// Everything between a parsed HTTP request and the bytes of its answer, without
// sockets: routing, target and body checks, JSON parsing, calling the handler,
// error bodies, CORS, HEAD and the request metrics. The Server drives it from
// its connections; the fuzz target and tests drive it from a buffer.
//
// A request goes through three stages:
//   OnHeader  after the header: route, limits, media type. May answer early
//             (404, 405, 413, 415, OPTIONS, a malformed target), before the
//             body is read.
//   OnBody    after the body: parse JSON, then run a synchronous handler or
//             hand back an async or stream handler for the caller to start.
//   Finish    the wire response, and the request counted in the metrics.
//
// Thread-safety: const after Create; every method may run concurrently.
#pragma once

#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "cbec/base/status.h"
#include "cbec/node/http/message.h"
#include "cbec/node/http/router.h"
#include "cbec/node/metrics/registry.h"

namespace cbec::node::http {

namespace beast_http = boost::beast::http;
using BeastHeader = beast_http::request_header<>;
using BeastRequest = beast_http::request<beast_http::string_body>;
using BeastResponse = beast_http::response<beast_http::string_body>;
using BeastStreamHead = beast_http::response<beast_http::empty_body>;

struct DispatchOptions {
  // Request body limit of routes that set none. Default: 1 MiB.
  size_t max_body_bytes = size_t{1} << 20;
  // Deepest JSON nesting accepted in a request body. Default: 64.
  size_t max_json_depth = 64;
  // Access-Control-Allow-Origin sent on every response ("*" or an origin such
  // as "https://verify.example"). Default: "" (no CORS headers).
  std::string cors_allow_origin;
  // Access-Control-Allow-Headers of preflight answers.
  // Default: "Content-Type, Last-Event-ID, Authorization".
  std::string cors_allow_headers = "Content-Type, Last-Event-ID, Authorization";
  // The Server header. Default: "cbec-node".
  std::string server_name = "cbec-node";
};

// Bookkeeping of one request across the stages.
struct Exchange {
  Method method = Method::kOther;
  std::string route = "unmatched";  // the metrics label
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  unsigned version = 11;  // 10 or 11
  bool keep_alive = false;
};

class Dispatcher {
 public:
  // Registers the request metrics in `registry`, which must outlive the
  // dispatcher. Fails with metrics errors when names clash with other metrics.
  static Result<std::unique_ptr<Dispatcher>> Create(Router router, DispatchOptions options,
                                                    metrics::Registry& registry);

  struct Plan {
    Exchange exchange;
    std::optional<Response> early;  // when set: answer this, skip the body
    const Route* route = nullptr;  // owned by the dispatcher
    Request request;  // everything but the body
    size_t body_limit = 0;
    bool expect_continue = false;  // "Expect: 100-continue" on HTTP/1.1
  };
  // `header`: a request whose body has not been read (Beast's parser after
  // async_read_header).
  Plan OnHeader(const BeastRequest& header, std::string remote) const;

  struct Outcome {
    enum class Kind : uint8_t { kRespond, kAsync, kStream } kind = Kind::kRespond;
    Response response;  // kRespond
    Request request;    // kAsync: to move into the handler
    StreamStart stream;  // kStream
  };
  // REQUIRES: !plan.early. `plan.request` is moved from.
  Outcome OnBody(Plan& plan, std::string body) const;

  // Calls the async handler of `route` with `request`; a throwing handler gets
  // 500 through `responder`.
  static void RunAsync(const Route& route, Request request, Responder responder);

  // The wire response for `r`, counted in the metrics: Server and CORS headers,
  // keep-alive from `ex`, no body for HEAD and for 204/304.
  BeastResponse Finish(const Exchange& ex, Response r) const;
  // The head of a streamed response (chunked, never cached), counted as above.
  BeastStreamHead StreamHead(const Exchange& ex, const StreamStart& s) const;
  // An error answered outside routing (unparseable request, timeout): Finish of
  // Response::Error(s) on a connection that then closes.
  BeastResponse FinishError(const Status& s, unsigned version) const;

  // Stage 1 to 3 for a whole request in memory. Async handlers must answer
  // during the call (else 503 http.handler_timeout); streams answer with their
  // head only. For the fuzz target and tests.
  BeastResponse Handle(const BeastRequest& request) const;

  const Router& router() const { return router_; }
  const DispatchOptions& options() const { return options_; }

 private:
  Dispatcher(Router router, DispatchOptions options, metrics::CounterFamily* requests,
             metrics::HistogramFamily* latency);
  std::optional<Response> CheckBody(const BeastRequest& header, Plan& plan) const;
  Response Options(const std::vector<std::string>* segments) const;
  Response Run(const Route& route, const Request& request) const;
  void Count(const Exchange& ex, unsigned status) const;
  void AddCommonHeaders(beast_http::fields& f, const Headers& extra) const;

  const Router router_;
  const DispatchOptions options_;
  metrics::CounterFamily* const requests_;
  metrics::HistogramFamily* const latency_;
};

}  // namespace cbec::node::http
