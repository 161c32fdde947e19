// The canonical JSON form of EPCIS events and documents (docs/spec/epcis.md):
// keys sorted bytewise, no insignificant whitespace, minimal string escaping,
// integers exactly, other numbers in the shortest round-trip form laid out as
// ECMAScript prints them (the RFC 8785 / JCS number rules). Written here
// rather than with nlohmann's dump() because dump() prints the non-integer
// JSON number 26.0 as "26.0" but the integer 26 as "26" (one number, two
// texts), and its Grisu2 output is not guaranteed to be the shortest form.
//
// Determinism: no arithmetic is done on non-integer numbers. The parser gives
// the IEEE binary64 value nearest to the text (correctly rounded), and
// std::to_chars gives the shortest digits that read back to exactly that
// value; both are exact functions of their input, the same on every
// validator.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

#include "epcis_internal.h"

namespace cbec::contracts::epcis::internal {

namespace {

bool IsPlainKey(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '_' || c == '-' || c == ':' || c == '@';
    if (!plain) return false;
  }
  return true;
}

void AppendString(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

// ECMAScript Number::toString layout of a finite, non-zero binary64 value
// from its shortest round-trip digits (std::to_chars, exact, locale-free).
std::string FormatBinary64(Json::number_float_t v) {
  char buf[64];
  auto [end, ec] =
      std::to_chars(buf, buf + sizeof(buf), std::fabs(v), std::chars_format::scientific);
  std::string_view sci(buf, ec == std::errc() ? static_cast<size_t>(end - buf) : 0);
  // sci is "d[.ddd]e[+-]xx".
  size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e)) {
    if (c != '.') digits += c;
  }
  int exp10 = 0;
  std::from_chars(sci.data() + e + 1 + (sci[e + 1] == '+' ? 1 : 0), sci.data() + sci.size(), exp10);
  const int k = static_cast<int>(digits.size());
  const int n = exp10 + 1;  // position of the decimal point
  std::string out = v < 0 ? "-" : "";
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<size_t>(n));
    out += '.';
    out += digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += 'e';
    out += n - 1 >= 0 ? '+' : '-';
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

Status AppendContainer(const Json& j, std::string_view path, size_t depth, std::string& out) {
  if (depth > kMaxDepth) {
    return Fail(errors::kTooDeep, path, "nesting deeper than " + std::to_string(kMaxDepth));
  }
  if (j.is_array()) {
    out += '[';
    for (size_t i = 0; i < j.size(); ++i) {
      if (i > 0) out += ',';
      CBEC_RETURN_IF_ERROR(AppendCanonical(j[i], PathIndex(path, i), depth + 1, out));
    }
    out += ']';
    return Status::Ok();
  }
  // nlohmann's default object_t is a std::map: iteration is bytewise key order.
  out += '{';
  bool first = true;
  for (const auto& [key, value] : j.items()) {
    std::string child = PathKey(path, key);
    if (!IsUtf8(key)) return Fail(errors::kBadField, child, "key is not valid UTF-8");
    if (!first) out += ',';
    first = false;
    AppendString(key, out);
    out += ':';
    CBEC_RETURN_IF_ERROR(AppendCanonical(value, child, depth + 1, out));
  }
  out += '}';
  return Status::Ok();
}

}  // namespace

std::string PathKey(std::string_view base, std::string_view key) {
  std::string out(base);
  if (IsPlainKey(key)) {
    out += '.';
    out += key;
  } else {
    out += '[';
    AppendString(key, out);
    out += ']';
  }
  return out;
}

std::string PathIndex(std::string_view base, size_t i) {
  std::string out(base);
  out += '[';
  out += std::to_string(i);
  out += ']';
  return out;
}

Status Fail(const ErrorKind& kind, std::string_view path, std::string_view message) {
  std::string m(path);
  m += ": ";
  m += message;
  return Status(kind, std::move(m));
}

bool IsUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

Result<std::string> CanonicalNumber(const Json& j, std::string_view path) {
  if (j.is_number_unsigned()) return std::to_string(j.get<uint64_t>());
  if (j.is_number_integer()) return std::to_string(j.get<int64_t>());
  const auto v = j.get<Json::number_float_t>();
  if (!std::isfinite(v)) return Fail(errors::kBadNumber, path, "number is not finite");
  if (v == 0) return std::string("0");  // also -0
  return FormatBinary64(v);
}

Status AppendCanonical(const Json& j, std::string_view path, size_t depth, std::string& out) {
  switch (j.type()) {
    case Json::value_t::null:
      out += "null";
      return Status::Ok();
    case Json::value_t::boolean:
      out += j.get<bool>() ? "true" : "false";
      return Status::Ok();
    case Json::value_t::string: {
      const auto& s = j.get_ref<const std::string&>();
      if (!IsUtf8(s)) return Fail(errors::kBadField, path, "string is not valid UTF-8");
      AppendString(s, out);
      return Status::Ok();
    }
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: {
      CBEC_ASSIGN_OR_RETURN(std::string n, CanonicalNumber(j, path));
      out += n;
      return Status::Ok();
    }
    case Json::value_t::array:
    case Json::value_t::object:
      return AppendContainer(j, path, depth, out);
    case Json::value_t::binary:
    case Json::value_t::discarded:
      break;
  }
  return Fail(errors::kBadField, path, "not a JSON value");
}

Result<std::string> ReadUri(const Json& j, std::string_view path, const ErrorKind& bad) {
  if (!j.is_string()) return Fail(errors::kBadField, path, "expected a string (URI)");
  const auto& s = j.get_ref<const std::string&>();
  if (s.empty()) return Fail(errors::kBadEpc, path, "empty identifier");
  if (s.size() > kMaxEpcBytes) {
    return Fail(errors::kTooLarge, path,
                "identifier longer than " + std::to_string(kMaxEpcBytes) + " bytes");
  }
  size_t colon = s.find(':');
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  bool ok = colon != std::string::npos && colon > 0 && colon + 1 < s.size() && alpha(s[0]);
  for (size_t i = 1; ok && i < colon; ++i) {
    char c = s[i];
    ok = alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
  }
  for (size_t i = 0; ok && i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    ok = c > 0x20 && c < 0x7F;
  }
  if (!ok) return Fail(bad, path, "not a URI");
  return s;
}

}  // namespace cbec::contracts::epcis::internal
