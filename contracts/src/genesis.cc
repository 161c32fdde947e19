#include "cbec/contracts/genesis.h"

#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/ledger/json.h"

namespace cbec::contracts {

Result<WriteSet> InitGenesisState(const Registry& registry, const Json& app_state,
                                  crypto::Suite suite) {
  if (!app_state.is_object()) {
    return Status(errors::kBadGenesisSection, "app_state: expected a JSON object");
  }
  // nlohmann objects iterate in key order: the first unknown section is stable.
  for (auto it = app_state.begin(); it != app_state.end(); ++it) {
    const Contract* c = registry.Find(it.key());
    if (c == nullptr || !c->genesis()) {
      return Status(errors::kUnknownGenesisSection,
                    "app_state." + it.key() + ": no contract reads this section");
    }
  }
  MemStore empty;
  Overlay state(&empty);
  for (const Contract& c : registry.contracts()) {
    if (!c.genesis()) continue;
    auto it = app_state.find(c.name());
    const Json* section = it == app_state.end() ? nullptr : &*it;
    std::string path = "app_state." + c.name();
    CBEC_RETURN_IF_ERROR(
        ledger::CatchJson(path, [&] { return c.genesis()(section, path, suite, state); }));
  }
  return state.TakeChanges();
}

Result<WriteSet> InitGenesisState(const Registry& registry, const ledger::Genesis& genesis) {
  CBEC_ASSIGN_OR_RETURN(WriteSet writes,
                        InitGenesisState(registry, genesis.app_state, genesis.suite));
  // The genesis validator set is state too: proposals change it from there.
  // (Only a bare test genesis has none; ledger::Genesis::Load refuses that.)
  if (genesis.validators.size() == 0) return writes;
  writes[governance::ValidatorSetKey()] =
      ledger::Encode(governance::ValidatorSetRecord{genesis.validators, 0});
  return writes;
}

}  // namespace cbec::contracts
