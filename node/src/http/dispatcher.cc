#include "cbec/node/http/dispatcher.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <mutex>

#include "cbec/node/http/errors.h"
#include "cbec/node/http/json.h"
#include "cbec/node/http/target.h"

namespace cbec::node::http {
namespace {

Method ToMethod(beast_http::verb v) {
  switch (v) {
    case beast_http::verb::get: return Method::kGet;
    case beast_http::verb::head: return Method::kHead;
    case beast_http::verb::post: return Method::kPost;
    case beast_http::verb::put: return Method::kPut;
    case beast_http::verb::delete_: return Method::kDelete;
    case beast_http::verb::patch: return Method::kPatch;
    case beast_http::verb::options: return Method::kOptions;
    default: return Method::kOther;
  }
}

std::string_view Std(boost::beast::string_view s) { return {s.data(), s.size()}; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

// "application/json; charset=utf-8" -> "application/json".
std::string MediaType(std::string_view v) {
  v = v.substr(0, v.find(';'));
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  return Lower(v);
}

// The declared body length; nullopt when there is none (Beast has already
// rejected malformed or conflicting Content-Length fields).
std::optional<uint64_t> ContentLength(const BeastRequest& h) {
  auto it = h.find(beast_http::field::content_length);
  if (it == h.end()) return std::nullopt;
  std::string_view v = Std(it->value());
  uint64_t n = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || ptr != v.data() + v.size()) return std::nullopt;
  return n;
}

bool SafeHeaderText(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

bool IsBodyless(unsigned status) { return status == 204 || status == 304; }

BodyKind KindOf(std::string_view media_type) {
  if (media_type == "application/json") return BodyKind::kJson;
  if (media_type == "application/octet-stream") return BodyKind::kBinary;
  return BodyKind::kNone;
}

std::string AcceptedTypes(BodyKind accept) {
  switch (accept) {
    case BodyKind::kJson: return "application/json";
    case BodyKind::kBinary: return "application/octet-stream";
    case BodyKind::kJsonOrBinary: return "application/json or application/octet-stream";
    case BodyKind::kNone: break;
  }
  return "no body";
}

}  // namespace

Dispatcher::Dispatcher(Router router, DispatchOptions options, metrics::CounterFamily* requests,
                       metrics::HistogramFamily* latency)
    : router_(std::move(router)),
      options_(std::move(options)),
      requests_(requests),
      latency_(latency) {}

Result<std::unique_ptr<Dispatcher>> Dispatcher::Create(Router router, DispatchOptions options,
                                                       metrics::Registry& registry) {
  CBEC_ASSIGN_OR_RETURN(
      metrics::CounterFamily * requests,
      registry.AddCounterFamily("cbec_http_requests_total",
                                "HTTP requests answered, by method, route pattern and status.",
                                {"method", "route", "code"}));
  CBEC_ASSIGN_OR_RETURN(
      metrics::HistogramFamily * latency,
      registry.AddHistogramFamily("cbec_http_request_duration_seconds",
                                  "Time from a request's header to its answer, by route.",
                                  {"route"}, metrics::Registry::DefaultLatencyBuckets()));
  return std::unique_ptr<Dispatcher>(
      new Dispatcher(std::move(router), std::move(options), requests, latency));
}

Dispatcher::Plan Dispatcher::OnHeader(const BeastRequest& h, std::string remote) const {
  Plan p;
  p.exchange.method = ToMethod(h.method());
  p.exchange.version = h.version();
  p.exchange.keep_alive = h.keep_alive();
  p.request.method = p.exchange.method;
  p.request.target = std::string(Std(h.target()));
  p.request.remote = std::move(remote);
  for (const auto& f : h) {
    p.request.headers.emplace_back(Lower(Std(f.name_string())), std::string(Std(f.value())));
  }
  if (h.version() != 10 && h.version() != 11) {
    p.exchange.version = 11;
    p.early = Response::Error(Status(errors::kBadVersion, "only HTTP/1.0 and HTTP/1.1"));
    return p;
  }
  if (p.request.method == Method::kOptions && p.request.target == "*") {
    p.early = Options(nullptr);
    return p;
  }
  Result<Target> target = ParseTarget(p.request.target);
  if (!target.ok()) {
    p.early = Response::Error(target.status());
    return p;
  }
  p.request.path = target->path;
  p.request.query = std::move(target->query);
  if (p.request.method == Method::kOptions) {
    p.early = Options(&target->segments);
    return p;
  }
  Result<Router::Match> match = router_.Find(p.request.method, target->segments);
  if (!match.ok()) {
    p.early = Response::Error(match.status());
    if (match.status().Is(errors::kMethodNotAllowed)) {
      p.early->headers.emplace_back("Allow", JoinMethods(router_.Allowed(target->segments)));
    }
    return p;
  }
  p.route = match->route;
  p.request.route = p.exchange.route = p.route->pattern;
  for (auto& [k, v] : match->params) p.request.params.emplace(std::move(k), std::move(v));
  p.early = CheckBody(h, p);
  auto expect = h.find(beast_http::field::expect);
  p.expect_continue = !p.early && h.version() == 11 && expect != h.end() &&
                      Lower(Std(expect->value())) == "100-continue";
  return p;
}

std::optional<Response> Dispatcher::CheckBody(const BeastRequest& h, Plan& p) const {
  const Route& route = *p.route;
  p.body_limit = route.accept == BodyKind::kNone
                     ? 0
                     : route.max_body_bytes.value_or(options_.max_body_bytes);
  std::optional<uint64_t> length = ContentLength(h);
  bool has_body = h.chunked() || (length && *length > 0);
  if (route.accept == BodyKind::kNone && has_body) {
    return Response::Error(Status(errors::kBodyTooLarge, "this route takes no request body"));
  }
  if (length && *length > p.body_limit) {
    return Response::Error(Status(errors::kBodyTooLarge,
                                  "the body limit is " + std::to_string(p.body_limit) + " bytes"));
  }
  if (route.accept == BodyKind::kNone) return std::nullopt;
  if (!has_body) {
    return Response::Error(Status(errors::kBadRequest, "this route needs a request body"));
  }
  auto ct = h.find(beast_http::field::content_type);
  BodyKind kind = ct == h.end() ? BodyKind::kNone : KindOf(MediaType(Std(ct->value())));
  if (kind == BodyKind::kNone ||
      (static_cast<uint8_t>(kind) & static_cast<uint8_t>(route.accept)) == 0) {
    return Response::Error(Status(errors::kUnsupportedMediaType,
                                  "this route takes " + AcceptedTypes(route.accept)));
  }
  p.request.body_kind = kind;
  return std::nullopt;
}

Response Dispatcher::Options(const std::vector<std::string>* segments) const {
  std::vector<Method> allowed = segments ? router_.Allowed(*segments) : router_.AllMethods();
  if (allowed.empty()) return Response::Error(Status(errors::kNotFound, "no such route"));
  Response r;
  r.status = 204;
  r.content_type.clear();
  std::string methods = JoinMethods(allowed);
  r.headers.emplace_back("Allow", methods);
  if (!options_.cors_allow_origin.empty()) {
    r.headers.emplace_back("Access-Control-Allow-Methods", methods);
    r.headers.emplace_back("Access-Control-Allow-Headers", options_.cors_allow_headers);
    r.headers.emplace_back("Access-Control-Max-Age", "600");
  }
  return r;
}

Dispatcher::Outcome Dispatcher::OnBody(Plan& p, std::string body) const {
  Outcome out;
  Request& req = p.request;
  req.body = std::move(body);
  if (req.body_kind == BodyKind::kJson) {
    Result<nlohmann::json> j = ParseJson(req.body, options_.max_json_depth);
    if (!j.ok()) {
      out.response = Response::Error(j.status());
      return out;
    }
    req.json = std::move(j).value();
  }
  const Route& route = *p.route;
  switch (route.kind) {
    case Route::Kind::kSync:
      out.response = Run(route, req);
      break;
    case Route::Kind::kAsync:
      out.kind = Outcome::Kind::kAsync;
      out.request = std::move(req);
      break;
    case Route::Kind::kStream:
      if (req.method == Method::kHead) {
        out.response.content_type = route.stream_content_type;
        break;
      }
      try {
        Result<StreamStart> s = route.stream_handler(req);
        if (!s.ok()) {
          out.response = Response::Error(s.status());
          break;
        }
        out.kind = Outcome::Kind::kStream;
        out.stream = std::move(s).value();
      } catch (const std::exception& e) {
        out.response = Response::Error(Status(errors::kInternal, e.what()));
      }
      break;
  }
  return out;
}

Response Dispatcher::Run(const Route& route, const Request& request) const {
  try {
    return route.handler(request);
  } catch (const std::exception& e) {
    return Response::Error(Status(errors::kInternal, route.pattern + " threw: " + e.what()));
  } catch (...) {
    return Response::Error(Status(errors::kInternal, route.pattern + " threw"));
  }
}

void Dispatcher::RunAsync(const Route& route, Request request, Responder responder) {
  try {
    route.async_handler(std::move(request), responder);
  } catch (const std::exception& e) {
    responder.Send(Response::Error(Status(errors::kInternal, route.pattern + " threw: " + e.what())));
  } catch (...) {
    responder.Send(Response::Error(Status(errors::kInternal, route.pattern + " threw")));
  }
}

void Dispatcher::AddCommonHeaders(beast_http::fields& f, const Headers& extra) const {
  f.set(beast_http::field::server, options_.server_name);
  if (!options_.cors_allow_origin.empty()) {
    f.set(beast_http::field::access_control_allow_origin, options_.cors_allow_origin);
  }
  for (const auto& [name, value] : extra) {
    if (name.empty() || !SafeHeaderText(name) || !SafeHeaderText(value)) {
      spdlog::warn("http: dropped a response header with CR, LF or NUL");
      continue;
    }
    f.insert(name, value);
  }
}

void Dispatcher::Count(const Exchange& ex, unsigned status) const {
  requests_->WithLabels({MethodName(ex.method), ex.route, std::to_string(status)}).Inc();
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - ex.start;
  latency_->WithLabels({ex.route}).Observe(took.count());
}

BeastResponse Dispatcher::Finish(const Exchange& ex, Response r) const {
  if (r.status < 200 || r.status > 599) {
    r = Response::Error(Status(errors::kInternal,
                               "handler answered with status " + std::to_string(r.status)));
  }
  BeastResponse res{static_cast<beast_http::status>(r.status), ex.version};
  AddCommonHeaders(res.base(), r.headers);
  if (IsBodyless(r.status)) {
    r.body.clear();
  } else if (!r.content_type.empty()) {
    res.set(beast_http::field::content_type, r.content_type);
  }
  res.keep_alive(ex.keep_alive);
  res.body() = std::move(r.body);
  res.prepare_payload();
  if (ex.method == Method::kHead && !IsBodyless(r.status)) {
    size_t n = res.body().size();
    res.body().clear();
    res.content_length(n);
  }
  Count(ex, r.status);
  return res;
}

BeastStreamHead Dispatcher::StreamHead(const Exchange& ex, const StreamStart& s) const {
  unsigned status = s.status >= 200 && s.status <= 599 && !IsBodyless(s.status) ? s.status : 500;
  BeastStreamHead res{static_cast<beast_http::status>(status), ex.version};
  AddCommonHeaders(res.base(), s.headers);
  res.set(beast_http::field::content_type, s.content_type);
  res.set(beast_http::field::cache_control, "no-cache");
  res.set("X-Accel-Buffering", "no");  // tells proxies not to buffer the stream
  res.keep_alive(false);
  if (ex.version == 11) res.chunked(true);
  Count(ex, status);
  return res;
}

BeastResponse Dispatcher::FinishError(const Status& s, unsigned version) const {
  Exchange ex;
  ex.version = version == 10 ? 10 : 11;
  ex.keep_alive = false;
  return Finish(ex, Response::Error(s));
}

BeastResponse Dispatcher::Handle(const BeastRequest& request) const {
  Plan p = OnHeader(request, "");
  if (p.early) return Finish(p.exchange, std::move(*p.early));
  if (request.body().size() > p.body_limit) {
    return Finish(p.exchange, Response::Error(Status(errors::kBodyTooLarge, "body too large")));
  }
  Outcome o = OnBody(p, request.body());
  if (o.kind == Outcome::Kind::kRespond) return Finish(p.exchange, std::move(o.response));
  if (o.kind == Outcome::Kind::kStream) {
    Response head;
    head.status = o.stream.status;
    head.content_type = o.stream.content_type;
    return Finish(p.exchange, std::move(head));
  }
  struct Slot {
    std::mutex mu;
    std::optional<Response> response;
  };
  auto slot = std::make_shared<Slot>();
  {
    Responder responder([slot](Response r) {
      std::lock_guard<std::mutex> lock(slot->mu);
      slot->response = std::move(r);
    });
    RunAsync(*p.route, std::move(o.request), responder);
  }
  std::lock_guard<std::mutex> lock(slot->mu);
  if (!slot->response) {
    return Finish(p.exchange, Response::Error(Status(errors::kHandlerTimeout, "no answer")));
  }
  return Finish(p.exchange, std::move(*slot->response));
}

}  // namespace cbec::node::http
