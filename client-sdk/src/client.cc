// sdk::Client: connection pools, fail-over, answers, and the Receipt type.
// Transactions are in client_submit.cc, plain reads and Watch in
// client_reads.cc, verified reads in client_verified.cc.
#include "cbec/sdk/client.h"

#include <charconv>

#include "cbec/base/hex.h"
#include "cbec/crypto/hash.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/json.h"
#include "cbec/ledger/read_request.h"
#include "client_internal.h"
#include "http_internal.h"

namespace cbec::sdk {

using Json = nlohmann::json;

// ---- Receipt ----

Status Receipt::ToStatus() const {
  if (!committed) return Status(errors::kTimeout, "transaction " + hash + " is not committed yet");
  if (code == 0) return Status::Ok();
  return Status::Remote(code, slug, ErrorClass::kInvalid,
                        "transaction " + hash + " failed at height " + std::to_string(height));
}

Result<uint64_t> Receipt::ResultU64() const {
  if (result.size() != 8) {
    return Status(errors::kBadResponse,
                  "expected an 8-byte result, got " + std::to_string(result.size()) + " bytes");
  }
  uint64_t v = 0;
  for (uint8_t b : result) v = (v << 8) | b;
  return v;
}

Result<std::string> Receipt::ResultString() const {
  std::string text(result.begin(), result.end());
  if (!ledger::IsValidUtf8(text)) return Status(errors::kBadResponse, "the result is not text");
  return text;
}

std::string Receipt::ResultHex() const { return HexEncode(result); }

Json Receipt::ToJson() const {
  Json j{{"hash", hash}, {"status", committed ? "committed" : "pending"}};
  if (committed) {
    j["height"] = height;
    j["index"] = index;
    j["code"] = code;
    j["slug"] = slug;
    j["result"] = ResultHex();
  }
  j["node"] = node;
  return j;
}

Json CommitEvent::ToJson() const {
  return Json{{"height", height}, {"block_id", block_id}, {"tx_count", tx_count},
              {"failed", failed}, {"time", time},         {"filled", filled},
              {"node", node}};
}

unsigned RemoteHttpStatus(const Status& s) {
  // Client errors carry "<address>: HTTP <status>: ..." (http_internal.h).
  const std::string& m = s.message();
  size_t at = m.find(": HTTP ");
  if (s.ok() || at == std::string::npos || m.size() < at + 10) return 0;
  unsigned v = 0;
  auto [end, ec] = std::from_chars(m.data() + at + 7, m.data() + at + 10, v);
  return ec == std::errc() && end == m.data() + at + 10 ? v : 0;
}

// ---- pools and fail-over ----

struct Client::Pool {
  std::mutex mu;
  std::vector<std::unique_ptr<HttpConnection>> idle;
};

Client::Client(std::vector<std::string> nodes, TrustAnchor anchor, ClientOptions options)
    : nodes_(std::move(nodes)),
      anchor_(std::move(anchor)),
      options_(std::move(options)),
      light_(anchor_) {
  for (size_t i = 0; i < nodes_.size(); ++i) pools_.push_back(std::make_unique<Pool>());
}

Client::~Client() = default;

size_t Client::Preferred() const { return nodes_.empty() ? 0 : preferred_.load() % nodes_.size(); }

Result<Client::Answer> Client::ExchangeWith(size_t node, const HttpRequest& req) {
  Pool& pool = *pools_[node];
  std::unique_ptr<HttpConnection> conn;
  {
    std::lock_guard<std::mutex> lock(pool.mu);
    if (!pool.idle.empty()) {
      conn = std::move(pool.idle.back());
      pool.idle.pop_back();
    }
  }
  if (!conn) conn = std::make_unique<HttpConnection>(nodes_[node], options_.http);
  Result<HttpResponse> res = conn->Send(req);
  if (!res.ok()) return res.status();
  {
    std::lock_guard<std::mutex> lock(pool.mu);
    if (pool.idle.size() < options_.max_idle_connections) pool.idle.push_back(std::move(conn));
  }
  return Answer{node, std::move(res).value()};
}

Result<Client::Answer> Client::Exchange(const HttpRequest& req) {
  if (nodes_.empty()) return Status(errors::kUnreachable, "no node addresses given");
  const size_t start = Preferred();
  std::string causes;
  Status last;
  for (size_t k = 0; k < nodes_.size(); ++k) {
    size_t i = (start + k) % nodes_.size();
    Result<Answer> a = ExchangeWith(i, req);
    if (a.ok() && a->response.status < 500) {
      preferred_.store(i);
      return a;
    }
    last = a.ok() ? internal::RemoteError(a->response.status, a->response.body, nodes_[i])
                  : a.status();
    causes += (causes.empty() ? "" : "; ") + last.message();
  }
  if (last.Is(errors::kUnreachable) || last.Is(errors::kBadAddress)) {
    return Status(errors::kUnreachable, "no node answered: " + causes);
  }
  return last;  // every node failed; the last 5xx as the node reported it
}

Result<Json> internal::ParseAnswer(const HttpResponse& response, const std::string& address) {
  if (response.status < 200 || response.status >= 300) {
    return internal::RemoteError(response.status, response.body, address);
  }
  Result<Json> j = ledger::ParseJson(response.body);
  if (!j.ok()) {
    return Status(errors::kBadResponse, address + ": answer is not JSON: " + j.status().message());
  }
  return j;
}

Result<Json> Client::JsonCall(HttpRequest req, const Signer* reader) {
  if (reader != nullptr) CBEC_RETURN_IF_ERROR(SignRead(req, *reader));
  CBEC_ASSIGN_OR_RETURN(Answer a, Exchange(req));
  return internal::ParseAnswer(a.response, nodes_[a.node]);
}

Result<Json> Client::GetJsonFrom(size_t node, const std::string& target) {
  HttpRequest req;
  req.target = target;
  CBEC_ASSIGN_OR_RETURN(Answer a, ExchangeWith(node, req));
  return internal::ParseAnswer(a.response, nodes_[node]);
}

Status Client::SignRead(HttpRequest& req, const Signer& reader) const {
  uint64_t now = options_.now_ms ? options_.now_ms() : internal::WallClockMs();
  ledger::ReadRequest rr{anchor_.chain_id, req.method, req.target, now,
                         crypto::Digest(reader.suite(), AsBytes(req.body))};
  if (req.target.size() > ledger::kMaxReadTargetLength) {
    return Status(errors::kBadArgs, "request target too long to sign");
  }
  ledger::ReadAuthorization auth = ledger::SignReadRequest(reader.key(), reader.account(), rr);
  req.headers.emplace_back("Authorization", ledger::FormatReadAuthorization(auth));
  return Status::Ok();
}

}  // namespace cbec::sdk
