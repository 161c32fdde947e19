#include "cbec/node/http/target.h"

#include "cbec/node/http/errors.h"

namespace cbec::node::http {
namespace {

constexpr size_t kMaxQueryParams = 64;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Length of the UTF-8 sequence starting at s[i] (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when it is not valid.
size_t Utf8Length(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  uint8_t c = b(i);
  if (c < 0x80) return 1;
  size_t n;
  uint8_t lo = 0x80;
  uint8_t hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  }
  return n;
}

Status CheckText(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<uint8_t>(s[i]);
    if (c < 0x20 || c == 0x7F) {
      return Status(errors::kBadTarget, "control character in the target");
    }
    size_t n = Utf8Length(s, i);
    if (n == 0) return Status(errors::kBadTarget, "invalid UTF-8 in the target");
    i += n;
  }
  return Status::Ok();
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] + 32) : s[i];
    if (c != prefix[i]) return false;
  }
  return true;
}

// The origin-form part of an absolute-form target ("http://h:1/a?b" -> "/a?b").
Result<std::string_view> StripAbsoluteForm(std::string_view target) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (!StartsWithIgnoreCase(target, scheme)) continue;
    std::string_view rest = target.substr(scheme.size());
    size_t end = rest.find_first_of("/?");
    if (end == 0) return Status(errors::kBadTarget, "absolute target without a host");
    if (end == std::string_view::npos) return std::string_view("/");
    if (rest[end] == '?') return Status(errors::kBadTarget, "absolute target without a path");
    return rest.substr(end);
  }
  return target;
}

}  // namespace

Result<std::string> PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      int hi = i + 2 < s.size() ? HexValue(s[i + 1]) : -1;
      int lo = hi >= 0 ? HexValue(s[i + 2]) : -1;
      if (lo < 0) return Status(errors::kBadTarget, "'%' not followed by two hex digits");
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  CBEC_RETURN_IF_ERROR(CheckText(out));
  return out;
}

Result<std::map<std::string, std::string, std::less<>>> ParseQuery(std::string_view query) {
  std::map<std::string, std::string, std::less<>> out;
  if (query.empty()) return out;
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(start, end - start);
    if (pair.empty()) return Status(errors::kBadTarget, "empty query parameter");
    size_t eq = pair.find('=');
    CBEC_ASSIGN_OR_RETURN(std::string key, PercentDecode(pair.substr(0, eq), true));
    std::string value;
    if (eq != std::string_view::npos) {
      CBEC_ASSIGN_OR_RETURN(value, PercentDecode(pair.substr(eq + 1), true));
    }
    if (key.empty()) return Status(errors::kBadTarget, "query parameter without a name");
    if (out.size() == kMaxQueryParams) {
      return Status(errors::kBadTarget, "more than 64 query parameters");
    }
    if (!out.emplace(std::move(key), std::move(value)).second) {
      return Status(errors::kBadTarget, "query parameter given twice");
    }
    start = end + 1;
  }
  return out;
}

Result<Target> ParseTarget(std::string_view raw) {
  CBEC_ASSIGN_OR_RETURN(std::string_view target, StripAbsoluteForm(raw));
  if (target.empty() || target[0] != '/') {
    return Status(errors::kBadTarget, "the target must start with '/'");
  }
  if (target.find('#') != std::string_view::npos) {
    return Status(errors::kBadTarget, "fragment in the target");
  }
  size_t q = target.find('?');
  std::string_view path = target.substr(0, q);
  Target out;
  if (q != std::string_view::npos) {
    CBEC_ASSIGN_OR_RETURN(out.query, ParseQuery(target.substr(q + 1)));
  }
  std::string_view rest = path.substr(1);
  if (!rest.empty()) {
    size_t start = 0;
    while (true) {
      size_t slash = rest.find('/', start);
      std::string_view seg = rest.substr(start, slash == std::string_view::npos
                                                    ? std::string_view::npos
                                                    : slash - start);
      CBEC_ASSIGN_OR_RETURN(std::string decoded, PercentDecode(seg, false));
      out.segments.push_back(std::move(decoded));
      if (slash == std::string_view::npos) break;
      start = slash + 1;
    }
  }
  for (const std::string& seg : out.segments) {
    out.path += '/';
    out.path += seg;
  }
  // push_back, not = "/": GCC 12 reports a false -Wrestrict on the latter.
  if (out.path.empty()) out.path.push_back('/');
  return out;
}

}  // namespace cbec::node::http
