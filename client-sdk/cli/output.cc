// Output, errors and exit codes of `cbec` (cli.h).
#include <cstdio>
#include <string>

#include "cbec/crypto/errors.h"
#include "cli.h"

namespace cbec::cli {
namespace {

bool Between(uint32_t code, uint32_t lo, uint32_t hi) { return code >= lo && code <= hi; }

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A node's answer that what was named does not exist (`ipr.unknown_filing`,
// `api.account.not_found`, `query.unknown`).
bool IsNotFoundSlug(std::string_view slug) {
  return EndsWith(slug, "not_found") || slug.find(".unknown_") != std::string_view::npos ||
         slug == "query.unknown";
}

bool IsLocalKeyOrFile(const Status& s) {
  namespace ce = crypto::errors;
  for (const ErrorKind& k : {ce::kKeystoreFormat, ce::kKeystoreVersion, ce::kWrongPassphrase,
                             ce::kKeystoreIo, ce::kKeystoreAuth, ce::kKeystoreNotFound,
                             ce::kKeystoreKeyMismatch, sdk::errors::kNoKey, sdk::errors::kLocalFile,
                             sdk::errors::kQrDecode, sdk::errors::kBundleIo, cbec::errors::kIo}) {
    if (s.Is(k)) return true;
  }
  return false;
}

}  // namespace

int ExitCodeFor(const Status& s) {
  if (s.ok()) return kExitOk;
  namespace se = sdk::errors;
  if (IsLocalKeyOrFile(s)) return kExitLocal;
  if (s.Is(se::kUsage) || s.Is(se::kBadArgs) || s.Is(se::kBadAddress)) return kExitUsage;
  const uint32_t code = s.code();
  if (Between(code, 4000, 4009)) return kExitNetwork;  // unreachable, timeout, bad answer
  if (Between(code, 4010, 4039)) return kExitInvalid;  // the light client refused
  if (s.Is(se::kBadBundle) || s.Is(se::kBadBundleText) || s.Is(se::kBundleVersion) ||
      s.Is(se::kBadRecord)) {
    return kExitInvalid;
  }
  if (IsNotFoundSlug(s.slug())) return kExitNotFound;
  return kExitFailed;
}

// ---- dates ----

std::string CstDateTime(uint64_t ms) {
  // Howard Hinnant's civil_from_days, on the UTC+8 day.
  const int64_t secs = static_cast<int64_t>(ms / 1000) + 8 * 3600;
  const int64_t days = secs / 86400;
  const int64_t sod = secs % 86400;
  const int64_t z = days + 719468;
  const int64_t era = z / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld CST",
                static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d),
                static_cast<long long>(sod / 3600), static_cast<long long>(sod / 60 % 60),
                static_cast<long long>(sod % 60));
  return buf;
}

namespace {

bool IsTimeKey(std::string_view key) {
  return EndsWith(key, "_ms") || key == "time" || key == "timestamp";
}

template <class J>
std::string Scalar(std::string_view key, const J& v) {
  if (v.is_null()) return "-";
  if (v.is_string()) return v.template get<std::string>();
  // Block times are ms since 1970; anything below 2001 is not one.
  if (v.is_number_unsigned() && IsTimeKey(key)) {
    const uint64_t ms = v.template get<uint64_t>();
    if (ms > 978307200000ULL) return std::to_string(ms) + "  (" + CstDateTime(ms) + ")";
  }
  return v.dump();
}

template <class J>
bool IsScalarList(const J& v) {
  if (!v.is_array()) return false;
  for (const J& e : v) {
    if (e.is_structured()) return false;
  }
  return true;
}

template <class J>
void Render(const J& doc, const std::string& indent, std::string& out);

template <class J>
void RenderField(const std::string& key, const J& v, size_t width, const std::string& indent,
                 std::string& out) {
  std::string label = indent + key + ":";
  label.append(width + 2 > key.size() + 1 ? width + 1 - key.size() : 1, ' ');
  if (v.is_object() && !v.empty()) {
    out += indent + key + ":\n";
    Render(v, indent + "  ", out);
  } else if (v.is_object()) {
    out += label + "{}\n";
  } else if (IsScalarList(v)) {
    std::string joined;
    for (const J& e : v) joined += (joined.empty() ? "" : ", ") + Scalar(key, e);
    out += label + (v.empty() ? "-" : joined) + "\n";
  } else if (v.is_array()) {
    out += indent + key + ":\n";
    for (const J& e : v) {
      std::string item;
      Render(e, indent + "    ", item);
      // "  - first: x" on the item's first line.
      if (item.size() < indent.size() + 4) item = indent + "    {}\n";
      item.replace(indent.size(), 4, "  - ");
      out += item;
    }
  } else {
    out += label + Scalar(key, v) + "\n";
  }
}

template <class J>
void Render(const J& doc, const std::string& indent, std::string& out) {
  if (!doc.is_object()) {
    out += indent + Scalar("", doc) + "\n";
    return;
  }
  size_t width = 0;
  for (const auto& [k, v] : doc.items()) width = std::max(width, k.size());
  for (const auto& [k, v] : doc.items()) RenderField(k, v, width, indent, out);
}

}  // namespace

std::string RenderHuman(const Json& doc) {
  std::string out;
  Render(doc, "", out);
  return out;
}

std::string RenderHuman(const OrderedJson& doc) {
  std::string out;
  Render(doc, "", out);
  return out;
}

// ---- Context output ----

void Context::Print(const Json& doc, const std::string& human) const {
  if (opts.json) {
    std::printf("%s\n", doc.dump(-1, ' ', false, Json::error_handler_t::replace).c_str());
  } else {
    std::fputs(human.c_str(), stdout);
    if (!human.empty() && human.back() != '\n') std::fputc('\n', stdout);
  }
  std::fflush(stdout);
}

void Context::PrintRecord(const Json& doc) const { Print(doc, RenderHuman(doc)); }

int Context::Fail(const Status& s, const Json& extra) const {
  std::fprintf(stderr, "error: %s (%u): %s\n", std::string(s.slug()).c_str(), s.code(),
               s.message().c_str());
  const int rc = ExitCodeFor(s);
  if (opts.json) {
    Json err = {
        {"error", {{"code", s.code()}, {"slug", std::string(s.slug())}, {"message", s.message()}}},
        {"exit_code", rc}};
    if (extra.is_object()) {
      for (const auto& [k, v] : extra.items()) err[k] = v;
    }
    std::printf("%s\n", err.dump(-1, ' ', false, Json::error_handler_t::replace).c_str());
    std::fflush(stdout);
  }
  return rc;
}

}  // namespace cbec::cli
