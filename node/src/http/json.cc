#include "cbec/node/http/json.h"

#include "cbec/node/http/errors.h"

namespace cbec::node::http {
namespace {

// Nesting depth of `text` outside strings, stopping early past `limit`. Runs
// before the parser so that neither parsing nor destroying a deep value can
// exhaust the stack or the CPU.
bool DepthWithin(std::string_view text, size_t limit) {
  size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return false;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return true;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

struct KindStatus {
  const ErrorKind* kind;
  unsigned status;
};

constexpr KindStatus kHttpStatuses[] = {
    {&errors::kNotFound, 404},          {&errors::kMethodNotAllowed, 405},
    {&errors::kBodyTooLarge, 413},      {&errors::kUnsupportedMediaType, 415},
    {&errors::kTimeout, 408},           {&errors::kTooMany, 503},
    {&errors::kHeaderTooLarge, 431},    {&errors::kBadVersion, 505},
    {&errors::kUnavailable, 503},       {&errors::kHandlerTimeout, 503},
};

}  // namespace

Result<nlohmann::json> ParseJson(std::string_view text, size_t max_depth) {
  if (!DepthWithin(text, max_depth)) {
    return Status(errors::kJsonTooDeep,
                  "JSON nested deeper than " + std::to_string(max_depth) + " levels");
  }
  try {
    return nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/true,
                                 /*ignore_comments=*/false);
  } catch (const nlohmann::json::parse_error& e) {
    return Status(errors::kBadJson, "invalid JSON at byte " + std::to_string(e.byte));
  } catch (const std::exception& e) {
    return Status(errors::kBadJson, std::string("invalid JSON: ") + e.what());
  }
}

unsigned HttpStatusFor(const Status& s) {
  if (s.ok()) return 200;
  if (s.IsInternal()) return 500;
  for (const KindStatus& k : kHttpStatuses) {
    if (s.Is(*k.kind)) return k.status;
  }
  std::string_view slug = s.slug();
  if (s.Is(cbec::errors::kNotFound) || EndsWith(slug, ".not_found")) return 404;
  if (EndsWith(slug, ".unauthorized")) return 401;
  if (EndsWith(slug, ".forbidden")) return 403;
  if (EndsWith(slug, ".conflict")) return 409;
  return 400;
}

nlohmann::ordered_json ErrorJson(const Status& s) {
  if (s.IsInternal()) {
    return {{"error",
             {{"code", errors::kInternal.code},
              {"slug", errors::kInternal.slug},
              {"message", "internal error"}}}};
  }
  return {{"error", {{"code", s.code()}, {"slug", s.slug()}, {"message", s.message()}}}};
}

std::string DumpJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

std::string DumpJson(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

}  // namespace cbec::node::http
