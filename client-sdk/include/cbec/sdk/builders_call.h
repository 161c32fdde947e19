// Calls and the argument encoder behind the typed builders (builders.h).
//
// A transaction carries its method's arguments in their canonical binary
// encoding (ledger/tx.h `args`; docs/spec/contracts*.md give each layout).
// The SDK may not link the contracts, so it holds its own description of
// every method's layout (builders_codec.cc) and encodes the JSON view of the
// arguments exactly as the contract's Args::FromJson + Encode would: the
// cross-check test (tests/sdk/builders_crosscheck_test.cc) holds the two to
// the same bytes for every method, and the set of methods to the registry's.
//
// Builders are plain structs with the method's fields; ToCall() gives the
// {contract, method, args JSON} that Client::Submit signs and sends. Only
// what is cheap and certain is checked locally (the JSON has the method's
// shape, hex is hex, an amount is a decimal with the allowed decimals, an
// enum value is known), with kBadArgs naming the field; the node is the
// authority on everything else and answers with the contract's own error.
//
// Governed methods (Permission::Governance: organisations, validators, kind
// roles, the proposal threshold, credit scales and rule, the measures
// catalogue, clearance limits) cannot be called by a transaction: their
// builders give the `action` of a governance.propose (gov::Propose takes any
// Call); Client::Submit refuses a governed Call with kBadArgs before signing
// (the node would refuse it with auth.forbidden and consume the nonce).
//
// Thread-safety: values and pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"

namespace cbec::sdk {

// One method call: what a transaction asks the chain to do.
struct Call {
  std::string contract;
  std::string method;
  nlohmann::json args = nlohmann::json::object();

  friend bool operator==(const Call&, const Call&) = default;

  // {"contract", "method", "args"}.
  nlohmann::json ToJson() const;
  // The inverse; kBadArgs for a missing or mistyped field.
  static Result<Call> FromJson(const nlohmann::json& j);
};

// A method the SDK can encode.
struct MethodInfo {
  std::string_view contract;
  std::string_view method;
  bool governed = false;  // only as the action of a governance.propose
};

// Every (contract, method) the SDK can build, sorted by (contract, method).
const std::vector<MethodInfo>& KnownMethods();
// nullptr if the SDK does not know the method.
const MethodInfo* FindMethod(std::string_view contract, std::string_view method);

// The canonical argument bytes of contract.method from their JSON view (the
// bytes the contract's own Args::FromJson + Encode give). kBadArgs for an
// unknown method or JSON that does not fit its layout (missing, unknown or
// mistyped field, bad hex, an unknown enum name, a malformed amount), naming
// the field: "ipr.file: args.goods[0].scheme: expected a string".
Result<Bytes> EncodeArgs(std::string_view contract, std::string_view method,
                         const nlohmann::json& args);
inline Result<Bytes> EncodeArgs(const Call& call) {
  return EncodeArgs(call.contract, call.method, call.args);
}

// A Call from loose parts (the CLI's --contract/--method/--args), checked
// with EncodeArgs so that a bad argument is caught before anything is signed.
Result<Call> MakeCall(std::string contract, std::string method, nlohmann::json args);

// The canonical JSON text of an EPCIS document as trace.capture carries it
// (docs/spec/epcis.md "Canonical form": keys sorted bytewise, no whitespace,
// minimal escapes, integers exact, other numbers in ECMAScript form).
// kBadArgs for a non-finite number.
Result<std::string> CanonicalJson(const nlohmann::json& value);

}  // namespace cbec::sdk
