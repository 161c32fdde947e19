// The registry of native contracts.
//
// A Contract is a name plus its methods (state-changing, called by signed
// transactions), its queries (read-only, called through the API) and an
// optional genesis hook (reads its section of the genesis app_state). Each
// method declares
//   - its argument type: a struct with a canonical Codec (what a Tx carries in
//     `args`, decoded strictly) and a JSON view (ToJson / static FromJson) for
//     the API and the CLI;
//   - who may call it: any active account, or holders of one of a set of roles
//     (a handler may narrow this further per record, e.g. "the account itself
//     or its organisation's admin", and refuse with auth.forbidden);
//   - its handler, which validates every argument with a precise error and
//     writes through the transaction's Overlay.
// Each query declares its argument type (JSON view only), its Visibility and
// a handler that returns the JSON view of what it read.
//
// Determinism (DESIGN.md section 4; every handler must obey it): no clock
// (the block time is in ExecContext), no randomness, no I/O, no floating
// point, no iteration over unordered containers, no ordering by pointer
// value. Handlers see the world only through ExecContext and their state
// view, so the same transactions in the same order over the same state give
// byte-identical write sets and receipts on every node. Handlers must not
// throw; a non-internal Status is the sender's fault and becomes the receipt.
//
// Thread-safety: a Registry is built once at start-up and is then immutable;
// its const methods are safe to call concurrently.
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/state.h"
#include "cbec/crypto/hash.h"
#include "cbec/crypto/suite.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/ids.h"
#include "cbec/ledger/json.h"

namespace cbec::contracts {

using Json = nlohmann::json;

class Registry;

// Everything a method may know about the world besides its state.
struct ExecContext {
  std::string chain_id;
  crypto::Suite suite = crypto::Suite::kStandard;
  uint64_t height = 0;
  uint64_t time_ms = 0;  // the block's time: the only clock
  crypto::Hash tx_hash;
  ledger::AccountId signer;
  std::string signer_org;
  std::vector<std::string> signer_roles;  // sorted, unique
  // True when a passed governance proposal runs this call (a method with
  // Permission::Governance()); `signer` is then the account whose vote passed
  // it, `signer_org` its organisation, and `signer_roles` is empty.
  bool by_governance = false;
  // The registry the call runs in (lets governance run a passed proposal's
  // call). Set by the executor; never null while a handler runs.
  const Registry* registry = nullptr;

  bool HasRole(std::string_view role) const;
};

// One method call: the context, the transaction's overlay and the place for
// the canonical return value (at most ledger::kMaxResultBytes; empty = none).
struct Call {
  const ExecContext& ctx;
  Overlay& state;
  Bytes result;
};

// Who may call a method.
class Permission {
 public:
  // Any active account of an active organisation.
  static Permission AnyAccount() { return Permission(true, {}); }
  // Holders of at least one of `roles`.
  static Permission AnyOf(std::vector<std::string> roles) {
    return Permission(false, std::move(roles));
  }
  // Nobody directly: only a governance proposal that m of n departments
  // passed runs it (governance "propose" / "vote"). A transaction calling it
  // is refused with auth.forbidden.
  static Permission Governance() { return Permission(false, {}, true); }

  // True iff an account holding `held` (sorted) may call it in a transaction.
  bool Allows(const std::vector<std::string>& held) const;
  bool any_account() const { return any_account_; }
  bool governance_only() const { return governance_only_; }
  const std::vector<std::string>& roles() const { return roles_; }

 private:
  Permission(bool any, std::vector<std::string> roles, bool governance = false)
      : any_account_(any), governance_only_(governance), roles_(std::move(roles)) {}
  bool any_account_;
  bool governance_only_;
  std::vector<std::string> roles_;
};

// Who may run a query.
enum class Visibility : uint8_t {
  kPublic = 1,   // anyone, signed request or not
  kMembers = 2,  // any active account (the node verified the signed request)
  kOwner = 3,    // an active account; the handler checks it owns the record
};

// The authenticated reader of a query.
struct QueryReader {
  ledger::AccountId id;
  std::string org;
  std::vector<std::string> roles;  // sorted, unique
  bool HasRole(std::string_view role) const;
};

struct QueryContext {
  const StateView& state;
  crypto::Suite suite = crypto::Suite::kStandard;
  // The time of the block whose state is read (ms since the Unix epoch): the
  // clock of a query, e.g. to tell whether a list entry has expired. Queries,
  // like methods, never read the wall clock.
  uint64_t time_ms = 0;
  // Always set for kMembers and kOwner queries; for kPublic only if the
  // request was signed.
  std::optional<QueryReader> reader;
};

// A method's argument type.
template <typename T>
concept MethodArgs = std::default_initializable<T> &&
                     requires(const T& c, T& m, const Json& j, ledger::Writer& w, ledger::Reader& r) {
                       { T::FromJson(j) } -> std::same_as<Result<T>>;
                       { c.ToJson() } -> std::convertible_to<Json>;
                       T::Codec(w, c);
                       T::Codec(r, m);
                     };

// A query's argument type (JSON only: queries are not signed transactions).
template <typename T>
concept QueryArgs = requires(const Json& j) {
  { T::FromJson(j) } -> std::same_as<Result<T>>;
};

struct MethodDef {
  std::string name;
  Permission permission = Permission::AnyAccount();
  // Decodes `args` strictly (failing with kBadArgs) and runs the handler.
  std::function<Status(Call&, ByteView args)> invoke;
  // The JSON view of the arguments, both ways; errors as Args::FromJson gives
  // them (json.* kinds naming the field) or kBadArgs.
  std::function<Result<Bytes>(const Json&)> args_from_json;
  std::function<Result<Json>(ByteView)> args_to_json;
};

struct QueryDef {
  std::string name;
  Visibility visibility = Visibility::kPublic;
  // Parses the JSON arguments (failing with kBadQueryArgs) and runs the handler.
  std::function<Result<Json>(const QueryContext&, const Json& args)> run;
};

class Contract {
 public:
  // Reads the contract's section of the genesis app_state (nullptr if the
  // section is absent) and writes its initial records. `path` names the
  // section in error messages ("app_state.governance").
  using GenesisHook = std::function<Status(const Json* section, const std::string& path,
                                           crypto::Suite suite, Overlay& state)>;

  explicit Contract(std::string name) : name_(std::move(name)) {}

  template <MethodArgs Args>
  Contract& Method(std::string name, Permission who,
                   std::function<Status(Call&, const Args&)> handler);
  template <QueryArgs Args>
  Contract& Query(std::string name, Visibility who,
                  std::function<Result<Json>(const QueryContext&, const Args&)> handler);
  Contract& OnGenesis(GenesisHook hook) {
    genesis_ = std::move(hook);
    return *this;
  }

  const std::string& name() const { return name_; }
  // nullptr if there is no such method / query.
  const MethodDef* FindMethod(std::string_view name) const;
  const QueryDef* FindQuery(std::string_view name) const;
  const std::map<std::string, MethodDef, std::less<>>& methods() const { return methods_; }
  const std::map<std::string, QueryDef, std::less<>>& queries() const { return queries_; }
  const GenesisHook& genesis() const { return genesis_; }
  // The first registration error (bad or duplicate name), or OK.
  const Status& status() const { return status_; }

 private:
  void CheckNewName(std::string_view kind, const std::string& name, bool duplicate);

  std::string name_;
  std::map<std::string, MethodDef, std::less<>> methods_;
  std::map<std::string, QueryDef, std::less<>> queries_;
  GenesisHook genesis_;
  Status status_;
};

class Registry {
 public:
  // Adds a contract. Fails with kInvalidArgument for a bad or duplicate
  // contract name or a registration error inside the contract.
  Status Add(Contract contract);

  // nullptr if no such contract.
  const Contract* Find(std::string_view name) const;
  // In registration order (genesis hooks run in this order).
  const std::vector<Contract>& contracts() const { return contracts_; }

  // The canonical argument bytes of `contract`.`method` from their JSON view.
  // Fails with kUnknownContract / kUnknownMethod, or as Args::FromJson.
  Result<Bytes> ArgsFromJson(std::string_view contract, std::string_view method,
                             const Json& args) const;
  // The JSON view of canonical argument bytes. Fails with kUnknownContract /
  // kUnknownMethod, or kBadArgs if the bytes do not decode strictly.
  Result<Json> ArgsToJson(std::string_view contract, std::string_view method,
                          ByteView args) const;

 private:
  std::vector<Contract> contracts_;
};

// ---- template definitions ----

template <MethodArgs Args>
Contract& Contract::Method(std::string name, Permission who,
                           std::function<Status(Call&, const Args&)> handler) {
  CheckNewName("method", name, methods_.count(name) != 0);
  MethodDef def{name, std::move(who), nullptr, nullptr, nullptr};
  def.invoke = [handler = std::move(handler)](Call& call, ByteView raw) -> Status {
    Result<Args> args = ledger::Decode<Args>(raw);
    if (!args.ok()) return Status(errors::kBadArgs, args.status().ToString());
    return handler(call, *args);
  };
  def.args_from_json = [](const Json& j) -> Result<Bytes> {
    return ledger::CatchJson("args", [&]() -> Result<Bytes> {
      CBEC_ASSIGN_OR_RETURN(Args args, Args::FromJson(j));
      return ledger::Encode(args);
    });
  };
  def.args_to_json = [](ByteView raw) -> Result<Json> {
    Result<Args> args = ledger::Decode<Args>(raw);
    if (!args.ok()) return Status(errors::kBadArgs, args.status().ToString());
    return ledger::CatchJson("args", [&]() -> Result<Json> { return Json(args->ToJson()); });
  };
  methods_.emplace(std::move(name), std::move(def));
  return *this;
}

template <QueryArgs Args>
Contract& Contract::Query(std::string name, Visibility who,
                         std::function<Result<Json>(const QueryContext&, const Args&)> handler) {
  CheckNewName("query", name, queries_.count(name) != 0);
  QueryDef def{name, who, nullptr};
  def.run = [handler = std::move(handler)](const QueryContext& q, const Json& j) -> Result<Json> {
    Result<Args> args = ledger::CatchJson("args", [&] { return Args::FromJson(j); });
    if (!args.ok()) return Status(errors::kBadQueryArgs, args.status().ToString());
    return ledger::CatchJson("query", [&] { return handler(q, *args); });
  };
  queries_.emplace(std::move(name), std::move(def));
  return *this;
}

}  // namespace cbec::contracts
