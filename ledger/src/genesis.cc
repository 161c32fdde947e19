#include "cbec/ledger/genesis.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <system_error>

#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/ids.h"
#include "cbec/ledger/json.h"
#include "codec_util.h"

namespace cbec::ledger {

namespace {

std::string CanonicalDump(const Json& j) {
  // Replacement never happens for a validated document (strings are UTF-8);
  // it keeps encoding total, as the Writer cannot fail.
  return j.dump(-1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
}

// Everything app_state may not hold: floats (contracts use no floating point),
// invalid UTF-8, binary values, nesting beyond kMaxJsonDepth.
Status CheckJsonValue(const Json& j, const std::string& path, size_t depth) {
  if (depth > kMaxJsonDepth) {
    return Status(errors::kBadAppState, path + ": nesting deeper than " +
                                            std::to_string(kMaxJsonDepth));
  }
  switch (j.type()) {
    case Json::value_t::object:
      for (const auto& [key, value] : j.items()) {
        if (!IsValidUtf8(key)) return Status(errors::kBadAppState, path + ": key not UTF-8");
        CBEC_RETURN_IF_ERROR(CheckJsonValue(value, path + "." + key, depth + 1));
      }
      return Status::Ok();
    case Json::value_t::array:
      for (size_t i = 0; i < j.size(); ++i) {
        CBEC_RETURN_IF_ERROR(
            CheckJsonValue(j[i], path + "[" + std::to_string(i) + "]", depth + 1));
      }
      return Status::Ok();
    case Json::value_t::string:
      if (!IsValidUtf8(j.get_ref<const std::string&>())) {
        return Status(errors::kBadAppState, path + ": string is not valid UTF-8");
      }
      return Status::Ok();
    case Json::value_t::number_float:
      return Status(errors::kBadAppState,
                    path + ": floating-point numbers are not allowed (use integers or strings)");
    case Json::value_t::binary:
    case Json::value_t::discarded:
      return Status(errors::kBadAppState, path + ": not a JSON text value");
    default:
      return Status::Ok();  // null, boolean, integers
  }
}

Status CheckAppState(const Json& app_state) {
  if (!app_state.is_object()) {
    return Status(errors::kBadAppState, "app_state: expected a JSON object");
  }
  CBEC_RETURN_IF_ERROR(CheckJsonValue(app_state, "app_state", 1));
  size_t size = CanonicalDump(app_state).size();
  if (size > kMaxAppStateBytes) {
    return Status(errors::kBadAppState, "app_state: " + std::to_string(size) +
                                            " bytes of canonical JSON exceed " +
                                            std::to_string(kMaxAppStateBytes));
  }
  return Status::Ok();
}

// app_state travels as its canonical text; decoding insists on exactly that text.
void AppStateCodec(Writer& ar, const Json& app_state) {
  ar.Blob(AsBytes(CanonicalDump(app_state)));
}
void AppStateCodec(Reader& ar, Json& app_state) {
  std::string text;
  ar.String(text, kMaxAppStateBytes);
  if (!ar.ok()) return;
  auto parsed = ParseJson(text);
  if (!parsed.ok()) {
    ar.Fail(errors::kBadAppState, "app_state: " + parsed.status().ToString());
    return;
  }
  Status valid = CheckAppState(*parsed);
  if (!valid.ok()) {
    ar.Fail(valid.kind(), valid.message());
    return;
  }
  if (CanonicalDump(*parsed) != text) {
    ar.Fail(errors::kBadAppState, "app_state is not in canonical JSON form");
    return;
  }
  app_state = std::move(parsed).value();
}

}  // namespace

Status Genesis::Validate() const {
  CBEC_RETURN_IF_ERROR(ValidateChainId(chain_id).WithContext("genesis.chain_id"));
  if (!crypto::IsKnown(suite)) return Status(errors::kBadGenesis, "genesis.suite: unknown");
  if (validators.size() == 0) {
    return Status(errors::kBadGenesis, "genesis.validators: at least one validator is needed");
  }
  if (validators.epoch() != 0) {
    return Status(errors::kBadGenesis, "genesis.validators: the genesis set is epoch 0");
  }
  if (validators.suite() != suite) {
    return Status(errors::kBadGenesis, "genesis.validators: keys are not of the chain's suite");
  }
  return CatchJson("genesis.app_state", [&] { return CheckAppState(app_state); });
}

template <class Ar, class Self>
void Genesis::Codec(Ar& ar, Self& s) {
  ar.String(s.chain_id, kMaxChainIdLength);
  CheckOnRead(ar, [&] { return ValidateChainId(s.chain_id); });
  ar.Enum(s.suite);
  ar.U64(s.genesis_time);
  ar.Object(s.validators);
  AppStateCodec(ar, s.app_state);
  CheckOnRead(ar, [&] { return s.Validate(); });
}
template void Genesis::Codec(Writer&, const Genesis&);
template void Genesis::Codec(Reader&, Genesis&);

std::string Genesis::CanonicalAppState() const { return CanonicalDump(app_state); }

crypto::Hash GenesisHash(const Genesis& g) {
  return crypto::TaggedDigest(g.suite, crypto::Domain::kGenesis, Encode(g));
}

nlohmann::json Genesis::ToJson() const {
  return Json{{"chain_id", chain_id},
              {"suite", std::string(crypto::SuiteName(suite))},
              {"genesis_time", genesis_time},
              {"validators", ValidatorsToJson(validators)},
              {"app_state", app_state}};
}

Result<Genesis> Genesis::FromJson(const nlohmann::json& j) {
  return CatchJson("genesis", [&]() -> Result<Genesis> {
    Genesis g;
    JsonReader r(j, "genesis");
    r.String("chain_id", g.chain_id, kMaxChainIdLength);
    if (r.ok()) r.Check("chain_id", ValidateChainId(g.chain_id));
    std::string suite_name;
    r.String("suite", suite_name, 16);
    if (r.ok()) {
      auto parsed = crypto::ParseSuite(suite_name);
      r.Check("suite", parsed.status());
      if (parsed.ok()) g.suite = *parsed;
    }
    r.U64("genesis_time", g.genesis_time);
    r.Nested("validators", g.validators, [&](const Json& list) {
      return ValidatorsFromJson(list, g.suite, 0, "genesis.validators");
    });
    if (const Json* app = r.Field("app_state")) {
      r.Check("app_state", CheckAppState(*app));
      if (r.ok()) g.app_state = *app;
    }
    CBEC_RETURN_IF_ERROR(r.Finish());
    CBEC_RETURN_IF_ERROR(g.Validate());
    return g;
  });
}

Result<Genesis> Genesis::Parse(std::string_view text) {
  CBEC_ASSIGN_OR_RETURN(Json j, ParseJson(text));
  return FromJson(j);
}

Result<Genesis> Genesis::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(cbec::errors::kNotFound, "genesis file '" + path + "' cannot be opened");
  std::string text;
  char buf[64 * 1024];
  while (in.read(buf, sizeof(buf)) || in.gcount() > 0) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxGenesisFileBytes) {
      return Status(errors::kBadGenesis, "genesis file '" + path + "' is larger than " +
                                             std::to_string(kMaxGenesisFileBytes) + " bytes");
    }
  }
  if (in.bad()) return Status(cbec::errors::kIo, "reading genesis file '" + path + "' failed");
  auto g = Parse(text);
  if (!g.ok()) return g.status().WithContext("genesis file '" + path + "'");
  return g;
}

Status Genesis::Save(const std::string& path) const {
  CBEC_RETURN_IF_ERROR(Validate());
  std::string text = ToJson().dump(2) + "\n";
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) return Status(cbec::errors::kIo, "writing '" + tmp + "' failed");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status(cbec::errors::kIo, "renaming '" + tmp + "' to '" + path + "' failed");
  }
  return Status::Ok();
}

}  // namespace cbec::ledger
