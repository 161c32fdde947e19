// Contract queries over HTTP (docs/api.md "Queries"): the generic route
//   GET  /v1/query/{contract}/{query}?args=<JSON>
//   POST /v1/query/{contract}/{query}            body: the JSON args
// and named routes for the common reads (a table below). A request may carry
// a signed-read Authorization header (ledger/read_request.h); queries whose
// visibility is members or owner need one.
#include <algorithm>
#include <functional>

#include "api.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/query.h"
#include "cbec/ledger/json.h"
#include "cbec/ledger/read_request.h"
#include "cbec/node/errors.h"
#include "cbec/node/http/errors.h"

namespace cbec::node {
namespace {

using http::Request;
using http::Response;
using Json = nlohmann::json;

// How far a signed read's time may be from this node's clock.
constexpr uint64_t kReadWindowMs = 5 * 60 * 1000;

// The account a signed read comes from; nullopt for an unsigned request.
Result<std::optional<ledger::AccountId>> Reader(Node::Impl& node, const Request& req,
                                                const contracts::StateView& state) {
  std::optional<std::string_view> header = req.Header("authorization");
  if (!header) return std::optional<ledger::AccountId>();
  CBEC_ASSIGN_OR_RETURN(ledger::ReadAuthorization auth, ledger::ParseReadAuthorization(*header));
  uint64_t now = NowMs();
  if (auth.time_ms + kReadWindowMs < now || auth.time_ms > now + kReadWindowMs) {
    return Status(errors::kReadStale, "the request's time is more than " +
                                          std::to_string(kReadWindowMs / 1000) +
                                          " s from this node's clock");
  }
  crypto::Suite suite = node.genesis_.suite;
  ledger::ReadRequest signed_req{node.genesis_.chain_id, std::string(http::MethodName(req.method)),
                                 req.target, auth.time_ms,
                                 crypto::Digest(suite, AsBytes(std::string_view(req.body)))};
  CBEC_RETURN_IF_ERROR(ledger::VerifyReadSignature(suite, auth, signed_req));
  CBEC_ASSIGN_OR_RETURN(auto account, contracts::governance::LoadAccount(state, auth.account));
  const contracts::governance::AccountKey* key =
      account ? account->FindKey(auth.public_key) : nullptr;
  if (key == nullptr || key->status != contracts::governance::KeyStatus::kActive) {
    return Status(errors::kReadUnknownKey, "the key is not an active key of account " +
                                               auth.account.ToHex());
  }
  return std::optional<ledger::AccountId>(auth.account);
}

// Contract errors read as HTTP: who you are (401), what you may read (403),
// what does not exist (404), the rest 400.
Response QueryError(const Status& s) {
  namespace ce = contracts::errors;
  if (s.IsInternal()) return Response::Error(s);
  if (s.Is(ce::kReaderRequired) || s.Is(ce::kUnknownSigner) || s.Is(ce::kAccountSuspended) ||
      s.Is(ce::kOrgSuspended) || s.Is(errors::kReadStale) || s.Is(errors::kReadUnknownKey) ||
      s.Is(ledger::errors::kBadReadAuth) || s.Is(ledger::errors::kBadReadSignature)) {
    return Response::Error(s, 401);
  }
  if (s.Is(ce::kForbidden)) return Response::Error(s, 403);
  std::string_view slug = s.slug();
  if (s.Is(ce::kUnknownContract) || s.Is(ce::kUnknownQuery) ||
      slug.find(".unknown_") != std::string_view::npos || slug.ends_with(".not_found")) {
    return Response::Error(s, 404);
  }
  return Response::Error(s, 400);
}

Response RunContractQuery(Node::Impl& node, const Request& req, std::string_view contract,
                          std::string_view query, const Json& args) {
  if (node.halted_.load()) {
    return Response::Error(Status(errors::kHalted, "this node halted: see /health"), 503);
  }
  auto snap = node.store_->Snapshot();
  if (!snap.ok()) return Response::Error(snap.status());
  Result<uint64_t> time_ms = SnapshotTime(node, **snap);
  if (!time_ms.ok()) return Response::Error(time_ms.status());
  Result<std::optional<ledger::AccountId>> reader = Reader(node, req, **snap);
  if (!reader.ok()) return QueryError(reader.status());
  Result<Json> out = contracts::RunQuery(node.registry_, **snap, node.genesis_.suite, *time_ms,
                                         *reader, contract, query, args);
  if (!out.ok()) return QueryError(out.status());
  Json body = std::move(out).value();
  if (body.is_object() && (*snap)->head()) body["_height"] = (*snap)->head()->height;
  return Response::Json(body);
}

Result<Json> GenericArgs(const Request& req) {
  if (req.method == http::Method::kPost) {
    return req.body_kind == http::BodyKind::kJson ? req.json : Json::object();
  }
  std::optional<std::string_view> text = req.Query("args");
  if (!text) return Json::object();
  Result<Json> j = ledger::ParseJson(*text);
  if (!j.ok()) return Status(errors::kBadQueryArgs, "args: " + j.status().message());
  return j;
}

Response GenericQuery(Node::Impl& node, const Request& req) {
  Result<Json> args = GenericArgs(req);
  if (!args.ok()) return Response::Error(args.status());
  return RunContractQuery(node, req, req.Param("contract"), req.Param("query"), *args);
}

// A named route: path parameters become string arguments; query parameters
// become arguments of the type the table gives.
enum class ArgType : uint8_t { kString, kU64, kBool };
struct QueryParam {
  const char* name;
  ArgType type;
};
struct NamedRoute {
  const char* pattern;
  const char* contract;
  const char* query;
  std::vector<QueryParam> params;  // path ({name} segments) or query string
};

Result<Json> NamedArgs(const Request& req, const NamedRoute& route) {
  Json args = Json::object();
  for (const QueryParam& p : route.params) {
    std::optional<std::string_view> v;
    if (auto it = req.params.find(p.name); it != req.params.end()) {
      v = it->second;
    } else {
      v = req.Query(p.name);
    }
    if (!v) continue;
    switch (p.type) {
      case ArgType::kString:
        args[p.name] = std::string(*v);
        break;
      case ArgType::kU64: {
        std::optional<uint64_t> n = http::ParseDecimalU64(*v);
        if (!n) {
          return Status(http::errors::kBadParam,
                        std::string(p.name) + ": expected a decimal number");
        }
        args[p.name] = *n;
        break;
      }
      case ArgType::kBool:
        if (*v != "true" && *v != "false") {
          return Status(http::errors::kBadParam, std::string(p.name) + ": expected true or false");
        }
        args[p.name] = *v == "true";
        break;
    }
  }
  return args;
}

const std::vector<NamedRoute>& NamedRoutes() {
  using T = ArgType;
  static const std::vector<NamedRoute> routes = {
      {"/v1/proposals", "governance", "proposals",
       {{"start_after", T::kU64}, {"limit", T::kU64}}},
      {"/v1/proposals/{id}", "governance", "proposal", {{"id", T::kU64}}},
      {"/v1/validators", "governance", "validators", {}},
      {"/v1/governance/params", "governance", "params", {}},
      {"/v1/governance/roles", "governance", "roles", {}},
      {"/v1/enterprises", "enterprise", "enterprises",
       {{"start_after", T::kString}, {"limit", T::kU64}}},
      {"/v1/enterprises/{uscc}", "enterprise", "enterprise", {{"uscc", T::kString}}},
      {"/v1/enterprises/{uscc}/history", "enterprise", "history",
       {{"uscc", T::kString}, {"start_after", T::kU64}, {"limit", T::kU64}}},
      {"/v1/credit/scales", "credit", "scales", {{"department", T::kString}}},
      {"/v1/credit/rule", "credit", "rule", {}},
      {"/v1/credit/repairs/{application_id}", "credit", "repair",
       {{"application_id", T::kString}}},
      {"/v1/credit/{uscc}", "credit", "record", {{"uscc", T::kString}}},
      {"/v1/credit/{uscc}/history", "credit", "history",
       {{"uscc", T::kString}, {"department", T::kString}, {"start_after", T::kU64},
        {"limit", T::kU64}}},
      {"/v1/lists/measures", "lists", "measures", {{"version", T::kU64}}},
      {"/v1/lists/entries", "lists", "entries",
       {{"issuer", T::kString}, {"from", T::kString}, {"to", T::kString},
        {"start_after", T::kString}, {"limit", T::kU64}}},
      {"/v1/lists/entries/{id}", "lists", "entry", {{"id", T::kString}}},
      {"/v1/lists/subjects/{uscc}", "lists", "subject", {{"uscc", T::kString}}},
      {"/v1/lists/subjects/{uscc}/history", "lists", "history",
       {{"uscc", T::kString}, {"start_after", T::kString}, {"limit", T::kU64}}},
      {"/v1/lists/subjects/{uscc}/measures", "lists", "measures_due",
       {{"uscc", T::kString}, {"department", T::kString}}},
      // ipr: a registration number may hold any UTF-8 text, so rights are
      // named by query parameters, not path segments.
      {"/v1/ipr/filing", "ipr", "filing", {{"ip_type", T::kString}, {"reg_no", T::kString}}},
      {"/v1/ipr/filing/history", "ipr", "history",
       {{"ip_type", T::kString}, {"reg_no", T::kString}, {"start_after", T::kU64},
        {"limit", T::kU64}}},
      {"/v1/ipr/filing/seizures", "ipr", "seizures_by_filing",
       {{"ip_type", T::kString}, {"reg_no", T::kString}, {"start_after", T::kString},
        {"limit", T::kU64}}},
      {"/v1/ipr/check", "ipr", "check",
       {{"scheme", T::kString}, {"code", T::kString}, {"exporter", T::kString}}},
      {"/v1/ipr/goods/{scheme}/{code}", "ipr", "filings_by_goods",
       {{"scheme", T::kString}, {"code", T::kString}, {"start_after", T::kString},
        {"limit", T::kU64}}},
      {"/v1/ipr/holders/{holder}", "ipr", "filings_by_holder",
       {{"holder", T::kString}, {"start_after", T::kString}, {"limit", T::kU64}}},
      {"/v1/ipr/holders/{holder}/agents", "ipr", "agents", {{"holder", T::kString}}},
      {"/v1/ipr/seizures/{id}", "ipr", "seizure", {{"id", T::kString}}},
      {"/v1/ipr/exporters/{exporter}/seizures", "ipr", "seizures_by_exporter",
       {{"exporter", T::kString}, {"start_after", T::kString}, {"limit", T::kU64}}},
      // trace: EPCs and event ids are URIs (with '/' and '?'), so query parameters.
      {"/v1/trace/event", "trace", "event", {{"id", T::kString}}},
      {"/v1/trace/history", "trace", "history",
       {{"epc", T::kString}, {"start_after", T::kString}, {"limit", T::kU64}}},
      {"/v1/trace/backward", "trace", "backward",
       {{"epc", T::kString}, {"depth", T::kU64}, {"limit", T::kU64}}},
      {"/v1/trace/forward", "trace", "forward",
       {{"epc", T::kString}, {"depth", T::kU64}, {"limit", T::kU64}}},
      {"/v1/trace/biz_transaction", "trace", "by_biz_transaction",
       {{"id", T::kString}, {"type", T::kString}, {"start_after", T::kString},
        {"limit", T::kU64}}},
      {"/v1/trace/location", "trace", "by_location",
       {{"location", T::kString}, {"from", T::kString}, {"to", T::kString},
        {"start_after", T::kString}, {"limit", T::kU64}}},
      {"/v1/trace/events", "trace", "events",
       {{"from", T::kString}, {"to", T::kString}, {"start_after", T::kString},
        {"limit", T::kU64}}},
      {"/v1/trace/hold", "trace", "hold", {{"epc", T::kString}}},
      {"/v1/clearance/orders/{direction}/{ebpCode}/{orderNo}", "clearance", "order",
       {{"direction", T::kString}, {"ebpCode", T::kString}, {"orderNo", T::kString}}},
      {"/v1/clearance/risk/{uscc}", "clearance", "risk",
       {{"uscc", T::kString}, {"from", T::kString}, {"to", T::kString}}},
      {"/v1/clearance/parties", "clearance", "parties",
       {{"start_after", T::kString}, {"limit", T::kU64}}},
      {"/v1/clearance/parties/{code}", "clearance", "party",
       {{"code", T::kString}, {"start_after", T::kU64}, {"limit", T::kU64}}},
      {"/v1/clearance/limits", "clearance", "limits", {{"version", T::kU64}}},
      {"/v1/clearance/buyers/{buyerIdNumberDigest}/{year}", "clearance", "buyer_total",
       {{"buyerIdNumberDigest", T::kString}, {"year", T::kU64}}},
  };
  return routes;
}

}  // namespace

Status AddQueryRoutes(http::Router& router, Node::Impl& node) {
  Node::Impl* n = &node;
  CBEC_RETURN_IF_ERROR(router.Get("/v1/query/{contract}/{query}", [n](const Request& req) {
    return GenericQuery(*n, req);
  }));
  CBEC_RETURN_IF_ERROR(router.Post(
      "/v1/query/{contract}/{query}", [n](const Request& req) { return GenericQuery(*n, req); },
      {.accept = http::BodyKind::kJson, .max_body_bytes = 64 * 1024}));
  for (const NamedRoute& route : NamedRoutes()) {
    const NamedRoute* r = &route;
    CBEC_RETURN_IF_ERROR(router.Get(route.pattern, [n, r](const Request& req) {
      Result<Json> args = NamedArgs(req, *r);
      if (!args.ok()) return Response::Error(args.status());
      return RunContractQuery(*n, req, r->contract, r->query, *args);
    }));
  }
  return Status::Ok();
}

}  // namespace cbec::node
