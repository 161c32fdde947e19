// EncodeArgs: walks a method's Shape (builders_schema.cc) over the JSON view
// of its arguments and writes the canonical bytes, reading the JSON with
// the rules of the contracts' Args::FromJson (every required field present,
// no unknown field, types and bounds checked).
#include <set>

#include "builders_internal.h"
#include "cbec/base/hex.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/ids.h"
#include "cbec/ledger/json.h"
#include "cbec/sdk/builders_call.h"
#include "cbec/sdk/errors.h"

namespace cbec::sdk {

using Json = nlohmann::json;
using internal::EnumTable;
using internal::Field;
using internal::Kind;
using internal::Presence;
using internal::Shape;

namespace {

Status Bad(const std::string& path, std::string_view why) {
  return Status(errors::kBadArgs, path + ": " + std::string(why));
}

Result<uint64_t> ReadUnsigned(const Json& j, const std::string& path, uint64_t max) {
  uint64_t v = 0;
  if (j.is_number_unsigned()) {
    v = j.get<uint64_t>();
  } else if (j.is_number_integer() && j.get<int64_t>() >= 0) {
    v = static_cast<uint64_t>(j.get<int64_t>());
  } else {
    return Bad(path, "expected an unsigned integer");
  }
  if (v > max) return Bad(path, std::to_string(v) + " exceeds " + std::to_string(max));
  return v;
}

Result<std::string> ReadString(const Json& j, const std::string& path, size_t max) {
  if (!j.is_string()) return Bad(path, "expected a string");
  const std::string& s = j.get_ref<const std::string&>();
  if (s.size() > max) return Bad(path, "longer than " + std::to_string(max) + " bytes");
  if (!ledger::IsValidUtf8(s)) return Bad(path, "not UTF-8");
  return s;
}

Result<Bytes> ReadHex(const Json& j, const std::string& path, size_t max_bytes) {
  if (!j.is_string()) return Bad(path, "expected a hex string");
  const std::string& s = j.get_ref<const std::string&>();
  if (s.size() / 2 > max_bytes)
    return Bad(path, "longer than " + std::to_string(max_bytes) + " bytes");
  if (!ledger::IsLowerHex(s)) return Bad(path, "expected lower-case hex digit pairs");
  auto raw = HexDecode(s);
  if (!raw.ok()) return Bad(path, raw.status().message());
  return std::move(raw).value();
}

Result<Bytes> ReadFixed(const Json& j, const std::string& path, size_t n) {
  CBEC_ASSIGN_OR_RETURN(Bytes raw, ReadHex(j, path, n));
  if (raw.size() != n) return Bad(path, "expected " + std::to_string(n) + " bytes of hex");
  return raw;
}

Result<uint8_t> ReadEnum(const Json& j, const std::string& path, const EnumTable& t) {
  if (!j.is_string()) return Bad(path, "expected a string");
  for (const auto& e : t) {
    if (j.get_ref<const std::string&>() == e.name) return e.value;
  }
  std::string names;
  for (const auto& e : t) names += (names.empty() ? "" : ", ") + std::string(e.name);
  return Bad(path, "must be one of " + names);
}

// ParseScaled of contracts/money.h: digits, no superfluous leading zero, an
// optional '.' and 1..decimals digits, at most 2^63 - 1 once scaled.
Result<uint64_t> ReadDecimal(const Json& j, const std::string& path, unsigned decimals) {
  if (!j.is_string()) return Bad(path, "expected a decimal string such as \"12.50\"");
  const std::string& s = j.get_ref<const std::string&>();
  size_t point = s.find('.');
  std::string whole = s.substr(0, point);
  std::string frac = point == std::string::npos ? "" : s.substr(point + 1);
  bool ok = !whole.empty() && (point == std::string::npos || !frac.empty()) &&
            frac.size() <= decimals && !(whole.size() > 1 && whole[0] == '0');
  for (char c : whole + frac) ok = ok && c >= '0' && c <= '9';
  if (!ok) {
    return Bad(path, "\"" + s.substr(0, 32) + "\" is not a decimal with at most " +
                         std::to_string(decimals) + " decimals");
  }
  frac.append(decimals - frac.size(), '0');
  constexpr uint64_t kMax = 0x7fffffffffffffffULL;
  uint64_t v = 0;
  for (char c : whole + frac) {
    auto digit = static_cast<uint64_t>(c - '0');
    if (v > (kMax - digit) / 10) return Bad(path, "too large");
    v = v * 10 + digit;
  }
  return v;
}

class Encoder {
 public:
  Status Object(const Json& j, const Shape& shape, const std::string& path);
  Bytes Take() { return w_.Take(); }

 private:
  Status Value(const Json& v, const Field& f, const std::string& path);
  Status List(const Json& v, const Field& f, const std::string& path);
  Status Directed(const Json& j, const Field& f, const std::string& path);
  Status Zero(const Field& f);

  ledger::Writer w_;
};

Status Encoder::Object(const Json& j, const Shape& shape, const std::string& path) {
  if (!j.is_object()) return Bad(path, "expected an object");
  std::set<std::string, std::less<>> known;
  for (const Field& f : shape) {
    if (f.kind == Kind::kDirected) {
      known.insert({"direction", "document"});
      CBEC_RETURN_IF_ERROR(Directed(j, f, path));
      continue;
    }
    known.emplace(f.name);
    auto it = j.find(std::string(f.name));
    std::string at = path + "." + std::string(f.name);
    if (it == j.end()) {
      if (f.presence == Presence::kRequired) return Bad(at, "missing");
      CBEC_RETURN_IF_ERROR(Zero(f));
      continue;
    }
    if (f.presence == Presence::kOptional) w_.Bool(true);
    CBEC_RETURN_IF_ERROR(Value(*it, f, at));
  }
  for (const auto& [key, value] : j.items()) {
    if (known.count(key) == 0) return Bad(path + "." + key, "unknown field");
  }
  return Status::Ok();
}

// What an absent field is encoded as.
Status Encoder::Zero(const Field& f) {
  if (f.presence == Presence::kOptional) {
    w_.Bool(false);
    return Status::Ok();
  }
  switch (f.kind) {
    case Kind::kString:
    case Kind::kHex:
    case Kind::kStringList:
    case Kind::kHexList:
    case Kind::kObjectList:
    case Kind::kVarint:
      w_.Varint(0);  // empty string / blob / list, or 0
      return Status::Ok();
    default:
      return Status(errors::kBadArgs, std::string(f.name) + ": no default (SDK table bug)");
  }
}

Status Encoder::Value(const Json& v, const Field& f, const std::string& path) {
  switch (f.kind) {
    case Kind::kString: {
      CBEC_ASSIGN_OR_RETURN(std::string s, ReadString(v, path, f.max));
      w_.String(s, f.max);
      return Status::Ok();
    }
    case Kind::kHex: {
      CBEC_ASSIGN_OR_RETURN(Bytes b, ReadHex(v, path, f.max));
      w_.Blob(b, f.max);
      return Status::Ok();
    }
    case Kind::kFixed20:
    case Kind::kFixed32: {
      CBEC_ASSIGN_OR_RETURN(Bytes b, ReadFixed(v, path, f.kind == Kind::kFixed20 ? 20 : 32));
      w_.Raw(b);
      return Status::Ok();
    }
    case Kind::kDigest: {
      bool ok = v.is_string() && v.get_ref<const std::string&>().size() == 64 &&
                ledger::IsLowerHex(v.get_ref<const std::string&>());
      if (!ok) return Bad(path, "a personal field is a 64-hex-digit PersonalDigest, never clear");
      w_.Raw(*HexDecode(v.get_ref<const std::string&>()));
      return Status::Ok();
    }
    case Kind::kU32: {
      CBEC_ASSIGN_OR_RETURN(uint64_t n, ReadUnsigned(v, path, UINT32_MAX));
      w_.U32(static_cast<uint32_t>(n));
      return Status::Ok();
    }
    case Kind::kU64:
    case Kind::kVarint: {
      CBEC_ASSIGN_OR_RETURN(uint64_t n, ReadUnsigned(v, path, UINT64_MAX));
      f.kind == Kind::kU64 ? w_.U64(n) : w_.Varint(n);
      return Status::Ok();
    }
    case Kind::kBool:
      if (!v.is_boolean()) return Bad(path, "expected true or false");
      w_.Bool(v.get<bool>());
      return Status::Ok();
    case Kind::kEnum: {
      CBEC_ASSIGN_OR_RETURN(uint8_t e, ReadEnum(v, path, *f.enums));
      w_.U8(e);
      return Status::Ok();
    }
    case Kind::kMoney:
    case Kind::kQuantity: {
      CBEC_ASSIGN_OR_RETURN(uint64_t n, ReadDecimal(v, path, f.kind == Kind::kMoney ? 2 : 4));
      w_.Varint(n);
      return Status::Ok();
    }
    case Kind::kObject:
      return Object(v, *f.shape, path);
    case Kind::kAction: {
      if (!v.is_object()) return Bad(path, "expected {\"contract\", \"method\", \"args\"}");
      CBEC_ASSIGN_OR_RETURN(Call call, Call::FromJson(v));
      CBEC_ASSIGN_OR_RETURN(Bytes args, EncodeArgs(call));
      w_.String(call.contract, 256);
      w_.String(call.method, 256);
      w_.Blob(args, 16 * 1024);
      return Status::Ok();
    }
    case Kind::kEpcis: {
      CBEC_ASSIGN_OR_RETURN(std::string text, CanonicalJson(v));
      w_.String(text, 0);
      return Status::Ok();
    }
    default:
      return List(v, f, path);
  }
}

Status Encoder::List(const Json& v, const Field& f, const std::string& path) {
  if (f.kind == Kind::kLicenceGoods && v.is_string()) {
    if (v.get_ref<const std::string&>() != "all") {
      return Bad(path, "expected \"all\" or an array of goods");
    }
    w_.Varint(1);
    w_.String("all", 3);
    return Status::Ok();
  }
  if (!v.is_array()) return Bad(path, "expected an array");
  if (v.size() > f.max || v.size() < f.min) {
    return Bad(path, "expected " + std::to_string(f.min) + "-" + std::to_string(f.max) +
                         " entries, got " + std::to_string(v.size()));
  }
  w_.Varint(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    std::string at = path + "[" + std::to_string(i) + "]";
    switch (f.kind) {
      case Kind::kStringList:
      case Kind::kLicenceGoods: {
        CBEC_ASSIGN_OR_RETURN(std::string s, ReadString(v[i], at, f.item_max));
        w_.String(s, f.item_max);
        break;
      }
      case Kind::kHexList: {
        CBEC_ASSIGN_OR_RETURN(Bytes b, ReadHex(v[i], at, f.item_max));
        w_.Blob(b, f.item_max);
        break;
      }
      case Kind::kEnumList: {
        CBEC_ASSIGN_OR_RETURN(uint8_t e, ReadEnum(v[i], at, *f.enums));
        w_.U8(e);
        break;
      }
      case Kind::kObjectList:
        CBEC_RETURN_IF_ERROR(Object(v[i], *f.shape, at));
        break;
      default:
        return Status(errors::kBadArgs, path + ": unknown field kind (SDK table bug)");
    }
  }
  return Status::Ok();
}

// {"direction": "import"|"export", "document": {...}}: the direction byte,
// then the import or the export document.
Status Encoder::Directed(const Json& j, const Field& f, const std::string& path) {
  static const EnumTable kDirections = {{"import", 1}, {"export", 2}};
  auto dir = j.find("direction");
  if (dir == j.end()) return Bad(path + ".direction", "missing");
  CBEC_ASSIGN_OR_RETURN(uint8_t d, ReadEnum(*dir, path + ".direction", kDirections));
  w_.U8(d);
  auto doc = j.find("document");
  if (doc == j.end()) return Bad(path + ".document", "missing");
  return Object(*doc, d == 1 ? *f.shape : *f.shape2, path + ".document");
}

}  // namespace

const std::vector<MethodInfo>& KnownMethods() {
  static const std::vector<MethodInfo> methods = [] {
    std::vector<MethodInfo> out;
    for (const auto& m : internal::MethodShapes())
      out.push_back({m.contract, m.method, m.governed});
    return out;
  }();
  return methods;
}

const MethodInfo* FindMethod(std::string_view contract, std::string_view method) {
  for (const MethodInfo& m : KnownMethods()) {
    if (m.contract == contract && m.method == method) return &m;
  }
  return nullptr;
}

Result<Bytes> EncodeArgs(std::string_view contract, std::string_view method, const Json& args) {
  std::string name = std::string(contract) + "." + std::string(method);
  for (const auto& m : internal::MethodShapes()) {
    if (m.contract != contract || m.method != method) continue;
    Encoder e;
    Status s = ledger::CatchJson("args", [&] { return e.Object(args, *m.shape, "args"); });
    if (!s.ok()) return Status(errors::kBadArgs, name + ": " + s.message());
    return e.Take();
  }
  return Status(errors::kBadArgs, "no method " + name + " known to the SDK");
}

Result<Call> MakeCall(std::string contract, std::string method, Json args) {
  Call call{std::move(contract), std::move(method), std::move(args)};
  CBEC_RETURN_IF_ERROR(EncodeArgs(call).status());
  return call;
}

Json Call::ToJson() const {
  return Json{{"contract", contract}, {"method", method}, {"args", args}};
}

Result<Call> Call::FromJson(const Json& j) {
  if (!j.is_object())
    return Status(errors::kBadArgs, "a call is {\"contract\", \"method\", \"args\"}");
  Call c;
  for (const auto& [key, value] : j.items()) {
    if (key == "contract" || key == "method") {
      if (!value.is_string()) return Status(errors::kBadArgs, key + ": expected a string");
      (key == "contract" ? c.contract : c.method) = value.get<std::string>();
    } else if (key == "args") {
      c.args = value;
    } else {
      return Status(errors::kBadArgs, key + ": unknown field of a call");
    }
  }
  if (c.contract.empty() || c.method.empty() || !j.contains("args")) {
    return Status(errors::kBadArgs, "a call needs \"contract\", \"method\" and \"args\"");
  }
  return c;
}

}  // namespace cbec::sdk
