// trace builders and the canonical JSON text of EPCIS documents
// (docs/spec/epcis.md "Canonical form").
#include "cbec/sdk/builders_trace.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "cbec/sdk/errors.h"

namespace cbec::sdk {

using Json = nlohmann::json;

namespace {

void AppendString(std::string& out, const std::string& s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
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
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out.push_back(kHex[u >> 4]);
          out.push_back(kHex[u & 15]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

// ECMAScript Number.prototype.toString of `v` from its shortest round-trip
// digits (RFC 8785 section 3.2.2.3).
Result<std::string> EcmaNumber(double v) {
  if (!std::isfinite(v)) return Status(errors::kBadArgs, "a JSON number must be finite");
  if (v == 0) return std::string("0");  // also -0
  std::string out = v < 0 ? "-" : "";
  char buf[64];
  auto [end, ec] =
      std::to_chars(buf, buf + sizeof buf, std::fabs(v), std::chars_format::scientific);
  if (ec != std::errc()) return Status(errors::kBadArgs, "unprintable number");
  std::string sci(buf, end);  // d[.ddd]e±XX
  size_t e = sci.find('e');
  std::string digits = sci.substr(0, 1) + (e > 1 ? sci.substr(2, e - 2) : "");
  int exp10 = std::stoi(sci.substr(e + 1));
  int k = static_cast<int>(digits.size());
  int n = exp10 + 1;  // value = 0.digits x 10^n
  if (k <= n && n <= 21) {
    out += digits + std::string(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<size_t>(n)) + "." + digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0." + std::string(static_cast<size_t>(-n), '0') + digits;
  } else {
    out += digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += "e" + std::string(n - 1 >= 0 ? "+" : "-") + std::to_string(std::abs(n - 1));
  }
  return out;
}

Status AppendCanonical(std::string& out, const Json& v, int depth) {
  if (depth > 64) return Status(errors::kBadArgs, "JSON nested deeper than 64");
  switch (v.type()) {
    case Json::value_t::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& [key, item] : v.items()) {  // std::map: bytewise key order
        if (!first) out.push_back(',');
        first = false;
        AppendString(out, key);
        out.push_back(':');
        CBEC_RETURN_IF_ERROR(AppendCanonical(out, item, depth + 1));
      }
      out.push_back('}');
      return Status::Ok();
    }
    case Json::value_t::array: {
      out.push_back('[');
      for (size_t i = 0; i < v.size(); ++i) {
        if (i > 0) out.push_back(',');
        CBEC_RETURN_IF_ERROR(AppendCanonical(out, v[i], depth + 1));
      }
      out.push_back(']');
      return Status::Ok();
    }
    case Json::value_t::string:
      AppendString(out, v.get_ref<const std::string&>());
      return Status::Ok();
    case Json::value_t::boolean:
      out += v.get<bool>() ? "true" : "false";
      return Status::Ok();
    case Json::value_t::number_integer:
      out += std::to_string(v.get<int64_t>());
      return Status::Ok();
    case Json::value_t::number_unsigned:
      out += std::to_string(v.get<uint64_t>());
      return Status::Ok();
    case Json::value_t::number_float: {
      CBEC_ASSIGN_OR_RETURN(std::string num, EcmaNumber(v.get<double>()));
      out += num;
      return Status::Ok();
    }
    case Json::value_t::null:
      out += "null";
      return Status::Ok();
    default:
      return Status(errors::kBadArgs, "not a JSON value of the text form");
  }
}

}  // namespace

Result<std::string> CanonicalJson(const Json& value) {
  std::string out;
  CBEC_RETURN_IF_ERROR(AppendCanonical(out, value, 0));
  return out;
}

namespace trace {

Call Capture::ToCall() const { return {"trace", "capture", Json{{"document", document}}}; }

Call SelectForInspection::ToCall() const {
  Json args{{"epcs", epcs}, {"reason", reason}};
  if (!biz_transaction.empty()) args["biz_transaction"] = biz_transaction;
  return {"trace", "select_for_inspection", std::move(args)};
}

}  // namespace trace

}  // namespace cbec::sdk
