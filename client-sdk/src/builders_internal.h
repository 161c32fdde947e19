// The SDK's description of every method's argument layout (private).
//
// A Shape is the list of an argument object's fields in codec order. Each
// Field says how its JSON value is read (the contract's Args::FromJson
// rules: required or optional, JSON type, bounds) and how it is written
// (ledger::Writer calls of the contract's Codec). EncodeArgs walks the shape.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace cbec::sdk::internal {

enum class Kind : uint8_t {
  kString,        // string                      -> String
  kHex,           // lower-case hex              -> Blob
  kFixed20,       // 40 hex digits               -> Fixed<20>
  kFixed32,       // 64 hex digits               -> Fixed<32>
  kDigest,        // 64 lower hex (personal data; clearance.personal_data_in_clear)
  kU32,           // unsigned integer            -> U32
  kU64,           // unsigned integer            -> U64
  kVarint,        // unsigned integer            -> Varint
  kBool,          // true / false                -> Bool
  kEnum,          // a name of `enums`           -> one byte
  kMoney,         // decimal string, 2 decimals  -> Varint (fen)
  kQuantity,      // decimal string, 4 decimals  -> Varint (x 10^4)
  kStringList,    // [string]                    -> List<string>
  kHexList,       // [hex]                       -> List<bytes>
  kEnumList,      // [name of `enums`]           -> List<enum>
  kObjectList,    // [object of `shape`]         -> List<object>
  kObject,        // object of `shape`           -> the fields
  kAction,        // {contract, method, args}    -> String, String, Blob(EncodeArgs)
  kEpcis,         // any JSON                    -> String(CanonicalJson)
  kLicenceGoods,  // "all" or [string]           -> List<string>
  kDirected,      // {"direction", "document"}: `shape` for import, `shape2` for export
};

enum class Presence : uint8_t {
  kRequired,  // must be present
  kDefault,   // may be absent: encoded as the zero value ("" / [] / 0)
  kOptional,  // may be absent: encoded as a codec optional<> (00 or 01 + value)
};

struct EnumValue {
  std::string_view name;
  uint8_t value;
};
using EnumTable = std::vector<EnumValue>;

struct Field;
using Shape = std::vector<Field>;

struct Field {
  std::string_view name;
  Kind kind = Kind::kString;
  Presence presence = Presence::kRequired;
  size_t max = 4096;       // bytes of a string / hex, or entries of a list
  size_t item_max = 4096;  // bytes of each list entry
  size_t min = 0;          // entries of a list
  const Shape* shape = nullptr;
  const Shape* shape2 = nullptr;
  const EnumTable* enums = nullptr;
};

struct MethodShape {
  std::string_view contract;
  std::string_view method;
  bool governed = false;
  const Shape* shape = nullptr;
};

// Every method, sorted by (contract, method).
const std::vector<MethodShape>& MethodShapes();

}  // namespace cbec::sdk::internal
