// Lists state keys, record access and the subject summary.
#include <algorithm>

#include "cbec/contracts/errors.h"
#include "cbec/ledger/state_key.h"
#include "cbec/contracts/lists.h"
#include "cbec/contracts/lists_errors.h"
#include "cbec/contracts/lists_records.h"

namespace cbec::contracts::lists {

namespace {

ledger::KeyBuilder Table(std::string_view table) { return ledger::KeyBuilder(kContractName, table); }

}  // namespace

Bytes EntryKey(std::string_view id) { return Table("entry").Str(id).Build(); }
Bytes SubjectKey(std::string_view uscc) { return Table("subject").Str(uscc).Build(); }
Bytes BySubjectKey(std::string_view uscc, std::string_view id) {
  return Table("by_subject").Str(uscc).Str(id).Build();
}
Bytes BySubjectPrefix(std::string_view uscc) { return Table("by_subject").Str(uscc).Build(); }
Bytes ByIssuerKey(std::string_view org, uint64_t effective_ms, std::string_view id) {
  return Table("by_issuer").Str(org).U64(effective_ms).Str(id).Build();
}
Bytes ByIssuerPrefix(std::string_view org) { return Table("by_issuer").Str(org).Build(); }
Bytes ByTimeKey(uint64_t effective_ms, std::string_view id) {
  return Table("by_time").U64(effective_ms).Str(id).Build();
}
Bytes ByTimePrefix() { return Table("by_time").Build(); }
Bytes ByIssuerTimePrefix(std::string_view org, uint64_t effective_ms) {
  return Table("by_issuer").Str(org).U64(effective_ms).Build();
}
Bytes ByTimeTimePrefix(uint64_t effective_ms) { return Table("by_time").U64(effective_ms).Build(); }
Bytes SeqKey(std::string_view org) { return Table("seq").Str(org).Build(); }
Bytes ApplicationKey(std::string_view id, uint64_t seq) {
  return Table("applied").Str(id).U64(seq).Build();
}
Bytes ApplicationPrefix(std::string_view id) { return Table("applied").Str(id).Build(); }
Bytes CatalogueKey() { return Table("catalogue").Build(); }
Bytes CatalogueVersionKey(uint64_t version) {
  return Table("catalogue_version").U64(version).Build();
}

Result<std::optional<ListEntry>> LoadEntry(const StateView& state, std::string_view id) {
  return GetRecord<ListEntry>(state, EntryKey(id));
}

Result<ListEntry> RequireEntry(const StateView& state, std::string_view id) {
  CBEC_RETURN_IF_ERROR(ValidateEntryId(id));
  CBEC_ASSIGN_OR_RETURN(std::optional<ListEntry> entry, LoadEntry(state, id));
  if (!entry) return Status(errors::kUnknownEntry, "no list entry \"" + std::string(id) + "\"");
  return std::move(*entry);
}

Result<std::optional<SubjectRecord>> LoadSubject(const StateView& state, std::string_view uscc) {
  return GetRecord<SubjectRecord>(state, SubjectKey(uscc));
}

Result<Catalogue> LoadCatalogue(const StateView& state) {
  CBEC_ASSIGN_OR_RETURN(std::optional<Catalogue> c, GetRecord<Catalogue>(state, CatalogueKey()));
  if (!c) return Status(contracts::errors::kStateCorrupt, "no measure catalogue in state");
  return std::move(*c);
}

void StoreCatalogue(Overlay& state, const Catalogue& c) {
  PutRecord(state, CatalogueKey(), c);
  PutRecord(state, CatalogueVersionKey(c.version), c);
}

Result<std::vector<ListEntrySummary>> ActiveEntries(const StateView& state, std::string_view uscc,
                                                    uint64_t time_ms) {
  CBEC_ASSIGN_OR_RETURN(std::optional<SubjectRecord> rec, LoadSubject(state, uscc));
  std::vector<ListEntrySummary> out;
  if (!rec) return out;
  for (const SubjectEntry& e : rec->entries) {
    if (e.InForce(time_ms)) out.push_back({e.id, e.kind, e.severity, e.issuer_org, e.expires_ms});
  }
  std::sort(out.begin(), out.end(),
            [](const ListEntrySummary& a, const ListEntrySummary& b) { return a.id < b.id; });
  return out;
}

}  // namespace cbec::contracts::lists
