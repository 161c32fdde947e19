// The validator set as contract state: what ends an epoch.
#include "cbec/contracts/errors.h"
#include "cbec/contracts/governance.h"
#include "cbec/ledger/state_key.h"

namespace cbec::contracts::governance {

template <class Ar, class Self>
void ValidatorSetRecord::Codec(Ar& ar, Self& s) {
  ar.Object(s.set);
  ar.U64(s.changed_height);
}
template void ValidatorSetRecord::Codec(ledger::Writer&, const ValidatorSetRecord&);
template void ValidatorSetRecord::Codec(ledger::Reader&, ValidatorSetRecord&);

Bytes ValidatorSetKey() { return ledger::KeyBuilder(kContractName, "validator_set").Build(); }

Result<std::optional<ValidatorSetRecord>> LoadValidatorSet(const StateView& state) {
  return GetRecord<ValidatorSetRecord>(state, ValidatorSetKey());
}

void StoreValidatorSet(Overlay& state, const ValidatorSetRecord& record) {
  PutRecord(state, ValidatorSetKey(), record);
}

Result<std::optional<ledger::ValidatorSet>> ValidatorSetChange(const WriteSet& block_writes) {
  auto it = block_writes.find(ValidatorSetKey());
  if (it == block_writes.end()) return std::optional<ledger::ValidatorSet>();
  if (!it->second) {
    return Status(contracts::errors::kStateCorrupt, "a block deleted the validator set");
  }
  Result<ValidatorSetRecord> record = ledger::Decode<ValidatorSetRecord>(*it->second);
  if (!record.ok()) {
    return Status(contracts::errors::kStateCorrupt,
                  "written validator set: " + record.status().ToString());
  }
  return std::optional<ledger::ValidatorSet>(std::move(record->set));
}

}  // namespace cbec::contracts::governance
