// The SDK's argument encoder held to the contracts' own code: the SDK may not
// link contracts/ (tests/lint/layering.sh), so it keeps its own description
// of every method's layout; this test (which links both) checks that
//   1. the SDK knows exactly the (contract, method) pairs NativeRegistry
//      registers, and marks exactly the Permission::Governance ones governed;
//   2. for a filled example of every builder, the contract's Args::FromJson
//      parses the SDK's args JSON, Encode gives the SDK's bytes, and the
//      contract's JSON view of those bytes shows every field the SDK set;
//   3. JSON the contract refuses for its shape is refused by the SDK too.
#include <gtest/gtest.h>

#include <set>

#include "builders_examples.h"
#include "cbec/base/hex.h"
#include "cbec/contracts/native.h"
#include "cbec/contracts/registry.h"
#include "cbec/sdk/builders.h"

namespace cbec::sdk {
namespace {

using Json = nlohmann::json;

const contracts::Registry& Native() {
  static const contracts::Registry registry = contracts::NativeRegistry().value();
  return registry;
}

std::string Name(std::string_view contract, std::string_view method) {
  return std::string(contract) + "." + std::string(method);
}

TEST(BuildersCrosscheckTest, SdkKnowsExactlyTheRegisteredMethods) {
  std::set<std::string> registered, governed;
  for (const contracts::Contract& c : Native().contracts()) {
    for (const auto& [name, def] : c.methods()) {
      registered.insert(Name(c.name(), name));
      if (def.permission.governance_only()) governed.insert(Name(c.name(), name));
    }
  }
  std::set<std::string> sdk, sdk_governed;
  for (const MethodInfo& m : KnownMethods()) {
    sdk.insert(Name(m.contract, m.method));
    if (m.governed) sdk_governed.insert(Name(m.contract, m.method));
  }
  EXPECT_EQ(sdk, registered);
  EXPECT_EQ(sdk_governed, governed);
}

// True iff `theirs` (the contract's JSON view) shows what `ours` set: equal
// values, where a key only one side has must hold an empty value ("", [],
// null) on that side (views leave out or spell out empty optional fields).
bool ShowsTheSame(const Json& ours, const Json& theirs, const std::string& path, std::string* why) {
  auto empty = [](const Json& v) {
    return v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty()) ||
           (v.is_array() && v.empty());
  };
  if (ours.is_object() && theirs.is_object()) {
    for (const auto& [k, v] : ours.items()) {
      if (!theirs.contains(k)) {
        if (!empty(v)) return *why = path + "." + k + " missing in the contract's view", false;
      } else if (!ShowsTheSame(v, theirs[k], path + "." + k, why)) {
        return false;
      }
    }
    for (const auto& [k, v] : theirs.items()) {
      if (!ours.contains(k) && !empty(v))
        return *why = path + "." + k + " not set by the SDK", false;
    }
    return true;
  }
  if (ours.is_array() && theirs.is_array() && ours.size() == theirs.size()) {
    for (size_t i = 0; i < ours.size(); ++i) {
      if (!ShowsTheSame(ours[i], theirs[i], path + "[" + std::to_string(i) + "]", why))
        return false;
    }
    return true;
  }
  if (ours == theirs) return true;
  *why = path + ": SDK " + ours.dump() + " vs contract " + theirs.dump();
  return false;
}

TEST(BuildersCrosscheckTest, EveryBuilderEncodesAsTheContractDoes) {
  std::set<std::string> seen;
  for (const Call& call : testing::AllBuilderExamples()) {
    const std::string name = Name(call.contract, call.method);
    seen.insert(name);
    auto theirs = Native().ArgsFromJson(call.contract, call.method, call.args);
    ASSERT_TRUE(theirs.ok()) << name << ": the contract refuses the SDK's JSON: "
                             << theirs.status().ToString() << "\n"
                             << call.args.dump();
    auto ours = EncodeArgs(call);
    ASSERT_TRUE(ours.ok()) << name << ": " << ours.status().ToString();
    EXPECT_EQ(HexEncode(*ours), HexEncode(*theirs)) << name;
    auto view = Native().ArgsToJson(call.contract, call.method, *ours);
    ASSERT_TRUE(view.ok()) << name << ": the contract cannot decode the SDK's bytes: "
                           << view.status().ToString();
    std::string why;
    EXPECT_TRUE(ShowsTheSame(call.args, *view, "args", &why)) << name << ": " << why;
  }
  EXPECT_EQ(seen.size(), KnownMethods().size());
}

// Shapes the contracts refuse are refused by the SDK (before signing).
TEST(BuildersCrosscheckTest, WhatTheContractRefusesForItsShapeTheSdkRefuses) {
  for (const Call& call : testing::AllBuilderExamples()) {
    const std::string name = Name(call.contract, call.method);
    std::vector<Json> variants;
    Json extra = call.args;
    extra["unexpected_field"] = 1;
    variants.push_back(extra);
    for (const auto& [key, value] : call.args.items()) {
      Json missing = call.args;
      missing.erase(key);
      variants.push_back(missing);
      Json retyped = call.args;
      retyped[key] = value.is_number() ? Json("x") : Json(12345);
      variants.push_back(retyped);
    }
    for (const Json& v : variants) {
      // trace.capture: the SDK canonicalises any JSON document; whether it
      // holds EPCIS events is the node's EPCIS reader's call.
      if (name == "trace.capture" && v.contains("document")) continue;
      bool contract_ok = Native().ArgsFromJson(call.contract, call.method, v).ok();
      auto sdk = EncodeArgs(call.contract, call.method, v);
      if (contract_ok) {
        // Accepted by both (an optional field left out): the same bytes.
        ASSERT_TRUE(sdk.ok()) << name << " " << v.dump() << ": " << sdk.status().ToString();
        EXPECT_EQ(*sdk, *Native().ArgsFromJson(call.contract, call.method, v)) << name;
      } else {
        EXPECT_FALSE(sdk.ok()) << name
                               << ": the SDK accepts what the contract refuses: " << v.dump();
      }
    }
  }
}

}  // namespace
}  // namespace cbec::sdk
