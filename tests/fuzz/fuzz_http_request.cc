// Raw bytes -> Beast's request parser -> the API dispatcher (routing, target and
// query decoding, body checks, JSON parsing, handlers, error bodies), with no
// sockets: the path every client byte takes. Several pipelined requests may
// sit in one input. Finds crashes, leaks, UB and uncaught exceptions; every
// answer must be a well-formed status with a JSON error body for 4xx/5xx.
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string_view>

#include "cbec/node/http/dispatcher.h"
#include "cbec/node/http/errors.h"
#include "cbec/node/http/sse.h"

namespace {

using namespace cbec::node::http;  // NOLINT(build/namespaces): a fuzz harness
namespace bh = boost::beast::http;

Router FuzzRoutes() {
  Router r;
  auto ok = [](cbec::Status s) {
    if (!s.ok()) std::abort();
  };
  ok(r.Get("/v1/tx/{hash}", [](const Request& req) {
    return Response::Json({{"hash", req.Param("hash")}, {"q", req.query}});
  }));
  ok(r.Post("/v1/tx", [](const Request& req) { return Response::Json({{"json", req.json}}); },
            {.accept = BodyKind::kJsonOrBinary, .max_body_bytes = 4096}));
  ok(r.Get("/v1/blocks/{height}", [](const Request& req) {
    auto h = req.ParamU64("height");
    auto from = req.QueryU64("from");
    if (!h.ok()) return Response::Error(h.status());
    if (!from.ok()) return Response::Error(from.status());
    return Response::Json({{"height", *h}});
  }));
  ok(r.Get("/v1/blocks/latest", [](const Request&) { return Response::Text("latest"); }));
  ok(r.Get("/v1/{kind}/{id}/proof", [](const Request& req) {
    return Response::Binary(std::string(req.Param("kind")) + std::string(req.Param("id")));
  }));
  ok(r.AddAsync(Method::kPut, "/v1/async/{x}", [](Request req, Responder respond) {
    if (req.Param("x") != "drop") respond.Send(Response::Json(req.json));
  }));
  ok(AddSseRoute(r, "/v1/events", std::make_shared<Broadcaster>()));
  return r;
}

const Dispatcher& TheDispatcher() {
  static cbec::node::metrics::Registry* registry = new cbec::node::metrics::Registry();
  static const Dispatcher* d = [] {
    auto made = Dispatcher::Create(FuzzRoutes(), {}, *registry);
    if (!made.ok()) std::abort();
    return std::move(made).value().release();
  }();
  return *d;
}

// `head`: the answer to HEAD, which has no body to check.
void CheckAnswer(const BeastResponse& res, bool head = false) {
  unsigned status = res.result_int();
  if (status < 100 || status > 599) std::abort();
  if (status >= 400 && !head) {
    auto j = nlohmann::json::parse(res.body(), nullptr, false);
    if (j.is_discarded() || !j.contains("error") || !j["error"]["code"].is_number()) {
      std::abort();
    }
  }
}

// Parses one request from the front of `in` the way a connection does: the
// header first, then the body under the route's limit. Returns false when no
// complete request was left.
bool OneRequest(const Dispatcher& d, std::string_view& in) {
  bh::request_parser<bh::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(std::numeric_limits<uint64_t>::max());  // see Session::ReadRequest
  parser.eager(false);  // stop after the header, as a connection does
  bool routed = false;
  while (!parser.is_done()) {
    boost::beast::error_code ec;
    size_t used = parser.put(boost::asio::buffer(in.data(), in.size()), ec);
    in.remove_prefix(used);
    if (!ec && parser.is_header_done() && !routed) {
      routed = true;
      Dispatcher::Plan plan = d.OnHeader(parser.get(), "fuzz");
      if (plan.early) {
        bool keep_alive = plan.exchange.keep_alive && parser.is_done();
        CheckAnswer(d.Finish(plan.exchange, std::move(*plan.early)),
                    plan.exchange.method == Method::kHead);
        return keep_alive && !in.empty();  // an unread body would close the connection
      }
      parser.body_limit(plan.body_limit);
      parser.eager(true);
    }
    if (!ec && used == 0 && !parser.is_done()) return false;  // truncated input
    if (ec == bh::error::need_more && used > 0) continue;
    if (ec) {
      if (ec != bh::error::need_more) {
        cbec::Status bad(cbec::node::http::errors::kBadRequest, ec.message());
        CheckAnswer(d.FinishError(bad, 11));
      }
      return false;
    }
  }
  CheckAnswer(d.Handle(parser.get()), parser.get().method() == bh::verb::head);
  return parser.keep_alive() && !in.empty();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Dispatcher& d = TheDispatcher();
  std::string_view in(reinterpret_cast<const char*>(data), size);
  for (int i = 0; i < 8 && OneRequest(d, in); ++i) {
  }
  return 0;
}
