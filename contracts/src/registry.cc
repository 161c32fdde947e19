#include "cbec/contracts/registry.h"

#include <algorithm>

#include "cbec/contracts/credit.h"
#include "cbec/contracts/clearance.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/contracts/ipr.h"
#include "cbec/contracts/lists.h"
#include "cbec/contracts/native.h"
#include "cbec/contracts/trace.h"

namespace cbec::contracts {

namespace {

bool SortedContains(const std::vector<std::string>& sorted, std::string_view s) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), s);
  return it != sorted.end() && *it == s;
}

const MethodDef* FindMethodIn(const Registry& registry, std::string_view contract,
                              std::string_view method, Status& error) {
  const Contract* c = registry.Find(contract);
  if (c == nullptr) {
    error = Status(errors::kUnknownContract, "no contract '" + std::string(contract) + "'");
    return nullptr;
  }
  const MethodDef* m = c->FindMethod(method);
  if (m == nullptr) {
    error = Status(errors::kUnknownMethod, "contract '" + std::string(contract) +
                                               "' has no method '" + std::string(method) + "'");
  }
  return m;
}

}  // namespace

bool ExecContext::HasRole(std::string_view role) const {
  return SortedContains(signer_roles, role);
}

bool QueryReader::HasRole(std::string_view role) const { return SortedContains(roles, role); }

bool Permission::Allows(const std::vector<std::string>& held) const {
  if (governance_only_) return false;
  if (any_account_) return true;
  return std::any_of(roles_.begin(), roles_.end(),
                     [&](const std::string& r) { return SortedContains(held, r); });
}

const MethodDef* Contract::FindMethod(std::string_view name) const {
  auto it = methods_.find(name);
  return it == methods_.end() ? nullptr : &it->second;
}

const QueryDef* Contract::FindQuery(std::string_view name) const {
  auto it = queries_.find(name);
  return it == queries_.end() ? nullptr : &it->second;
}

void Contract::CheckNewName(std::string_view kind, const std::string& name, bool duplicate) {
  if (!status_.ok()) return;
  Status s = ledger::ValidateMethodName(name);
  if (!s.ok()) {
    status_ = Status(cbec::errors::kInvalidArgument, name_ + ": " + s.message());
  } else if (duplicate) {
    status_ = Status(cbec::errors::kInvalidArgument,
                     name_ + ": duplicate " + std::string(kind) + " '" + name + "'");
  }
}

Status Registry::Add(Contract contract) {
  Status s = ledger::ValidateContractName(contract.name());
  if (!s.ok()) return Status(cbec::errors::kInvalidArgument, s.message());
  if (!contract.status().ok()) return contract.status();
  if (Find(contract.name()) != nullptr) {
    return Status(cbec::errors::kInvalidArgument, "duplicate contract '" + contract.name() + "'");
  }
  contracts_.push_back(std::move(contract));
  return Status::Ok();
}

const Contract* Registry::Find(std::string_view name) const {
  // A handful of contracts: a linear search in registration order.
  for (const Contract& c : contracts_) {
    if (c.name() == name) return &c;
  }
  return nullptr;
}

Result<Bytes> Registry::ArgsFromJson(std::string_view contract, std::string_view method,
                                     const Json& args) const {
  Status error;
  const MethodDef* m = FindMethodIn(*this, contract, method, error);
  if (m == nullptr) return error;
  return m->args_from_json(args);
}

Result<Json> Registry::ArgsToJson(std::string_view contract, std::string_view method,
                                  ByteView args) const {
  Status error;
  const MethodDef* m = FindMethodIn(*this, contract, method, error);
  if (m == nullptr) return error;
  return m->args_to_json(args);
}

Result<Registry> NativeRegistry() {
  Registry r;
  CBEC_RETURN_IF_ERROR(r.Add(governance::MakeContract()));
  CBEC_RETURN_IF_ERROR(r.Add(enterprise::MakeContract()));
  CBEC_RETURN_IF_ERROR(r.Add(credit::MakeContract()));
  CBEC_RETURN_IF_ERROR(r.Add(lists::MakeContract()));
  CBEC_RETURN_IF_ERROR(r.Add(ipr::MakeContract()));
  CBEC_RETURN_IF_ERROR(r.Add(trace::MakeContract()));
  CBEC_RETURN_IF_ERROR(r.Add(clearance::MakeContract()));
  return r;
}

}  // namespace cbec::contracts
