#include "cbec/contracts/args_json.h"

#include "cbec/base/hex.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/state.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/ids.h"
#include "cbec/ledger/json.h"

namespace cbec::contracts {

using Json = nlohmann::json;

Result<std::vector<std::string>> JsonStringList(const Json& j, size_t max, size_t max_len) {
  if (!j.is_array()) return Status(ledger::errors::kBadJson, "expected an array of strings");
  if (j.size() > max) {
    return Status(ledger::errors::kBadJson, "more than " + std::to_string(max) + " entries");
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_string() || j[i].get_ref<const std::string&>().size() > max_len) {
      return Status(ledger::errors::kBadJson, "[" + std::to_string(i) +
                                                  "]: expected a string of at most " +
                                                  std::to_string(max_len) + " bytes");
    }
    out.push_back(j[i].get<std::string>());
  }
  return out;
}

Result<std::vector<Bytes>> JsonHexList(const Json& j, size_t max, size_t max_len) {
  CBEC_ASSIGN_OR_RETURN(std::vector<std::string> texts, JsonStringList(j, max, 2 * max_len));
  std::vector<Bytes> out;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (!ledger::IsLowerHex(texts[i])) {
      return Status(ledger::errors::kBadJson,
                    "[" + std::to_string(i) + "]: expected lower-case hex");
    }
    CBEC_ASSIGN_OR_RETURN(Bytes raw, HexDecode(texts[i]));
    out.push_back(std::move(raw));
  }
  return out;
}

Json HexArray(const std::vector<Bytes>& list) {
  Json out = Json::array();
  for (const Bytes& b : list) out.push_back(HexEncode(b));
  return out;
}

Result<bool> JsonBool(const Json& j) {
  if (!j.is_boolean()) return Status(ledger::errors::kBadJson, "expected true or false");
  return j.get<bool>();
}

void ReadOptionalLimit(ledger::JsonReader& r, const Json& j, uint64_t& limit) {
  if (j.is_object() && j.contains("limit")) r.U64("limit", limit);
}

void OptionalString(ledger::JsonReader& r, const Json& j, std::string_view key, std::string& v,
                    size_t max) {
  if (j.is_object() && j.contains(key)) r.String(key, v, max);
}

Status ValidateText(std::string_view text, size_t max, const ErrorKind& kind, std::string_view what,
                    bool allow_newline) {
  if (text.empty() || text.size() > max) {
    return Status(kind, std::string(what) + " must be 1-" + std::to_string(max) + " bytes, got " +
                            std::to_string(text.size()));
  }
  if (!ledger::IsValidUtf8(text)) return Status(kind, std::string(what) + " is not UTF-8");
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && !(allow_newline && c == '\n')) || u == 0x7f) {
      return Status(kind, std::string(what) + " holds a control character");
    }
  }
  return Status::Ok();
}

Status CheckPageLimit(uint64_t limit) {
  if (limit == 0 || limit > kMaxScanLimit) {
    return Status(errors::kBadLimit, "limit must be 1-" + std::to_string(kMaxScanLimit));
  }
  return Status::Ok();
}

}  // namespace cbec::contracts
