#include "cbec/ledger/json.h"

#include "cbec/base/hex.h"
#include "cbec/crypto/suite.h"
#include "cbec/ledger/ids.h"

namespace cbec::ledger {

namespace {

// Tracks nesting and the keys of every open object while nlohmann parses, so
// duplicate keys and deep nesting are refused instead of silently accepted.
class StrictParse {
 public:
  explicit StrictParse(size_t max_depth) : max_depth_(max_depth) {}

  bool OnEvent(Json::parse_event_t event, const Json& parsed) {
    using E = Json::parse_event_t;
    switch (event) {
      case E::object_start:
        keys_.emplace_back();
        Enter();
        break;
      case E::array_start:
        Enter();
        break;
      case E::object_end:
        if (!keys_.empty()) keys_.pop_back();
        --depth_;
        break;
      case E::array_end:
        --depth_;
        break;
      case E::key:
        if (!keys_.empty() && parsed.is_string() &&
            !keys_.back().insert(parsed.get_ref<const std::string&>()).second) {
          Fail(errors::kJsonDuplicateKey,
               "duplicate object key \"" + parsed.get_ref<const std::string&>() + "\"");
        }
        break;
      case E::value:
        break;
    }
    // Returning false discards the value, so nothing deeper is built after an error.
    return error_.ok();
  }
  const Status& error() const { return error_; }

 private:
  void Enter() {
    if (++depth_ > max_depth_) {
      Fail(errors::kJsonTooDeep, "nesting deeper than " + std::to_string(max_depth_));
    }
  }
  void Fail(const ErrorKind& kind, std::string message) {
    if (error_.ok()) error_ = Status(kind, std::move(message));
  }

  size_t max_depth_;
  size_t depth_ = 0;
  std::vector<std::set<std::string>> keys_;
  Status error_;
};

}  // namespace

Result<Json> ParseJson(std::string_view text, size_t max_depth) {
  StrictParse strict(max_depth);
  Json::parser_callback_t cb = [&strict](int /*depth*/, Json::parse_event_t event,
                                         Json& parsed) { return strict.OnEvent(event, parsed); };
  try {
    Json j = Json::parse(text.begin(), text.end(), cb, /*allow_exceptions=*/true,
                         /*ignore_comments=*/false);
    if (!strict.error().ok()) return strict.error();
    if (j.is_discarded()) return Status(errors::kBadJson, "no JSON value");
    return j;
  } catch (const Json::exception& e) {
    if (!strict.error().ok()) return strict.error();
    return Status(errors::kBadJson, e.what());
  }
}

JsonReader::JsonReader(const Json& j, std::string what) : j_(j), what_(std::move(what)) {
  if (!j_.is_object()) {
    status_ = Status(errors::kBadJson, what_ + ": expected a JSON object");
  }
}

std::string JsonReader::Path(std::string_view key) const {
  std::string out = what_;
  out += '.';
  out += key;
  return out;
}

void JsonReader::Fail(const ErrorKind& kind, std::string_view key, std::string_view message) {
  if (!ok()) return;
  status_ = Status(kind, Path(key) + ": " + std::string(message));
}

void JsonReader::Check(std::string_view key, const Status& s) {
  if (!ok() || s.ok()) return;
  status_ = Status(s.kind(), Path(key) + ": " + s.message());
}

const Json* JsonReader::Field(std::string_view key) {
  if (!ok()) return nullptr;
  auto it = j_.find(std::string(key));
  if (it == j_.end()) {
    Fail(errors::kJsonMissingField, key, "missing field");
    return nullptr;
  }
  read_.emplace(key);
  return &*it;
}

void JsonReader::Uint(std::string_view key, uint64_t& v, uint64_t max) {
  const Json* f = Field(key);
  if (f == nullptr) return;
  uint64_t out = 0;
  if (f->is_number_unsigned()) {
    out = f->get<uint64_t>();
  } else if (f->is_number_integer() && f->get<int64_t>() >= 0) {
    // Built in C++ from a signed int rather than parsed from text.
    out = static_cast<uint64_t>(f->get<int64_t>());
  } else {
    Fail(errors::kBadJson, key, "expected an unsigned integer");
    return;
  }
  if (out > max) {
    Fail(errors::kBadJson, key, std::to_string(out) + " exceeds " + std::to_string(max));
    return;
  }
  v = out;
}

void JsonReader::U32(std::string_view key, uint32_t& v) {
  uint64_t wide = v;
  Uint(key, wide, UINT32_MAX);
  v = static_cast<uint32_t>(wide);
}

void JsonReader::U16(std::string_view key, uint16_t& v) {
  uint64_t wide = v;
  Uint(key, wide, UINT16_MAX);
  v = static_cast<uint16_t>(wide);
}

void JsonReader::String(std::string_view key, std::string& v, size_t max) {
  const Json* f = Field(key);
  if (f == nullptr) return;
  if (!f->is_string()) {
    Fail(errors::kBadJson, key, "expected a string");
    return;
  }
  const auto& s = f->get_ref<const std::string&>();
  if (s.size() > max) {
    Fail(errors::kBadJson, key, "longer than " + std::to_string(max) + " bytes");
    return;
  }
  v = s;
}

void JsonReader::Hex(std::string_view key, Bytes& v, size_t max) {
  const Json* f = Field(key);
  if (f == nullptr) return;
  if (!f->is_string()) {
    Fail(errors::kBadJson, key, "expected a hex string");
    return;
  }
  const auto& s = f->get_ref<const std::string&>();
  if (s.size() / 2 > max) {
    Fail(errors::kBadJson, key, "longer than " + std::to_string(max) + " bytes");
    return;
  }
  if (!IsLowerHex(s)) {
    Fail(errors::kBadJson, key, "expected lower-case hex digit pairs");
    return;
  }
  auto raw = HexDecode(s);
  if (!raw.ok()) {
    Check(key, raw.status());
    return;
  }
  v = std::move(raw).value();
}

Status JsonReader::Finish() const {
  if (!ok()) return status_;
  for (const auto& [key, value] : j_.items()) {
    if (!read_.contains(key)) {
      return Status(errors::kJsonUnknownField, Path(key) + ": unknown field");
    }
  }
  return Status::Ok();
}

Json ValidatorsToJson(const ValidatorSet& set) {
  Json out = Json::array();
  for (const Validator& v : set.validators()) {
    out.push_back(Json{{"name", v.name}, {"public_key", v.key.ToHex()}});
  }
  return out;
}

namespace {

Result<Validator> ValidatorFromJson(const Json& j, crypto::Suite suite, std::string what) {
  Validator v;
  JsonReader r(j, std::move(what));
  r.String("name", v.name, ValidatorSet::kMaxNameLength);
  Bytes key;
  r.Hex("public_key", key, 65);
  if (r.ok()) {
    auto parsed = crypto::PublicKey::FromBytes(suite, key);
    r.Check("public_key", parsed.status());
    if (parsed.ok()) v.key = *parsed;
  }
  CBEC_RETURN_IF_ERROR(r.Finish());
  return v;
}

}  // namespace

Result<ValidatorSet> ValidatorsFromJson(const Json& j, crypto::Suite suite, uint64_t epoch,
                                        std::string_view what) {
  return CatchJson(what, [&]() -> Result<ValidatorSet> {
    if (!j.is_array()) return Status(errors::kBadJson, std::string(what) + ": expected an array");
    if (j.size() > ValidatorSet::kMaxValidators) {
      return Status(errors::kBadJson, std::string(what) + ": more than " +
                                          std::to_string(ValidatorSet::kMaxValidators) +
                                          " validators");
    }
    std::vector<Validator> vs;
    for (size_t i = 0; i < j.size(); ++i) {
      std::string path = std::string(what) + "[" + std::to_string(i) + "]";
      CBEC_ASSIGN_OR_RETURN(Validator v, ValidatorFromJson(j[i], suite, path));
      vs.push_back(std::move(v));
    }
    auto set = ValidatorSet::Create(epoch, std::move(vs));
    if (!set.ok()) return set.status().WithContext(what);
    return set;
  });
}

Json ValidatorSetToJson(const ValidatorSet& set) {
  return Json{{"epoch", set.epoch()},
              {"suite", std::string(crypto::SuiteName(set.suite()))},
              {"validators", ValidatorsToJson(set)}};
}

Result<ValidatorSet> ValidatorSetFromJson(const Json& j) {
  return CatchJson("validator_set", [&]() -> Result<ValidatorSet> {
    JsonReader r(j, "validator_set");
    uint64_t epoch = 0;
    r.U64("epoch", epoch);
    std::string suite_name;
    r.String("suite", suite_name, 16);
    crypto::Suite suite = crypto::Suite::kStandard;
    if (r.ok()) {
      auto parsed = crypto::ParseSuite(suite_name);
      r.Check("suite", parsed.status());
      if (parsed.ok()) suite = *parsed;
    }
    ValidatorSet set;
    r.Nested("validators", set, [&](const Json& list) {
      return ValidatorsFromJson(list, suite, epoch, "validator_set.validators");
    });
    CBEC_RETURN_IF_ERROR(r.Finish());
    return set;
  });
}

Json QuorumSignaturesToJson(const QuorumSignatures& q) {
  Json out = Json::array();
  for (const auto& [index, sig] : q.sigs) {
    out.push_back(Json{{"index", index}, {"signature", sig.ToHex()}});
  }
  return out;
}

Result<QuorumSignatures> QuorumSignaturesFromJson(const Json& j) {
  return CatchJson("signatures", [&]() -> Result<QuorumSignatures> {
    if (!j.is_array()) return Status(errors::kBadJson, "signatures: expected an array");
    if (j.size() > ValidatorSet::kMaxValidators) {
      return Status(errors::kBadJson, "signatures: more signatures than validators");
    }
    QuorumSignatures q;
    for (size_t i = 0; i < j.size(); ++i) {
      JsonReader r(j[i], "signatures[" + std::to_string(i) + "]");
      std::pair<ValidatorIndex, crypto::Signature> entry;
      r.U16("index", entry.first);
      r.Fixed("signature", entry.second);
      CBEC_RETURN_IF_ERROR(r.Finish());
      if (!q.sigs.empty() && q.sigs.back().first >= entry.first) {
        return Status(errors::kBadJson, "signatures[" + std::to_string(i) +
                                            "].index: signer indexes must be strictly increasing");
      }
      q.sigs.push_back(entry);
    }
    return q;
  });
}

}  // namespace cbec::ledger
