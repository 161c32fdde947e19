// DecodeRecord: an interpreter of the record layouts in schemas/records.json
// (compiled in by CMake as RecordLayoutsText), over the ledger's strict Reader.
#include "cbec/sdk/records.h"

#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "cbec/base/hex.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/json.h"
#include "cbec/sdk/errors.h"

namespace cbec::sdk {

namespace internal {
// Defined in the generated records_schema.cc (client-sdk/CMakeLists.txt).
std::string_view RecordsSchemaText();
}  // namespace internal

namespace {

using Json = nlohmann::json;

// Nesting bound: the layouts nest 4 deep; this only stops a cyclic layout.
constexpr int kMaxDepth = 16;

// One field type of a layout, compiled.
struct Spec {
  enum class Kind {
    kU8, kU16, kU32, kU64, kVarint, kBool, kString, kBlob, kFixed32, kFixed20,
    kEnum, kOptional, kList, kStruct
  };
  Kind kind = Kind::kU8;
  uint64_t max = 0;                                   // string, blob, list
  const std::map<uint64_t, std::string>* values = nullptr;  // enum
  std::string ref;                                    // the enum's or struct's name
  std::unique_ptr<Spec> of;                           // optional, list
};

struct Field {
  std::string name;
  Spec spec;
};

struct Layouts {
  std::map<std::string, std::map<uint64_t, std::string>> enums;
  std::map<std::string, std::vector<Field>> types;
};

const std::map<std::string, Spec::Kind, std::less<>>& KindNames() {
  using K = Spec::Kind;
  static const std::map<std::string, K, std::less<>> kNames = {
      {"u8", K::kU8},         {"u16", K::kU16},         {"u32", K::kU32},
      {"u64", K::kU64},       {"varint", K::kVarint},   {"bool", K::kBool},
      {"string", K::kString}, {"blob", K::kBlob},       {"fixed32", K::kFixed32},
      {"fixed20", K::kFixed20}, {"enum", K::kEnum},     {"optional", K::kOptional},
      {"list", K::kList},     {"struct", K::kStruct}};
  return kNames;
}

Status LayoutError(const std::string& where, const std::string& what) {
  return Status(cbec::errors::kInternal, "record layouts: " + where + ": " + what);
}

Result<Spec> CompileSpec(const Json& j, const Layouts& l, const std::string& where) {
  if (!j.is_object() || !j.contains("type") || !j["type"].is_string()) {
    return LayoutError(where, "a type needs a \"type\" string");
  }
  auto kind = KindNames().find(j["type"].get<std::string>());
  if (kind == KindNames().end()) return LayoutError(where, "unknown type " + j["type"].dump());
  Spec s;
  s.kind = kind->second;
  using K = Spec::Kind;
  if (s.kind == K::kString || s.kind == K::kBlob || s.kind == K::kList) {
    if (!j.contains("max") || !j["max"].is_number_unsigned()) {
      return LayoutError(where, "a string, blob or list needs \"max\"");
    }
    s.max = j["max"].get<uint64_t>();
  }
  if (s.kind == K::kEnum || s.kind == K::kStruct) {
    const char* key = s.kind == K::kEnum ? "enum" : "struct";
    if (!j.contains(key) || !j[key].is_string()) return LayoutError(where, "needs a name");
    s.ref = j[key].get<std::string>();
    if (s.kind == K::kEnum) {
      auto e = l.enums.find(s.ref);
      if (e == l.enums.end()) return LayoutError(where, "unknown enum " + s.ref);
      s.values = &e->second;
    } else if (!l.types.contains(s.ref)) {
      return LayoutError(where, "unknown struct " + s.ref);
    }
  }
  if (s.kind == K::kOptional || s.kind == K::kList) {
    if (!j.contains("of")) return LayoutError(where, "needs \"of\"");
    CBEC_ASSIGN_OR_RETURN(Spec inner, CompileSpec(j["of"], l, where + "[]"));
    s.of = std::make_unique<Spec>(std::move(inner));
  }
  return s;
}

Status CompileEnums(const Json& j, Layouts& l) {
  for (const auto& [name, values] : j.items()) {
    auto& out = l.enums[name];
    for (const auto& [raw, label] : values.items()) {
      if (raw.empty() || raw.size() > 3 || raw.find_first_not_of("0123456789") != std::string::npos ||
          std::stoul(raw) > 255 || !label.is_string()) {
        return LayoutError(name, "enum values map 0-255 to names");
      }
      out[std::stoul(raw)] = label.get<std::string>();
    }
  }
  return Status::Ok();
}

Result<Layouts> Compile(std::string_view text) {
  CBEC_ASSIGN_OR_RETURN(Json j, ledger::ParseJson(text));
  return ledger::CatchJson("record layouts", [&]() -> Result<Layouts> {
    Layouts l;
    CBEC_RETURN_IF_ERROR(CompileEnums(j.at("enums"), l));
    const Json& types = j.at("types");
    for (const auto& [name, fields] : types.items()) l.types[name];
    for (const auto& [name, fields] : types.items()) {
      if (!fields.is_array()) return LayoutError(name, "a type is an array of fields");
      for (const Json& f : fields) {
        if (!f.contains("name") || !f["name"].is_string()) return LayoutError(name, "field name");
        std::string fname = f["name"].get<std::string>();
        CBEC_ASSIGN_OR_RETURN(Spec spec, CompileSpec(f, l, name + "." + fname));
        l.types[name].push_back(Field{std::move(fname), std::move(spec)});
      }
    }
    return l;
  });
}

// The compiled layouts, or why the embedded text does not compile (a build bug).
const Result<Layouts>& Compiled() {
  static const Result<Layouts> kLayouts = Compile(internal::RecordsSchemaText());
  return kLayouts;
}

class Decoder {
 public:
  Decoder(const Layouts& l, ByteView in) : layouts_(l), r_(in) {}

  Json Struct(const std::string& name, const std::string& path) {
    Json out = Json::object();
    if (++depth_ > kMaxDepth) {
      Fail(path, "layouts nest deeper than " + std::to_string(kMaxDepth));
    } else {
      for (const Field& f : layouts_.types.at(name)) {
        if (!r_.ok()) break;
        out[f.name] = Value(f.spec, path + "." + f.name);
      }
    }
    --depth_;
    return out;
  }

  Status Finish(const std::string& type) const {
    if (!r_.ok()) return Status(errors::kBadRecord, path_ + ": " + r_.status().ToString());
    Status s = r_.Finish();
    if (!s.ok()) return Status(errors::kBadRecord, type + ": " + s.ToString());
    return Status::Ok();
  }

 private:
  // Records the path of the first failure; `message` fails the reader too.
  void Fail(const std::string& path, const std::string& message) {
    if (r_.ok()) r_.Fail(ledger::errors::kBadValue, message);
    Note(path);
  }
  void Note(const std::string& path) {
    if (!r_.ok() && path_.empty()) path_ = path;
  }

  template <typename T, typename Read>
  Json Number(Read read, const std::string& path) {
    T v{};
    (r_.*read)(v);
    Note(path);
    return Json(v);
  }

  Json Value(const Spec& s, const std::string& path);
  Json Enum(const Spec& s, const std::string& path);
  Json List(const Spec& s, const std::string& path);

  const Layouts& layouts_;
  ledger::Reader r_;
  std::string path_;
  int depth_ = 0;
};

Json Decoder::Enum(const Spec& s, const std::string& path) {
  uint8_t raw = 0;
  r_.U8(raw);
  Note(path);
  if (!r_.ok()) return nullptr;
  auto it = s.values->find(raw);
  if (it == s.values->end()) {
    r_.Fail(ledger::errors::kUnknownTag,
            "unknown value " + std::to_string(raw) + " of enum " + s.ref);
    Note(path);
    return nullptr;
  }
  return it->second;
}

Json Decoder::List(const Spec& s, const std::string& path) {
  Json out = Json::array();
  uint64_t n = 0;
  r_.Varint(n);
  Note(path);
  if (!r_.ok()) return out;
  if (n > s.max) {
    r_.Fail(ledger::errors::kTooLong,
            "count " + std::to_string(n) + " exceeds limit " + std::to_string(s.max));
  } else if (n > r_.remaining()) {
    r_.Fail(ledger::errors::kTruncated, "count " + std::to_string(n) + " exceeds the bytes left");
  }
  Note(path);
  for (uint64_t i = 0; i < n && r_.ok(); ++i) {
    out.push_back(Value(*s.of, path + "[" + std::to_string(i) + "]"));
  }
  return out;
}

Json Decoder::Value(const Spec& s, const std::string& path) {
  using K = Spec::Kind;
  using R = ledger::Reader;
  switch (s.kind) {
    case K::kU8: return Number<uint8_t>(&R::U8, path);
    case K::kU16: return Number<uint16_t>(&R::U16, path);
    case K::kU32: return Number<uint32_t>(&R::U32, path);
    case K::kU64: return Number<uint64_t>(&R::U64, path);
    case K::kVarint: return Number<uint64_t>(&R::Varint, path);
    case K::kBool: return Number<bool>(&R::Bool, path);
    case K::kString: {
      std::string v;
      r_.String(v, s.max);
      Note(path);
      return v;
    }
    case K::kBlob: {
      Bytes v;
      r_.Blob(v, s.max);
      Note(path);
      return HexEncode(v);
    }
    case K::kFixed32: {
      Hash32 v;
      r_.Fixed(v);
      Note(path);
      return v.ToHex();
    }
    case K::kFixed20: {
      FixedBytes<20> v;
      r_.Fixed(v);
      Note(path);
      return v.ToHex();
    }
    case K::kEnum: return Enum(s, path);
    case K::kOptional: {
      bool present = false;
      r_.Bool(present);
      Note(path);
      return present && r_.ok() ? Value(*s.of, path) : Json(nullptr);
    }
    case K::kList: return List(s, path);
    case K::kStruct: return Struct(s.ref, path);
  }
  return nullptr;
}

}  // namespace

Result<nlohmann::json> DecodeRecord(std::string_view type, ByteView bytes) {
  const Result<Layouts>& layouts = Compiled();
  if (!layouts.ok()) return layouts.status();
  std::string name(type);
  if (!layouts->types.contains(name)) {
    return Status(errors::kBadRecord, "no layout for record type \"" + name + "\"");
  }
  Decoder d(*layouts, bytes);
  Json out = d.Struct(name, name);
  CBEC_RETURN_IF_ERROR(d.Finish(name));
  return out;
}

std::string_view RecordLayoutsText() { return internal::RecordsSchemaText(); }

std::vector<std::string> RecordTypes() {
  std::vector<std::string> out;
  const Result<Layouts>& layouts = Compiled();
  if (!layouts.ok()) return out;
  for (const auto& [name, fields] : layouts->types) out.push_back(name);
  return out;
}

}  // namespace cbec::sdk
