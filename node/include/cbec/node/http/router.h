// The route table: method + path pattern -> handler.
//
//   Router r;
//   CBEC_RETURN_IF_ERROR(r.Get("/v1/tx/{hash}", [](const Request& req) {
//     return Response::Json({{"hash", req.Param("hash")}});
//   }));
//   CBEC_RETURN_IF_ERROR(r.Post("/v1/tx", SubmitTx,
//       {.accept = BodyKind::kJsonOrBinary, .max_body_bytes = 256 * 1024}));
//
// A pattern is "/" or '/'-separated non-empty segments, each a literal or a
// parameter "{name}" (name: [a-z_][a-z0-9_]*) matching one whole non-empty
// segment. When several patterns match a path, the one with a literal at the
// first position where they differ wins ("/v1/blocks/latest" over
// "/v1/blocks/{height}"). HEAD is served by the GET route with the body left
// out; OPTIONS is answered by the server from the table.
//
// Thread-safety: build the router on one thread, then hand it to the Server;
// Find and Allowed are const and safe to call concurrently.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cbec/base/status.h"
#include "cbec/node/http/message.h"

namespace cbec::node::http {

struct RouteOptions {
  // The body types the route takes. Default: kJson for POST, PUT and PATCH;
  // kNone (no body allowed) otherwise.
  std::optional<BodyKind> accept;
  // Request body limit for this route. Default: ServerOptions' max_body_bytes
  // (1 MiB).
  std::optional<size_t> max_body_bytes;
};

struct Route {
  enum class Kind : uint8_t { kSync, kAsync, kStream };
  Method method = Method::kGet;
  std::string pattern;
  Kind kind = Kind::kSync;
  BodyKind accept = BodyKind::kNone;
  std::optional<size_t> max_body_bytes;
  Handler handler;               // kSync
  AsyncHandler async_handler;    // kAsync
  StreamHandler stream_handler;  // kStream
  std::string stream_content_type;  // kStream: sent for HEAD

  struct Segment {
    std::string text;  // the literal, or the parameter name
    bool is_param = false;
  };
  std::vector<Segment> segments;
};

class Router {
 public:
  // Each Add fails with errors::kBadRoute for a malformed pattern or a method
  // that cannot have routes (HEAD, OPTIONS, kOther), and with
  // errors::kDuplicateRoute when the method already has a pattern of the same
  // shape ("/a/{x}" and "/a/{y}" are the same shape).
  Status Add(Method method, std::string_view pattern, Handler handler, RouteOptions options = {});
  Status AddAsync(Method method, std::string_view pattern, AsyncHandler handler,
                  RouteOptions options = {});
  // A GET route answered as a stream; `content_type` is what HEAD reports.
  Status AddStream(std::string_view pattern, std::string content_type, StreamHandler handler);

  Status Get(std::string_view pattern, Handler h) { return Add(Method::kGet, pattern, std::move(h)); }
  Status Post(std::string_view pattern, Handler h, RouteOptions options = {}) {
    return Add(Method::kPost, pattern, std::move(h), options);
  }

  struct Match {
    const Route* route = nullptr;
    std::vector<std::pair<std::string, std::string>> params;
  };
  // The route for `method` (HEAD looks up GET) and decoded path segments.
  // Fails with errors::kNotFound when no pattern matches the path, and with
  // errors::kMethodNotAllowed when patterns match but not for this method.
  Result<Match> Find(Method method, const std::vector<std::string>& segments) const;

  // The methods the path can be requested with, for Allow headers: "GET, HEAD,
  // POST, OPTIONS" order; empty when no pattern matches.
  std::vector<Method> Allowed(const std::vector<std::string>& segments) const;
  // Every method some route has, plus HEAD (with GET) and OPTIONS.
  std::vector<Method> AllMethods() const;

  size_t size() const { return routes_.size(); }

 private:
  Status Insert(Route route, std::string_view pattern);

  std::vector<std::shared_ptr<const Route>> routes_;
};

// "GET, HEAD, OPTIONS".
std::string JoinMethods(const std::vector<Method>& methods);

}  // namespace cbec::node::http
