#include "cbec/node/http/message.h"

#include <spdlog/spdlog.h>

#include <atomic>

#include "cbec/node/http/errors.h"
#include "cbec/node/http/json.h"

namespace cbec::node::http {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] + 32) : b[i];
    if (x != y) return false;
  }
  return true;
}

}  // namespace

std::optional<uint64_t> ParseDecimalU64(std::string_view s) {
  if (s.empty() || s.size() > 20 || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

std::string_view MethodName(Method m) {
  switch (m) {
    case Method::kGet: return "GET";
    case Method::kHead: return "HEAD";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kDelete: return "DELETE";
    case Method::kPatch: return "PATCH";
    case Method::kOptions: return "OPTIONS";
    case Method::kOther: break;
  }
  return "OTHER";
}

std::optional<std::string_view> Request::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreCase(k, name)) return std::string_view(v);
  }
  return std::nullopt;
}

std::string_view Request::Param(std::string_view name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string_view() : std::string_view(it->second);
}

std::optional<std::string_view> Request::Query(std::string_view name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return std::string_view(it->second);
}

Result<uint64_t> Request::ParamU64(std::string_view name) const {
  std::optional<uint64_t> v = ParseDecimalU64(Param(name));
  if (!v) {
    return Status(errors::kBadParam,
                  "path parameter '" + std::string(name) + "' must be a decimal integer");
  }
  return *v;
}

Result<std::optional<uint64_t>> Request::QueryU64(std::string_view name) const {
  std::optional<std::string_view> raw = Query(name);
  if (!raw) return std::optional<uint64_t>();
  std::optional<uint64_t> v = ParseDecimalU64(*raw);
  if (!v) {
    return Status(errors::kBadParam,
                  "query parameter '" + std::string(name) + "' must be a decimal integer");
  }
  return v;
}

Response Response::Json(const nlohmann::json& j, unsigned status) {
  Response r;
  r.status = status;
  r.body = DumpJson(j);
  return r;
}

Response Response::Text(std::string text, unsigned status) {
  Response r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(text);
  return r;
}

Response Response::Binary(std::string bytes, unsigned status) {
  Response r;
  r.status = status;
  r.content_type = "application/octet-stream";
  r.body = std::move(bytes);
  return r;
}

Response Response::Error(const Status& s) { return Error(s, HttpStatusFor(s)); }

Response Response::Error(const Status& s, unsigned status) {
  if (s.IsInternal()) {
    // Internals (paths, database errors) stay in the log.
    spdlog::error("http: internal error answered as 500: {}", s.ToString());
    status = 500;
  }
  Response r;
  r.status = status;
  r.body = DumpJson(ErrorJson(s));
  return r;
}

struct Responder::State {
  explicit State(Deliver d) : deliver(std::move(d)) {}
  ~State() {
    if (!sent.exchange(true)) {
      deliver(Response::Error(Status(errors::kInternal, "the handler dropped the request")));
    }
  }
  std::atomic<bool> sent{false};
  const Deliver deliver;
};

Responder::Responder(Deliver deliver) : state_(std::make_shared<State>(std::move(deliver))) {}

bool Responder::Send(Response response) const {
  if (state_->sent.exchange(true)) return false;
  state_->deliver(std::move(response));
  return true;
}

bool Responder::sent() const { return state_->sent.load(); }

}  // namespace cbec::node::http
