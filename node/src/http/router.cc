#include "cbec/node/http/router.h"

#include <algorithm>

#include "cbec/node/http/errors.h"

namespace cbec::node::http {
namespace {

bool IsParamName(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    // Upper case too: clearance's arguments keep the customs messages'
    // camelCase names (ebpCode, orderNo).
    bool ok = (c >= 'a' && c <= 'z') || c == '_' ||
              (i > 0 && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')));
    if (!ok) return false;
  }
  return true;
}

bool IsLiteral(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '.' || c == '_' || c == '~' || c == ':' || c == '@';
    if (!ok) return false;
  }
  return true;
}

Result<std::vector<Route::Segment>> ParsePattern(std::string_view pattern) {
  auto bad = [&](std::string_view why) {
    return Status(errors::kBadRoute, "pattern '" + std::string(pattern) + "': " + std::string(why));
  };
  if (pattern.empty() || pattern[0] != '/') return bad("must start with '/'");
  std::vector<Route::Segment> out;
  if (pattern == "/") return out;
  size_t start = 1;
  while (start <= pattern.size()) {
    size_t end = std::min(pattern.find('/', start), pattern.size());
    std::string_view seg = pattern.substr(start, end - start);
    if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
      std::string_view name = seg.substr(1, seg.size() - 2);
      if (!IsParamName(name)) return bad("bad parameter name");
      for (const auto& s : out) {
        if (s.is_param && s.text == name) return bad("parameter named twice");
      }
      out.push_back({std::string(name), true});
    } else if (IsLiteral(seg)) {
      out.push_back({std::string(seg), false});
    } else {
      return bad("bad segment '" + std::string(seg) + "'");
    }
    start = end + 1;
  }
  return out;
}

bool SameShape(const Route& a, const Route& b) {
  if (a.segments.size() != b.segments.size()) return false;
  for (size_t i = 0; i < a.segments.size(); ++i) {
    const auto& x = a.segments[i];
    const auto& y = b.segments[i];
    if (x.is_param != y.is_param || (!x.is_param && x.text != y.text)) return false;
  }
  return true;
}

bool PathMatches(const Route& r, const std::vector<std::string>& segments) {
  if (r.segments.size() != segments.size()) return false;
  for (size_t i = 0; i < segments.size(); ++i) {
    const auto& s = r.segments[i];
    if (segments[i].empty()) return false;
    if (!s.is_param && s.text != segments[i]) return false;
  }
  return true;
}

// True when `a` is more specific than `b`: a literal where they first differ.
bool MoreSpecific(const Route& a, const Route& b) {
  for (size_t i = 0; i < a.segments.size(); ++i) {
    if (a.segments[i].is_param != b.segments[i].is_param) return !a.segments[i].is_param;
  }
  return false;
}

BodyKind DefaultAccept(Method m) {
  bool has_body = m == Method::kPost || m == Method::kPut || m == Method::kPatch;
  return has_body ? BodyKind::kJson : BodyKind::kNone;
}

}  // namespace

Status Router::Insert(Route route, std::string_view pattern) {
  if (route.method == Method::kHead || route.method == Method::kOptions ||
      route.method == Method::kOther) {
    return Status(errors::kBadRoute, std::string(MethodName(route.method)) +
                                         " routes are answered by the server");
  }
  CBEC_ASSIGN_OR_RETURN(route.segments, ParsePattern(pattern));
  route.pattern = std::string(pattern);
  for (const auto& r : routes_) {
    if (r->method == route.method && SameShape(*r, route)) {
      return Status(errors::kDuplicateRoute, std::string(MethodName(route.method)) + " " +
                                                 route.pattern + " clashes with " + r->pattern);
    }
  }
  routes_.push_back(std::make_shared<const Route>(std::move(route)));
  return Status::Ok();
}

Status Router::Add(Method method, std::string_view pattern, Handler handler,
                   RouteOptions options) {
  Route r;
  r.method = method;
  r.kind = Route::Kind::kSync;
  r.accept = options.accept.value_or(DefaultAccept(method));
  r.max_body_bytes = options.max_body_bytes;
  r.handler = std::move(handler);
  return Insert(std::move(r), pattern);
}

Status Router::AddAsync(Method method, std::string_view pattern, AsyncHandler handler,
                        RouteOptions options) {
  Route r;
  r.method = method;
  r.kind = Route::Kind::kAsync;
  r.accept = options.accept.value_or(DefaultAccept(method));
  r.max_body_bytes = options.max_body_bytes;
  r.async_handler = std::move(handler);
  return Insert(std::move(r), pattern);
}

Status Router::AddStream(std::string_view pattern, std::string content_type,
                         StreamHandler handler) {
  Route r;
  r.method = Method::kGet;
  r.kind = Route::Kind::kStream;
  r.stream_handler = std::move(handler);
  r.stream_content_type = std::move(content_type);
  return Insert(std::move(r), pattern);
}

Result<Router::Match> Router::Find(Method method, const std::vector<std::string>& segments) const {
  Method want = method == Method::kHead ? Method::kGet : method;
  const Route* best = nullptr;
  bool path_known = false;
  for (const auto& r : routes_) {
    if (!PathMatches(*r, segments)) continue;
    path_known = true;
    if (r->method == want && (best == nullptr || MoreSpecific(*r, *best))) best = r.get();
  }
  if (best == nullptr) {
    if (path_known) {
      return Status(errors::kMethodNotAllowed,
                    std::string(MethodName(method)) + " is not allowed here");
    }
    return Status(errors::kNotFound, "no such route");
  }
  Match m;
  m.route = best;
  for (size_t i = 0; i < segments.size(); ++i) {
    if (best->segments[i].is_param) m.params.emplace_back(best->segments[i].text, segments[i]);
  }
  return m;
}

std::vector<Method> Router::Allowed(const std::vector<std::string>& segments) const {
  std::vector<Method> out;
  for (const auto& r : routes_) {
    if (PathMatches(*r, segments)) out.push_back(r->method);
  }
  if (out.empty()) return out;
  if (std::find(out.begin(), out.end(), Method::kGet) != out.end()) out.push_back(Method::kHead);
  out.push_back(Method::kOptions);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<Method> Router::AllMethods() const {
  std::vector<Method> out{Method::kOptions};
  for (const auto& r : routes_) {
    out.push_back(r->method);
    if (r->method == Method::kGet) out.push_back(Method::kHead);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string JoinMethods(const std::vector<Method>& methods) {
  std::string out;
  for (Method m : methods) {
    if (!out.empty()) out += ", ";
    out += MethodName(m);
  }
  return out;
}

}  // namespace cbec::node::http
